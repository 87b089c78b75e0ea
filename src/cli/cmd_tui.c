/* adpa with no command: load the course leniently, open the progress store,
 * then the interface. A store that cannot be opened does not stop reading:
 * the interface says why progress is not saved. The search index's cache
 * path is only named here: the index is opened on the first search. */
#include <stdlib.h>

#include "../tui/tui.h"
#include "cli.h"

int cmd_tui(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	char *path = db_path(cli);
	char *cache = search_cache_path(c->dir);
	struct adpa_error err = {0};
	struct tui_opts o = {
	    .mouse = !cli->no_mouse,
	    .theme = (enum tui_theme)cli->theme,
	    .hyperlinks = (enum tui_hyperlinks)cli->hyperlinks,
	    .store = adpa_store_open(path, ADPA_STORE_READ_WRITE, &err),
	    .learner = learner_name(cli),
	    .learner_given = learner_given(cli),
	    .db_path = path,
	    .search_cache = cache,
	};
	if (!o.store) {
		o.store_error = err.msg;
		o.store_errcode = err.code;
	}
	int rc = tui_run(c, &o);
	free(path);
	free(cache);
	adpa_course_free(c);
	return rc;
}
