/*
 * Learners and their learner-wide values (the last fiche read, settings).
 *
 * A learner is a name, unique in a store and normalised (learner.h) when
 * the learner is created, with a random UUID as its stable identity; every
 * other table hangs off its id and goes with it (ON DELETE CASCADE).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/learner.h"
#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

/* The learner called name exactly, 0 when none, -1 on error. */
static int64_t find(struct adpa_store *s, const char *name, struct adpa_error *err)
{
	int ok;
	int64_t id = store_query_int(s, 0, &ok, "SELECT id FROM learner WHERE name = ?", "s", name);
	return ok ? id : store_fail(s, err, "impossible de lire les apprenants");
}

int64_t adpa_store_learner(struct adpa_store *s, const char *name, bool create, int64_t now,
                           struct adpa_error *err)
{
	/* a file written before names were normalised may hold a name as
	 * typed then: that learner is found as such */
	int64_t id = find(s, name, err);
	if (id)
		return id;
	/* a lookup of a name that cannot be a learner's finds nobody; only
	 * creating one is an error */
	struct adpa_error cerr = {0};
	char *clean = adpa_learner_name_clean(name, create ? err : &cerr);
	if (!clean)
		return create ? -1 : 0;
	id = find(s, clean, err);
	if (id == 0 && create) {
		char uuid[ADPA_UUID_LEN + 1];
		adpa_uuid_random(uuid);
		id = store_run(s, "INSERT INTO learner(name, created, uuid) VALUES (?, ?, ?)",
		               "sis", clean, now, uuid) < 0
		         ? store_fail(s, err, "impossible d’ajouter l’apprenant")
		         : sqlite3_last_insert_rowid(s->db);
	}
	free(clean);
	return id;
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
