/*
 * xAPI 1.0.3: learning events as statements for a Learning Record Store.
 *
 * Every event the progress store keeps maps to one statement:
 *
 *   a fiche opened for the first time  verb experienced  object the fiche
 *   a fiche marked read                verb completed    object the fiche
 *   a quiz question answered           verb answered     object the question, a
 *                                      cmi.interaction of type choice
 *   a quiz finished                    verb passed or failed (score at the
 *                                      course's mastery threshold or not),
 *                                      object the quiz, result.score.scaled
 *
 * Activity IRIs are stable, built from the course id, the fiche id and the
 * question's place (1-based) under https://adpa.invalid/ (a reserved name
 * that never resolves: adpa publishes nothing):
 *
 *   https://adpa.invalid/courses/COURSE                     the course
 *   https://adpa.invalid/courses/COURSE/fiches/FICHE        the fiche
 *   .../fiches/FICHE/quiz                                   its quiz
 *   .../fiches/FICHE/quiz/questions/N                       question N
 *
 * The actor is an account agent: homePage https://adpa.invalid/learners,
 * name the learner's UUID (learner.h), and the display name as the agent's
 * name. Statement ids are name-based UUIDs (version 5) of the event's row,
 * so the same event always has the same id and pushing it twice is harmless.
 * The statements of one quiz attempt share a registration (a UUID of the
 * attempt).
 *
 * A statement is built once: the outbox (adpa_store_outbox_*) keeps the
 * exact text queued for the LRS, so a course edited later can never make
 * adpa send a second, different statement under an id the LRS already holds.
 */
#ifndef ADPA_XAPI_H
#define ADPA_XAPI_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "course.h"
#include "error.h"
#include "learner.h"
#include "store.h"

#define ADPA_XAPI_VERSION "1.0.3"
#define ADPA_XAPI_ROOT "https://adpa.invalid/"
#define ADPA_XAPI_HOMEPAGE "https://adpa.invalid/learners"

enum adpa_event_kind {
	ADPA_EVENT_EXPERIENCED, /* first opening of a fiche */
	ADPA_EVENT_COMPLETED,   /* fiche marked read */
	ADPA_EVENT_ANSWERED,    /* a quiz question answered */
	ADPA_EVENT_FINISHED     /* a quiz finished */
};

/* One learning event, as the store keeps it (all borrowed for a callback). */
struct adpa_event {
	enum adpa_event_kind kind;
	const char *learner_uuid, *learner_name;
	const char *course, *fiche;
	int64_t at;         /* when it happened, seconds since the epoch */
	int64_t attempt;    /* the quiz attempt's row (ANSWERED, FINISHED), else 0 */
	int question;       /* ANSWERED: index in the fiche's quiz */
	const char *chosen; /* ANSWERED: original choice indexes, "0,2" */
	const char *hash;   /* ANSWERED: the question's review hash then, "" if unknown */
	bool correct;       /* ANSWERED */
	int right, total;   /* FINISHED: right answers out of total questions */
};

/* The statement id of ev (a version 5 UUID). */
void adpa_xapi_statement_id(const struct adpa_event *ev, char out[ADPA_UUID_LEN + 1]);

/* The statement for ev, a new JSON object (caller json_decref's it). c is the
 * course used for names, question texts and choices, and the mastery
 * threshold; it may be NULL or another course than ev->course, and a fiche or
 * question it no longer has (or whose text changed since the answer) gets its
 * activity id without that detail. */
json_t *adpa_xapi_statement(const struct adpa_course *c, const struct adpa_event *ev);

/* The text of statement st as adpa stores and sends it: compact JSON, keys
 * sorted, scores to 4 decimals (caller frees). */
char *adpa_xapi_text(const json_t *st);

/* The IRI of an activity, newly allocated: fiche NULL for the course;
 * question < 0 for the fiche itself (with quiz false) or its quiz. */
char *adpa_xapi_iri(const char *course, const char *fiche, bool quiz, int question);

typedef int (*adpa_event_fn)(const struct adpa_event *ev, void *arg);
/* Calls fn for each event of learner (a row id; 0: every learner) in time
 * order (then learner, kind, fiche, question); stops when fn returns
 * non-zero. */
int adpa_store_events(struct adpa_store *s, int64_t learner, adpa_event_fn fn, void *arg,
                      struct adpa_error *err);

/* --- the outbox: statements on their way to a Learning Record Store --- */

enum adpa_outbox_state {
	ADPA_OUTBOX_NEW,     /* not queued yet (only seen through adpa_xapi_each) */
	ADPA_OUTBOX_PENDING, /* queued, not yet accepted by the LRS */
	ADPA_OUTBOX_SENT     /* accepted */
};

struct adpa_outbox_item {
	const char *id, *statement; /* the statement as compact JSON text */
	const char *learner_uuid;   /* its actor (adpa_xapi_each only, else NULL) */
	enum adpa_outbox_state state;
	int attempts;           /* pushes tried and failed */
	const char *last_error; /* "" when none */
};
typedef int (*adpa_outbox_fn)(const struct adpa_outbox_item *it, void *arg);

/* Calls fn with the statement of every event of learner (0: all), in event
 * order: the queued text for an event already in the outbox, else a new one
 * built with c (state ADPA_OUTBOX_NEW). Never writes: works read-only. */
int adpa_xapi_each(struct adpa_store *s, const struct adpa_course *c, int64_t learner,
                   adpa_outbox_fn fn, void *arg, struct adpa_error *err);

/* Queues the statements of every event not yet in the outbox (one
 * transaction); *added gets their count. */
int adpa_store_outbox_fill(struct adpa_store *s, const struct adpa_course *c, size_t *added,
                           struct adpa_error *err);

/* Calls fn for at most limit pending statements, in the order they were
 * queued, skipping the first skip of them. */
int adpa_store_outbox_pending(struct adpa_store *s, size_t skip, size_t limit, adpa_outbox_fn fn,
                              void *arg, struct adpa_error *err);

/* Marks ids[0..n) as accepted at now (error NULL), or records a failed push
 * (attempts + 1, last_error = error) and leaves them pending. One
 * transaction. */
int adpa_store_outbox_mark(struct adpa_store *s, const char *const *ids, size_t n,
                           const char *error, int64_t now, struct adpa_error *err);

/* Counts of the outbox by state. */
int adpa_store_outbox_count(struct adpa_store *s, size_t *pending, size_t *sent,
                            struct adpa_error *err);

#endif
