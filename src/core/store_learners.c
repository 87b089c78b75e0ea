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
		return store_fail(s, err, "impossible de lire les apprenants");
	if (id || !create)
		return id;
	if (store_run(s, "INSERT INTO learner(name, created) VALUES (?, ?)", "si", name, now) < 0)
		return store_fail(s, err, "impossible d’ajouter l’apprenant");
	return sqlite3_last_insert_rowid(s->db);
}

int adpa_store_learners(struct adpa_store *s, char ***names, size_t *n, struct adpa_error *err)
{
	*names = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT name FROM learner ORDER BY name", "");
	if (!st)
		return store_fail(s, err, "impossible de lire les apprenants");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->foreign && *n == ADPA_STORE_FOREIGN_LEARNERS) {
			rc = -1; /* not an SQLite code: too many learners */
			break;
		}
		XGROW(*names, cap, *n + 1);
		(*names)[(*n)++] = xstrdup(store_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == -1)
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "fichier de progression trop gros (plus de %d apprenants)",
		               ADPA_STORE_FOREIGN_LEARNERS);
	else
		store_fail(s, err, "impossible de lire les apprenants");
	for (size_t i = 0; i < *n; i++)
		free((*names)[i]);
	free(*names);
	*names = NULL;
	*n = 0;
	return -1;
}

int adpa_store_set(struct adpa_store *s, int64_t learner, const char *key, const char *value,
                   struct adpa_error *err)
{
	const char *what = "impossible d’enregistrer un réglage";
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
	sqlite3_stmt *st = store_stmt(s, "SELECT value FROM state WHERE learner = ? AND key = ?",
	                              "is", learner, key);
	if (!st) {
		store_fail(s, err, "impossible de lire un réglage");
		return NULL;
	}
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup(store_text(st, 0));
	sqlite3_finalize(st);
	return v;
}
