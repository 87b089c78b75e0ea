/*
 * Finding the course: --course DIR, then $ADPA_COURSE, then the installed data
 * directory, then the source tree's courses/audience-data when adpa runs from
 * its build directory (so build/adpa works before meson install).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool run_from_build_dir(void)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(ADPA_BUILD_DIR, build))
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return strcmp(exe, build) == 0;
}

const char *locate_course(const struct cli *cli)
{
	if (cli->course_dir)
		return cli->course_dir;
	const char *env = getenv("ADPA_COURSE");
	if (env && *env)
		return env;
	if (is_dir(ADPA_COURSE_INSTALLED))
		return ADPA_COURSE_INSTALLED;
	if (run_from_build_dir() && is_dir(ADPA_COURSE_SOURCE))
		return ADPA_COURSE_SOURCE;
	return NULL;
}

/* A diagnostic, gcc-style. The path is a file name from the course
 * directory and the message may quote its text: both are cleaned, so a file
 * named with ESC or OSC 52 shows as ^[ and moves nothing. */
void print_diag(FILE *fp, const struct adpa_diag *d)
{
	const char *sev = d->severity == ADPA_SEV_ERROR ? "error" : "warning";
	char *path = text_clean(d->path), *msg = text_clean(d->msg);
	if (d->line > 0)
		fprintf(fp, "%s:%d:%d: %s: %s\n", path, d->line, d->col > 0 ? d->col : 1, sev, msg);
	else
		fprintf(fp, "%s: %s: %s\n", path, sev, msg);
	free(path);
	free(msg);
}

struct adpa_course *open_course(const struct cli *cli, unsigned flags)
{
	const char *dir = locate_course(cli);
	if (!dir) {
		fprintf(stderr,
		        "%s: no course found: pass --course DIR or set ADPA_COURSE "
		        "(the bundled course is installed under %s)\n",
		        cli->argv0, ADPA_COURSE_INSTALLED);
		return NULL;
	}
	struct adpa_diags diags = {0};
	struct adpa_error err = {0};
	struct adpa_course *c = adpa_course_load(dir, flags, &diags, &err);
	adpa_diags_sort(&diags);
	for (size_t i = 0; i < diags.n; i++)
		if (c || diags.v[i].severity == ADPA_SEV_ERROR)
			print_diag(stderr, &diags.v[i]);
	if (!c && !diags.errors) {
		struct adpa_diag d = {ADPA_SEV_ERROR, err.path, err.line, err.col, err.msg};
		print_diag(stderr, &d);
	}
	if (!c)
		cli_warn("cannot load the course in %s (adpa check %s tells more)", dir, dir);
	adpa_diags_clear(&diags);
	return c;
}
