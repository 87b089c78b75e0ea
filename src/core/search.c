/*
 * Full-text search (see search.h for the contract).
 *
 * The index is one FTS5 table, doc(id, rubric, rubric_title UNINDEXED: what
 * a result shows without the course; title, keywords, summary, body, quiz),
 * and a table meta holding the index format and the signature of the course
 * files it was built from. The rank function (bm25 with column weights) is
 * stored in the table's configuration, so that « ORDER BY rank LIMIT n » lets
 * FTS5 sort inside the virtual table: snippets are then made for the n rows
 * returned, never for every match.
 *
 * The signature is taken from the directory (a walk like course.c's, stat
 * only), never from a loaded course: checking a cache costs a stat per file,
 * so a search on a valid cache answers without parsing any front matter.
 *
 * A cache file is never written in place. The index is built in a private
 * temporary file beside it (no journal: a crash leaves only a temporary
 * file), then renamed over the cache, so no reader ever sees half an index
 * and two adpa building at once both end with a whole one. Whatever is wrong
 * with a cache file (absent, foreign, corrupt, other format or signature)
 * means build again; whatever prevents writing it means build in memory.
 *
 * Snippets come from snippet() with \x02 and \x03 around the matches. Every
 * indexed text went through adpa_text_clean() (front matter when loaded, the
 * body by the renderer), so those bytes cannot occur in it, and taking them
 * out gives the byte ranges of the matches.
 *
 * Invariants: db is NULL until the index is ready, then a connection whose
 * doc and meta tables are complete; once checked, sig is the signature taken
 * then, and a build writes that one (a file changed during the build makes
 * the next check fail, never a stale index pass).
 */
#include "adpa/search.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unictype.h>
#include <unistd.h>

#include "adpa/render.h"
#include "adpa/store.h"
#include "adpa/text.h"
#include "files.h"
#include <adpa/util.h>

#define BODY_WIDTH 1000 /* a paragraph is one line or a few */
#define MAX_WORDS 32    /* of a query; the rest is ignored */
#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'

struct adpa_search {
	char *dir;
	char *cache;
	int snippet_words;
	sqlite3 *db;
	enum adpa_search_source source;
	bool checked; /* the cache was looked at (sig is set) */
	char sig[17]; /* the signature of the course files, when checked */
};

static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, rubric UNINDEXED, rubric_title UNINDEXED,"
    " title, keywords, summary, body, quiz, tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO doc(doc, rank) VALUES('rank', 'bm25(0, 0, 0, 10.0, 6.0, 2.0, 1.0, 1.0)');";

struct adpa_search *adpa_search_open(const char *dir, const struct adpa_search_opts *opts)
{
	struct adpa_search *s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->cache = opts && opts->cache ? xstrdup(opts->cache) : NULL;
	s->snippet_words = opts && opts->snippet_words > 0 ? opts->snippet_words : 12;
	if (s->snippet_words > 64) /* FTS5's own limit */
		s->snippet_words = 64;
	return s;
}

void adpa_search_free(struct adpa_search *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->dir);
	free(s->cache);
	free(s);
}

enum adpa_search_source adpa_search_source(const struct adpa_search *s)
{
	return s->source;
}

/* --- the signature of the course files --- */

struct stamps {
	char **v;
	size_t n, cap;
};

static void stamp(struct stamps *out, const char *rel, const struct stat *st)
{
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = st ? xasprintf("%s\t%lld\t%lld.%09ld\n", rel, (long long)st->st_size,
	                                  (long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec)
	                      : xasprintf("%s\t-\n", rel);
}

static void stamp_file(const char *rel, const struct stat *st, void *arg)
{
	stamp(arg, rel, st);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A digest of the course files as they are on disk: course.yaml and every
 * fiche, by path (relative, so that the course reached another way keeps
 * its index), size and modification time, and the index format. Computed
 * without loading the course, so that a valid cache answers at once. */
static void signature(const char *dir, char out[17])
{
	struct stamps sv = {0};
	struct stat st;
	char *yaml = xasprintf("%s/course.yaml", dir);
	stamp(&sv, "course.yaml", stat(yaml, &st) == 0 ? &st : NULL);
	free(yaml);
	file_walk(dir, ".md", stamp_file, NULL, &sv); /* the files course.c reads */
	qsort(sv.v, sv.n, sizeof *sv.v, cmp_str);
	struct buf b = {0};
	buf_printf(&b, "adpa search %d\n", ADPA_SEARCH_FORMAT);
	for (size_t i = 0; i < sv.n; i++) {
		buf_adds(&b, sv.v[i]);
		free(sv.v[i]);
	}
	free(sv.v);
	adpa_content_hash(b.p, b.len, out);
	buf_free(&b);
}

/* --- the texts of a fiche --- */

struct texts {
	struct buf keywords, body, quiz;
};

static void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* Appends s with a space before it when b is not empty. */
static void add_word(struct buf *b, const char *s, size_t len)
{
	if (!s || !len)
		return;
	if (b->len)
		buf_addc(b, ' ');
	buf_add(b, s, len);
}

/* A rendered line as plain text: no bullets, rules, cut marks or reference
 * numbers, no indentation or quote bars; lines joined by spaces. Generated
 * lines (source line 0: blank lines, the list of links at the end) are not
 * the author's text. */
static void add_line(const struct adpa_line *l, void *arg)
{
	struct buf *b = arg;
	if (l->src_line <= 0)
		return;
	const unsigned skip = ADPA_STYLE_MARKER | ADPA_STYLE_RULE | ADPA_STYLE_CUT | ADPA_STYLE_REF;
	bool first = true;
	for (size_t i = 0; i < l->nspans; i++) {
		const struct adpa_span *sp = &l->spans[i];
		if (sp->style & skip)
			continue;
		const char *p = l->text + sp->off, *end = p + sp->len;
		while (first && p < end && (*p == ' ' || !strncmp(p, "│", 3)))
			p += *p == ' ' ? 1 : 3;
		if (p == end)
			continue;
		if (first && b->len)
			buf_addc(b, ' ');
		buf_add(b, p, (size_t)(end - p));
		first = false;
	}
}

static void fiche_texts(const struct adpa_fiche *f, struct texts *t)
{
	buf_reset(&t->keywords);
	buf_reset(&t->body);
	buf_reset(&t->quiz);
	for (size_t i = 0; i < f->nkeywords; i++)
		add_word(&t->keywords, f->keywords[i].s, strlen(f->keywords[i].s));
	for (size_t i = 0; i < f->nquiz; i++) {
		const struct adpa_question *q = &f->quiz[i];
		add_word(&t->quiz, q->question, q->question ? strlen(q->question) : 0);
		for (size_t k = 0; k < q->nchoices; k++)
			add_word(&t->quiz, q->choices[k].text,
			         q->choices[k].text ? strlen(q->choices[k].text) : 0);
		add_word(&t->quiz, q->explanation, q->explanation ? strlen(q->explanation) : 0);
	}
	size_t len;
	char *md = adpa_fiche_read_body(f, &len, NULL); /* gone since loading: no body */
	struct adpa_render_opts o = {.width = BODY_WIDTH};
	if (md)
		adpa_render_stream(md, len, &o, add_line, &t->body);
	free(md);
}

/* --- building --- */

static void bind_text(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	bind_text(st, i, s, s ? strlen(s) : 0);
}

static int insert_fiche(sqlite3_stmt *st, const struct adpa_course *c, const struct adpa_fiche *f,
                        struct texts *t)
{
	fiche_texts(f, t);
	bind_str(st, 1, f->id);
	bind_str(st, 2, c->rubrics[f->rubric_index].id);
	bind_str(st, 3, c->rubrics[f->rubric_index].title);
	bind_str(st, 4, f->title);
	bind_text(st, 5, t->keywords.p ? t->keywords.p : "", t->keywords.len);
	bind_str(st, 6, f->summary);
	bind_text(st, 7, t->body.p ? t->body.p : "", t->body.len);
	bind_text(st, 8, t->quiz.p ? t->quiz.p : "", t->quiz.len);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int insert_all(sqlite3 *db, const struct adpa_course *c)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO doc(id, rubric, rubric_title, title, keywords, summary,"
	                       " body, quiz) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	struct texts t;
	memset(&t, 0, sizeof t);
	int rc = 0;
	for (size_t i = 0; i < c->nfiches && rc == 0; i++)
		rc = insert_fiche(st, c, c->fiches[i], &t);
	sqlite3_finalize(st);
	buf_free(&t.keywords);
	buf_free(&t.body);
	buf_free(&t.quiz);
	return rc;
}

static int put_meta(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO meta(key, value) VALUES (?, ?)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Fills an empty database in one transaction; the meta rows come last, so an
 * index without them is never taken for a whole one. */
static int fill(sqlite3 *db, const struct adpa_course *c, const char *sig)
{
	char format[16];
	snprintf(format, sizeof format, "%d", ADPA_SEARCH_FORMAT);
	/* application_id "adps": file(1) and adpa tell the index from other files */
	if (sqlite3_exec(db, "PRAGMA application_id = 1633972339; BEGIN", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return -1;
	int rc = sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (rc == 0)
		rc = insert_all(db, c);
	if (rc == 0) /* one segment: queries read one doclist per word */
		rc = sqlite3_exec(db, "INSERT INTO doc(doc) VALUES('optimize')", NULL, NULL, NULL);
	if (rc == 0)
		rc = put_meta(db, "format", format) | put_meta(db, "signature", sig);
	if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static sqlite3 *db_open(const char *path, int flags)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	return db;
}

/* Builds into a private temporary file, then renames it over the cache. */
static sqlite3 *build_file(const struct adpa_search *s, const struct adpa_course *c)
{
	char *tmp = xasprintf("%s.%ld.tmp", s->cache, (long)getpid());
	unlink(tmp); /* left by a crash of an earlier process with this pid */
	sqlite3 *db = NULL;
	if (file_make_private(tmp, "the search index", NULL) == 0)
		db = db_open(tmp, SQLITE_OPEN_READWRITE);
	bool ok = db &&
	          sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL,
	                       NULL, NULL) == SQLITE_OK &&
	          fill(db, c, s->sig) == 0;
	sqlite3_close(db); /* queries reopen it read-only, under its final name */
	ok = ok && rename(tmp, s->cache) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok ? db_open(s->cache, SQLITE_OPEN_READONLY) : NULL;
}

/* --- opening a cache --- */

static char *meta_get(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* The cache, when it is ours, whole, of this format and of this course. */
static sqlite3 *open_cached(const char *path, const char *sig)
{
	if (access(path, R_OK) != 0)
		return NULL;
	sqlite3 *db = db_open(path, SQLITE_OPEN_READONLY);
	if (!db)
		return NULL;
	char format[16];
	snprintf(format, sizeof format, "%d", ADPA_SEARCH_FORMAT);
	char *f = meta_get(db, "format"), *g = meta_get(db, "signature");
	bool ok = f && g && !strcmp(f, format) && !strcmp(g, sig);
	free(f);
	free(g);
	if (!ok) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static int build_memory(struct adpa_search *s, const struct adpa_course *c, struct adpa_error *err)
{
	sqlite3 *db = db_open(":memory:", SQLITE_OPEN_READWRITE);
	if (!db || fill(db, c, s->sig) < 0) {
		adpa_error_set(err, ADPA_EIO, "", 0, 0, "cannot build the search index: %s",
		               db ? sqlite3_errmsg(db) : "sqlite cannot open a database");
		sqlite3_close(db);
		return -1;
	}
	s->db = db;
	s->source = ADPA_SEARCH_MEMORY;
	return 0;
}

/* Builds the index from c, into the cache file when there is one. The
 * signature is the one taken before reading the course: a file changed
 * meanwhile makes the next check build again, never the reverse. */
static int build(struct adpa_search *s, const struct adpa_course *c, struct adpa_error *err)
{
	if (!c) {
		adpa_error_set(err, ADPA_EFORMAT, s->dir, 0, 0,
		               "the search index must be built: the course is needed");
		return -1;
	}
	if (s->cache && (s->db = build_file(s, c))) {
		s->source = ADPA_SEARCH_BUILT;
		return 0;
	}
	return build_memory(s, c, err);
}

/* Drops an index that failed in use: the next check sees no valid cache. */
static void drop(struct adpa_search *s)
{
	sqlite3_close(s->db);
	s->db = NULL;
	s->source = ADPA_SEARCH_NOT_READY;
	s->checked = true; /* and sig is the one taken then */
}

bool adpa_search_cached(struct adpa_search *s)
{
	if (s->db)
		return true;
	if (s->checked)
		return false;
	s->checked = true;
	signature(s->dir, s->sig);
	if (s->cache && (s->db = open_cached(s->cache, s->sig)))
		s->source = ADPA_SEARCH_CACHED;
	return s->db != NULL;
}

int adpa_search_prepare(struct adpa_search *s, const struct adpa_course *c, struct adpa_error *err)
{
	return adpa_search_cached(s) ? 0 : build(s, c, err);
}

/* --- queries --- */

/* A word is worth a query term when the tokenizer would keep something of
 * it: a letter or a digit. */
static bool has_alnum(const char *w, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t uc;
		i += (size_t)adpa_utf8_decode(w + i, len - i, &uc);
		if (uc_is_alnum(uc))
			return true;
	}
	return false;
}

/* Length of the blank at s: ASCII blanks, no-break and narrow no-break spaces. */
static size_t blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (!strncmp(s, "\xC2\xA0", 2))
		return 2;
	return !strncmp(s, "\xE2\x80\xAF", 3) ? 3 : 0;
}

char *adpa_search_expr(const char *query)
{
	struct buf b = {0};
	int words = 0;
	for (const char *p = query; *p && words < MAX_WORDS;) {
		size_t n = blank_len(p);
		if (n) {
			p += n;
			continue;
		}
		const char *w = p;
		while (*p && !blank_len(p))
			p++;
		if (!has_alnum(w, (size_t)(p - w)))
			continue;
		buf_adds(&b, words++ ? " \"" : "\"");
		for (const char *q = w; q < p; q++) {
			buf_addc(&b, *q);
			if (*q == '"') /* a quote inside is doubled */
				buf_addc(&b, '"');
		}
		buf_adds(&b, "\"*");
	}
	return words ? buf_detach(&b) : NULL;
}

/* Takes the marks out of a marked text: the text, and the ranges they framed. */
static char *unmark(const char *src, struct adpa_mark **marks, size_t *n)
{
	struct buf b = {0};
	size_t cap = 0;
	for (const char *p = src; *p; p++) {
		if (*p == MARK_OPEN) {
			XGROW(*marks, cap, *n + 1);
			(*marks)[(*n)++] = (struct adpa_mark){b.len, 0};
		} else if (*p == MARK_CLOSE) {
			if (*n)
				(*marks)[*n - 1].len = b.len - (*marks)[*n - 1].off;
		} else {
			buf_addc(&b, *p);
		}
	}
	return buf_detach(&b);
}

/* Result columns 5 to 8: snippets of body, summary, quiz and keywords, in
 * the order they are preferred: the body shows the words in their context. */
static const char query_sql[] =
    "SELECT id, rubric, rubric_title, rank, highlight(doc, 3, char(2), char(3)),"
    " snippet(doc, 6, char(2), char(3), '…', ?3), snippet(doc, 5, char(2), char(3), '…', ?3),"
    " snippet(doc, 7, char(2), char(3), '…', ?3), snippet(doc, 4, char(2), char(3), '…', ?3)"
    " FROM doc WHERE doc MATCH ?1 ORDER BY rank LIMIT ?2";

static const char *column(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

static void add_hit(sqlite3_stmt *st, struct adpa_hits *out, size_t *cap)
{
	const char *snip = column(st, 6); /* the summary, when only the title matches */
	for (int i = 5; i <= 8; i++)
		if (strchr(column(st, i), MARK_OPEN)) {
			snip = column(st, i);
			break;
		}
	XGROW(out->v, *cap, out->n + 1);
	struct adpa_hit *h = &out->v[out->n++];
	memset(h, 0, sizeof *h);
	h->id = xstrdup(column(st, 0));
	h->rubric = xstrdup(column(st, 1));
	h->rubric_title = xstrdup(column(st, 2));
	h->score = -sqlite3_column_double(st, 3);
	h->title = unmark(column(st, 4), &h->title_marks, &h->ntitle_marks);
	h->snippet = unmark(snip, &h->marks, &h->nmarks);
}

static int run_query(struct adpa_search *s, const char *expr, size_t limit, struct adpa_hits *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, query_sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_extended_errcode(s->db);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int(st, 3, s->snippet_words);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_hit(st, out, &cap);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Matching fiches beyond the limit (no ranking, no snippet: cheap). */
static int count(struct adpa_search *s, const char *expr, size_t *total)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM doc WHERE doc MATCH ?", -1, &st,
	                       NULL) != SQLITE_OK)
		return sqlite3_extended_errcode(s->db);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int search(struct adpa_search *s, const char *expr, size_t limit, struct adpa_hits *out)
{
	int rc = run_query(s, expr, limit, out);
	out->total = out->n;
	if (rc == SQLITE_OK && limit && out->n == limit)
		rc = count(s, expr, &out->total);
	if (rc != SQLITE_OK)
		adpa_hits_clear(out);
	return rc;
}

/* rc: SQLITE_OK, an SQLite error (> 0), or -1 with err already filled. */
int adpa_search_query(struct adpa_search *s, const struct adpa_course *c, const char *query,
                      size_t limit, struct adpa_hits *out, struct adpa_error *err)
{
	memset(out, 0, sizeof *out);
	char *expr = adpa_search_expr(query);
	if (!expr)
		return 0;
	int rc = adpa_search_prepare(s, c, err) < 0 ? -1 : search(s, expr, limit, out);
	if (rc > 0 && s->source == ADPA_SEARCH_CACHED) {
		/* damaged in a way its meta table did not show: it is a cache */
		drop(s);
		rc = build(s, c, err) < 0 ? -1 : search(s, expr, limit, out);
	}
	if (rc > 0)
		adpa_error_set(err, ADPA_EIO, s->cache ? s->cache : "", 0, 0, "cannot search: %s",
		               sqlite3_errstr(rc));
	free(expr);
	return rc == SQLITE_OK ? 0 : -1;
}

void adpa_hits_clear(struct adpa_hits *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].id);
		free(h->v[i].title);
		free(h->v[i].rubric);
		free(h->v[i].rubric_title);
		free(h->v[i].snippet);
		free(h->v[i].marks);
		free(h->v[i].title_marks);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}
