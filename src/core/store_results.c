/*
 * Quiz results as a trainer reads them (adpa report): every finished attempt
 * of a learner in a course, and every answer given in those attempts. Read
 * only; works on collected files (each statement under the foreign work
 * budget). An unfinished attempt (a quiz left half-way) counts for neither.
 */
#include <sqlite3.h>
#include <stdlib.h>

#include "adpa/store.h"
#include "store_internal.h"

int adpa_store_results(struct adpa_store *s, int64_t learner, const char *course, adpa_result_fn fn,
                       void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st =
	    store_stmt(s,
	               "SELECT fiche, questions, correct FROM attempt WHERE learner = ?"
	               " AND course = ? AND finished > 0 ORDER BY id",
	               "is", learner, course);
	if (!st)
		return store_fail(s, err, "impossible de lire les quiz");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_result_row r = {
		    .fiche = store_text(st, 0),
		    .question = -1,
		    .questions = sqlite3_column_int(st, 1),
		    .correct = sqlite3_column_int(st, 2),
		};
		if (fn(&r, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire les quiz");
}

int adpa_store_result_answers(struct adpa_store *s, int64_t learner, const char *course,
                              adpa_result_fn fn, void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st = store_stmt(
	    s,
	    "SELECT attempt.fiche, answer.question, answer.chosen, answer.correct FROM answer"
	    " JOIN attempt ON attempt.id = answer.attempt WHERE attempt.learner = ?"
	    " AND attempt.course = ? AND attempt.finished > 0 ORDER BY answer.attempt, "
	    "answer.question",
	    "is", learner, course);
	if (!st)
		return store_fail(s, err, "impossible de lire les réponses");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_result_row r = {
		    .fiche = store_text(st, 0),
		    .question = sqlite3_column_int(st, 1),
		    .chosen = store_text(st, 2),
		    .correct = sqlite3_column_int(st, 3) != 0,
		};
		if (fn(&r, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire les réponses");
}
