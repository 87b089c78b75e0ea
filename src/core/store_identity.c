/*
 * Who the learners of a progress file are: name, stable identity (UUID),
 * when they were created and when they last did something. Read-only.
 *
 * The last activity is the latest time any of their rows records: a reading,
 * a quiz started, answered or finished, a bookmark, a note.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/learner.h"
#include "store_internal.h"
#include <adpa/util.h>

static const char select_learners[] =
    "SELECT l.id, l.name, l.uuid, l.created, max("
    " coalesce((SELECT max(last_opened) FROM reading WHERE learner = l.id), 0),"
    " coalesce((SELECT max(max(started, finished)) FROM attempt WHERE learner = l.id), 0),"
    " coalesce((SELECT max(n.at) FROM answer n JOIN attempt a ON a.id = n.attempt"
    "           WHERE a.learner = l.id), 0),"
    " coalesce((SELECT max(created) FROM bookmark WHERE learner = l.id), 0),"
    " coalesce((SELECT max(updated) FROM note WHERE learner = l.id), 0))"
    " FROM learner l WHERE ?1 = 0 OR l.id = ?1 ORDER BY l.name, l.uuid";

static void row_info(sqlite3_stmt *st, struct adpa_learner_info *out)
{
	const unsigned char *name = sqlite3_column_text(st, 1);
	const unsigned char *uuid = sqlite3_column_text(st, 2);
	*out = (struct adpa_learner_info){
	    .id = sqlite3_column_int64(st, 0),
	    .created = sqlite3_column_int64(st, 3),
	    .last_activity = sqlite3_column_int64(st, 4),
	};
	snprintf(out->name, sizeof out->name, "%s", name ? (const char *)name : "");
	snprintf(out->uuid, sizeof out->uuid, "%s", uuid ? (const char *)uuid : "");
}

int adpa_store_learner_list(struct adpa_store *s, struct adpa_learner_info **out, size_t *n,
                            struct adpa_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, select_learners, "i", (int64_t)0);
	if (!st)
		return store_fail(s, err, "impossible de lire les apprenants");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		row_info(st, &(*out)[(*n)++]);
	}
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return 0;
	}
	store_fail(s, err, "impossible de lire les apprenants");
	sqlite3_finalize(st);
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

int adpa_store_learner_get(struct adpa_store *s, int64_t learner, struct adpa_learner_info *out,
                           struct adpa_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = store_stmt(s, select_learners, "i", learner);
	if (!st)
		return store_fail(s, err, "impossible de lire les apprenants");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && learner != 0)
		row_info(st, out);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(s, err, "impossible de lire les apprenants");
	else
		adpa_error_set(err, ADPA_ENOTFOUND, adpa_store_path(s), 0, 0, "pas d’apprenant n°\xC2\xA0%lld",
		               (long long)learner);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW && learner != 0 ? 0 : -1;
}
