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
