/* adpa progress [--learner NAME] [--json] [--db FILE]: the progress screen's
 * summary, as text or JSON; with --db, of a file read as a collected one. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static json_t *tally_json(const struct adpa_tally *t)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:o, s:I}", "fiches", (int)t->fiches, "read",
	                 (int)t->read, "mastered", (int)t->mastered, "with_quiz", (int)t->with_quiz,
	                 "quiz_mean", t->quiz_mean >= 0 ? json_integer(t->quiz_mean) : json_null(),
	                 "seconds", (json_int_t)t->seconds);
}

static json_t *score_json(int v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

static void print_json(const struct adpa_course *c, const char *name,
                       const struct adpa_summary *sum)
{
	json_t *rubrics = json_array(), *fiches = json_array();
	for (size_t r = 0; r < c->nrubrics; r++) {
		json_t *o = tally_json(&sum->rubrics[r]);
		json_object_set_new(o, "id", json_string(c->rubrics[r].id));
		json_object_set_new(o, "title", json_string(c->rubrics[r].title));
		json_array_append_new(rubrics, o);
	}
	for (size_t i = 0; i < c->nfiches; i++) {
		const struct adpa_fiche_state *st = &sum->fiches[i];
		char first[32], done[32], last[32];
		format_time(st->p.first_opened, first, sizeof first);
		format_time(st->p.completed, done, sizeof done);
		format_time(st->p.last_activity, last, sizeof last);
		json_array_append_new(
		    fiches,
		    json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:i, s:o, s:o, s:i, s:s, s:s, s:s}",
		              "id", st->fiche->id, "rubric", st->fiche->rubric, "status",
		              adpa_status_id(st->status), "updated", st->updated, "position",
		              st->p.position, "furthest", st->p.furthest, "seconds", st->p.seconds,
		              "best", score_json(st->p.best), "last", score_json(st->p.last),
		              "attempts", st->p.attempts, "first_opened", first, "completed", done,
		              "last_activity", last));
	}
	json_t *root = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "learner", name, "course", c->id,
	                         "mastery", c->mastery, "rubrics", rubrics, "total",
	                         tally_json(&sum->total), "fiches", fiches);
	json_dumpf(root, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(root);
}

static void pad(const char *s, int width)
{
	int w = adpa_text_width(s, strlen(s));
	printf("%s%*s", s, width > w ? width - w : 0, "");
}

static void print_tally(const char *label, const struct adpa_tally *t)
{
	char a[32], b[32], q[16];
	snprintf(a, sizeof a, "%zu/%zu", t->read, t->fiches);
	snprintf(b, sizeof b, "%zu/%zu", t->mastered, t->with_quiz);
	if (t->quiz_mean >= 0)
		snprintf(q, sizeof q, "%d\xC2\xA0%%", t->quiz_mean);
	else
		snprintf(q, sizeof q, "—");
	pad(label, 28);
	printf("  ");
	pad(a, 6);
	pad(b, 11);
	pad(q, 13);
	printf("%lld min\n", (long long)(t->seconds + 59) / 60);
}

static void print_text(const struct adpa_course *c, const char *name,
                       const struct adpa_summary *sum)
{
	printf("Progression de %s — %s (maîtrise à %d\xC2\xA0%%)\n\n", name, c->title, c->mastery);
	pad("Rubrique", 30);
	printf("Lues  Maîtrisées Moyenne quiz Temps\n");
	for (size_t r = 0; r < c->nrubrics; r++)
		print_tally(c->rubrics[r].title, &sum->rubrics[r]);
	print_tally("Total", &sum->total);
	printf("\n");
	pad("Fiche", 34);
	printf("Statut          Meilleur  Dernier  Essais  Temps\n");
	for (size_t i = 0; i < c->nfiches; i++) {
		const struct adpa_fiche_state *st = &sum->fiches[i];
		char best[16] = "—", last[16] = "—", status[64];
		if (st->p.best >= 0)
			snprintf(best, sizeof best, "%d\xC2\xA0%%", st->p.best);
		if (st->p.last >= 0)
			snprintf(last, sizeof last, "%d\xC2\xA0%%", st->p.last);
		snprintf(status, sizeof status, "%s%s", adpa_status_label(st->status),
		         st->updated ? ", mise à jour" : "");
		pad(st->fiche->id, 34);
		pad(status, 16);
		pad(best, 10);
		pad(last, 9);
		printf("%-7d %d min\n", st->p.attempts, (st->p.seconds + 59) / 60);
	}
}

int cmd_progress(struct cli *cli)
{
	if (cli->nargs) {
		fprintf(stderr, "%s: progress takes no operand\n", cli->argv0);
		return EXIT_USAGE;
	}
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	/* --db names a file to read, maybe collected from another laptop: read it
	 * as untrusted and never write it; the learner's own file is opened
	 * (and created) as the other commands do */
	struct adpa_error oerr = {0};
	struct adpa_store *s = cli->db ? adpa_store_open_foreign(cli->db, &oerr)
	                               : open_store(cli, ADPA_STORE_READ_WRITE);
	if (!s && cli->db)
		fprintf(stderr, "%s: %s: %s\n", cli->argv0, cli->db, oerr.msg);
	if (!s) {
		fprintf(stderr, "%s: progress is not available (see above)\n", cli->argv0);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	struct adpa_error err = {0};
	const char *name = learner_name(cli);
	int64_t id = adpa_store_learner(s, name, false, 0, &err);
	struct adpa_summary *sum = id >= 0 ? adpa_summary_new(c, s, id, true, &err) : NULL;
	int rc = EXIT_OK;
	if (!sum) {
		fprintf(stderr, "%s: %s: %s\n", cli->argv0, adpa_store_path(s), err.msg);
		rc = EXIT_FAIL;
	} else if (cli->json) {
		print_json(c, name, sum);
	} else {
		print_text(c, name, sum);
	}
	adpa_summary_free(sum);
	adpa_store_close(s);
	adpa_course_free(c);
	return rc;
}
