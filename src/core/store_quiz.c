/*
 * Quiz attempts and answers, and the questions in review.
 *
 * An answer and the review it implies are written in one transaction; the
 * store only applies the step its caller passes in the answer (review.c owns
 * the Leitner rule), so a crash never leaves one without the other.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

int64_t adpa_store_attempt(struct adpa_store *s, int64_t learner, const char *course,
                           const char *fiche, int questions, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible de commencer le quiz";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = store_run(s,
	                   "INSERT INTO attempt(learner, course, fiche, started, questions)"
	                   " VALUES (?, ?, ?, ?, ?)",
	                   "issii", learner, course, fiche, now, (int64_t)questions);
	int64_t id = sqlite3_last_insert_rowid(s->db);
	return store_finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

/* Inside a transaction: the answer and the attempt's count of right ones.
 * -1 on a database error; -2, rolled back with err filled, when the
 * question is already answered in this attempt. */
static int add_answer(struct adpa_store *s, const struct adpa_answer *a, int64_t now,
                      struct adpa_error *err)
{
	int rc = store_run(s,
	                   "INSERT INTO answer(attempt, question, chosen, correct, at, hash)"
	                   " VALUES (?, ?, ?, ?, ?, ?)",
	                   "iisiis", a->attempt, (int64_t)a->question, a->chosen,
	                   (int64_t)a->correct, now, a->hash ? a->hash : "");
	if (rc < 0 && (sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT) {
		store_rollback(s);
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "la question %d a déjà une réponse dans cette tentative",
		               a->question + 1);
		return -2;
	}
	if (rc == 0 && a->correct)
		rc = store_run(s, "UPDATE attempt SET correct = correct + 1 WHERE id = ?", "i",
		               a->attempt);
	return rc;
}

int adpa_store_answer(struct adpa_store *s, int64_t attempt, int question, const char *chosen,
                      bool correct, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la réponse";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	struct adpa_answer a = {
	    .attempt = attempt, .question = question, .chosen = chosen, .correct = correct};
	int rc = add_answer(s, &a, now, err);
	return rc == -2 ? -1 : store_finish_tx(s, rc, what, err);
}

/* The review state of a's question, box 0 when it is not in review (or was
 * put there as a question that has been edited since). */
static int review_state(struct adpa_store *s, const struct adpa_answer *a,
                        struct adpa_review_state *out)
{
	*out = (struct adpa_review_state){0, 0};
	sqlite3_stmt *st =
	    store_stmt(s,
	               "SELECT box, due FROM review WHERE learner = ? AND course = ?"
	               " AND fiche = ? AND question = ? AND hash = ?",
	               "issis", a->learner, a->course, a->fiche, (int64_t)a->question, a->hash);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->box = sqlite3_column_int(st, 0);
		out->due = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Inside a transaction: moves a's question in review after the answer. */
static int move_review(struct adpa_store *s, const struct adpa_answer *a, int64_t now)
{
	struct adpa_review_state cur;
	if (review_state(s, a, &cur) < 0)
		return -1;
	if (!a->step)
		return 0;
	struct adpa_review_state next = a->step(cur, a->correct, a->attempt == 0, now);
	if (next.box == cur.box && next.due == cur.due)
		return 0;
	if (next.box == 0)
		return store_run(s,
		                 "DELETE FROM review WHERE learner = ? AND course = ? AND fiche = ?"
		                 " AND question = ?",
		                 "issi", a->learner, a->course, a->fiche, (int64_t)a->question);
	return store_run(
	    s,
	    "INSERT INTO review(learner, course, fiche, question, hash, box, due)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(learner, course, fiche, question)"
	    " DO UPDATE SET hash = excluded.hash, box = excluded.box, due = excluded.due",
	    "issisii", a->learner, a->course, a->fiche, (int64_t)a->question, a->hash,
	    (int64_t)next.box, next.due);
}

int adpa_store_record(struct adpa_store *s, const struct adpa_answer *a, int64_t now,
                      struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la réponse";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = a->attempt > 0 ? add_answer(s, a, now, err) : 0;
	if (rc == -2)
		return -1;
	if (rc == 0)
		rc = move_review(s, a, now);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_review(struct adpa_store *s, int64_t learner, const char *course, int64_t until,
                      adpa_review_fn fn, void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st =
	    store_stmt(s,
	               "SELECT fiche, question, hash, box, due FROM review WHERE learner = ?"
	               " AND course = ? AND due <= ? ORDER BY due, fiche, question",
	               "isi", learner, course, until);
	if (!st)
		return store_fail(s, err, "impossible de lire les questions à revoir");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_review_row r = {
		    .fiche = store_text(st, 0),
		    .question = sqlite3_column_int(st, 1),
		    .hash = store_text(st, 2),
		    .box = sqlite3_column_int(st, 3),
		    .due = sqlite3_column_int64(st, 4),
		};
		if (fn(&r, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire les questions à revoir");
}

int adpa_store_finish(struct adpa_store *s, int64_t attempt, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer le résultat du quiz";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = store_run(s, "UPDATE attempt SET finished = ? WHERE id = ?", "ii", now, attempt);
	return store_finish_tx(s, rc, what, err);
}
