/*
 * adpa export [--learner NAME | --all] --format csv|json: one row per learner
 * and fiche. CSV per RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled; UTF-8. The learner's note
 * and bookmarks go on the fiche's row: in CSV the note as it is (line breaks
 * kept inside the quoted field) and the bookmarks as "LINE:LABEL; LINE" by
 * line; in JSON the note (or null) and an array of {line, label, created}.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

static const char *const columns[] = {"learner",       "course",  "fiche",      "first_opened",
                                      "completed",     "seconds", "best_score", "attempts",
                                      "last_activity", "note",    "bookmarks"};
#define NCOLS (sizeof columns / sizeof columns[0])
#define NFIXED (NCOLS - 2) /* the fields row_fields formats */

static void csv_field(const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	fputs(last ? "\r\n" : ",", stdout);
}

/* The row's fields as strings, in the order of columns[]. */
static void row_fields(const struct adpa_export_row *r, char f[NFIXED][64])
{
	snprintf(f[0], 64, "%s", r->learner);
	snprintf(f[1], 64, "%s", r->course);
	snprintf(f[2], 64, "%s", r->fiche);
	format_time(r->first_opened, f[3], 64);
	format_time(r->completed, f[4], 64);
	snprintf(f[5], 64, "%d", r->seconds);
	if (r->best >= 0)
		snprintf(f[6], 64, "%d", r->best);
	else
		f[6][0] = '\0';
	snprintf(f[7], 64, "%d", r->attempts);
	format_time(r->last_activity, f[8], 64);
}

/* "12:label; 40" (caller frees). */
static char *csv_bookmarks(const struct adpa_export_row *r)
{
	struct buf b = {0};
	for (size_t i = 0; i < r->nbookmarks; i++) {
		const struct adpa_bookmark *m = &r->bookmarks[i];
		buf_printf(&b, "%s%d%s%s", i ? "; " : "", m->line, *m->label ? ":" : "", m->label);
	}
	return buf_detach(&b);
}

static int csv_row(const struct adpa_export_row *r, void *arg)
{
	(void)arg;
	char f[NFIXED][64];
	row_fields(r, f);
	/* learner names can be long: print those three from the row itself */
	csv_field(r->learner, false);
	csv_field(r->course, false);
	csv_field(r->fiche, false);
	for (size_t i = 3; i < NFIXED; i++)
		csv_field(f[i], false);
	csv_field(r->note ? r->note : "", false);
	char *marks = csv_bookmarks(r);
	csv_field(marks, true);
	free(marks);
	return 0;
}

static json_t *json_bookmarks(const struct adpa_export_row *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->nbookmarks; i++) {
		const struct adpa_bookmark *m = &r->bookmarks[i];
		char created[64];
		format_time(m->created, created, sizeof created);
		json_array_append_new(a, json_pack("{s:i, s:o, s:s}", "line", m->line, "label",
		                                   *m->label ? json_string(m->label) : json_null(),
		                                   "created", created));
	}
	return a;
}

static int json_row(const struct adpa_export_row *r, void *arg)
{
	char f[NFIXED][64];
	row_fields(r, f);
	json_t *o =
	    json_pack("{s:s, s:s, s:s, s:o, s:o, s:i, s:o, s:i, s:o, s:o, s:o}", "learner",
	              r->learner, "course", r->course, "fiche", r->fiche, "first_opened",
	              *f[3] ? json_string(f[3]) : json_null(), "completed",
	              *f[4] ? json_string(f[4]) : json_null(), "seconds", r->seconds, "best_score",
	              r->best >= 0 ? json_integer(r->best) : json_null(), "attempts", r->attempts,
	              "last_activity", *f[8] ? json_string(f[8]) : json_null(), "note",
	              r->note ? json_string(r->note) : json_null(), "bookmarks", json_bookmarks(r));
	json_array_append_new(arg, o);
	return 0;
}

int cmd_export(struct cli *cli)
{
	if (!cli->format)
		return usage_error(cli, "export needs --format csv or --format json");
	if (cli->all && cli->learner)
		return usage_error(cli, "--all and --learner exclude each other");
	struct adpa_store *s = open_store(cli, ADPA_STORE_READ_ONLY);
	if (!s)
		return EXIT_FAIL;
	const char *who = cli->all ? NULL : learner_name(cli);
	struct adpa_error err = {0};
	int rc;
	if (!strcmp(cli->format, "csv")) {
		for (size_t i = 0; i < NCOLS; i++)
			csv_field(columns[i], i + 1 == NCOLS);
		rc = adpa_store_export(s, who, csv_row, NULL, &err);
	} else {
		json_t *rows = json_array();
		rc = adpa_store_export(s, who, json_row, rows, &err);
		if (rc == 0) {
			json_dumpf(rows, stdout, JSON_INDENT(2));
			putchar('\n');
		}
		json_decref(rows);
	}
	if (rc < 0)
		fprintf(stderr, "%s: %s: %s\n", cli->argv0, adpa_store_path(s), err.msg);
	adpa_store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
