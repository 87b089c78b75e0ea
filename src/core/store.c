/*
 * The progress store (see store.h for the contract).
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

#include "adpa/review.h"
#include "files.h"
#include <adpa/util.h>

#define APP_ID 0x61647061 /* "adpa" */

struct adpa_store {
	sqlite3 *db;
	char *path;
	bool readonly;
};

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

static int fail(struct adpa_store *s, struct adpa_error *err, const char *what)
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
static sqlite3_stmt *stmt(struct adpa_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prep(s, sql, types, ap);
	va_end(ap);
	return st;
}

/* Runs one statement to completion. */
static int run(struct adpa_store *s, const char *sql, const char *types, ...)
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
static int64_t query_int(struct adpa_store *s, int64_t dflt, int *ok, const char *sql,
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

static int begin(struct adpa_store *s)
{
	return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int commit(struct adpa_store *s)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static void rollback(struct adpa_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* --- opening --- */

static int migrate(struct adpa_store *s, int from, int to, struct adpa_error *err)
{
	for (int v = from + 1; v <= to; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if (begin(s) < 0)
			return fail(s, err, "cannot upgrade the progress file");
		if (sqlite3_exec(s->db, migrations[v - 1], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			fail(s, err, "cannot upgrade the progress file");
			rollback(s);
			return -1;
		}
		if (commit(s) < 0)
			return fail(s, err, "cannot upgrade the progress file");
	}
	return 0;
}

/* Checks that the file is ours (or empty) and its version known. */
static int check_identity(struct adpa_store *s, int *version, struct adpa_error *err)
{
	int ok;
	int64_t app = query_int(s, 0, &ok, "PRAGMA application_id", "");
	if (!ok)
		return fail(s, err, "cannot read the progress file");
	*version = (int)query_int(s, 0, &ok, "PRAGMA user_version", "");
	int64_t tables = query_int(s, 0, &ok, "SELECT count(*) FROM sqlite_master", "");
	if (!ok)
		return fail(s, err, "cannot read the progress file");
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
		fail(s, err, "cannot open the progress file");
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
		fail(s, err, "cannot prepare the progress file");
		goto fail;
	}
	if (version == 0 && run(s, "PRAGMA application_id = 1633972321", "") < 0) {
		fail(s, err, "cannot initialise the progress file");
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
	return (int)query_int(s, -1, &ok, "PRAGMA user_version", "");
}

int adpa_store_create_at(const char *path, int v, struct adpa_error *err)
{
	if (v < 0 || v > ADPA_STORE_VERSION ||
	    file_make_private(path, "the progress file", err) < 0)
		return -1;
	struct adpa_store *s = open_db(path, false, err);
	if (!s)
		return -1;
	int rc = run(s, "PRAGMA application_id = 1633972321", "") < 0 ? fail(s, err, "create")
	                                                              : migrate(s, 0, v, err);
	adpa_store_close(s);
	return rc;
}

/* --- learners --- */

int64_t adpa_store_learner(struct adpa_store *s, const char *name, bool create, int64_t now,
                           struct adpa_error *err)
{
	int ok;
	int64_t id = query_int(s, 0, &ok, "SELECT id FROM learner WHERE name = ?", "s", name);
	if (!ok)
		return fail(s, err, "cannot read the learners");
	if (id || !create)
		return id;
	if (run(s, "INSERT INTO learner(name, created) VALUES (?, ?)", "si", name, now) < 0)
		return fail(s, err, "cannot add the learner");
	return sqlite3_last_insert_rowid(s->db);
}

int adpa_store_learners(struct adpa_store *s, char ***names, size_t *n, struct adpa_error *err)
{
	sqlite3_stmt *st;
	*names = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM learner ORDER BY name", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, err, "cannot read the learners");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*names, cap, *n + 1);
		(*names)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, err, "cannot read the learners");
}

/* --- reading --- */

/* Makes sure the (learner, course, fiche) row exists: inside a transaction. */
static int touch(struct adpa_store *s, int64_t learner, const char *course, const char *fiche,
                 int64_t now)
{
	return run(s,
	           "INSERT INTO reading(learner, course, fiche, first_opened, last_opened)"
	           " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
	           "issii", learner, course, fiche, now, now);
}

/* Ends the transaction begun for an action: commit when rc is 0. */
static int finish_tx(struct adpa_store *s, int rc, const char *what, struct adpa_error *err)
{
	if (rc == 0 && commit(s) == 0)
		return 0;
	fail(s, err, what);
	rollback(s);
	return -1;
}

static int start_tx(struct adpa_store *s, const char *what, struct adpa_error *err)
{
	if (s->readonly) {
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0, "%s: opened read-only", what);
		return -1;
	}
	return begin(s) == 0 ? 0 : fail(s, err, what);
}

int adpa_store_opened(struct adpa_store *s, int64_t learner, const char *course, const char *fiche,
                      int64_t now, struct adpa_error *err)
{
	const char *what = "cannot record the reading";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = run(s,
		         "UPDATE reading SET last_opened = ? WHERE learner = ? AND course = ?"
		         " AND fiche = ?",
		         "iiss", now, learner, course, fiche);
	return finish_tx(s, rc, what, err);
}

int adpa_store_position(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, int line, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot record the position";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = run(s,
		         "UPDATE reading SET position = ?1, furthest = max(furthest, ?1),"
		         " last_opened = ?2 WHERE learner = ?3 AND course = ?4 AND fiche = ?5",
		         "iiiss", (int64_t)line, now, learner, course, fiche);
	return finish_tx(s, rc, what, err);
}

int adpa_store_add_time(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, int seconds, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot record the reading time";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = run(s,
		         "UPDATE reading SET seconds = seconds + ?1, last_opened = ?2"
		         " WHERE learner = ?3 AND course = ?4 AND fiche = ?5",
		         "iiiss", (int64_t)seconds, now, learner, course, fiche);
	return finish_tx(s, rc, what, err);
}

int adpa_store_completed(struct adpa_store *s, int64_t learner, const char *course,
                         const char *fiche, bool done, const char *hash, int64_t now,
                         struct adpa_error *err)
{
	const char *what = "cannot record the fiche as read";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = touch(s, learner, course, fiche, now);
	if (rc == 0)
		rc = run(
		    s,
		    "UPDATE reading SET completed = ?1, last_opened = ?2, hash = coalesce(?3, hash)"
		    " WHERE learner = ?4 AND course = ?5 AND fiche = ?6",
		    "iisiss", done ? now : (int64_t)0, now, hash, learner, course, fiche);
	return finish_tx(s, rc, what, err);
}

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
	snprintf(dst, size, "%s", src ? (const char *)src : "");
}

/* Fills the quiz part of a progress record from the finished attempts. */
static int quiz_summary(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, struct adpa_progress *p)
{
	sqlite3_stmt *st;
	const char *sql = "SELECT count(*), max(correct * 100 / questions),"
	                  " (SELECT correct * 100 / questions FROM attempt WHERE learner = ?1"
	                  "  AND course = ?2 AND fiche = ?3 AND finished > 0 AND questions > 0"
	                  "  ORDER BY finished DESC, id DESC LIMIT 1),"
	                  " max(finished)"
	                  " FROM attempt WHERE learner = ?1 AND course = ?2 AND fiche = ?3"
	                  " AND finished > 0 AND questions > 0";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, course, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, fiche, -1, SQLITE_TRANSIENT);
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
	int64_t act =
	    query_int(s, 0, &ok,
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
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT first_opened, last_opened, completed, seconds, position,"
	                       " furthest, hash FROM reading WHERE learner = ? AND course = ?"
	                       " AND fiche = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return fail(s, err, "cannot read the progress");
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, course, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, fiche, -1, SQLITE_TRANSIENT);
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
		return fail(s, err, "cannot read the progress");
	return quiz_summary(s, learner, course, fiche, out) < 0
	           ? fail(s, err, "cannot read the quiz results")
	           : 0;
}

/* --- quizzes --- */

int64_t adpa_store_attempt(struct adpa_store *s, int64_t learner, const char *course,
                           const char *fiche, int questions, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot start the quiz";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s,
	             "INSERT INTO attempt(learner, course, fiche, started, questions)"
	             " VALUES (?, ?, ?, ?, ?)",
	             "issii", learner, course, fiche, now, (int64_t)questions);
	int64_t id = sqlite3_last_insert_rowid(s->db);
	return finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

/* Inside a transaction: the answer and the attempt's count of right ones.
 * -1 on a database error; -2, rolled back with err filled, when the
 * question is already answered in this attempt. */
static int add_answer(struct adpa_store *s, int64_t attempt, int question, const char *chosen,
                      bool correct, int64_t now, struct adpa_error *err)
{
	int rc = run(
	    s, "INSERT INTO answer(attempt, question, chosen, correct, at) VALUES (?, ?, ?, ?, ?)",
	    "iisii", attempt, (int64_t)question, chosen, (int64_t)correct, now);
	if (rc < 0 && (sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT) {
		rollback(s);
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "question %d of this attempt is already answered", question + 1);
		return -2;
	}
	if (rc == 0 && correct)
		rc = run(s, "UPDATE attempt SET correct = correct + 1 WHERE id = ?", "i", attempt);
	return rc;
}

int adpa_store_answer(struct adpa_store *s, int64_t attempt, int question, const char *chosen,
                      bool correct, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot record the answer";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = add_answer(s, attempt, question, chosen, correct, now, err);
	return rc == -2 ? -1 : finish_tx(s, rc, what, err);
}

/* The review state of a's question, box 0 when it is not in review (or was
 * put there as a question that has been edited since). */
static int review_state(struct adpa_store *s, const struct adpa_answer *a,
                        struct adpa_review_state *out)
{
	*out = (struct adpa_review_state){0, 0};
	sqlite3_stmt *st =
	    stmt(s,
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
	struct adpa_review_state next = adpa_review_next(cur, a->correct, a->attempt == 0, now);
	if (next.box == cur.box && next.due == cur.due)
		return 0;
	if (next.box == 0)
		return run(s,
		           "DELETE FROM review WHERE learner = ? AND course = ? AND fiche = ?"
		           " AND question = ?",
		           "issi", a->learner, a->course, a->fiche, (int64_t)a->question);
	return run(s,
	           "INSERT INTO review(learner, course, fiche, question, hash, box, due)"
	           " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(learner, course, fiche, question)"
	           " DO UPDATE SET hash = excluded.hash, box = excluded.box, due = excluded.due",
	           "issisii", a->learner, a->course, a->fiche, (int64_t)a->question, a->hash,
	           (int64_t)next.box, next.due);
}

int adpa_store_record(struct adpa_store *s, const struct adpa_answer *a, int64_t now,
                      struct adpa_error *err)
{
	const char *what = "cannot record the answer";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = a->attempt > 0
	             ? add_answer(s, a->attempt, a->question, a->chosen, a->correct, now, err)
	             : 0;
	if (rc == -2)
		return -1;
	if (rc == 0)
		rc = move_review(s, a, now);
	return finish_tx(s, rc, what, err);
}

int adpa_store_review(struct adpa_store *s, int64_t learner, const char *course, int64_t until,
                      adpa_review_fn fn, void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st =
	    stmt(s,
	         "SELECT fiche, question, hash, box, due FROM review WHERE learner = ?"
	         " AND course = ? AND due <= ? ORDER BY due, fiche, question",
	         "isi", learner, course, until);
	if (!st)
		return fail(s, err, "cannot read the questions to review");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_review_row r = {
		    .fiche = (const char *)sqlite3_column_text(st, 0),
		    .question = sqlite3_column_int(st, 1),
		    .hash = (const char *)sqlite3_column_text(st, 2),
		    .box = sqlite3_column_int(st, 3),
		    .due = sqlite3_column_int64(st, 4),
		};
		if (fn(&r, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : fail(s, err, "cannot read the questions to review");
}

int adpa_store_finish(struct adpa_store *s, int64_t attempt, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot record the quiz result";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s, "UPDATE attempt SET finished = ? WHERE id = ?", "ii", now, attempt);
	return finish_tx(s, rc, what, err);
}

/* --- per-learner values --- */

int adpa_store_set(struct adpa_store *s, int64_t learner, const char *key, const char *value,
                   struct adpa_error *err)
{
	const char *what = "cannot save a setting";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    value ? run(s,
	                "INSERT INTO state(learner, key, value) VALUES (?, ?, ?)"
	                " ON CONFLICT(learner, key) DO UPDATE SET value = excluded.value",
	                "iss", learner, key, value)
	          : run(s, "DELETE FROM state WHERE learner = ? AND key = ?", "is", learner, key);
	return finish_tx(s, rc, what, err);
}

char *adpa_store_get(struct adpa_store *s, int64_t learner, const char *key, struct adpa_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM state WHERE learner = ? AND key = ?", -1,
	                       &st, NULL) != SQLITE_OK) {
		fail(s, err, "cannot read a setting");
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

/* --- bookmarks and notes --- */

int64_t adpa_store_bookmark_add(struct adpa_store *s, int64_t learner, const char *course,
                                const char *fiche, int line, const char *label, int64_t now,
                                struct adpa_error *err)
{
	const char *what = "cannot save the bookmark";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s,
	             "INSERT INTO bookmark(learner, course, fiche, line, label, created)"
	             " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(learner, course, fiche, line)"
	             " DO UPDATE SET label = excluded.label, created = excluded.created",
	             "issisi", learner, course, fiche, (int64_t)line, label ? label : "", now);
	int ok = 0;
	int64_t id = rc == 0 ? query_int(s, -1, &ok,
	                                 "SELECT id FROM bookmark WHERE learner = ? AND course = ?"
	                                 " AND fiche = ? AND line = ?",
	                                 "issi", learner, course, fiche, (int64_t)line)
	                     : -1;
	if (rc == 0 && (!ok || id < 0))
		rc = -1;
	return finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

int adpa_store_bookmark_delete(struct adpa_store *s, int64_t learner, int64_t id,
                               struct adpa_error *err)
{
	const char *what = "cannot delete the bookmark";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s, "DELETE FROM bookmark WHERE learner = ? AND id = ?", "ii", learner, id);
	return finish_tx(s, rc, what, err);
}

int adpa_store_bookmarks(struct adpa_store *s, int64_t learner, const char *course,
                         adpa_bookmark_fn fn, void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st = stmt(s,
	                        "SELECT id, course, fiche, line, label, created FROM bookmark"
	                        " WHERE learner = ?1 AND (?2 IS NULL OR course = ?2)"
	                        " ORDER BY course, fiche, line",
	                        "is", learner, course);
	if (!st)
		return fail(s, err, "cannot read the bookmarks");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_bookmark b = {
		    .id = sqlite3_column_int64(st, 0),
		    .course = (const char *)sqlite3_column_text(st, 1),
		    .fiche = (const char *)sqlite3_column_text(st, 2),
		    .line = sqlite3_column_int(st, 3),
		    .label = (const char *)sqlite3_column_text(st, 4),
		    .created = sqlite3_column_int64(st, 5),
		};
		if (fn(&b, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : fail(s, err, "cannot read the bookmarks");
}

int adpa_store_note_set(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, const char *text, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot save the note";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc =
	    text && *text
	        ? run(s,
	              "INSERT INTO note(learner, course, fiche, text, updated) VALUES (?, ?, ?, ?, "
	              "?)"
	              " ON CONFLICT(learner, course, fiche) DO UPDATE SET text = excluded.text,"
	              " updated = excluded.updated",
	              "isssi", learner, course, fiche, text, now)
	        : run(s, "DELETE FROM note WHERE learner = ? AND course = ? AND fiche = ?", "iss",
	              learner, course, fiche);
	return finish_tx(s, rc, what, err);
}

int adpa_store_note_get(struct adpa_store *s, int64_t learner, const char *course,
                        const char *fiche, char **text, struct adpa_error *err)
{
	*text = NULL;
	sqlite3_stmt *st =
	    stmt(s, "SELECT text FROM note WHERE learner = ? AND course = ? AND fiche = ?", "iss",
	         learner, course, fiche);
	if (!st)
		return fail(s, err, "cannot read the note");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*text = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, err, "cannot read the note");
}

int adpa_store_notes(struct adpa_store *s, int64_t learner, const char *course, adpa_note_fn fn,
                     void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st =
	    stmt(s,
	         "SELECT course, fiche, text, updated FROM note"
	         " WHERE learner = ?1 AND (?2 IS NULL OR course = ?2) ORDER BY course, fiche",
	         "is", learner, course);
	if (!st)
		return fail(s, err, "cannot read the notes");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_note n = {
		    .course = (const char *)sqlite3_column_text(st, 0),
		    .fiche = (const char *)sqlite3_column_text(st, 1),
		    .text = (const char *)sqlite3_column_text(st, 2),
		    .updated = sqlite3_column_int64(st, 3),
		};
		if (fn(&n, arg))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, err, "cannot read the notes");
}

/* --- export --- */

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
		    .label = xstrdup((const char *)sqlite3_column_text(st, 2)),
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
	    "  n.text, k.learner"
	    " FROM k JOIN learner l ON l.id = k.learner"
	    " LEFT JOIN reading r USING (learner, course, fiche)"
	    " LEFT JOIN q USING (learner, course, fiche)"
	    " LEFT JOIN note n USING (learner, course, fiche)"
	    " WHERE ?1 IS NULL OR l.name = ?1 ORDER BY l.name, k.course, k.fiche";
	sqlite3_stmt *st = stmt(s, sql, "s", learner);
	sqlite3_stmt *bm = stmt(s,
	                        "SELECT id, line, label, created FROM bookmark WHERE learner = ?"
	                        " AND course = ? AND fiche = ? ORDER BY line",
	                        "");
	if (!st || !bm) {
		sqlite3_finalize(st);
		sqlite3_finalize(bm);
		return fail(s, err, "cannot read the progress");
	}
	struct adpa_bookmark *marks = NULL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_export_row r = {
		    .learner = (const char *)sqlite3_column_text(st, 0),
		    .course = (const char *)sqlite3_column_text(st, 1),
		    .fiche = (const char *)sqlite3_column_text(st, 2),
		    .first_opened = sqlite3_column_int64(st, 3),
		    .completed = sqlite3_column_int64(st, 4),
		    .seconds = sqlite3_column_int(st, 5),
		    .attempts = sqlite3_column_int(st, 6),
		    .best = sqlite3_column_int(st, 7),
		    .last_activity = sqlite3_column_int64(st, 8),
		    .note = (const char *)sqlite3_column_text(st, 9),
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
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, err, "cannot read the progress");
}

void adpa_content_hash(const char *data, size_t len, char out[17])
{
	uint64_t h = 14695981039346656037u; /* FNV-1a, 64 bits: a change detector */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211u;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* --- the learner's own paths («parcours») ---
 *
 * A path's fiches hold positions 0 .. n-1 without gaps: adding appends,
 * removing closes the gap, moving swaps two neighbours. A fiche is at most
 * once in a path (adding it again is a no-op). */

/* Inside a transaction: appends the fiches not yet in path, in order. */
static int path_append(struct adpa_store *s, int64_t path, const char *const *fiches, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (run(s,
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
	int64_t n = query_int(s, 0, &ok, "SELECT count(*) FROM path WHERE id = ?", "i", path);
	if (ok && n == 1)
		return 0;
	if (!ok)
		fail(s, err, what);
	else
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0, "%s: no such path", what);
	rollback(s);
	return -1;
}

int64_t adpa_store_path_new(struct adpa_store *s, int64_t learner, const char *course,
                            const char *name, const char *const *fiches, size_t n, int64_t now,
                            struct adpa_error *err)
{
	const char *what = "cannot create the path";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s, "INSERT INTO path(learner, course, name, created) VALUES (?, ?, ?, ?)",
	             "issi", learner, course, name, now);
	int64_t id = sqlite3_last_insert_rowid(s->db);
	if (rc == 0)
		rc = path_append(s, id, fiches, n);
	return finish_tx(s, rc, what, err) < 0 ? -1 : id;
}

int adpa_store_path_rename(struct adpa_store *s, int64_t path, const char *name,
                           struct adpa_error *err)
{
	const char *what = "cannot rename the path";
	if (start_tx(s, what, err) < 0 || path_exists(s, path, what, err) < 0)
		return -1;
	int rc = run(s, "UPDATE path SET name = ? WHERE id = ?", "si", name, path);
	return finish_tx(s, rc, what, err);
}

int adpa_store_path_delete(struct adpa_store *s, int64_t path, struct adpa_error *err)
{
	const char *what = "cannot delete the path";
	if (start_tx(s, what, err) < 0)
		return -1;
	int rc = run(s, "DELETE FROM path_fiche WHERE path = ?", "i", path);
	if (rc == 0)
		rc = run(s, "DELETE FROM path WHERE id = ?", "i", path);
	return finish_tx(s, rc, what, err);
}

int adpa_store_path_add(struct adpa_store *s, int64_t path, const char *const *fiches, size_t n,
                        struct adpa_error *err)
{
	const char *what = "cannot add to the path";
	if (start_tx(s, what, err) < 0 || path_exists(s, path, what, err) < 0)
		return -1;
	return finish_tx(s, path_append(s, path, fiches, n), what, err);
}

int adpa_store_path_remove(struct adpa_store *s, int64_t path, const char *fiche,
                           struct adpa_error *err)
{
	const char *what = "cannot remove from the path";
	if (start_tx(s, what, err) < 0)
		return -1;
	int ok;
	int64_t pos =
	    query_int(s, -1, &ok, "SELECT pos FROM path_fiche WHERE path = ? AND fiche = ?", "is",
	              path, fiche);
	int rc = ok ? 0 : -1;
	if (rc == 0 && pos >= 0)
		rc = run(s, "DELETE FROM path_fiche WHERE path = ? AND fiche = ?", "is", path,
		         fiche);
	if (rc == 0 && pos >= 0)
		rc = run(s, "UPDATE path_fiche SET pos = pos - 1 WHERE path = ? AND pos > ?", "ii",
		         path, pos);
	return finish_tx(s, rc, what, err);
}

int adpa_store_path_move(struct adpa_store *s, int64_t path, const char *fiche, int delta,
                         struct adpa_error *err)
{
	const char *what = "cannot move the fiche in the path";
	if (start_tx(s, what, err) < 0)
		return -1;
	int ok, ok2;
	int64_t pos =
	    query_int(s, -1, &ok, "SELECT pos FROM path_fiche WHERE path = ? AND fiche = ?", "is",
	              path, fiche);
	int64_t n =
	    query_int(s, 0, &ok2, "SELECT count(*) FROM path_fiche WHERE path = ?", "i", path);
	int rc = ok && ok2 ? 0 : -1;
	int64_t to = pos + (delta < 0 ? -1 : 1);
	if (rc == 0 && pos >= 0 && delta != 0 && to >= 0 && to < n)
		rc = run(s,
		         "UPDATE path_fiche SET pos = CASE pos WHEN ?1 THEN ?2 ELSE ?1 END"
		         " WHERE path = ?3 AND pos IN (?1, ?2)",
		         "iii", pos, to, path);
	return finish_tx(s, rc, what, err);
}

/* The fiches of path p, in order, into p->fiches. */
static int path_fiches(struct adpa_store *s, struct adpa_store_path *p)
{
	sqlite3_stmt *st =
	    stmt(s, "SELECT fiche FROM path_fiche WHERE path = ? ORDER BY pos", "i", p->id);
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(p->fiches, cap, p->nfiches + 1);
		p->fiches[p->nfiches++] = xstrdup((const char *)sqlite3_column_text(st, 0));
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
	    stmt(s,
	         "SELECT id, name, created FROM path WHERE learner = ? AND course = ?"
	         " ORDER BY id",
	         "is", learner, course);
	if (!st)
		return fail(s, err, "cannot read the paths");
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*out, cap, *n + 1);
		struct adpa_store_path *p = &(*out)[(*n)++];
		*p = (struct adpa_store_path){
		    .id = sqlite3_column_int64(st, 0),
		    .name = xstrdup((const char *)sqlite3_column_text(st, 1)),
		    .created = sqlite3_column_int64(st, 2),
		};
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == SQLITE_DONE && i < *n; i++)
		if (path_fiches(s, &(*out)[i]) < 0)
			rc = SQLITE_ERROR;
	if (rc == SQLITE_DONE)
		return 0;
	fail(s, err, "cannot read the paths");
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
