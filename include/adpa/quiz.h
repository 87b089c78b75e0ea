/*
 * Quiz logic shared by every front end: shuffling choices per attempt,
 * grading by identity (never by screen position), and reading an answer
 * typed as numbers ("2", "1 3").
 */
#ifndef ADPA_QUIZ_H
#define ADPA_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"

/* Fills order[0..n) with a permutation of 0..n-1 drawn from seed (the same
 * seed gives the same order: a front end seeds it per attempt). With
 * shuffle false, the identity. */
void adpa_quiz_order(size_t n, uint64_t seed, bool shuffle, size_t *order);

/* chosen[i] tells whether original choice i was picked. True when the picked
 * set is exactly the set of correct choices. */
bool adpa_quiz_grade(const struct adpa_question *q, const bool *chosen);

/* Reads numbers 1..nshown separated by spaces or commas from line into
 * picked[] (indexes of shown choices). Returns the count of distinct numbers,
 * 0 for none, -1 for something that is not such a list (msg gets a reason:
 * a lowercase sentence in French, for the learner). A single-answer question
 * accepts exactly one number. */
int adpa_quiz_parse(const char *line, size_t nshown, bool multiple, bool *picked, char *msg,
                    size_t msgsize);

/* "0,2": the original indexes picked, as stored; and back. buf needs
 * 4 * nchoices bytes. */
void adpa_quiz_encode(const bool *chosen, size_t n, char *buf, size_t size);

/* Score in percent (rounded down) of correct out of total; 0 when total is 0. */
int adpa_quiz_percent(int correct, int total);

#endif
