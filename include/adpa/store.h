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

#define ADPA_STORE_VERSION 8 /* the schema version this adpa writes */

struct adpa_store;

enum adpa_store_mode {
	ADPA_STORE_READ_WRITE, /* creates the file (and its directory) if needed */
	ADPA_STORE_READ_ONLY   /* never writes; the file must exist */
};

/* Opens or creates path. NULL with err filled when it cannot: err->msg says
 * what is wrong and what to do, in French. Read-write: the file is created
 * 0600 when missing; a symbolic link or a file that is not regular is
 * refused; an existing file (or -wal, -shm) others can read is made 0600 and
 * adpa_store_warning says so. Two adpa opening a new file at once both get a
 * working store (the checks and the migration are one IMMEDIATE transaction,
 * retried while the file is busy). */
struct adpa_store *adpa_store_open(const char *path, enum adpa_store_mode mode,
                                   struct adpa_error *err);

#define ADPA_STORE_FOREIGN_SIZE (64 << 20) /* bytes: a larger collected file is refused */
#define ADPA_STORE_FOREIGN_LEARNERS 1000   /* learners read from one collected file, at most */

/* Opens a collected progress file (another laptop's, a USB stick's) to read
 * it as untrusted input: read-only and immutable (nothing is written or
 * created beside it, so read-only places and other users' readable files
 * work), defensive, untrusted schema, views and triggers off, length limits, a
 * work budget per statement and a small cache. The file must be a regular
 * file of at most ADPA_STORE_FOREIGN_SIZE bytes, adpa's (application_id), at
 * the current schema version, and its schema exactly the one adpa creates
 * (real tables with the expected columns, nothing else). NULL with err
 * filled otherwise: « pas un fichier de progression adpa (…) », « fichier de
 * progression trop gros … », « … corrompu … ». A file copied while adpa ran on
 * it is read as of its last checkpoint (what sits in its -wal is not seen).
 * The result is an ordinary read-only store: every reading function works,
 * every writing one fails. */
struct adpa_store *adpa_store_open_foreign(const char *path, struct adpa_error *err);

/* Writes a consistent copy of s (what every committed transaction wrote,
 * including what still sits in the -wal) to target as one standalone file,
 * created 0600, that adpa_store_open_foreign reads. An existing target is
 * refused (« le fichier existe déjà … ») unless overwrite; then the copy
 * replaces it only once complete. A failure leaves no partial copy. */
int adpa_store_snapshot(struct adpa_store *s, const char *target, bool overwrite,
                        struct adpa_error *err);

void adpa_store_close(struct adpa_store *s);
/* The path it was opened with. */
const char *adpa_store_path(const struct adpa_store *s);
/* What the opening did that the learner should know (a mode made private),
 * or NULL. Borrowed from s. */
const char *adpa_store_warning(const struct adpa_store *s);

/* For tests of the migrations: creates path at schema version v (0..current). */
int adpa_store_create_at(const char *path, int v, struct adpa_error *err);
/* The schema version of an open store. */
int adpa_store_version(struct adpa_store *s);

/* Learners. The id of name, created when create is true (else 0 when absent);
 * -1 on error. name is normalised first (adpa_learner_name_clean, learner.h:
 * an empty name is an error), and a new learner gets a random UUID. */
int64_t adpa_store_learner(struct adpa_store *s, const char *name, bool create, int64_t now,
                           struct adpa_error *err);
/* All learner names, sorted; the caller frees each and the array. On a
 * collected file, more than ADPA_STORE_FOREIGN_LEARNERS is an error. */
int adpa_store_learners(struct adpa_store *s, char ***names, size_t *n, struct adpa_error *err);

/* Reading. Each call is one transaction. */
int adpa_store_opened(struct adpa_store *s, int64_t learner, const char *course, const char *fiche,
                      int64_t now, struct adpa_error *err);
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
	bool known;                                   /* the learner has opened the fiche */
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

/* Where a question stands in review (review.h has the rule): box
 * 1..ADPA_REVIEW_BOXES and when it is due, or box 0 (due 0) when it is not in
 * review. */
struct adpa_review_state {
	int box;
	int64_t due; /* seconds since the epoch; 0 when not in review */
};
/* A review rule: the state after an answer given at now to a question in
 * state cur; in_review tells that it was given in a review session (else in
 * a quiz). review.h's adpa_review_next is the one adpa uses. */
typedef struct adpa_review_state (*adpa_review_step_fn)(struct adpa_review_state cur, bool correct,
                                                        bool in_review, int64_t now);

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
	adpa_review_step_fn step; /* moves the review; NULL leaves it alone */
};
/* One transaction: the answer in its attempt (as adpa_store_answer, when
 * attempt > 0) and the question's review moved by a->step. */
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

/* Quiz results, for a trainer's report. A finished attempt: fiche,
 * questions, correct (question -1, chosen NULL); an answer given in a
 * finished attempt: fiche, question (its index), chosen (as
 * adpa_quiz_encode wrote it), correct (1 or 0). Borrowed for the call. */
struct adpa_result_row {
	const char *fiche;
	int question, questions, correct;
	const char *chosen;
};
typedef int (*adpa_result_fn)(const struct adpa_result_row *r, void *arg);
/* Calls fn for each finished attempt of learner in course, oldest first. */
int adpa_store_results(struct adpa_store *s, int64_t learner, const char *course, adpa_result_fn fn,
                       void *arg, struct adpa_error *err);
/* Calls fn for each answer given in a finished attempt of learner in course. */
int adpa_store_result_answers(struct adpa_store *s, int64_t learner, const char *course,
                              adpa_result_fn fn, void *arg, struct adpa_error *err);

/* Learner-wide values (the last fiche read, settings). value NULL deletes.
 * adpa_store_get returns a copy (caller frees) or NULL when absent. */
int adpa_store_set(struct adpa_store *s, int64_t learner, const char *key, const char *value,
                   struct adpa_error *err);
char *adpa_store_get(struct adpa_store *s, int64_t learner, const char *key,
                     struct adpa_error *err);

/* Bookmarks: places in a fiche (a source line, 0 for its top) with an
 * optional label; one per learner and line (a second one at the same line
 * replaces the label). Notes: one free text per learner and fiche. Each
 * writing call is one transaction. */
struct adpa_bookmark {
	int64_t id;
	const char *course, *fiche; /* borrowed for the call */
	int line;
	const char *label; /* "" when none */
	int64_t created;
};
/* Adds a bookmark (label NULL or ""); its id, or -1. */
int64_t adpa_store_bookmark_add(struct adpa_store *s, int64_t learner, const char *course,
                                const char *fiche, int line, const char *label, int64_t now,
                                struct adpa_error *err);
/* Deletes bookmark id of learner (0 also when it was gone). */
int adpa_store_bookmark_delete(struct adpa_store *s, int64_t learner, int64_t id,
                               struct adpa_error *err);
typedef int (*adpa_bookmark_fn)(const struct adpa_bookmark *b, void *arg);
/* Calls fn for each bookmark of learner in course (NULL: every course),
 * ordered by course, fiche, line; stops when fn returns non-zero. */
int adpa_store_bookmarks(struct adpa_store *s, int64_t learner, const char *course,
                         adpa_bookmark_fn fn, void *arg, struct adpa_error *err);

struct adpa_note {
	const char *course, *fiche, *text; /* borrowed for the call */
	int64_t updated;
};
/* Sets the note of a fiche; text NULL or "" deletes it. */
int adpa_store_note_set(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, const char *text, int64_t now, struct adpa_error *err);
/* The note of a fiche in *text (caller frees), NULL when there is none. */
int adpa_store_note_get(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, char **text, struct adpa_error *err);
typedef int (*adpa_note_fn)(const struct adpa_note *n, void *arg);
/* Calls fn for each note of learner in course (NULL: every course), ordered
 * by course then fiche; stops when fn returns non-zero. */
int adpa_store_notes(struct adpa_store *s, int64_t learner, const char *course, adpa_note_fn fn,
                     void *arg, struct adpa_error *err);

/* One row per learner and fiche the learner opened, answered, bookmarked
 * or annotated. */
struct adpa_export_row {
	const char *learner, *course, *fiche;
	const char *learner_id; /* the learner's stable identity (learner.h) */
	int64_t first_opened, completed, last_activity;
	int seconds, attempts, best;           /* best -1 without a finished attempt */
	const char *note;                      /* NULL when none */
	const struct adpa_bookmark *bookmarks; /* by line; all borrowed for the call */
	size_t nbookmarks;
};
typedef int (*adpa_export_fn)(const struct adpa_export_row *row, void *arg);
/* Calls fn for each row of learner (NULL: every learner), ordered by learner
 * then fiche; stops when fn returns non-zero. */
int adpa_store_export(struct adpa_store *s, const char *learner, adpa_export_fn fn, void *arg,
                      struct adpa_error *err);

/* The learner's own paths (« parcours »): ordered fiches of one course, a
 * fiche at most once per path. Each change is one transaction; adding a
 * fiche already in the path leaves it where it is. */
struct adpa_store_path {
	int64_t id;
	char *name;
	char **fiches; /* fiche ids, in order */
	size_t nfiches;
	int64_t created;
};
/* A new path named name holding fiches[0..n) (n may be 0); its id, -1 on error. */
int64_t adpa_store_path_new(struct adpa_store *s, int64_t learner, const char *course,
                            const char *name, const char *const *fiches, size_t n, int64_t now,
                            struct adpa_error *err);
int adpa_store_path_rename(struct adpa_store *s, int64_t path, const char *name,
                           struct adpa_error *err);
int adpa_store_path_delete(struct adpa_store *s, int64_t path, struct adpa_error *err);
/* Appends fiches[0..n) at the end, in order, skipping those already there. */
int adpa_store_path_add(struct adpa_store *s, int64_t path, const char *const *fiches, size_t n,
                        struct adpa_error *err);
/* Removes fiche (no-op when absent); the later ones move up. */
int adpa_store_path_remove(struct adpa_store *s, int64_t path, const char *fiche,
                           struct adpa_error *err);
/* Moves fiche one place up (delta < 0) or down (delta > 0); no-op at an end. */
int adpa_store_path_move(struct adpa_store *s, int64_t path, const char *fiche, int delta,
                         struct adpa_error *err);
/* The paths of learner in course, oldest first, with their fiches. Free
 * with adpa_store_paths_free(*out, *n) (NULL-safe). */
int adpa_store_paths(struct adpa_store *s, int64_t learner, const char *course,
                     struct adpa_store_path **out, size_t *n, struct adpa_error *err);
void adpa_store_paths_free(struct adpa_store_path *p, size_t n);

#endif
