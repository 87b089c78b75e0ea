/*
 * adpa quiz ID [--no-shuffle]: a fiche's quiz in plain lines, for screen
 * readers and scripts. The questions are asked as quizline.c asks them (each
 * answer stored when given, with the review it implies, so quitting keeps
 * the answers already given); the end gives the score and a recap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <adpa/util.h>

#include "quizline.h"

static void summary(const struct quizline *ql, const struct adpa_fiche *f, const bool *right,
                    int mastery)
{
	int correct = 0;
	for (size_t k = 0; k < f->nquiz; k++)
		correct += right[k];
	int pct = adpa_quiz_percent(correct, (int)f->nquiz);
	printf("\nScore\xC2\xA0: %d/%zu (%d\xC2\xA0%%). %s\n", correct, f->nquiz, pct,
	       pct >= mastery ? "Fiche maîtrisée." : "Pas encore maîtrisée.");
	printf("\nRécapitulatif\n");
	for (size_t k = 0; k < f->nquiz; k++) {
		const struct adpa_question *qu = &f->quiz[k];
		printf("%zu. %s %s\n", k + 1, quizline_sign(ql, right[k]),
		       right[k] ? "juste" : "faux");
		quizline_wrap(ql, qu->question, "   ");
		for (size_t c = 0; c < qu->nchoices; c++)
			if (qu->choices[c].correct)
				printf("   bonne réponse\xC2\xA0: %s\n", qu->choices[c].text);
	}
}

/* Opens the store and starts the attempt (0 when progress cannot be saved,
 * said on stderr: the quiz still runs). */
static int64_t start(struct quizline *ql, const struct cli *cli, const struct adpa_course *c,
                     const struct adpa_fiche *f)
{
	quizline_open(ql, cli, true);
	if (!ql->store) {
		cli_warn("progression non enregistrée");
		return 0;
	}
	struct adpa_error err = {0};
	int64_t attempt = adpa_store_attempt(ql->store, ql->learner, c->id, f->id, (int)f->nquiz,
	                                     now_seconds(), &err);
	if (attempt <= 0) {
		quizline_unsaved(ql, err.msg);
		return 0;
	}
	return attempt;
}

int cmd_quiz(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	const struct adpa_fiche *f = adpa_course_find(c, cli->args[0]);
	if (!f || !f->nquiz) {
		const char *near = f ? NULL : closest_fiche(c, cli->args[0]);
		if (near)
			cli_warn("no fiche \"%s\" (did you mean %s?)", cli->args[0], near);
		else
			cli_warn("%s \"%s\" (adpa list shows the fiches and their questions)",
			         f ? "no quiz in fiche" : "no fiche", cli->args[0]);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	struct quizline ql;
	int64_t attempt = start(&ql, cli, c, f);
	bool *right = xcalloc(f->nquiz, sizeof *right);
	ql.seed = (uint64_t)now_seconds() * 2654435761u ^ (uint64_t)getpid() ^ (uint64_t)attempt;
	printf("Quiz — %s (%zu questions)\n", f->title, f->nquiz);
	size_t k;
	for (k = 0; k < f->nquiz; k++)
		if (!quizline_ask(&ql, c->id, f, k, attempt, k, f->nquiz, false, &right[k]))
			break;
	int rc = EXIT_OK;
	if (k == f->nquiz) {
		struct adpa_error err = {0};
		if (ql.store && adpa_store_finish(ql.store, attempt, now_seconds(), &err) < 0)
			quizline_unsaved(&ql, err.msg);
		summary(&ql, f, right, c->mastery);
		if (!ql.store) /* the quiz ran, but its result is not saved: say so by the status */
			rc = EXIT_FAIL;
	} else {
		printf("Quiz interrompu après %zu question%s%s.\n", k, k > 1 ? "s" : "",
		       ql.store && k ? " (réponses enregistrées)" : "");
		rc = EXIT_FAIL;
	}
	quizline_close(&ql);
	free(right);
	adpa_course_free(c);
	return rc;
}
