/*
 * The learning events of a progress file, as xAPI statements need them
 * (xapi.h): each one read back from the row that records it, so that the
 * same file always yields the same events. Read-only.
 *
 *   experienced  reading.first_opened (the first opening of a fiche)
 *   completed    reading.completed (when the fiche was last marked read)
 *   answered     one answer row (its attempt, question, choice, grade, hash)
 *   finished     attempt.finished, with its right answers and questions
 *
 * Answers given in a review session change the review schedule only; they
 * are not recorded as answers, so they are no events.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/xapi.h"
#include "store_internal.h"

static const char select_events[] =
    "SELECT kind, l.uuid, l.name, course, fiche, at, attempt, question, chosen, correct,"
    " hash, total FROM ("
    " SELECT 0 AS kind, learner, course, fiche, first_opened AS at, 0 AS attempt,"
    "  -1 AS question, '' AS chosen, 0 AS correct, '' AS hash, 0 AS total"
    "  FROM reading WHERE first_opened > 0"
    " UNION ALL SELECT 1, learner, course, fiche, completed, 0, -1, '', 0, '', 0"
    "  FROM reading WHERE completed > 0"
    " UNION ALL SELECT 2, a.learner, a.course, a.fiche, n.at, a.id, n.question, n.chosen,"
    "  n.correct, n.hash, a.questions FROM answer n JOIN attempt a ON a.id = n.attempt"
    " UNION ALL SELECT 3, learner, course, fiche, finished, id, -1, '', correct, '',"
    "  questions FROM attempt WHERE finished > 0 AND questions > 0"
    ") e JOIN learner l ON l.id = e.learner WHERE ?1 = 0 OR e.learner = ?1"
    " ORDER BY at, kind, l.uuid, course, fiche, attempt, question";

static const char *text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

static void row_event(sqlite3_stmt *st, struct adpa_event *ev)
{
	int kind = sqlite3_column_int(st, 0);
	*ev = (struct adpa_event){
	    .kind = (enum adpa_event_kind)kind,
	    .learner_uuid = text(st, 1),
	    .learner_name = text(st, 2),
	    .course = text(st, 3),
	    .fiche = text(st, 4),
	    .at = sqlite3_column_int64(st, 5),
	    .attempt = sqlite3_column_int64(st, 6),
	    .question = sqlite3_column_int(st, 7),
	    .chosen = text(st, 8),
	    .hash = text(st, 10),
	};
	if (kind == ADPA_EVENT_ANSWERED)
		ev->correct = sqlite3_column_int(st, 9) != 0;
	if (kind == ADPA_EVENT_FINISHED) {
		ev->right = sqlite3_column_int(st, 9);
		ev->total = sqlite3_column_int(st, 11);
	}
}

int adpa_store_events(struct adpa_store *s, int64_t learner, adpa_event_fn fn, void *arg,
                      struct adpa_error *err)
{
	sqlite3_stmt *st = store_stmt(s, select_events, "i", learner);
	if (!st)
		return store_fail(s, err, "cannot read the learning events");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_event ev;
		row_event(st, &ev);
		if (fn(&ev, arg))
			break;
	}
	int ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	if (!ok)
		store_fail(s, err, "cannot read the learning events");
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}
