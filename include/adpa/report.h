/*
 * A workshop report: the progress files of several laptops read together,
 * for the trainer to see who struggles on what. Per learner (fiches read,
 * quizzes done, mean score and on how many quizzes it rests, time spent),
 * per fiche (readers, mean score over how many quizzes), per question of the
 * course (answers, facility index = share right, the most chosen wrong
 * answer).
 *
 * A learner is a key in one file (its id there) plus that file: two people
 * with the same name on two laptops stay two learners, and name_shared
 * tells the front end to say so. A "quiz" is a finished attempt; an attempt
 * left half-way counts for nothing. Answers to a question index the course
 * no longer has are ignored. Nothing here prints; names are as stored (the
 * front end cleans them).
 */
#ifndef ADPA_REPORT_H
#define ADPA_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"
#include "error.h"
#include "store.h"

struct adpa_report_learner {
	char *key;                     /* the learner's stable id (UUID), else its row id */
	char *name;                    /* as stored */
	char *source;                  /* the file it came from, as given */
	bool name_shared;              /* another learner of the report has the same name */
	size_t read;                   /* fiches read */
	size_t quizzes;                /* finished attempts */
	int mean;                      /* mean score of those, in percent; -1 when none */
	int64_t seconds;               /* time spent reading */
	struct adpa_progress *records; /* one per course fiche (adpa_summary_from) */
};

struct adpa_report_fiche {
	const struct adpa_fiche *fiche;
	size_t readers; /* learners who read it */
	size_t quizzes; /* finished attempts, every learner */
	int mean;       /* mean score of those; -1 when none */
};

struct adpa_report_question {
	const struct adpa_fiche *fiche;
	size_t index;          /* in the fiche's quiz */
	size_t answers, right; /* answers given in finished attempts, right ones */
	int facility;          /* right / answers in percent (rounded); -1 when none */
	char *wrong;           /* the most chosen wrong answer, encoded; NULL when none */
	size_t wrong_count;
};

struct adpa_report {
	const struct adpa_course *course;
	struct adpa_report_learner *learners; /* in the order read */
	size_t nlearners, cap_learners;
	struct adpa_report_fiche *fiches;       /* one per course fiche, in course order */
	struct adpa_report_question *questions; /* every question, in course order */
	size_t nquestions;
	size_t shared_names; /* names that more than one learner carries */
	const char *only;    /* the one learner name kept, or NULL: every learner */
	char **skipped;      /* with only: the other names met, sorted, each once */
	size_t nskipped;
	void *tallies; /* private: wrong answers counted while adding */
};

/* An empty report over course c (borrowed: it must outlive the report).
 * only: keep just the learners of that name (in every file; the figures per
 * fiche and question are then theirs), NULL for all. Both borrowed. */
struct adpa_report *adpa_report_new(const struct adpa_course *c, const char *only);
/* Adds every learner of s (opened with adpa_store_open_foreign), source
 * naming the file. On error (err filled) the file's learners read so far
 * stay in the report. */
int adpa_report_add(struct adpa_report *r, struct adpa_store *s, const char *source,
                    struct adpa_error *err);
/* Computes the means, the facility, the most chosen wrong answers and the
 * shared names; call once, after the last adpa_report_add. */
void adpa_report_finish(struct adpa_report *r);
void adpa_report_free(struct adpa_report *r);

/* The text of an encoded answer ("0,2") to q: its choices' texts joined by
 * " + "; an index q does not have shows as "?". Caller frees. */
char *adpa_report_answer_text(const struct adpa_question *q, const char *encoded);

#endif
