/*
 * Questions asked in plain lines, shared by adpa quiz and adpa review: the
 * output settings, the store and the learner of a session, and one question
 * from its display to its feedback.
 */
#ifndef ADPA_QUIZLINE_H
#define ADPA_QUIZLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

struct quizline {
	const char *argv0;
	bool ascii; /* signs in ASCII: the codeset is not UTF-8 */
	int width;
	struct adpa_store *store; /* NULL: answers are not saved */
	int64_t learner;
	bool shuffle;  /* choices in an order drawn per question */
	uint64_t seed; /* set by the command before the first question */
};

/* Output settings, the store opened read-write and the learner (created
 * when create is true). Without a store or a learner, store is NULL and
 * why was printed on stderr (a command that needs them stops; a quiz runs
 * unsaved). shuffle follows --no-shuffle, then the learner's setting. */
void quizline_open(struct quizline *ql, const struct cli *cli, bool create);
/* Closes the store. */
void quizline_close(struct quizline *ql);
/* Closes the store after a failure, saying « progression non enregistrée »
 * with why on stderr; the questions go on unsaved. */
void quizline_unsaved(struct quizline *ql, const char *why);

/* Prints text wrapped to the width, each line after indent. */
void quizline_wrap(const struct quizline *ql, const char *text, const char *indent);
/* The mark of a right (ok) or wrong choice or answer. */
const char *quizline_sign(const struct quizline *ql, bool ok);

/* Asks question k of fiche f as question i of n (naming the fiche when
 * name_fiche): shows it, reads the answer, grades it into *right, records it
 * (in attempt, or as a review answer when attempt is 0) and prints the
 * feedback. False at the end of input, before any answer. */
bool quizline_ask(struct quizline *ql, const char *course, const struct adpa_fiche *f, size_t k,
                  int64_t attempt, size_t i, size_t n, bool name_fiche, bool *right);

#endif
