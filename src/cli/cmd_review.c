/*
 * adpa review [--due] [--no-shuffle]: the questions due for review (see
 * adpa/review.h), asked in plain lines exactly as adpa quiz asks them, each
 * under the title of its fiche; each answer moves its question between the
 * Leitner boxes as it is given. --due only prints how many questions are due
 * now (a number and a newline, for a shell prompt or a script).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "quizline.h"

/* Asks the n due items; returns how many were answered, *correct the right ones. */
static size_t ask_all(struct quizline *ql, const struct adpa_course *c,
                      const struct adpa_review_item *items, size_t n, int *correct)
{
	printf("Révision — %zu question%s à revoir\n", n, n > 1 ? "s" : "");
	*correct = 0;
	for (size_t i = 0; i < n; i++) {
		bool right;
		if (!quizline_ask(ql, c->id, items[i].fiche, items[i].question, 0, i, n, true,
		                  &right))
			return i;
		*correct += right;
	}
	return n;
}

int cmd_review(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct quizline ql;
	quizline_open(&ql, cli, false); /* no learner is created to count nothing */
	struct adpa_review_item *items = NULL;
	size_t n = 0;
	struct adpa_error err = {0};
	if (!ql.store ||
	    adpa_review_due(c, ql.store, ql.learner, now_seconds(), &items, &n, &err) < 0) {
		if (ql.store)
			cli_warn("%s: %s", adpa_store_path(ql.store), err.msg);
		quizline_close(&ql);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	int rc = EXIT_OK;
	if (cli->due) {
		printf("%zu\n", n);
	} else if (!n) {
		printf("Aucune question à revoir pour le moment.\n");
	} else {
		ql.seed = (uint64_t)now_seconds() * 2654435761u ^ (uint64_t)getpid();
		int correct;
		size_t done = ask_all(&ql, c, items, n, &correct);
		if (done == n && ql.store) {
			printf(
			    "\nRévision terminée\xC2\xA0: %d/%zu juste%s. Les questions manquées "
			    "reviennent demain, les justes plus tard.\n",
			    correct, n, correct > 1 ? "s" : "");
		} else if (done == n) { /* a save failed on the way (said on stderr) */
			printf("\nRévision terminée\xC2\xA0: %d/%zu juste%s, non enregistrée.\n",
			       correct, n, correct > 1 ? "s" : "");
			rc = EXIT_FAIL;
		} else {
			printf("Révision interrompue après %zu question%s%s.\n", done,
			       done > 1 ? "s" : "",
			       ql.store && done ? " (réponses enregistrées)" : "");
			rc = EXIT_FAIL;
		}
	}
	free(items);
	quizline_close(&ql);
	adpa_course_free(c);
	return rc;
}
