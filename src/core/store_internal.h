/*
 * What the store_*.c files share and nothing else sees: the store handle and
 * the statement and transaction helpers of store.c.
 *
 * Every public writing function is one transaction: store_start_tx, the
 * statements, then store_finish_tx (commit when they all succeeded, else
 * roll back and fill err). Helpers that work "inside a transaction" never
 * begin or end one.
 */
#ifndef ADPA_STORE_INTERNAL_H
#define ADPA_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "adpa/error.h"
#include "adpa/store.h"

struct adpa_store {
	sqlite3 *db;
	char *path;
	bool readonly;
	bool foreign;      /* a collected file (adpa_store_open_foreign) */
	long ticks;        /* progress-handler calls in the current statement */
	char warning[256]; /* adpa_store_warning; "" when none */
};

/* Fills err from the connection's last error: "WHAT : WHY" in French (never
 * SQLite's own English text, which may quote names from a hostile file);
 * returns -1. */
int store_fail(struct adpa_store *s, struct adpa_error *err, const char *what);

/* A statement prepared with its arguments bound by the letters of types
 * (i int64, s text, NULL binds NULL), for reading rows; NULL on error. The
 * caller finalizes it. */
sqlite3_stmt *store_stmt(struct adpa_store *s, const char *sql, const char *types, ...);
/* Runs one statement (bound as store_stmt) to completion: 0 or -1. */
int store_run(struct adpa_store *s, const char *sql, const char *types, ...);
/* First column of the first row as an integer; dflt when there is no row.
 * *ok is 0 on a database error. */
int64_t store_query_int(struct adpa_store *s, int64_t dflt, int *ok, const char *sql,
                        const char *types, ...);

/* Column col of the current row as text, "" when NULL (a hostile file can
 * hold NULL where the schema says NOT NULL). Valid until the next step. */
const char *store_text(sqlite3_stmt *st, int col);

/* BEGIN IMMEDIATE / COMMIT (rolls back when the commit fails) / ROLLBACK. */
int store_begin(struct adpa_store *s);
int store_commit(struct adpa_store *s);
void store_rollback(struct adpa_store *s);

/* The transaction of one action: store_start_tx refuses a read-only store;
 * store_finish_tx commits when rc is 0, else rolls back and fills err. */
int store_start_tx(struct adpa_store *s, const char *what, struct adpa_error *err);
int store_finish_tx(struct adpa_store *s, int rc, const char *what, struct adpa_error *err);

/* Creates the schema of version v (0..ADPA_STORE_VERSION) in db: the
 * reference a collected file is compared with. */
int store_schema_at(sqlite3 *db, int v);
/* Inside a transaction: checks that the file is adpa's (or empty) and its
 * version one this adpa can use (a read-only store needs the current one);
 * *version gets it. -1 with err filled otherwise. */
int store_identity(struct adpa_store *s, int *version, struct adpa_error *err);

#endif
