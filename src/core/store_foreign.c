/*
 * Collected progress files: a trainer reads the files of a workshop's
 * laptops (adpa report, adpa progress --db). Such a file is untrusted input:
 * anyone can hand over a SQLite file whose schema is rigged (a view that
 * loops forever or multiplies rows into gigabytes, a virtual table, a
 * generated column) or whose pages are corrupt.
 *
 * Invariants: the file is never written and nothing is created beside it
 * (opened read-only and immutable: no lock, no -wal, no -shm, no journal);
 * before any query touches a table, its sqlite_schema equals, object for
 * object and word for word, the schema adpa's own migrations create at that
 * version, so every name the queries use is a real table with the expected
 * columns (views, triggers and virtual tables are refused, and disabled on the
 * connection anyway); values, statements and memory are bounded, and each
 * statement has a work budget after which it is interrupted. A failure says
 * what is wrong with the file, in French, never quoting the file's content.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/store.h"
#include "files.h"
#include "store_internal.h"
#include <adpa/util.h>

#define TICK_OPS 1000     /* virtual-machine steps between progress-handler calls */
#define MAX_TICKS 100000L /* so at most 10^8 steps per statement (about a second) */

/* Interrupts a statement past its budget; s->ticks restarts at each one. */
static int on_progress(void *arg)
{
	struct adpa_store *s = arg;
	return ++s->ticks > MAX_TICKS;
}

/* "file:" URI of path, every byte outside [A-Za-z0-9/._~-] escaped. */
static char *file_uri(const char *path)
{
	struct buf b = {0};
	buf_adds(&b, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._~-", *p))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_adds(&b, "?mode=ro&immutable=1");
	return buf_detach(&b);
}

/* The limits and switches of a connection to an untrusted file. */
static int harden(struct adpa_store *s)
{
	static const int limits[][2] = {
	    {SQLITE_LIMIT_LENGTH, 1 << 20},
	    {SQLITE_LIMIT_SQL_LENGTH, 1 << 16},
	    {SQLITE_LIMIT_COLUMN, 64},
	    {SQLITE_LIMIT_EXPR_DEPTH, 64},
	    {SQLITE_LIMIT_COMPOUND_SELECT, 8},
	    {SQLITE_LIMIT_VDBE_OP, 25000},
	    {SQLITE_LIMIT_FUNCTION_ARG, 8},
	    {SQLITE_LIMIT_ATTACHED, 0},
	    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64},
	    {SQLITE_LIMIT_VARIABLE_NUMBER, 16},
	    {SQLITE_LIMIT_TRIGGER_DEPTH, 1},
	};
	static const int off[] = {SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_TRIGGER,
	                          SQLITE_DBCONFIG_ENABLE_VIEW,
	                          SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION};
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
		sqlite3_limit(s->db, limits[i][0], limits[i][1]);
	int rc = sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof off / sizeof *off; i++)
		rc = sqlite3_db_config(s->db, off[i], 0, (int *)NULL);
	sqlite3_progress_handler(s->db, TICK_OPS, on_progress, s);
	/* a small page cache (KiB), temporary tables on disk: memory stays bounded */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db,
		                  "PRAGMA trusted_schema = OFF; PRAGMA cache_size = -2048;"
		                  " PRAGMA temp_store = FILE; PRAGMA mmap_size = 0",
		                  NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}

/* What a schema object that adpa does not create is, in words. */
static const char *object_words(const char *type, const char *sql)
{
	if (!strcmp(type, "view"))
		return "une vue";
	if (!strcmp(type, "trigger"))
		return "un déclencheur";
	if (!strncmp(sql, "CREATE VIRTUAL", 14))
		return "une table virtuelle";
	return "un objet";
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Looks the row of st (type, name, tbl_name, sql) up in the reference. */
static bool in_reference(sqlite3_stmt *ref, sqlite3_stmt *st)
{
	sqlite3_reset(ref);
	while (sqlite3_step(ref) == SQLITE_ROW) {
		bool eq = true;
		for (int i = 0; eq && i < 4; i++)
			eq = same((const char *)sqlite3_column_text(ref, i),
			          (const char *)sqlite3_column_text(st, i));
		if (eq)
			return true;
	}
	return false;
}

#define SCHEMA_SQL "SELECT type, name, tbl_name, sql FROM sqlite_schema"

/* Compares the file's schema with the reference (mem, at the same version):
 * as many objects, each one of the reference's. */
static int compare_schema(struct adpa_store *s, sqlite3 *mem, struct adpa_error *err)
{
	sqlite3_stmt *ref = NULL, *st = store_stmt(s, SCHEMA_SQL " LIMIT 1000", "");
	if (!st || sqlite3_prepare_v2(mem, SCHEMA_SQL, -1, &ref, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return store_fail(s, err, "impossible de lire le fichier de progression");
	}
	int n = 0, nref = 0, rc;
	while (sqlite3_step(ref) == SQLITE_ROW)
		nref++;
	const char *odd = NULL;
	while (!odd && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (!in_reference(ref, st))
			odd = object_words(store_text(st, 0), store_text(st, 3));
	}
	sqlite3_finalize(ref);
	if (!odd && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return store_fail(s, err, "impossible de lire le fichier de progression");
	}
	sqlite3_finalize(st);
	if (!odd && n == nref)
		return 0;
	if (odd && strcmp(odd, "un objet"))
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "pas un fichier de progression adpa (il contient %s)", odd);
	else
		adpa_error_set(err, ADPA_EFORMAT, s->path, 0, 0,
		               "pas un fichier de progression adpa (son schéma n’est pas celui "
		               "d’adpa)");
	return -1;
}

/* Identity, version and schema, in one read transaction. */
static int check_file(struct adpa_store *s, struct adpa_error *err)
{
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "impossible de lire le fichier de progression");
	int version;
	int rc = store_identity(s, &version, err);
	if (rc == 0) {
		sqlite3 *mem = NULL;
		if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
		                    NULL) != SQLITE_OK ||
		    store_schema_at(mem, version) < 0)
			rc = store_fail(s, err, "impossible de vérifier le fichier de progression");
		else
			rc = compare_schema(s, mem, err);
		sqlite3_close(mem);
	}
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* A regular file of a sensible size that we may read. */
static int check_stat(const char *path, struct adpa_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0 || access(path, R_OK) != 0) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0,
		               "impossible de lire le fichier de progression (%s)",
		               file_errno_words(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		adpa_error_set(err, ADPA_EFORMAT, path, 0, 0,
		               "pas un fichier de progression adpa (pas un fichier ordinaire)");
		return -1;
	}
	if (st.st_size > ADPA_STORE_FOREIGN_SIZE) {
		adpa_error_set(
		    err, ADPA_EFORMAT, path, 0, 0,
		    "fichier de progression trop gros (%lld octets ; adpa en lit au plus "
		    "%d Mio)",
		    (long long)st.st_size, ADPA_STORE_FOREIGN_SIZE >> 20);
		return -1;
	}
	return 0;
}

struct adpa_store *adpa_store_open_foreign(const char *path, struct adpa_error *err)
{
	if (check_stat(path, err) < 0)
		return NULL;
	struct adpa_store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = s->foreign = true;
	char *uri = file_uri(path);
	int rc = sqlite3_open_v2(
	    uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(s->db, 1);
	if (rc != SQLITE_OK || harden(s) < 0) {
		store_fail(s, err, "impossible d’ouvrir le fichier de progression");
		adpa_store_close(s);
		return NULL;
	}
	if (check_file(s, err) < 0) {
		adpa_store_close(s);
		return NULL;
	}
	return s;
}
