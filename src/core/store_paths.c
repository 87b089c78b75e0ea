/*
 * The learner's own paths (« parcours »): named, ordered lists of fiches of
 * one course.
 *
 * Invariant: a path's fiches hold positions 0 .. n-1 without gaps: adding
 * appends, removing closes the gap, moving swaps two neighbours. A fiche is at
 * most once in a path (adding it again is a no-op).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/store.h"
#include "store_internal.h"
#include <adpa/util.h>

/* Inside a transaction: appends the fiches not yet in path, in order. */
static int path_append(struct adpa_store *s, int64_t path, const char *const *fiches, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (store_run(s,
		              "INSERT OR IGNORE INTO path_fiche(path, fiche, pos)"
		              " SELECT ?1, ?2, count(*) FROM path_fiche WHERE path = ?1",
		              "is", path, fiches[i]) < 0)
			return -1;
	return 0;
}

/* Inside a transaction: -1 (err filled, rolled back) when path is unknown. */
static int path_exists(struct adpa_store *s, int64_t path, const char *what, struct adpa_error *err)
{
	int ok;
	int64_t n = store_query_int(s, 0, &ok, "SELECT count(*) FROM path WHERE id = ?", "i", path);
	if (ok && n == 1)
		return 0;
	if (!ok)
		store_fail(s, err, what);
	else
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0, "%s : parcours inconnu", what);
	store_rollback(s);
	return -1;
}

int64_t adpa_store_path_new(struct adpa_store *s, int64_t learner, const char *course,
                            const char *name, const char *const *fiches, size_t n, int64_t now,
                            struct adpa_error *err)
{
	const char *what = "impossible de créer le parcours";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    store_run(s, "INSERT INTO path(learner, course, name, created) VALUES (?, ?, ?, ?)",
	              "issi", learner, course, name, now);
	int64_t id = sqlite3_last_insert_rowid(s->db);
	if (rc == 0)
		rc = path_append(s, id, fiches, n);
	return store_finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

int adpa_store_path_rename(struct adpa_store *s, int64_t path, const char *name,
                           struct adpa_error *err)
{
	const char *what = "impossible de renommer le parcours";
	if (store_start_tx(s, what, err) < 0 || path_exists(s, path, what, err) < 0)
		return -1;
	int rc = store_run(s, "UPDATE path SET name = ? WHERE id = ?", "si", name, path);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_path_delete(struct adpa_store *s, int64_t path, struct adpa_error *err)
{
	const char *what = "impossible de supprimer le parcours";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = store_run(s, "DELETE FROM path_fiche WHERE path = ?", "i", path);
	if (rc == 0)
		rc = store_run(s, "DELETE FROM path WHERE id = ?", "i", path);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_path_add(struct adpa_store *s, int64_t path, const char *const *fiches, size_t n,
                        struct adpa_error *err)
{
	const char *what = "impossible d’ajouter au parcours";
	if (store_start_tx(s, what, err) < 0 || path_exists(s, path, what, err) < 0)
		return -1;
	return store_finish_tx(s, path_append(s, path, fiches, n), what, err);
}

int adpa_store_path_remove(struct adpa_store *s, int64_t path, const char *fiche,
                           struct adpa_error *err)
{
	const char *what = "impossible de retirer la fiche du parcours";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int ok;
	int64_t pos =
	    store_query_int(s, -1, &ok, "SELECT pos FROM path_fiche WHERE path = ? AND fiche = ?",
	                    "is", path, fiche);
	int rc = ok ? 0 : -1;
	if (rc == 0 && pos >= 0)
		rc = store_run(s, "DELETE FROM path_fiche WHERE path = ? AND fiche = ?", "is", path,
		               fiche);
	if (rc == 0 && pos >= 0)
		rc = store_run(s, "UPDATE path_fiche SET pos = pos - 1 WHERE path = ? AND pos > ?",
		               "ii", path, pos);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_path_move(struct adpa_store *s, int64_t path, const char *fiche, int delta,
                         struct adpa_error *err)
{
	const char *what = "impossible de déplacer la fiche dans le parcours";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int ok, ok2;
	int64_t pos =
	    store_query_int(s, -1, &ok, "SELECT pos FROM path_fiche WHERE path = ? AND fiche = ?",
	                    "is", path, fiche);
	int64_t n = store_query_int(s, 0, &ok2, "SELECT count(*) FROM path_fiche WHERE path = ?",
	                            "i", path);
	int rc = ok && ok2 ? 0 : -1;
	int64_t to = pos + (delta < 0 ? -1 : 1);
	if (rc == 0 && pos >= 0 && delta != 0 && to >= 0 && to < n)
		rc = store_run(s,
		               "UPDATE path_fiche SET pos = CASE pos WHEN ?1 THEN ?2 ELSE ?1 END"
		               " WHERE path = ?3 AND pos IN (?1, ?2)",
		               "iii", pos, to, path);
	return store_finish_tx(s, rc, what, err);
}

/* The fiches of path p, in order, into p->fiches. */
static int path_fiches(struct adpa_store *s, struct adpa_store_path *p)
{
	sqlite3_stmt *st =
	    store_stmt(s, "SELECT fiche FROM path_fiche WHERE path = ? ORDER BY pos", "i", p->id);
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(p->fiches, cap, p->nfiches + 1);
		p->fiches[p->nfiches++] = xstrdup(store_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int adpa_store_paths(struct adpa_store *s, int64_t learner, const char *course,
                     struct adpa_store_path **out, size_t *n, struct adpa_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    store_stmt(s,
	               "SELECT id, name, created FROM path WHERE learner = ? AND course = ?"
	               " ORDER BY id",
	               "is", learner, course);
	if (!st)
		return store_fail(s, err, "impossible de lire les parcours");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		struct adpa_store_path *p = &(*out)[(*n)++];
		*p = (struct adpa_store_path){
		    .id = sqlite3_column_int64(st, 0),
		    .name = xstrdup(store_text(st, 1)),
		    .created = sqlite3_column_int64(st, 2),
		};
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == SQLITE_DONE && i < *n; i++)
		if (path_fiches(s, &(*out)[i]) < 0)
			rc = SQLITE_ERROR;
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(s, err, "impossible de lire les parcours");
	adpa_store_paths_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

void adpa_store_paths_free(struct adpa_store_path *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].name);
		for (size_t j = 0; j < p[i].nfiches; j++)
			free(p[i].fiches[j]);
		free(p[i].fiches);
	}
	free(p);
}
