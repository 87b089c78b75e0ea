/* adpa with no command: load the course leniently, then the interface. */
#include "../tui/tui.h"
#include "cli.h"

int cmd_tui(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct tui_opts o = {.mouse = !cli->no_mouse};
	int rc = tui_run(c, &o);
	adpa_course_free(c);
	return rc;
}
