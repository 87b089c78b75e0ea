/*
 * The progress store (see store.h for the contract): opening, the schema and
 * its migrations, errors and the statement and transaction helpers the other
 * store_*.c files share (store_internal.h). One file per concern beside it:
 * store_learners.c, store_reading.c, store_quiz.c, store_marks.c,
 * store_paths.c, store_export.c.
 *
 * Invariants: the file is ours (application_id 'adpa') before anything is
 * written; the schema is at ADPA_STORE_VERSION after a read-write open; every
 * public writing function is one transaction, begun IMMEDIATE so that two
 * processes serialise on the busy timeout instead of failing on upgrade.
 * Statements are prepared per call: the store handles a few actions a
 * second, and this keeps no statement state between calls.
 */
#include "adpa/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "store_internal.h"
#include <adpa/util.h>

#define APP_ID 0x61647061 /* "adpa" */

static const char *const migrations[ADPA_STORE_VERSION] = {
    /* 1: learners and what they read */
    "CREATE TABLE learner(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " created INTEGER NOT NULL);"
    "CREATE TABLE reading(learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, fiche TEXT NOT NULL, first_opened INTEGER NOT NULL,"
    " last_opened INTEGER NOT NULL, seconds INTEGER NOT NULL DEFAULT 0,"
    " position INTEGER NOT NULL DEFAULT 0, furthest INTEGER NOT NULL DEFAULT 0,"
    " completed INTEGER NOT NULL DEFAULT 0, hash TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY(learner, course, fiche)) WITHOUT ROWID;",
    /* 2: quiz attempts and answers */
    "CREATE TABLE attempt(id INTEGER PRIMARY KEY,"
    " learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, fiche TEXT NOT NULL, started INTEGER NOT NULL,"
    " finished INTEGER NOT NULL DEFAULT 0, questions INTEGER NOT NULL,"
    " correct INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX attempt_fiche ON attempt(learner, course, fiche);"
    "CREATE TABLE answer(attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
    " question INTEGER NOT NULL, chosen TEXT NOT NULL, correct INTEGER NOT NULL,"
    " at INTEGER NOT NULL, PRIMARY KEY(attempt, question)) WITHOUT ROWID;",
    /* 3: per-learner values: last fiche read, settings */
    "CREATE TABLE state(learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(learner, key)) WITHOUT ROWID;",
    /* 4: questions in review (Leitner boxes); hash: the question as it was */
    "CREATE TABLE review(learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, fiche TEXT NOT NULL, question INTEGER NOT NULL,"
    " hash TEXT NOT NULL, box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),"
    " due INTEGER NOT NULL, PRIMARY KEY(learner, course, fiche, question)) WITHOUT ROWID;"
    "CREATE INDEX review_due ON review(learner, course, due);",
    /* 5: the learner's own paths (« parcours »): fiches by position 0..n-1 */
    "CREATE TABLE path(id INTEGER PRIMARY KEY,"
    " learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, name TEXT NOT NULL, created INTEGER NOT NULL);"
    "CREATE INDEX path_learner ON path(learner, course);"
    "CREATE TABLE path_fiche(path INTEGER NOT NULL REFERENCES path(id) ON DELETE CASCADE,"
    " fiche TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY(path, fiche)) WITHOUT ROWID;",
    /* 6: bookmarks (a source line, a label) and one note per fiche */
    "CREATE TABLE bookmark(id INTEGER PRIMARY KEY,"
    " learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, fiche TEXT NOT NULL, line INTEGER NOT NULL,"
    " label TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL,"
    " UNIQUE(learner, course, fiche, line));"
    "CREATE TABLE note(learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " course TEXT NOT NULL, fiche TEXT NOT NULL, text TEXT NOT NULL,"
    " updated INTEGER NOT NULL, PRIMARY KEY(learner, course, fiche)) WITHOUT ROWID;",
};

int store_fail(struct adpa_store *s, struct adpa_error *err, const char *what)
{
	int code = s && s->db ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "unknown error";
	if (code == SQLITE_FULL)
		adpa_error_set(
		    err, ADPA_EIO, s->path, 0, 0,
		    "%s: the disk is full; progress was not saved (earlier progress is intact)",
		    what);
	else if ((code & 0xff) == SQLITE_IOERR)
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0, "%s: input/output error (%s)", what,
		               msg);
	else if ((code & 0xff) == SQLITE_READONLY)
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0,
		               "%s: the file or its directory is read-only (%s)", what, msg);
	else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		adpa_error_set(
		    err, ADPA_EFORMAT, s->path, 0, 0,
		    "%s: the file is damaged or not an adpa progress file (%s); adpa leaves "
		    "it untouched: keep a copy, move it away, and adpa starts a new one",
		    what, msg);
	else if ((code & 0xff) == SQLITE_CONSTRAINT)
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0, "%s: already recorded", what);
	else
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0, "%s: %s", what, msg);
	return -1;
}

/* Prepares sql and binds args by the letters of types: i int64, s text
 * (NULL binds NULL). */
static sqlite3_stmt *prep(struct adpa_store *s, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		} else {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i + 1);
		}
	}
	return st;
}

/* A statement prepared with its arguments bound (as prep), for reading rows;
 * NULL on error. The caller finalizes it. */
sqlite3_stmt *store_stmt(struct adpa_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prep(s, sql, types, ap);
	va_end(ap);
	return st;
}

/* Runs one statement to completion. */
int store_run(struct adpa_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prep(s, sql, types, ap);
	va_end(ap);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* First column of the first row as an integer; dflt when there is no row. */
int64_t store_query_int(struct adpa_store *s, int64_t dflt, int *ok, const char *sql,
                        const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prep(s, sql, types, ap);
	va_end(ap);
	*ok = 0;
	if (!st)
		return dflt;
	int rc = sqlite3_step(st);
	int64_t v = dflt;
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	*ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	sqlite3_finalize(st);
	return v;
}

int store_begin(struct adpa_store *s)
{
	return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_commit(struct adpa_store *s)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void store_rollback(struct adpa_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Ends the transaction begun for an action: commit when rc is 0. */
int store_finish_tx(struct adpa_store *s, int rc, const char *what, struct adpa_error *err)
{
	if (rc == 0 && store_commit(s) == 0)
		return 0;
	store_fail(s, err, what);
	store_rollback(s);
	return -1;
}

int store_start_tx(struct adpa_store *s, const char *what, struct adpa_error *err)
{
	if (s->readonly) {
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0, "%s: opened read-only", what);
		return -1;
	}
	return store_begin(s) == 0 ? 0 : store_fail(s, err, what);
}

/* --- opening --- */

static int migrate(struct adpa_store *s, int from, int to, struct adpa_error *err)
{
	for (int v = from + 1; v <= to; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if (store_begin(s) < 0)
			return store_fail(s, err, "cannot upgrade the progress file");
		if (sqlite3_exec(s->db, migrations[v - 1], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			store_fail(s, err, "cannot upgrade the progress file");
			store_rollback(s);
			return -1;
		}
		if (store_commit(s) < 0)
			return store_fail(s, err, "cannot upgrade the progress file");
	}
	return 0;
}

/* Checks that the file is ours (or empty) and its version known. */
static int check_identity(struct adpa_store *s, int *version, struct adpa_error *err)
{
	int ok;
	int64_t app = store_query_int(s, 0, &ok, "PRAGMA application_id", "");
	if (!ok)
		return store_fail(s, err, "cannot read the progress file");
	*version = (int)store_query_int(s, 0, &ok, "PRAGMA user_version", "");
	int64_t tables = store_query_int(s, 0, &ok, "SELECT count(*) FROM sqlite_master", "");
	if (!ok)
		return store_fail(s, err, "cannot read the progress file");
	if (app != APP_ID && (app != 0 || tables > 0 || *version != 0)) {
		adpa_error_set(
		    err, ADPA_EFORMAT, s->path, 0, 0,
		    "not an adpa progress file (another program's SQLite database); adpa "
		    "leaves it untouched: pass --db with another file");
		return -1;
	}
	if (*version > ADPA_STORE_VERSION) {
		adpa_error_set(
		    err, ADPA_EFORMAT, s->path, 0, 0,
		    "written by a newer adpa (schema %d, this adpa knows %d): upgrade adpa "
		    "to use it",
		    *version, ADPA_STORE_VERSION);
		return -1;
	}
	return 0;
}

static struct adpa_store *open_db(const char *path, bool readonly, struct adpa_error *err)
{
	struct adpa_store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = readonly;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		store_fail(s, err, "cannot open the progress file");
		adpa_store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	return s;
}

struct adpa_store *adpa_store_open(const char *path, enum adpa_store_mode mode,
                                   struct adpa_error *err)
{
	bool ro = mode == ADPA_STORE_READ_ONLY;
	if (ro && access(path, R_OK) != 0) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "cannot read the progress file: %s",
		               strerror(errno));
		return NULL;
	}
	if (!ro && file_make_private(path, "the progress file", err) < 0)
		return NULL;
	struct adpa_store *s = open_db(path, ro, err);
	if (!s)
		return NULL;
	int version = 0;
	if (check_identity(s, &version, err) < 0)
		goto fail;
	if (ro) {
		if (version < ADPA_STORE_VERSION) {
			adpa_error_set(
			    err, ADPA_EFORMAT, path, 0, 0,
			    "written by an older adpa (schema %d): open it once with adpa "
			    "(e.g. adpa --db %s progress) to upgrade it",
			    version, path);
			goto fail;
		}
		return s;
	}
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		adpa_error_set(
		    err, ADPA_EIO, path, 0, 0,
		    "the progress file is read-only: reading works, progress is not saved");
		goto fail;
	}
	if (sqlite3_exec(s->db,
	                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                 "PRAGMA foreign_keys=ON",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s, err, "cannot prepare the progress file");
		goto fail;
	}
	if (version == 0 && store_run(s, "PRAGMA application_id = 1633972321", "") < 0) {
		store_fail(s, err, "cannot initialise the progress file");
		goto fail;
	}
	if (migrate(s, version, ADPA_STORE_VERSION, err) < 0)
		goto fail;
	return s;
fail:
	adpa_store_close(s);
	return NULL;
}

void adpa_store_close(struct adpa_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *adpa_store_path(const struct adpa_store *s)
{
	return s->path;
}

int adpa_store_version(struct adpa_store *s)
{
	int ok;
	return (int)store_query_int(s, -1, &ok, "PRAGMA user_version", "");
}

int adpa_store_create_at(const char *path, int v, struct adpa_error *err)
{
	if (v < 0 || v > ADPA_STORE_VERSION ||
	    file_make_private(path, "the progress file", err) < 0)
		return -1;
	struct adpa_store *s = open_db(path, false, err);
	if (!s)
		return -1;
	int rc = store_run(s, "PRAGMA application_id = 1633972321", "") < 0
	             ? store_fail(s, err, "create")
	             : migrate(s, 0, v, err);
	adpa_store_close(s);
	return rc;
}
