/*
 * Review (« Révision »): the questions a learner answered wrongly come back
 * on a Leitner schedule. A question is in one of five boxes; box b is asked
 * again 1, 2, 4, 8 or 16 days after its last answer. A wrong answer, in a
 * quiz or in review, puts it in box 1; a right answer in review moves it up
 * a box, and out of review from box 5. A right answer in an ordinary quiz
 * leaves the schedule as it is (a question not in review stays out of it).
 *
 * Each question in review is kept with a hash of its text and choices: a
 * question edited in the course since (or moved to another place in its
 * fiche) no longer matches and leaves review, rather than asking the learner
 * about what the course no longer says.
 *
 * The rule is pure (now is a parameter); the storage is the progress store's.
 */
#ifndef ADPA_REVIEW_H
#define ADPA_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"
#include "error.h"
#include "store.h"

#define ADPA_REVIEW_BOXES 5
#define ADPA_REVIEW_DAY 86400 /* seconds */

/* struct adpa_review_state (where a question stands) is in store.h, which
 * keeps it. */

/* Days from an answer to the next review of a question in box (1..5):
 * 1, 2, 4, 8, 16; 0 for a box out of that range. */
int adpa_review_days(int box);

/* The Leitner rule (an adpa_review_step_fn): the state after an answer given
 * at now to a question in state cur. in_review: the answer was given in a
 * review session (else in a quiz). */
struct adpa_review_state adpa_review_next(struct adpa_review_state cur, bool correct,
                                          bool in_review, int64_t now);

/* The hash a question is kept under (16 hex digits): its text and its
 * choices with their right/wrong flags. */
void adpa_review_hash(const struct adpa_question *q, char out[17]);

/* Records the answer to question k of fiche f, in one transaction with the
 * review schedule it implies. attempt > 0: an answer in that quiz attempt
 * (refused with ADPA_EFORMAT when question k is already answered there);
 * attempt 0: an answer in a review session, which changes only the review.
 * chosen[i] tells whether original choice i was picked; correct is the
 * grade (adpa_quiz_grade). course is the course's id. */
int adpa_review_record(struct adpa_store *s, int64_t learner, const char *course,
                       const struct adpa_fiche *f, size_t k, int64_t attempt, const bool *chosen,
                       bool correct, int64_t now, struct adpa_error *err);

/* A question due for review. */
struct adpa_review_item {
	const struct adpa_fiche *fiche; /* borrowed from the course */
	size_t question;                /* index in fiche->quiz */
	struct adpa_review_state state;
};

/* The questions of course c that learner has due at now (due <= now), the
 * longest due first; questions whose fiche is gone or whose text changed are
 * left out. *items is allocated (NULL when *n is 0); the caller frees it.
 * -1 with err filled on a store error (then *items is NULL, *n 0). */
int adpa_review_due(const struct adpa_course *c, struct adpa_store *s, int64_t learner, int64_t now,
                    struct adpa_review_item **items, size_t *n, struct adpa_error *err);

/* Every question of course c in learner's review, due or not, the soonest
 * due first (left out as in adpa_review_due): to review ahead of time
 * (Anki's custom study) and to tell when the next questions are due. An
 * answer given early moves the question as any answer in review does. */
int adpa_review_all(const struct adpa_course *c, struct adpa_store *s, int64_t learner,
                    struct adpa_review_item **items, size_t *n, struct adpa_error *err);

#endif
