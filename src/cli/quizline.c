/*
 * A question in plain lines, for screen readers and scripts (adpa quiz and
 * adpa review ask them the same way). Each choice on its own line as
 * "1) text"; the learner types the numbers of the chosen answers and Enter.
 * Feedback marks every choice with a sign and words, then the explanation.
 * Every answer is stored as it is given, with the review it implies, so
 * quitting (end of input, Ctrl-C) keeps the answers already given; a store
 * that fails is said once, and the questions go on unsaved.
 */
#include "quizline.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adpa/util.h>

static bool want_shuffle(const struct cli *cli, const struct quizline *ql)
{
	if (cli->no_shuffle)
		return false;
	if (!ql->store)
		return true;
	struct adpa_error err;
	char *v = adpa_store_get(ql->store, ql->learner, "shuffle", &err);
	bool on = !v || strcmp(v, "off") != 0;
	free(v);
	return on;
}

void quizline_open(struct quizline *ql, const struct cli *cli, bool create)
{
	const char *cs = nl_langinfo(CODESET);
	*ql = (struct quizline){.argv0 = cli->argv0, .width = output_width(cli, stdout)};
	ql->ascii = !(cs && !strcmp(cs, "UTF-8"));
	ql->store = open_store(cli, ADPA_STORE_READ_WRITE);
	struct adpa_error err = {0};
	/* the login name becomes a learner only when no one is named: said, so
	 * that on a shared account nobody answers under someone else's name */
	if (ql->store && create && !learner_given(cli) &&
	    adpa_store_learner(ql->store, learner_name(cli), false, 0, &err) == 0)
		cli_warn("nouvel apprenant «\xC2\xA0%s\xC2\xA0» (le nom de session)\xC2\xA0: "
		         "--learner NOM pour répondre sous un autre nom",
		         learner_name(cli));
	if (ql->store)
		ql->learner =
		    adpa_store_learner(ql->store, learner_name(cli), create, now_seconds(), &err);
	if (ql->store && ql->learner < 0)
		quizline_unsaved(ql, err.msg);
	ql->shuffle = want_shuffle(cli, ql);
}

void quizline_close(struct quizline *ql)
{
	adpa_store_close(ql->store);
	ql->store = NULL;
}

void quizline_unsaved(struct quizline *ql, const char *why)
{
	cli_warn("progression non enregistrée\xC2\xA0: %s", why);
	quizline_close(ql);
}

void quizline_wrap(const struct quizline *ql, const char *text, const char *indent)
{
	struct adpa_render_opts o = {.width = ql->width - (int)strlen(indent)};
	struct adpa_doc *d = adpa_render_text(text, 0, &o);
	for (size_t i = 0; i < d->nlines; i++)
		printf("%s%s\n", indent, d->lines[i].text);
	adpa_doc_free(d);
}

const char *quizline_sign(const struct quizline *ql, bool ok)
{
	return ok ? (ql->ascii ? "[v]" : "✓") : (ql->ascii ? "[x]" : "✗");
}

static void show(const struct quizline *ql, const struct adpa_fiche *f, size_t k,
                 const size_t *order, size_t i, size_t n, bool name_fiche)
{
	const struct adpa_question *qu = &f->quiz[k];
	printf("\nQuestion %zu/%zu%s\n", i + 1, n,
	       qu->ncorrect > 1 ? " — plusieurs réponses possibles" : " — une seule réponse");
	if (name_fiche)
		printf("Fiche\xC2\xA0: %s\n", f->title);
	quizline_wrap(ql, qu->question, "");
	for (size_t c = 0; c < qu->nchoices; c++) {
		printf("%zu) ", c + 1);
		struct adpa_render_opts o = {.width = ql->width - 3};
		struct adpa_doc *d = adpa_render_text(qu->choices[order[c]].text, 0, &o);
		for (size_t l = 0; l < d->nlines; l++)
			printf("%s%s\n", l ? "   " : "", d->lines[l].text);
		adpa_doc_free(d);
	}
}

/* Reads an answer (shown positions picked); false at the end of input. */
static bool read_answer(const struct adpa_question *qu, bool *picked)
{
	char line[256], msg[128];
	for (;;) {
		printf("Votre réponse (numéro%s, puis Entrée)\xC2\xA0: ",
		       qu->ncorrect > 1 ? "s" : "");
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin)) {
			putchar('\n');
			return false;
		}
		if (!isatty(STDIN_FILENO)) /* a transcript shows what was answered */
			fputs(line[0] && line[strlen(line) - 1] == '\n' ? line : "\n", stdout);
		int n =
		    adpa_quiz_parse(line, qu->nchoices, qu->ncorrect > 1, picked, msg, sizeof msg);
		if (n > 0)
			return true;
		printf("%s.\n", n < 0 ? msg : "aucune réponse choisie");
	}
}

static void feedback(const struct quizline *ql, const struct adpa_question *qu, const size_t *order,
                     const bool *chosen, bool right)
{
	printf("%s\n", right ? "Juste." : "Pas tout à fait.");
	for (size_t i = 0; i < qu->nchoices; i++) {
		size_t c = order[i];
		bool ok = qu->choices[c].correct;
		char *line = xasprintf(
		    "%s %zu) %s — %s%s", quizline_sign(ql, ok), i + 1, qu->choices[c].text,
		    ok ? "bonne réponse" : "mauvaise réponse", chosen[c] ? ", votre choix" : "");
		quizline_wrap(ql, line, "  ");
		free(line);
	}
	printf("Explication\xC2\xA0:\n");
	quizline_wrap(ql, qu->explanation, "  ");
}

bool quizline_ask(struct quizline *ql, const char *course, const struct adpa_fiche *f, size_t k,
                  int64_t attempt, size_t i, size_t n, bool name_fiche, bool *right)
{
	const struct adpa_question *qu = &f->quiz[k];
	size_t order[ADPA_MAX_CHOICES];
	bool picked[ADPA_MAX_CHOICES], chosen[ADPA_MAX_CHOICES] = {false};
	adpa_quiz_order(qu->nchoices, ql->seed + i, ql->shuffle, order);
	show(ql, f, k, order, i, n, name_fiche);
	if (!read_answer(qu, picked))
		return false;
	for (size_t c = 0; c < qu->nchoices; c++)
		chosen[order[c]] = picked[c];
	*right = adpa_quiz_grade(qu, chosen);
	struct adpa_error err = {0};
	if (ql->store && adpa_review_record(ql->store, ql->learner, course, f, k, attempt, chosen,
	                                    *right, now_seconds(), &err) < 0)
		quizline_unsaved(ql, err.msg);
	feedback(ql, qu, order, chosen, *right);
	return true;
}
