/*
 * Full-text search over the fiches of a course.
 *
 * The index (SQLite FTS5, tokenizer « unicode61 remove_diacritics 2 ») holds
 * per fiche its title, keywords, summary, body (the plain text of the
 * rendered Markdown) and quiz text (questions, choices, explanations). Case
 * and accents are ignored: « donnees » finds « données ». Every word of a
 * query is a prefix (« donn » finds « données » while it is being typed) and
 * every word must match; hits come best first by bm25, where a word in the
 * title or the keywords weighs more than one in the summary, body or quiz.
 * Anything may be typed: quotes, parentheses, AND, * are words like others,
 * never query syntax.
 *
 * The index is built on first use, never when it is opened: opening only
 * records the settings. It lives in memory (no cache path) or in a cache file
 * whose path the caller gives; the file (0600, its directory 0700) is reused
 * as long as the course files are the same: course.yaml and every *.md below
 * the course directory, by path, size and modification time, and the format
 * of the index. That check reads the directory, not the course, and the
 * index holds what a result shows (titles, rubrics), so a search on a valid
 * cache needs no course loaded. A cache that is absent, foreign, corrupt or
 * stale is rebuilt; one that cannot be written leaves the index in memory:
 * neither is an error for the user.
 */
#ifndef ADPA_SEARCH_H
#define ADPA_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "course.h"
#include "error.h"

#define ADPA_SEARCH_FORMAT 1 /* the index format this adpa writes */

struct adpa_search;

struct adpa_search_opts {
	const char *cache; /* the cache file, or NULL for an index in memory */
	int snippet_words; /* words around the matches in a snippet; 0: 12 */
};

/* Records the settings for the course in dir; reads and writes nothing.
 * Free with adpa_search_free(). */
struct adpa_search *adpa_search_open(const char *dir, const struct adpa_search_opts *opts);
void adpa_search_free(struct adpa_search *s); /* NULL-safe */

/* True when the index is ready, or the cache file holds a valid index for the
 * course files as they are now (checked once, by reading the directory): then
 * queries need no course. False when the index must be built from the course
 * (or when a cached index failed in use). */
bool adpa_search_cached(struct adpa_search *s);

/* Makes the index ready now (the first query does it otherwise): from the
 * cache when adpa_search_cached(), else built from c, the course loaded from
 * the same directory (borrowed for the call). Returns -1 with err filled when
 * it must be built and c is NULL, or when SQLite cannot index (no FTS5). */
int adpa_search_prepare(struct adpa_search *s, const struct adpa_course *c, struct adpa_error *err);

/* Where the index came from, once ready. */
enum adpa_search_source {
	ADPA_SEARCH_NOT_READY, /* not checked or built yet */
	ADPA_SEARCH_CACHED,    /* the cache file was valid and is used as it is */
	ADPA_SEARCH_BUILT,     /* built now, and written to the cache file */
	ADPA_SEARCH_MEMORY     /* built now in memory (no cache, or it cannot be written) */
};
enum adpa_search_source adpa_search_source(const struct adpa_search *s);

/* A match: bytes [off, off + len) of a snippet or title. */
struct adpa_mark {
	size_t off, len;
};

/* One fiche found. Its snippet comes from the first of body, summary, quiz
 * and keywords that matches; when only the title does, it is the start of
 * the summary, without marks. Strings are UTF-8, cleaned (adpa_text_clean),
 * owned by the struct adpa_hits. */
struct adpa_hit {
	char *id, *title;
	char *rubric, *rubric_title; /* the rubric's id and title */
	double score;                /* bm25 relevance: higher is better */
	char *snippet;               /* a few words around the matches, "…" where cut */
	struct adpa_mark *marks;     /* the matched words in snippet, in order */
	size_t nmarks;
	struct adpa_mark *title_marks; /* the matched words in title */
	size_t ntitle_marks;
};

struct adpa_hits {
	struct adpa_hit *v; /* best first */
	size_t n;
	size_t total; /* fiches matching, of which the first n are in v */
};

/* Searches, making the index ready first (see adpa_search_prepare: c may be
 * NULL when adpa_search_cached() is true). At most limit hits (0: all). A
 * query without any letter or digit finds nothing (0, no hits). Returns 0,
 * or -1 with err filled and out empty; after -1 with c NULL and
 * adpa_search_cached() now false, load the course and ask again. Free out
 * with adpa_hits_clear(). */
int adpa_search_query(struct adpa_search *s, const struct adpa_course *c, const char *query,
                      size_t limit, struct adpa_hits *out, struct adpa_error *err);
void adpa_hits_clear(struct adpa_hits *h); /* frees the hits; h stays usable; NULL-safe */

/* The FTS5 expression a query becomes: each word quoted, then *, e.g.
 * « l'accès donn » -> "l'accès"* "donn"*. NULL when the query has no word
 * (a word has at least one letter or digit). The caller frees it. */
char *adpa_search_expr(const char *query);

#endif
