/*
 * Reading progress: one row per learner, course and fiche opened, created on
 * the first action on the fiche and updated by each later one, each in its own
 * transaction; and the progress record the front ends show, which adds the
 * quiz results of the fiche.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

/* Makes sure the (learner, course, fiche) row exists: inside a transaction. */
static int touch(struct adpa_store *s, int64_t learner, const char *course, const char *fiche,
                 int64_t now)
{
	return store_run(s,
	                 "INSERT INTO reading(learner, course, fiche, first_opened, last_opened)"
	                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
	                 "issii", learner, course, fiche, now, now);
}

int adpa_store_opened(struct adpa_store *s, int64_t learner, const char *course, const char *fiche,
                      int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la lecture";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = store_run(s,
		               "UPDATE reading SET last_opened = ? WHERE learner = ? AND course = ?"
		               " AND fiche = ?",
		               "iiss", now, learner, course, fiche);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_position(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, int line, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la position";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc =
		    store_run(s,
		              "UPDATE reading SET position = ?1, furthest = max(furthest, ?1),"
		              " last_opened = ?2 WHERE learner = ?3 AND course = ?4 AND fiche = ?5",
		              "iiiss", (int64_t)line, now, learner, course, fiche);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_add_time(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, int seconds, int64_t now, struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer le temps de lecture";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = store_run(s,
		               "UPDATE reading SET seconds = seconds + ?1, last_opened = ?2"
		               " WHERE learner = ?3 AND course = ?4 AND fiche = ?5",
		               "iiiss", (int64_t)seconds, now, learner, course, fiche);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_completed(struct adpa_store *s, int64_t learner, const char *course,
                         const char *fiche, bool done, const char *hash, int64_t now,
                         struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer la fiche comme lue";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = store_run(
		    s,
		    "UPDATE reading SET completed = ?1, last_opened = ?2, hash = coalesce(?3, hash)"
		    " WHERE learner = ?4 AND course = ?5 AND fiche = ?6",
		    "iisiss", done ? now : (int64_t)0, now, hash, learner, course, fiche);
	return store_finish_tx(s, rc, what, err);
}

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
	snprintf(dst, size, "%s", src ? (const char *)src : "");
}

/* Fills the quiz part of a progress record from the finished attempts. */
static int quiz_summary(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, struct adpa_progress *p)
{
	const char *sql = "SELECT count(*), max(correct * 100 / questions),"
	                  " (SELECT correct * 100 / questions FROM attempt WHERE learner = ?1"
	                  "  AND course = ?2 AND fiche = ?3 AND finished > 0 AND questions > 0"
	                  "  ORDER BY finished DESC, id DESC LIMIT 1),"
	                  " max(finished)"
	                  " FROM attempt WHERE learner = ?1 AND course = ?2 AND fiche = ?3"
	                  " AND finished > 0 AND questions > 0";
	sqlite3_stmt *st = store_stmt(s, sql, "iss", learner, course, fiche);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->attempts = sqlite3_column_int(st, 0);
		p->best =
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 1);
		p->last =
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
		int64_t fin = sqlite3_column_int64(st, 3);
		if (fin > p->last_activity)
			p->last_activity = fin;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	/* an unfinished attempt counts as activity too: its answers are kept */
	int ok;
	int64_t act = store_query_int(
	    s, 0, &ok,
	    "SELECT max(coalesce((SELECT max(at) FROM answer WHERE attempt = a.id),"
	    " a.started)) FROM attempt a WHERE learner = ? AND course = ? AND fiche = ?",
	    "iss", learner, course, fiche);
	if (ok && act > p->last_activity)
		p->last_activity = act;
	return ok ? 0 : -1;
}

int adpa_store_progress(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, struct adpa_progress *out, struct adpa_error *err)
{
	memset(out, 0, sizeof *out);
	out->best = out->last = -1;
	sqlite3_stmt *st = store_stmt(s,
	                              "SELECT first_opened, last_opened, completed, seconds,"
	                              " position, furthest, hash FROM reading WHERE learner = ?"
	                              " AND course = ? AND fiche = ?",
	                              "iss", learner, course, fiche);
	if (!st)
		return store_fail(s, err, "impossible de lire la progression");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->known = true;
		out->first_opened = sqlite3_column_int64(st, 0);
		out->last_opened = out->last_activity = sqlite3_column_int64(st, 1);
		out->completed = sqlite3_column_int64(st, 2);
		out->seconds = sqlite3_column_int(st, 3);
		out->position = sqlite3_column_int(st, 4);
		out->furthest = sqlite3_column_int(st, 5);
		copy_text(out->hash, sizeof out->hash, sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "impossible de lire la progression");
	return quiz_summary(s, learner, course, fiche, out) < 0
	           ? store_fail(s, err, "impossible de lire les résultats des quiz")
	           : 0;
}
