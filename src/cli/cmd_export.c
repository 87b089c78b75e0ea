/*
 * adpa export [--learner NAME | --all] --format csv|json: one row per learner
 * and fiche. CSV per RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled; UTF-8. The learner's note
 * and bookmarks go on the fiche's row: in CSV the note as it is (line breaks
 * kept inside the quoted field) and the bookmarks as "LINE:LABEL; LINE" by
 * line; in JSON the note (or null) and an array of {line, label, created}.
 * A CSV cell that a spreadsheet would take for a formula (= + - @ TAB CR
 * first) is prefixed with a quote; on a terminal, cells are cleaned of
 * control characters. JSON is {"format": 1, "rows": [...]}; invalid UTF-8 in
 * a name, note or label is repaired (U+FFFD) and said on stderr, never
 * dropped (output.c).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adpa/util.h>

#include "cli.h"

static const char *const columns[] = {"learner",      "learner_id",    "course",  "fiche",
                                      "first_opened", "completed",     "seconds", "best",
                                      "attempts",     "last_activity", "note",    "bookmarks"};
#define NCOLS (sizeof columns / sizeof columns[0])

struct csv {
	bool tty; /* stdout is a terminal: cells cleaned of control characters */
};

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
	const struct csv *o = arg;
	char first[32], done[32], last[32], secs[16], best[16] = "", att[16];
	format_time(r->first_opened, first, sizeof first);
	format_time(r->completed, done, sizeof done);
	format_time(r->last_activity, last, sizeof last);
	snprintf(secs, sizeof secs, "%d", r->seconds);
	if (r->best >= 0)
		snprintf(best, sizeof best, "%d", r->best);
	snprintf(att, sizeof att, "%d", r->attempts);
	char *marks = csv_bookmarks(r);
	const char *cells[NCOLS] = {
	    r->learner, r->learner_id,          r->course, r->fiche, first, done, secs, best, att,
	    last,       r->note ? r->note : "", marks};
	for (size_t i = 0; i < NCOLS; i++)
		csv_cell(stdout, cells[i], i + 1 == NCOLS, o->tty);
	free(marks);
	return 0;
}

struct json_rows {
	json_t *rows;
	struct json_out out;
};

static json_t *json_bookmarks(struct json_out *out, const struct adpa_export_row *r)
{
	json_t *a = jok(json_array());
	for (size_t i = 0; i < r->nbookmarks; i++) {
		const struct adpa_bookmark *m = &r->bookmarks[i];
		json_t *o = jok(json_object());
		jset(o, "line", json_integer(m->line));
		jset(o, "label", *m->label ? json_text(out, JSON_LABEL, m->label) : json_null());
		jset(o, "created", json_time(m->created));
		jpush(a, o);
	}
	return a;
}

static int json_row(const struct adpa_export_row *r, void *arg)
{
	struct json_rows *j = arg;
	json_t *o = jok(json_object());
	jset(o, "learner", json_text(&j->out, JSON_LEARNER, r->learner));
	jset(o, "learner_id", json_text(&j->out, JSON_ID, r->learner_id));
	jset(o, "course", json_text(&j->out, JSON_ID, r->course));
	jset(o, "fiche", json_text(&j->out, JSON_ID, r->fiche));
	jset(o, "first_opened", json_time(r->first_opened));
	jset(o, "completed", json_time(r->completed));
	jset(o, "seconds", json_integer(r->seconds));
	jset(o, "best", json_score(r->best));
	jset(o, "attempts", json_integer(r->attempts));
	jset(o, "last_activity", json_time(r->last_activity));
	jset(o, "note", json_text_or_null(&j->out, JSON_NOTE, r->note));
	jset(o, "bookmarks", json_bookmarks(&j->out, r));
	jpush(j->rows, o);
	return 0;
}

int cmd_export(struct cli *cli)
{
	if (!cli->format)
		return usage_error(cli, "export needs --format csv, json or xapi");
	if (cli->all && cli->learner)
		return usage_error(cli, "--all and --learner exclude each other");
	struct adpa_store *s = open_store(cli, ADPA_STORE_READ_ONLY);
	if (!s)
		return EXIT_FAIL;
	const char *who = cli->all ? NULL : learner_name(cli);
	int64_t id;
	if (cli->learner && learner_known(s, who, &id) != EXIT_OK) { /* not an empty export */
		adpa_store_close(s);
		return EXIT_FAIL;
	}
	struct adpa_error err = {0};
	bool write_failed = false;
	int rc;
	if (!strcmp(cli->format, "xapi")) {
		rc = export_xapi(cli, s, who);
		adpa_store_close(s);
		return rc;
	}
	if (!strcmp(cli->format, "csv")) {
		struct csv o = {.tty = isatty(STDOUT_FILENO)};
		for (size_t i = 0; i < NCOLS; i++)
			csv_cell(stdout, columns[i], i + 1 == NCOLS, false);
		rc = adpa_store_export(s, who, csv_row, &o, &err);
	} else {
		struct json_rows j = {.rows = jok(json_array())};
		rc = adpa_store_export(s, who, json_row, &j, &err);
		if (rc == 0) {
			json_t *root = json_root();
			jset(root, "rows", j.rows);
			if (json_print(root, &j.out) < 0)
				write_failed = true;
		} else {
			json_decref(j.rows);
		}
	}
	if (rc < 0)
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
	adpa_store_close(s);
	return rc < 0 || write_failed ? EXIT_FAIL : EXIT_OK;
}
