/*
 * Export: one row per learner and fiche, joining what they read, their quiz
 * results, bookmarks and note. Read-only; one statement for the rows and one,
 * reset per row, for their bookmarks.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

/* The bookmarks of one export row, copied out of st (bound to its learner,
 * course and fiche) into *v; returns the count, or -1. */
static long row_bookmarks(sqlite3_stmt *st, struct adpa_bookmark **v, size_t *cap)
{
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*v, *cap, n + 1);
		(*v)[n++] = (struct adpa_bookmark){
		    .id = sqlite3_column_int64(st, 0),
		    .line = sqlite3_column_int(st, 1),
		    .label = xstrdup(store_text(st, 2)),
		    .created = sqlite3_column_int64(st, 3),
		};
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? (long)n : -1;
}

static void free_bookmarks(struct adpa_bookmark *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)v[i].label);
}

int adpa_store_export(struct adpa_store *s, const char *learner, adpa_export_fn fn, void *arg,
                      struct adpa_error *err)
{
	static const char sql[] =
	    "WITH k AS (SELECT learner, course, fiche FROM reading"
	    "           UNION SELECT learner, course, fiche FROM attempt"
	    "           UNION SELECT learner, course, fiche FROM bookmark"
	    "           UNION SELECT learner, course, fiche FROM note),"
	    " q AS (SELECT learner, course, fiche, count(finished > 0 OR NULL) AS n,"
	    "       max(CASE WHEN finished > 0 THEN correct * 100 / questions END) AS best,"
	    "       max(coalesce((SELECT max(at) FROM answer WHERE attempt = a.id), started),"
	    "           finished) AS fin"
	    "       FROM attempt a WHERE questions > 0 GROUP BY learner, course, fiche)"
	    " SELECT l.name, k.course, k.fiche, coalesce(r.first_opened, 0),"
	    "  coalesce(r.completed, 0), coalesce(r.seconds, 0), coalesce(q.n, 0),"
	    "  coalesce(q.best, -1), max(coalesce(r.last_opened, 0), coalesce(q.fin, 0)),"
	    "  n.text, k.learner, l.uuid"
	    " FROM k JOIN learner l ON l.id = k.learner"
	    " LEFT JOIN reading r USING (learner, course, fiche)"
	    " LEFT JOIN q USING (learner, course, fiche)"
	    " LEFT JOIN note n USING (learner, course, fiche)"
	    " WHERE ?1 IS NULL OR l.name = ?1 ORDER BY l.name, l.uuid, k.course, k.fiche";
	sqlite3_stmt *st = store_stmt(s, sql, "s", learner);
	sqlite3_stmt *bm =
	    store_stmt(s,
	               "SELECT id, line, label, created FROM bookmark WHERE learner = ?"
	               " AND course = ? AND fiche = ? ORDER BY line",
	               "");
	if (!st || !bm) {
		sqlite3_finalize(st);
		sqlite3_finalize(bm);
		return store_fail(s, err, "impossible de lire la progression");
	}
	struct adpa_bookmark *marks = NULL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_export_row r = {
		    .learner = store_text(st, 0),
		    .course = store_text(st, 1),
		    .fiche = store_text(st, 2),
		    .first_opened = sqlite3_column_int64(st, 3),
		    .completed = sqlite3_column_int64(st, 4),
		    .seconds = sqlite3_column_int(st, 5),
		    .attempts = sqlite3_column_int(st, 6),
		    .best = sqlite3_column_int(st, 7),
		    .last_activity = sqlite3_column_int64(st, 8),
		    .note = (const char *)sqlite3_column_text(st, 9), /* NULL: no note */
		    .learner_id = (const char *)sqlite3_column_text(st, 11),
		};
		sqlite3_bind_int64(bm, 1, sqlite3_column_int64(st, 10));
		sqlite3_bind_text(bm, 2, r.course, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(bm, 3, r.fiche, -1, SQLITE_TRANSIENT);
		long nb = row_bookmarks(bm, &marks, &cap);
		if (nb < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		for (long i = 0; i < nb; i++) {
			marks[i].course = r.course;
			marks[i].fiche = r.fiche;
		}
		r.bookmarks = marks;
		r.nbookmarks = (size_t)nb;
		int stop = fn(&r, arg);
		free_bookmarks(marks, (size_t)nb);
		if (stop)
			break;
	}
	sqlite3_finalize(bm);
	sqlite3_finalize(st);
	free(marks);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire la progression");
}
