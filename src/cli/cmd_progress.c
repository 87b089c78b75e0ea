/*
 * adpa progress [--learner NAME] [--json] [--db FILE]: the progress screen's
 * summary, as text (the learner's name cleaned for the terminal) or JSON (the
 * shared vocabulary of adpa(1): "fiche", "rubric", "best", ISO 8601 dates or
 * null); with --db, of a file read as a collected one, where a learner the
 * file does not have is an error that lists the ones it has.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static json_t *tally_json(const struct adpa_tally *t)
{
	json_t *o = jok(json_object());
	jset(o, "fiches", json_integer((json_int_t)t->fiches));
	jset(o, "read", json_integer((json_int_t)t->read));
	jset(o, "mastered", json_integer((json_int_t)t->mastered));
	jset(o, "with_quiz", json_integer((json_int_t)t->with_quiz));
	jset(o, "quiz_mean", json_score(t->quiz_mean));
	jset(o, "seconds", json_integer((json_int_t)t->seconds));
	return o;
}

static json_t *fiche_json(struct json_out *out, const struct adpa_fiche_state *st)
{
	json_t *o = jok(json_object());
	jset(o, "fiche", json_text(out, JSON_ID, st->fiche->id));
	jset(o, "rubric", json_text(out, JSON_ID, st->fiche->rubric));
	jset(o, "status", json_string(adpa_status_id(st->status)));
	jset(o, "updated", json_boolean(st->updated));
	jset(o, "position", json_integer(st->p.position));
	jset(o, "furthest", json_integer(st->p.furthest));
	jset(o, "seconds", json_integer(st->p.seconds));
	jset(o, "best", json_score(st->p.best));
	jset(o, "last", json_score(st->p.last));
	jset(o, "attempts", json_integer(st->p.attempts));
	jset(o, "first_opened", json_time(st->p.first_opened));
	jset(o, "completed", json_time(st->p.completed));
	jset(o, "last_activity", json_time(st->p.last_activity));
	return o;
}

static int print_json(const struct adpa_course *c, const char *name, const struct adpa_summary *sum)
{
	struct json_out out = {0};
	json_t *root = json_root(), *rubrics = jok(json_array()), *fiches = jok(json_array());
	jset(root, "learner", json_text(&out, JSON_LEARNER, name));
	jset(root, "course", json_text(&out, JSON_ID, c->id));
	jset(root, "mastery", json_integer(c->mastery));
	for (size_t r = 0; r < c->nrubrics; r++) {
		json_t *o = tally_json(&sum->rubrics[r]);
		jset(o, "rubric", json_text(&out, JSON_ID, c->rubrics[r].id));
		jset(o, "title", json_text(&out, JSON_TEXT, c->rubrics[r].title));
		jpush(rubrics, o);
	}
	for (size_t i = 0; i < c->nfiches; i++)
		jpush(fiches, fiche_json(&out, &sum->fiches[i]));
	jset(root, "rubrics", rubrics);
	jset(root, "total", tally_json(&sum->total));
	jset(root, "fiches", fiches);
	return json_print(root, &out);
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
	char *who = text_clean(name);
	printf("Progression de %s — %s (maîtrise à %d\xC2\xA0%%)\n\n", who, c->title, c->mastery);
	free(who);
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
		cli_warn("%s: %s", cli->db, oerr.msg);
	if (!s) {
		cli_warn("progress is not available (see above)");
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	struct adpa_error err = {0};
	const char *name = learner_name(cli);
	int64_t id = 0;
	if (cli->db && learner_known(s, name, &id) != EXIT_OK) { /* a trainer's typo */
		adpa_store_close(s);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	if (!cli->db)
		id = adpa_store_learner(s, name, false, 0, &err);
	struct adpa_summary *sum = id >= 0 ? adpa_summary_new(c, s, id, true, &err) : NULL;
	int rc = EXIT_OK;
	if (!sum) {
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
		rc = EXIT_FAIL;
	} else if (cli->json) {
		rc = print_json(c, name, sum) < 0 ? EXIT_FAIL : EXIT_OK;
	} else {
		print_text(c, name, sum);
	}
	adpa_summary_free(sum);
	adpa_store_close(s);
	adpa_course_free(c);
	return rc;
}
