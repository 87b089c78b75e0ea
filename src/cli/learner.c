/*
 * Where progress goes and whose it is: the progress file (--db, $ADPA_DB,
 * $XDG_DATA_HOME/adpa/progress.db, ~/.local/share/adpa/progress.db) and the
 * learner (--learner, $ADPA_LEARNER, the login name). The front ends read the
 * environment here so that the core never does.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adpa/util.h>

#include "cli.h"

char *db_path(const struct cli *cli)
{
	if (cli->db)
		return xstrdup(cli->db);
	const char *env = getenv("ADPA_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/";
	}
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/adpa/progress.db", xdg);
	return xasprintf("%s/.local/share/adpa/progress.db", home);
}

const char *learner_name(const struct cli *cli)
{
	if (cli->learner && *cli->learner)
		return cli->learner;
	const char *env = getenv("ADPA_LEARNER");
	if (env && *env)
		return env;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	env = getenv("USER");
	return env && *env ? env : "apprenant";
}

bool learner_given(const struct cli *cli)
{
	const char *env = getenv("ADPA_LEARNER");
	return (cli->learner && *cli->learner) || (env && *env);
}

struct adpa_store *open_store(const struct cli *cli, enum adpa_store_mode mode)
{
	char *path = db_path(cli);
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open(path, mode, &err);
	if (!s)
		cli_warn("%s: %s", path, err.msg);
	else if (adpa_store_warning(s))
		cli_warn("%s: attention\xC2\xA0: %s", path, adpa_store_warning(s));
	free(path);
	return s;
}

int64_t now_seconds(void)
{
	const char *fake = getenv("ADPA_NOW"); /* tests inject the clock: see adpa(1) */
	if (fake && *fake)
		return strtoll(fake, NULL, 10);
	return (int64_t)time(NULL);
}

void format_time(int64_t t, char *buf, size_t size)
{
	if (t <= 0) {
		buf[0] = '\0';
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int unknown_learner(const char *name, const char *const *known, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n && i < 50; i++)
		buf_printf(&b, "%s« %s »", i ? ", " : "", known[i]);
	if (n > 50)
		buf_printf(&b, " et %zu autres", n - 50);
	if (n)
		cli_warn("apprenant inconnu « %s » ; apprenants connus : %s", name, b.p);
	else
		cli_warn("apprenant inconnu « %s » ; le fichier n’a aucun apprenant", name);
	buf_free(&b);
	return EXIT_FAIL;
}

int learner_known(struct adpa_store *s, const char *name, int64_t *id)
{
	struct adpa_error err = {0};
	*id = adpa_store_learner(s, name, false, 0, &err);
	if (*id > 0)
		return EXIT_OK;
	char **names = NULL;
	size_t n = 0;
	if (*id < 0 || adpa_store_learners(s, &names, &n, &err) < 0) {
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
		return EXIT_FAIL;
	}
	unknown_learner(name, (const char *const *)names, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return EXIT_FAIL;
}
