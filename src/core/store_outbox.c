/*
 * The outbox: xAPI statements on their way to a Learning Record Store.
 *
 * A statement enters the outbox once, as the exact text built then
 * (xapi.h), and that text is what every later push sends: the LRS treats
 * a second POST of the same id and content as a no-op, but refuses a
 * different content under a known id, and a course edited between two
 * pushes must not turn one into the other. A row is pending until the LRS
 * accepts it, then sent; a failed push leaves it pending with the number of
 * failed attempts and the last error. Statements are queued and read in the
 * order of their events (seq).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/xapi.h"
#include "store_internal.h"
#include <adpa/util.h>

struct each {
	struct adpa_store *s;
	const struct adpa_course *c;
	sqlite3_stmt *find; /* the outbox row of an id */
	adpa_outbox_fn fn;
	void *arg;
	int rc;
};

static enum adpa_outbox_state state_of(const unsigned char *t)
{
	return t && !strcmp((const char *)t, "sent") ? ADPA_OUTBOX_SENT : ADPA_OUTBOX_PENDING;
}

static int each_event(const struct adpa_event *ev, void *arg)
{
	struct each *e = arg;
	char id[ADPA_UUID_LEN + 1];
	adpa_xapi_statement_id(ev, id);
	sqlite3_bind_text(e->find, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(e->find);
	struct adpa_outbox_item it = {.id = id, .learner_uuid = ev->learner_uuid, .last_error = ""};
	char *built = NULL;
	if (rc == SQLITE_ROW) {
		it.statement = (const char *)sqlite3_column_text(e->find, 0);
		it.state = state_of(sqlite3_column_text(e->find, 1));
		it.attempts = sqlite3_column_int(e->find, 2);
		it.last_error = (const char *)sqlite3_column_text(e->find, 3);
	} else if (rc == SQLITE_DONE) {
		json_t *st = adpa_xapi_statement(e->c, ev);
		it.statement = built = adpa_xapi_text(st);
		json_decref(st);
		it.state = ADPA_OUTBOX_NEW;
	} else {
		e->rc = -1;
		return 1;
	}
	int stop = it.statement && it.last_error ? e->fn(&it, e->arg) : (e->rc = -1);
	free(built);
	sqlite3_reset(e->find);
	return stop;
}

int adpa_xapi_each(struct adpa_store *s, const struct adpa_course *c, int64_t learner,
                   adpa_outbox_fn fn, void *arg, struct adpa_error *err)
{
	struct each e = {.s = s, .c = c, .fn = fn, .arg = arg};
	e.find = store_stmt(s,
	                    "SELECT statement, state, attempts, last_error FROM outbox"
	                    " WHERE id = ?",
	                    "");
	if (!e.find)
		return store_fail(s, err, "cannot read the statements");
	int rc = adpa_store_events(s, learner, each_event, &e, err);
	sqlite3_finalize(e.find);
	if (rc == 0 && e.rc < 0)
		return store_fail(s, err, "cannot read the statements");
	return rc;
}

struct fill {
	struct adpa_store *s;
	size_t added;
	int rc;
};

/* Queues a statement not in the outbox yet. */
static int fill_one(const struct adpa_outbox_item *it, void *arg)
{
	struct fill *f = arg;
	if (it->state != ADPA_OUTBOX_NEW)
		return 0;
	f->rc = store_run(f->s,
	                  "INSERT INTO outbox(id, learner, statement)"
	                  " SELECT ?, id, ? FROM learner WHERE uuid = ?",
	                  "sss", it->id, it->statement, it->learner_uuid);
	if (f->rc == 0)
		f->added += (size_t)sqlite3_changes(f->s->db);
	return f->rc < 0;
}

int adpa_store_outbox_fill(struct adpa_store *s, const struct adpa_course *c, size_t *added,
                           struct adpa_error *err)
{
	const char *what = "cannot queue the statements";
	*added = 0;
	if (store_start_tx(s, what, err) < 0)
		return -1;
	struct fill f = {.s = s};
	int rc = adpa_xapi_each(s, c, 0, fill_one, &f, err);
	if (rc == 0 && f.rc < 0)
		rc = -1;
	if (store_finish_tx(s, rc, what, err) < 0)
		return -1;
	*added = f.added;
	return 0;
}

int adpa_store_outbox_pending(struct adpa_store *s, size_t skip, size_t limit, adpa_outbox_fn fn,
                              void *arg, struct adpa_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
	                              "SELECT id, statement, attempts, last_error FROM outbox"
	                              " WHERE state = 'pending' ORDER BY seq LIMIT ? OFFSET ?",
	                              "ii", (int64_t)limit, (int64_t)skip);
	if (!st)
		return store_fail(s, err, "cannot read the outbox");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct adpa_outbox_item it = {
		    .id = (const char *)sqlite3_column_text(st, 0),
		    .statement = (const char *)sqlite3_column_text(st, 1),
		    .state = ADPA_OUTBOX_PENDING,
		    .attempts = sqlite3_column_int(st, 2),
		    .last_error = (const char *)sqlite3_column_text(st, 3),
		};
		if (fn(&it, arg))
			break;
	}
	int ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	if (!ok)
		store_fail(s, err, "cannot read the outbox");
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int adpa_store_outbox_mark(struct adpa_store *s, const char *const *ids, size_t n,
                           const char *error, int64_t now, struct adpa_error *err)
{
	const char *what = "cannot update the outbox";
	if (store_start_tx(s, what, err) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = error ? store_run(s,
		                       "UPDATE outbox SET attempts = attempts + 1, last_error = ?"
		                       " WHERE id = ? AND state = 'pending'",
		                       "ss", error, ids[i])
		           : store_run(s,
		                       "UPDATE outbox SET state = 'sent', sent = ?, last_error = ''"
		                       " WHERE id = ?",
		                       "is", now, ids[i]);
	return store_finish_tx(s, rc, what, err);
}

int adpa_store_outbox_count(struct adpa_store *s, size_t *pending, size_t *sent,
                            struct adpa_error *err)
{
	int ok1, ok2;
	*pending = (size_t)store_query_int(
	    s, 0, &ok1, "SELECT count(*) FROM outbox WHERE state = 'pending'", "");
	*sent = (size_t)store_query_int(s, 0, &ok2,
	                                "SELECT count(*) FROM outbox WHERE state = 'sent'", "");
	return ok1 && ok2 ? 0 : store_fail(s, err, "cannot read the outbox");
}
