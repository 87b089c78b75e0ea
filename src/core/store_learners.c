/*
 * Learners and their learner-wide values (the last fiche read, settings).
 *
 * A learner is a name, unique in a store; every other table hangs off its
 * id and goes with it (ON DELETE CASCADE).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

int64_t adpa_store_learner(struct adpa_store *s, const char *name, bool create, int64_t now,
                           struct adpa_error *err)
{
	int ok;
	int64_t id = store_query_int(s, 0, &ok, "SELECT id FROM learner WHERE name = ?", "s", name);
	if (!ok)
		return store_fail(s, err, "cannot read the learners");
	if (id || !create)
		return id;
	if (store_run(s, "INSERT INTO learner(name, created) VALUES (?, ?)", "si", name, now) < 0)
		return store_fail(s, err, "cannot add the learner");
	return sqlite3_last_insert_rowid(s->db);
}

int adpa_store_learners(struct adpa_store *s, char ***names, size_t *n, struct adpa_error *err)
{
	sqlite3_stmt *st;
	*names = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM learner ORDER BY name", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, err, "cannot read the learners");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*names, cap, *n + 1);
		(*names)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "cannot read the learners");
}

int adpa_store_set(struct adpa_store *s, int64_t learner, const char *key, const char *value,
                   struct adpa_error *err)
{
	const char *what = "cannot save a setting";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = value
	             ? store_run(s,
	                         "INSERT INTO state(learner, key, value) VALUES (?, ?, ?)"
	                         " ON CONFLICT(learner, key) DO UPDATE SET value = excluded.value",
	                         "iss", learner, key, value)
	             : store_run(s, "DELETE FROM state WHERE learner = ? AND key = ?", "is",
	                         learner, key);
	return store_finish_tx(s, rc, what, err);
}

char *adpa_store_get(struct adpa_store *s, int64_t learner, const char *key, struct adpa_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM state WHERE learner = ? AND key = ?", -1,
	                       &st, NULL) != SQLITE_OK) {
		store_fail(s, err, "cannot read a setting");
		return NULL;
	}
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}
