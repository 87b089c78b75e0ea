/*
 * Bookmarks (a source line and a label, one per learner and line) and notes
 * (one free text per learner and fiche).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

int64_t adpa_store_bookmark_add(struct adpa_store *s, int64_t learner, const char *course,
                                const char *fiche, int line, const char *label, int64_t now,
                                struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer le signet";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    store_run(s,
	              "INSERT INTO bookmark(learner, course, fiche, line, label, created)"
	              " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner, course, fiche, line)"
	              " DO UPDATE SET label = excluded.label, created = excluded.created",
	              "issisi", learner, course, fiche, (int64_t)line, label ? label : "", now);
	int ok = 0;
	int64_t id =
	    rc == 0 ? store_query_int(s, -1, &ok,
	                              "SELECT id FROM bookmark WHERE learner = ? AND course = ?"
	                              " AND fiche = ? AND line = ?",
	                              "issi", learner, course, fiche, (int64_t)line)
	            : -1;
	if (rc == 0 && (!ok || id < 0))
		rc = -1;
	return store_finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

int adpa_store_bookmark_delete(struct adpa_store *s, int64_t learner, int64_t id,
                               struct adpa_error *err)
{
	const char *what = "impossible de supprimer le signet";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    store_run(s, "DELETE FROM bookmark WHERE learner = ? AND id = ?", "ii", learner, id);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_bookmarks(struct adpa_store *s, int64_t learner, const char *course,
                         adpa_bookmark_fn fn, void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
	                              "SELECT id, course, fiche, line, label, created FROM bookmark"
	                              " WHERE learner = ?1 AND (?2 IS NULL OR course = ?2)"
	                              " ORDER BY course, fiche, line",
	                              "is", learner, course);
	if (!st)
		return store_fail(s, err, "impossible de lire les signets");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_bookmark b = {
		    .id = sqlite3_column_int64(st, 0),
		    .course = store_text(st, 1),
		    .fiche = store_text(st, 2),
		    .line = sqlite3_column_int(st, 3),
		    .label = store_text(st, 4),
		    .created = sqlite3_column_int64(st, 5),
		};
		if (fn(&b, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire les signets");
}

int adpa_store_note_set(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, const char *text, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la note";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    text && *text
	        ? store_run(
	              s,
	              "INSERT INTO note(learner, course, fiche, text, updated) VALUES (?, ?, ?, ?, "
	              "?)"
	              " ON CONFLICT(learner, course, fiche) DO UPDATE SET text = excluded.text,"
	              " updated = excluded.updated",
	              "isssi", learner, course, fiche, text, now)
	        : store_run(s, "DELETE FROM note WHERE learner = ? AND course = ? AND fiche = ?",
	                    "iss", learner, course, fiche);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_note_get(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, char **text, struct adpa_error *err)
{
	*text = NULL;
	sqlite3_stmt *st =
	    store_stmt(s, "SELECT text FROM note WHERE learner = ? AND course = ? AND fiche = ?",
	               "iss", learner, course, fiche);
	if (!st)
		return store_fail(s, err, "impossible de lire la note");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*text = xstrdup(store_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire la note");
}

int adpa_store_notes(struct adpa_store *s, int64_t learner, const char *course, adpa_note_fn fn,
                     void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st =
	    store_stmt(s,
	               "SELECT course, fiche, text, updated FROM note"
	               " WHERE learner = ?1 AND (?2 IS NULL OR course = ?2) ORDER BY course, fiche",
	               "is", learner, course);
	if (!st)
		return store_fail(s, err, "impossible de lire les notes");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_note n = {
		    .course = store_text(st, 0),
		    .fiche = store_text(st, 1),
		    .text = store_text(st, 2),
		    .updated = sqlite3_column_int64(st, 3),
		};
		if (fn(&n, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : store_fail(s, err, "impossible de lire les notes");
}
