/*
 * The progress store: one SQLite file, shared by the learners of a machine.
 *
 * Every action is written when it happens, in its own transaction, so a
 * crash, a kill -9 or a lost SSH connection loses at most the action under
 * way. The schema is versioned by PRAGMA user_version and brought up to date
 * by an ordered list of migrations. The file is created private (0600, its
 * directory 0700), used in WAL mode with a busy timeout so that two adpa on
 * one file both work, and never overwritten, truncated or deleted: a file
 * that is not an adpa store, or is corrupt, is reported and left alone.
 *
 * Times are seconds since the epoch, passed in by the caller (the core reads
 * no clock). All SQL goes through prepared statements.
 */
#ifndef ADPA_STORE_H
#define ADPA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"
#include "error.h"

#define ADPA_STORE_VERSION 4 /* the schema version this adpa writes */

struct adpa_store;

enum adpa_store_mode {
	ADPA_STORE_READ_WRITE, /* creates the file (and its directory) if needed */
	ADPA_STORE_READ_ONLY   /* never writes; the file must exist */
};

/* Opens or creates path. NULL with err filled when it cannot: err->msg says
 * what is wrong and what to do. */
struct adpa_store *adpa_store_open(const char *path, enum adpa_store_mode mode,
				   struct adpa_error *err);
void adpa_store_close(struct adpa_store *s);
/* The path it was opened with. */
const char *adpa_store_path(const struct adpa_store *s);

/* For tests of the migrations: creates path at schema version v (0..current). */
int adpa_store_create_at(const char *path, int v, struct adpa_error *err);
/* The schema version of an open store. */
int adpa_store_version(struct adpa_store *s);

/* Learners. The id of name, created when create is true (else 0 when absent);
 * -1 on error. */
int64_t adpa_store_learner(struct adpa_store *s, const char *name, bool create, int64_t now,
			   struct adpa_error *err);
/* All learner names, sorted; the caller frees each and the array. */
int adpa_store_learners(struct adpa_store *s, char ***names, size_t *n, struct adpa_error *err);

/* Reading. Each call is one transaction. */
int adpa_store_opened(struct adpa_store *s, int64_t learner, const char *course,
		      const char *fiche, int64_t now, struct adpa_error *err);
/* Current position (a source line); furthest keeps the maximum. */
int adpa_store_position(struct adpa_store *s, int64_t learner, const char *course,
			const char *fiche, int line, int64_t now, struct adpa_error *err);
int adpa_store_add_time(struct adpa_store *s, int64_t learner, const char *course,
			const char *fiche, int seconds, int64_t now, struct adpa_error *err);
/* Marks read (done) or not; hash is the content read. */
int adpa_store_completed(struct adpa_store *s, int64_t learner, const char *course,
			 const char *fiche, bool done, const char *hash, int64_t now,
			 struct adpa_error *err);

struct adpa_progress {
	bool known; /* the learner has opened the fiche */
	int64_t first_opened, last_opened, completed; /* completed: 0 when not */
	int seconds;
	int position, furthest; /* source lines */
	char hash[65];          /* content hash when read, "" when none */
	int attempts;
	int best, last; /* quiz scores in percent, -1 without a finished attempt */
	int64_t last_activity;
};

int adpa_store_progress(struct adpa_store *s, int64_t learner, const char *course,
			const char *fiche, struct adpa_progress *out, struct adpa_error *err);

/* Quizzes. An attempt, then one answer per question, each its own
 * transaction; a second answer to the same question is refused (-1, code
 * ADPA_EFORMAT). The front ends record answers with adpa_review_record
 * (review.h), which also moves the question's review; adpa_store_answer
 * leaves the review alone. */
int64_t adpa_store_attempt(struct adpa_store *s, int64_t learner, const char *course,
			   const char *fiche, int questions, int64_t now, struct adpa_error *err);
int adpa_store_answer(struct adpa_store *s, int64_t attempt, int question, const char *chosen,
		      bool correct, int64_t now, struct adpa_error *err);
int adpa_store_finish(struct adpa_store *s, int64_t attempt, int64_t now, struct adpa_error *err);

/* An answer with its review (see review.h, whose adpa_review_record fills
 * this in for the front ends). */
struct adpa_answer {
	int64_t learner;
	const char *course, *fiche;
	int question;       /* its index in the fiche's quiz */
	const char *hash;   /* adpa_review_hash of the question */
	int64_t attempt;    /* the quiz attempt, or 0 for an answer in a review session */
	const char *chosen; /* as adpa_quiz_encode writes it (quiz answers only) */
	bool correct;
};
/* One transaction: the answer in its attempt (as adpa_store_answer, when
 * attempt > 0) and the question's review moved by adpa_review_next. */
int adpa_store_record(struct adpa_store *s, const struct adpa_answer *a, int64_t now,
		      struct adpa_error *err);

/* A question in review, as stored. */
struct adpa_review_row {
	const char *fiche, *hash; /* borrowed for the call */
	int question, box;
	int64_t due;
};
typedef int (*adpa_review_fn)(const struct adpa_review_row *row, void *arg);
/* Calls fn for each question of learner in course due at or before until,
 * by due time, then fiche and question; stops when fn returns non-zero. */
int adpa_store_review(struct adpa_store *s, int64_t learner, const char *course, int64_t until,
		      adpa_review_fn fn, void *arg, struct adpa_error *err);

/* Learner-wide values (the last fiche read, settings). value NULL deletes.
 * adpa_store_get returns a copy (caller frees) or NULL when absent. */
int adpa_store_set(struct adpa_store *s, int64_t learner, const char *key, const char *value,
		   struct adpa_error *err);
char *adpa_store_get(struct adpa_store *s, int64_t learner, const char *key,
		     struct adpa_error *err);

/* One row per learner and fiche the learner opened or answered. */
struct adpa_export_row {
	const char *learner, *course, *fiche;
	int64_t first_opened, completed, last_activity;
	int seconds, attempts, best; /* best -1 without a finished attempt */
};
typedef int (*adpa_export_fn)(const struct adpa_export_row *row, void *arg);
/* Calls fn for each row of learner (NULL: every learner), ordered by learner
 * then fiche; stops when fn returns non-zero. */
int adpa_store_export(struct adpa_store *s, const char *learner, adpa_export_fn fn, void *arg,
		      struct adpa_error *err);

/* A short hex digest of a fiche's bytes, to notice a fiche changed since read. */
void adpa_content_hash(const char *data, size_t len, char out[17]);

#endif
