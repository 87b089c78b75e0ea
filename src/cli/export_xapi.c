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

/* The row of learner who in s, or -1 with the reason printed (an unknown
 * learner is an error: the trainer mistyped a name). */
static int64_t learner_row(struct adpa_store *s, const char *who)
{
	int64_t id;
	return learner_known(s, who, &id) == EXIT_OK ? id : -1;
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
