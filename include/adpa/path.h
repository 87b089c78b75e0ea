/*
 * Paths (« parcours »): what a learner's own path needs beyond the store
 * (store.h keeps the paths): the prerequisites a fiche brings with it, and the filters that
 * pick fiches in a list (level, keyword, duration, status). Pure functions
 * of the course: no store, no clock.
 */
#ifndef ADPA_PATH_H
#define ADPA_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "course.h"
#include "progress.h"

/* The prerequisites of add (its requires, transitively) that are neither in
 * have[0..nhave) (fiche ids) nor add itself, each once, every fiche after
 * the ones it requires (depth first, in the order requires lists them).
 * Unknown ids and cycles are skipped. Returns how many; *out (borrowed
 * fiches, the array the caller frees) is NULL when none. */
size_t adpa_path_missing(const struct adpa_course *c, const char *const *have, size_t nhave,
                             const struct adpa_fiche *add, const struct adpa_fiche ***out);

/* A list filter; every part set must match. */
struct adpa_filter {
	int level;       /* an enum adpa_level, or -1: any */
	int status;      /* an enum adpa_status, or -1: any */
	int max_minutes; /* 0: any duration */
	char *word;      /* folded, matched in the title and keywords; NULL: any */
};

/* Reads a filter from words typed by the learner, in any order:
 * « débutant », « intermédiaire », « avancé » (accents optional); « nouvelle »
 * (or « non-commencée »), « en-cours » (or « en cours »), « lue », « maîtrisée »;
 * a duration « 10 », « 10min », « <=10 »; anything else is the keyword (the
 * remaining words, together). Empty text: no filter. Free with
 * adpa_filter_clear(). */
void adpa_filter_parse(const char *text, struct adpa_filter *f);
void adpa_filter_clear(struct adpa_filter *f);
/* True when the filter lets everything through. */
bool adpa_filter_empty(const struct adpa_filter *f);
bool adpa_filter_match(const struct adpa_filter *f, const struct adpa_fiche *fi,
                       enum adpa_status status);
/* The filter in words, for the screen: « débutant · ≤ 10 min · « tableau » ». */
void adpa_filter_describe(const struct adpa_filter *f, char *buf, size_t n);

#endif
