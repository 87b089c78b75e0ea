/*
 * A learner's progress over a course, as the progress screen, adpa progress
 * and adpa report show it: a status per fiche, and per rubric the fiches read
 * and mastered, the quiz average and the time spent.
 */
#ifndef ADPA_PROGRESS_H
#define ADPA_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"
#include "store.h"

enum adpa_status {
	ADPA_NOT_STARTED, /* « non commencée » */
	ADPA_IN_PROGRESS, /* « en cours » */
	ADPA_READ,        /* « lue » */
	ADPA_MASTERED     /* « maîtrisée »: best quiz score at the course's mastery */
};

/* "non commencée", "en cours", "lue", "maîtrisée". */
const char *adpa_status_label(enum adpa_status s);
/* "not_started", "in_progress", "read", "mastered" (for JSON and CSV). */
const char *adpa_status_id(enum adpa_status s);

struct adpa_fiche_state {
	const struct adpa_fiche *fiche;
	struct adpa_progress p;
	enum adpa_status status;
	bool updated; /* read, and the fiche changed since (« mis à jour ») */
};

struct adpa_tally {
	size_t fiches, read, mastered, with_quiz, scored;
	int quiz_mean; /* mean of best scores over scored fiches; -1 when none */
	int64_t seconds;
};

struct adpa_summary {
	struct adpa_fiche_state *fiches; /* one per course fiche, in course order */
	struct adpa_tally *rubrics;      /* one per course rubric */
	struct adpa_tally total;
};

/* Computes the summary of learner (an id from adpa_store_learner). With
 * check_updates, reads each read fiche to tell whether it changed since.
 * Free with adpa_summary_free(). NULL with err filled on a store error. */
struct adpa_summary *adpa_summary_new(const struct adpa_course *c, struct adpa_store *s,
                                      int64_t learner, bool check_updates, struct adpa_error *err);
void adpa_summary_free(struct adpa_summary *sum);

/* The same from progress records given by the caller, one per course fiche in
 * course order (for adpa report, which merges several files). */
struct adpa_summary *adpa_summary_from(const struct adpa_course *c,
                                       const struct adpa_progress *records);

/* Folds b into a: the union of two records of one learner and fiche (read if
 * read in either, best score of both, times and attempts added). */
void adpa_progress_merge(struct adpa_progress *a, const struct adpa_progress *b);

/* The status of one fiche from its progress record. */
enum adpa_status adpa_fiche_status(const struct adpa_course *c, const struct adpa_fiche *f,
                                   const struct adpa_progress *p);

#endif
