/*
 * adpa quiz ID [--no-shuffle]: a fiche's quiz in plain lines, for screen
 * readers and scripts. Each choice on its own line as "1) text"; the learner
 * types the numbers of the chosen answers and Enter. Feedback marks every
 * choice with a sign and words, then the explanation; the end gives the
 * score and a review. Every answer is stored as it is given, so quitting
 * (end of input, Ctrl-C) keeps the answers already given.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct quiz_run {
	const struct adpa_fiche *f;
	struct adpa_store *store; /* NULL: progress not saved */
	int64_t attempt;
	bool ascii;
	int width;
	bool *right; /* per question */
	bool (*chosen)[ADPA_MAX_CHOICES];
	size_t (*order)[ADPA_MAX_CHOICES];
};

static void wrap(const char *text, const char *indent, int width)
{
	struct adpa_render_opts o = {.width = width - (int)strlen(indent)};
	struct adpa_doc *d = adpa_render_text(text, 0, &o);
	for (size_t i = 0; i < d->nlines; i++)
		printf("%s%s\n", indent, d->lines[i].text);
	adpa_doc_free(d);
}

static void show_question(const struct quiz_run *q, size_t k)
{
	const struct adpa_question *qu = &q->f->quiz[k];
	printf("\nQuestion %zu/%zu%s\n", k + 1, q->f->nquiz,
	       qu->ncorrect > 1 ? " — plusieurs réponses possibles" : " — une seule réponse");
	wrap(qu->question, "", q->width);
	for (size_t i = 0; i < qu->nchoices; i++) {
		char num[24];
		snprintf(num, sizeof num, "%zu) ", i + 1);
		printf("%s", num);
		struct adpa_render_opts o = {.width = q->width - 3};
		struct adpa_doc *d = adpa_render_text(qu->choices[q->order[k][i]].text, 0, &o);
		for (size_t l = 0; l < d->nlines; l++)
			printf("%s%s\n", l ? "   " : "", d->lines[l].text);
		adpa_doc_free(d);
	}
}

/* Reads an answer; false at the end of input. */
static bool ask(const struct quiz_run *q, size_t k, bool *picked)
{
	const struct adpa_question *qu = &q->f->quiz[k];
	char line[256], msg[128];
	for (;;) {
		printf("Votre réponse (numéro%s, puis Entrée)\xC2\xA0: ", qu->ncorrect > 1 ? "s" : "");
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin)) {
			putchar('\n');
			return false;
		}
		if (!isatty(STDIN_FILENO)) /* a transcript shows what was answered */
			fputs(line[0] && line[strlen(line) - 1] == '\n' ? line : "\n", stdout);
		int n = adpa_quiz_parse(line, qu->nchoices, qu->ncorrect > 1, picked, msg, sizeof msg);
		if (n > 0)
			return true;
		printf("%s.\n", n < 0 ? msg : "aucune réponse choisie");
	}
}

static void feedback(const struct quiz_run *q, size_t k)
{
	const struct adpa_question *qu = &q->f->quiz[k];
	printf("%s\n", q->right[k] ? "Juste." : "Pas tout à fait.");
	for (size_t i = 0; i < qu->nchoices; i++) {
		size_t c = q->order[k][i];
		bool ok = qu->choices[c].correct, took = q->chosen[k][c];
		char *line = NULL;
		size_t n = 0;
		FILE *m = open_memstream(&line, &n);
		fprintf(m, "%s %zu) %s — %s%s", ok ? (q->ascii ? "[v]" : "✓") : (q->ascii ? "[x]" : "✗"),
			i + 1, qu->choices[c].text, ok ? "bonne réponse" : "mauvaise réponse",
			took ? ", votre choix" : "");
		fclose(m);
		wrap(line, "  ", q->width);
		free(line);
	}
	printf("Explication\xC2\xA0:\n");
	wrap(qu->explanation, "  ", q->width);
}

static void review(const struct quiz_run *q, size_t answered, int mastery)
{
	int correct = 0;
	for (size_t k = 0; k < answered; k++)
		correct += q->right[k];
	int pct = adpa_quiz_percent(correct, (int)q->f->nquiz);
	printf("\nScore\xC2\xA0: %d/%zu (%d\xC2\xA0%%). %s\n", correct, q->f->nquiz, pct,
	       pct >= mastery ? "Fiche maîtrisée." : "Pas encore maîtrisée.");
	printf("\nRécapitulatif\n");
	for (size_t k = 0; k < answered; k++) {
		const struct adpa_question *qu = &q->f->quiz[k];
		printf("%zu. %s %s\n", k + 1, q->right[k] ? (q->ascii ? "[v]" : "✓") : (q->ascii ? "[x]" : "✗"),
		       q->right[k] ? "juste" : "faux");
		wrap(qu->question, "   ", q->width);
		for (size_t c = 0; c < qu->nchoices; c++)
			if (qu->choices[c].correct)
				printf("   bonne réponse\xC2\xA0: %s\n", qu->choices[c].text);
	}
}

/* Stores the answer to question k; on failure says so once and goes on. */
static void record(struct quiz_run *q, size_t k, const char *argv0)
{
	if (!q->store)
		return;
	char enc[64];
	struct adpa_error err = {0};
	adpa_quiz_encode(q->chosen[k], q->f->quiz[k].nchoices, enc, sizeof enc);
	if (adpa_store_answer(q->store, q->attempt, (int)k, enc, q->right[k], now_seconds(), &err) < 0) {
		fprintf(stderr, "%s: progression non enregistrée: %s\n", argv0, err.msg);
		adpa_store_close(q->store);
		q->store = NULL;
	}
}

/* Opens the store and starts the attempt; NULL store (with a warning) when
 * progress cannot be saved: the quiz still runs. */
static void start(struct quiz_run *q, const struct cli *cli, const struct adpa_course *c)
{
	struct adpa_error err = {0};
	q->store = open_store(cli, ADPA_STORE_READ_WRITE);
	int64_t id = q->store ? adpa_store_learner(q->store, learner_name(cli), true, now_seconds(), &err)
			      : -1;
	if (id > 0)
		q->attempt = adpa_store_attempt(q->store, id, c->id, q->f->id, (int)q->f->nquiz,
						now_seconds(), &err);
	if (id <= 0 || q->attempt <= 0) {
		if (q->store)
			fprintf(stderr, "%s: %s\n", cli->argv0, err.msg);
		fprintf(stderr, "%s: progression non enregistrée\n", cli->argv0);
		adpa_store_close(q->store);
		q->store = NULL;
	}
}

static bool want_shuffle(const struct cli *cli, struct adpa_store *s)
{
	if (cli->no_shuffle)
		return false;
	if (!s)
		return true;
	struct adpa_error err;
	int64_t id = adpa_store_learner(s, learner_name(cli), false, 0, &err);
	char *v = id > 0 ? adpa_store_get(s, id, "shuffle", &err) : NULL;
	bool on = !v || strcmp(v, "off") != 0;
	free(v);
	return on;
}

int cmd_quiz(struct cli *cli)
{
	if (cli->nargs != 1) {
		fprintf(stderr, "usage: %s quiz ID [--no-shuffle]\n", cli->argv0);
		return EXIT_USAGE;
	}
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct quiz_run q = {.f = adpa_course_find(c, cli->args[0])};
	if (!q.f || !q.f->nquiz) {
		fprintf(stderr, "%s: %s \"%s\" (adpa list shows the fiches and their questions)\n",
			cli->argv0, q.f ? "no quiz in fiche" : "no fiche", cli->args[0]);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	const char *cs = nl_langinfo(CODESET);
	q.ascii = !(cs && !strcmp(cs, "UTF-8"));
	q.width = output_width(cli, stdout);
	q.right = calloc(q.f->nquiz, sizeof *q.right);
	q.chosen = calloc(q.f->nquiz, sizeof *q.chosen);
	q.order = calloc(q.f->nquiz, sizeof *q.order);
	if (!q.right || !q.chosen || !q.order)
		abort();
	start(&q, cli, c);
	bool shuffle = want_shuffle(cli, q.store);
	uint64_t seed = (uint64_t)now_seconds() * 2654435761u ^ (uint64_t)getpid() ^ (uint64_t)q.attempt;
	printf("Quiz — %s (%zu questions)\n", q.f->title, q.f->nquiz);
	size_t k;
	for (k = 0; k < q.f->nquiz; k++) {
		adpa_quiz_order(q.f->quiz[k].nchoices, seed + k, shuffle, q.order[k]);
		show_question(&q, k);
		bool picked[ADPA_MAX_CHOICES];
		if (!ask(&q, k, picked))
			break;
		for (size_t i = 0; i < q.f->quiz[k].nchoices; i++)
			q.chosen[k][q.order[k][i]] = picked[i];
		q.right[k] = adpa_quiz_grade(&q.f->quiz[k], q.chosen[k]);
		record(&q, k, cli->argv0);
		feedback(&q, k);
	}
	int rc = EXIT_OK;
	if (k == q.f->nquiz) {
		struct adpa_error err = {0};
		if (q.store && adpa_store_finish(q.store, q.attempt, now_seconds(), &err) < 0)
			fprintf(stderr, "%s: progression non enregistrée: %s\n", cli->argv0, err.msg);
		review(&q, k, c->mastery);
	} else {
		printf("Quiz interrompu après %zu question%s%s.\n", k, k > 1 ? "s" : "",
		       q.store && k ? " (réponses enregistrées)" : "");
		rc = EXIT_FAIL;
	}
	adpa_store_close(q.store);
	free(q.right);
	free(q.chosen);
	free(q.order);
	adpa_course_free(c);
	return rc;
}
