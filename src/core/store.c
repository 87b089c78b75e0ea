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
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "store_internal.h"
#include <adpa/util.h>

#define APP_ID 0x61647061 /* "adpa" */
#define BUSY_RETRIES 20   /* opening: BEGIN IMMEDIATE tries, each after the busy timeout */

/* The schema, one string per version, applied in order under PRAGMA
 * user_version. Append only: an existing entry is never edited, since the
 * files it created keep its exact text (adpa_store_open_foreign compares a
 * collected file's schema with these, word for word). */

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
    /* 7: every learner's stable identity, a random (version 4) UUID; the
     * learners already there get theirs now, from SQLite's randomness */
    "ALTER TABLE learner ADD COLUMN uuid TEXT NOT NULL DEFAULT '';"
    "UPDATE learner SET uuid = lower(hex(randomblob(16)));"
    "UPDATE learner SET uuid = substr(uuid, 1, 8) || '-' || substr(uuid, 9, 4) || '-4'"
    " || substr(uuid, 14, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1)"
    " || substr(uuid, 18, 3) || '-' || substr(uuid, 21, 12);"
    "CREATE UNIQUE INDEX learner_uuid ON learner(uuid);",
    /* 8: xAPI. answer.hash: the question as it was answered (review.h's
     * hash; '' before); the outbox: statements queued for a Learning Record
     * Store, kept as sent (seq: the order they were queued in) */
    "ALTER TABLE answer ADD COLUMN hash TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE outbox(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " learner INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,"
    " statement TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending'"
    " CHECK (state IN ('pending', 'sent')), attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '', sent INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX outbox_state ON outbox(state, seq);",
};

/* What the learner reads for a failed SQLite call (in French: SQLite's own
 * text is English and may quote names from a hostile file, so it is never
 * shown). foreign: a collected file, which adpa only reads. */
static const char *why(int code, int sys, bool foreign)
{
	int primary = code & 0xff;
	if (primary == SQLITE_FULL ||
	    (primary == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG)))
		return "disque plein : rien n’est perdu de ce qui était déjà enregistré ; libérez "
		       "de la place";
	switch (primary) {
	case SQLITE_IOERR:
		return "erreur d’entrée-sortie sur le disque";
	case SQLITE_READONLY:
		return "le fichier ou son dossier est en lecture seule";
	case SQLITE_NOTADB:
		if (foreign)
			return "pas un fichier de progression adpa (pas même une base SQLite)";
		/* fall through */
	case SQLITE_CORRUPT:
	case SQLITE_FORMAT:
		return foreign ? "fichier de progression corrompu ; adpa ne le lit pas"
		               : "fichier abîmé ou qui n’est pas un fichier de progression adpa ; "
		                 "adpa n’y touche pas : gardez-en une copie, déplacez-le, et adpa "
		                 "en commencera un nouveau";
	case SQLITE_CONSTRAINT:
		return "déjà enregistré";
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "le fichier est occupé par un autre adpa depuis trop longtemps ; réessayez";
	case SQLITE_NOMEM:
		return foreign ? "fichier de progression trop gros (mémoire insuffisante)"
		               : "mémoire insuffisante";
	case SQLITE_TOOBIG:
		return "fichier de progression trop gros (une valeur dépasse la limite)";
	case SQLITE_INTERRUPT:
		return "fichier de progression trop gros ou trop complexe (lecture interrompue)";
	case SQLITE_CANTOPEN:
		return "impossible d’ouvrir le fichier";
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return "accès refusé";
	default:
		return NULL;
	}
}

int store_fail(struct adpa_store *s, struct adpa_error *err, const char *what)
{
	int code = s && s->db ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
	int sys = s && s->db ? sqlite3_system_errno(s->db) : 0;
	const char *path = s ? s->path : NULL;
	enum adpa_errcode ec = ADPA_EIO;
	int primary = code & 0xff;
	if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_CONSTRAINT ||
	    primary == SQLITE_TOOBIG || primary == SQLITE_INTERRUPT || primary == SQLITE_FORMAT)
		ec = ADPA_EFORMAT;
	const char *w = why(code, sys, s && s->foreign);
	if (w && ec == ADPA_EFORMAT && s && s->foreign) /* about the file, whatever adpa did */
		adpa_error_set(err, ec, path, 0, 0, "%s", w);
	else if (w && primary == SQLITE_CANTOPEN && sys)
		adpa_error_set(err, ec, path, 0, 0, "%s : %s (%s)", what, w, file_errno_words(sys));
	else if (w)
		adpa_error_set(err, ec, path, 0, 0, "%s : %s", what, w);
	else
		adpa_error_set(err, ec, path, 0, 0, "%s : erreur de la base de données (code %d)",
		               what, code);
	return -1;
}

/* Prepares sql and binds args by the letters of types: i int64, s text
 * (NULL binds NULL). Starts the statement's work budget (see on_progress). */
static sqlite3_stmt *prep(struct adpa_store *s, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *st;
	s->ticks = 0;
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

sqlite3_stmt *store_stmt(struct adpa_store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prep(s, sql, types, ap);
	va_end(ap);
	return st;
}

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

const char *store_text(sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	return v ? (const char *)v : "";
}

int store_begin(struct adpa_store *s)
{
	return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The connection's error stays that of the COMMIT: a failed COMMIT (disk
 * full) may have rolled the transaction back already, and a ROLLBACK then
 * would replace the real cause by "no transaction is active". */
int store_commit(struct adpa_store *s)
{
	return sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void store_rollback(struct adpa_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_finish_tx(struct adpa_store *s, int rc, const char *what, struct adpa_error *err)
{
	if (rc == 0 && store_commit(s) == 0)
		return 0;
	store_fail(s, err, what); /* before the rollback, which would change the error */
	store_rollback(s);
	return -1;
}

int store_start_tx(struct adpa_store *s, const char *what, struct adpa_error *err)
{
	if (s->readonly) {
		adpa_error_set(err, ADPA_EIO, s->path, 0, 0, "%s : fichier ouvert en lecture seule",
		               what);
		return -1;
	}
	return store_begin(s) == 0 ? 0 : store_fail(s, err, what);
}

/* --- identity and schema --- */

int store_schema_at(sqlite3 *db, int v)
{
	for (int i = 0; i < v; i++)
		if (sqlite3_exec(db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	return 0;
}

int store_identity(struct adpa_store *s, int *version, struct adpa_error *err)
{
	const char *what = "impossible de lire le fichier de progression";
	int ok, ok2, ok3;
	int64_t app = store_query_int(s, 0, &ok, "PRAGMA application_id", "");
	*version = (int)store_query_int(s, 0, &ok2, "PRAGMA user_version", "");
	int64_t objects = store_query_int(s, 0, &ok3, "SELECT count(*) FROM sqlite_schema", "");
	if (!ok || !ok2 || !ok3)
		return store_fail(s, err, what);
	if (app != APP_ID && (app != 0 || objects > 0 || *version != 0 || s->foreign)) {
		const char *kind = app || objects ? "une autre base SQLite" : "fichier vide";
		adpa_error_set(
		    err, ADPA_EFORMAT, s->path, 0, 0, "pas un fichier de progression adpa (%s)%s",
		    kind,
		    s->foreign ? "" : " ; adpa n’y touche pas : passez un autre fichier avec --db");
		return -1;
	}
	if (*version > ADPA_STORE_VERSION) {
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "écrit par une version plus récente d’adpa (schéma %d, celle-ci "
		               "connaît le %d) : mettez adpa à jour pour le lire",
		               *version, ADPA_STORE_VERSION);
		return -1;
	}
	if (s->readonly && *version < ADPA_STORE_VERSION) {
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "écrit par une version plus ancienne d’adpa (schéma %d) : ouvrez-en "
		               "une copie une fois avec adpa (adpa --db COPIE quiz …) pour la "
		               "mettre à jour",
		               *version);
		return -1;
	}
	return 0;
}

/* Inside the opening transaction: brings the file from version from to to. */
static int migrate(struct adpa_store *s, int from, int to)
{
	if (from == 0 && store_run(s, "PRAGMA application_id = 1633972321", "") < 0)
		return -1;
	for (int v = from + 1; v <= to; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if (sqlite3_exec(s->db, migrations[v - 1], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	}
	return 0;
}

static bool busy(struct adpa_store *s)
{
	int primary = sqlite3_extended_errcode(s->db) & 0xff;
	return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

/* One try at the opening transaction: BEGIN IMMEDIATE, so that the checks
 * see the file as the migration will change it (two adpa starting at once on
 * a new file: the second one finds the first one's schema, never half of it);
 * then identity, migrations up to version to, COMMIT. 1: busy, try again. */
static int setup_once(struct adpa_store *s, int to, struct adpa_error *err)
{
	const char *what = "impossible de préparer le fichier de progression";
	if (sqlite3_exec(s->db,
	                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                 "PRAGMA foreign_keys=ON",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    store_begin(s) < 0)
		return busy(s) ? 1 : store_fail(s, err, what);
	int version = 0;
	if (store_identity(s, &version, err) < 0) {
		bool again = busy(s);
		store_rollback(s);
		return again ? 1 : -1;
	}
	if (migrate(s, version, to) < 0 || store_commit(s) < 0) {
		bool again = busy(s);
		if (!again)
			store_fail(s, err, "impossible de mettre à jour le fichier de progression");
		store_rollback(s);
		return again ? 1 : -1;
	}
	return 0;
}

static int setup(struct adpa_store *s, int to, struct adpa_error *err)
{
	for (int i = 0;; i++) {
		int rc = setup_once(s, to, err);
		if (rc <= 0)
			return rc;
		if (i == BUSY_RETRIES)
			return store_fail(s, err,
			                  "impossible de préparer le fichier de progression");
		struct timespec pause = {0, 20000000L * (1 + i % 5)};
		nanosleep(&pause, NULL);
	}
}

/* --- the learner's own file --- */

/* Makes an existing file (or its -wal, -shm) private when others can read it. */
static void make_private(const char *path, struct adpa_store *s)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 077)) {
		if (fd >= 0)
			close(fd);
		return;
	}
	if (fchmod(fd, st.st_mode & 0600) == 0)
		snprintf(s->warning, sizeof s->warning,
		         "le fichier de progression était lisible par d’autres utilisateurs : "
		         "ses droits sont maintenant 0600 (lui seul)");
	else
		snprintf(s->warning, sizeof s->warning,
		         "le fichier de progression est lisible par d’autres utilisateurs et adpa "
		         "ne peut pas corriger ses droits (%s)",
		         file_errno_words(errno));
	close(fd);
}

/* The path of the learner's file: created private when missing; refused
 * when it is a symbolic link (whoever controls the link would choose which
 * file adpa writes) or not a regular file. */
static int check_path(const char *path, struct adpa_store *s, struct adpa_error *err)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT && errno != ENOTDIR) {
			adpa_error_set(err, ADPA_EIO, path, 0, 0,
			               "impossible d’accéder au fichier de progression (%s)",
			               file_errno_words(errno));
			return -1;
		}
		return file_make_private(path, "le fichier de progression", err);
	}
	if (S_ISLNK(st.st_mode)) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0,
		               "est un lien symbolique : adpa n’enregistre pas la progression à "
		               "travers un lien ; passez le chemin du fichier lui-même (--db)");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0,
		               "n’est pas un fichier ordinaire : passez un fichier avec --db");
		return -1;
	}
	char *side = xasprintf("%s-wal", path);
	make_private(path, s);
	make_private(side, s);
	side[strlen(side) - 3] = '\0';
	strcat(side, "shm");
	make_private(side, s);
	free(side);
	return 0;
}

static struct adpa_store *open_db(const char *path, bool readonly, struct adpa_error *err)
{
	struct adpa_store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = readonly;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		store_fail(s, err, "impossible d’ouvrir le fichier de progression");
		adpa_store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	return s;
}

/* Read-only: the checks in one read transaction, so they see one state. */
static int check_readonly(struct adpa_store *s, struct adpa_error *err)
{
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "impossible de lire le fichier de progression");
	int version;
	int rc = store_identity(s, &version, err);
	store_rollback(s);
	return rc;
}

struct adpa_store *adpa_store_open(const char *path, enum adpa_store_mode mode,
                                   struct adpa_error *err)
{
	bool ro = mode == ADPA_STORE_READ_ONLY;
	if (ro && access(path, R_OK) != 0) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0,
		               "impossible de lire le fichier de progression (%s)",
		               file_errno_words(errno));
		return NULL;
	}
	struct adpa_store tmp = {0};
	if (!ro && check_path(path, &tmp, err) < 0)
		return NULL;
	struct adpa_store *s = open_db(path, ro, err);
	if (!s)
		return NULL;
	memcpy(s->warning, tmp.warning, sizeof s->warning);
	if (ro ? check_readonly(s, err) < 0 : 0)
		goto fail;
	if (!ro && sqlite3_db_readonly(s->db, "main") == 1) {
		adpa_error_set(
		    err, ADPA_EIO, path, 0, 0,
		    "le fichier de progression est en lecture seule : la lecture marche, "
		    "la progression n’est pas enregistrée");
		goto fail;
	}
	if (!ro && setup(s, ADPA_STORE_VERSION, err) < 0)
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

const char *adpa_store_warning(const struct adpa_store *s)
{
	return s && s->warning[0] ? s->warning : NULL;
}

int adpa_store_version(struct adpa_store *s)
{
	int ok;
	return (int)store_query_int(s, -1, &ok, "PRAGMA user_version", "");
}

int adpa_store_create_at(const char *path, int v, struct adpa_error *err)
{
	if (v < 0 || v > ADPA_STORE_VERSION ||
	    file_make_private(path, "le fichier de progression", err) < 0)
		return -1;
	struct adpa_store *s = open_db(path, false, err);
	if (!s)
		return -1;
	int rc = setup(s, v, err);
	adpa_store_close(s);
	return rc;
}
