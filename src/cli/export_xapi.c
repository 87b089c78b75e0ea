/*
 * adpa export --format xapi: the progress file's xAPI 1.0.3 statements as
 * one JSON array, for an offline transfer to a Learning Record Store (its
 * POST /statements takes such an array as it is). Read-only: a statement
 * already queued for adpa sync is written as queued, so the file and the
 * LRS never disagree on an id; the others are built from the course.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "adpa/xapi.h"
#include "cli.h"

static int add(const struct adpa_outbox_item *it, void *arg)
{
	json_t *st = json_loads(it->statement, 0, NULL);
	if (!st)
		return 1; /* only adpa writes the outbox: a broken row stops the export */
	json_array_append_new(arg, st);
	return 0;
}

/* "ana, bob" (cli_warn cleans them for the terminal); caller frees. */
static char *known_names(struct adpa_store *s)
{
	struct adpa_learner_info *v = NULL;
	size_t n = 0;
	struct buf b = {0};
	buf_adds(&b, "");
	if (adpa_store_learner_list(s, &v, &n, NULL) == 0)
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", v[i].name);
	free(v);
	return buf_detach(&b);
}

/* The row of learner who in s, or -1 with the reason printed (an unknown
 * learner is an error: the trainer mistyped a name). */
static int64_t learner_row(struct adpa_store *s, const char *who)
{
	struct adpa_error err = {0};
	int64_t id = adpa_store_learner(s, who, false, 0, &err);
	if (id > 0)
		return id;
	if (id < 0) {
		cli_warn("%s", err.msg);
		return -1;
	}
	char *names = known_names(s);
	cli_warn("%s: pas d’apprenant «\xC2\xA0%s\xC2\xA0» dans ce fichier (%s%s)",
	         adpa_store_path(s), who, *names ? "apprenants\xC2\xA0: " : "aucun apprenant",
	         names);
	free(names);
	return -1;
}

int export_xapi(struct cli *cli, struct adpa_store *s, const char *who)
{
	int64_t learner = who ? learner_row(s, who) : 0;
	if (learner < 0)
		return EXIT_FAIL;
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	json_t *all = json_array();
	struct adpa_error err = {0};
	int rc = adpa_xapi_each(s, c, learner, add, all, &err);
	if (rc == 0) {
		json_dumpf(all, stdout, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(4));
		putchar('\n');
	} else {
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
	}
	json_decref(all);
	adpa_course_free(c);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
