/* adpa check [DIR]: strict validation of a course, gcc-style diagnostics. */
#include <stdio.h>

#include "cli.h"

int cmd_check(struct cli *cli)
{
	const char *dir = cli->nargs ? cli->args[0] : locate_course(cli);
	if (!dir) {
		cli_warn("no course found: pass a directory or --course DIR");
		return EXIT_FAIL;
	}
	struct adpa_diags diags = {0};
	struct adpa_error err = {0};
	struct adpa_course *c = adpa_course_load(dir, ADPA_LOAD_STRICT, &diags, &err);
	adpa_diags_sort(&diags);
	for (size_t i = 0; i < diags.n; i++)
		print_diag(stdout, &diags.v[i]);
	if (!c && !diags.errors) {
		struct adpa_diag d = {ADPA_SEV_ERROR, err.path, err.line, err.col, err.msg};
		print_diag(stdout, &d);
		diags.errors++;
	}
	print_clean(stdout, dir);
	printf(": %zu fiche%s, %zu error%s, %zu warning%s\n", c ? c->nfiches : 0,
	       c && c->nfiches == 1 ? "" : "s", diags.errors, diags.errors == 1 ? "" : "s",
	       diags.warnings, diags.warnings == 1 ? "" : "s");
	int rc = diags.errors ? EXIT_FAIL : EXIT_OK;
	adpa_diags_clear(&diags);
	adpa_course_free(c);
	return rc;
}
