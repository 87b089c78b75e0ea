/*
 * adpa search QUERY... [--json] [--color WHEN]: the fiches matching every
 * word (case and accents ignored, each word a prefix), best first, at most
 * SEARCH_LIMIT of them: title, then rubric and id, then a snippet. On a
 * terminal (or with --color always, never under NO_COLOR) the matched words
 * are in reverse video; otherwise the text is plain, so pipes and files get
 * no escape codes. --json gives the same hits with their highlights as byte
 * ranges of the snippet.
 *
 * The index is kept in a cache file per course directory, named after a
 * digest of its absolute path, so two courses never share one; the
 * full-screen interface uses the same file (search_cache_path). While the
 * cache is valid the course is not even loaded: the index holds titles and
 * rubrics, and checking it costs a stat per course file. Exit status: 0 with
 * hits, 1 without (like grep), 2 for a query with no word to look for.
 */
#include <jansson.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adpa/util.h>

#include "cli.h"

#define SEARCH_LIMIT 20

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : "/";
}

char *search_cache_path(const char *course_dir)
{
	char abs[PATH_MAX], hash[17];
	const char *dir = realpath(course_dir, abs) ? abs : course_dir;
	adpa_content_hash(dir, strlen(dir), hash);
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/adpa/search-%s.db", xdg, hash);
	return xasprintf("%s/.cache/adpa/search-%s.db", home_dir(), hash);
}

/* [{offset, length, text}]: byte ranges of text, with the words they hold. */
static json_t *marks_json(struct json_out *out, const char *text, const struct adpa_mark *m,
                          size_t n)
{
	json_t *arr = jok(json_array());
	for (size_t i = 0; i < n; i++) {
		json_t *o = jok(json_object());
		char *word = xstrndup(text + m[i].off, m[i].len);
		jset(o, "offset", json_integer((json_int_t)m[i].off));
		jset(o, "length", json_integer((json_int_t)m[i].len));
		jset(o, "text", json_text(out, JSON_TEXT, word));
		free(word);
		jpush(arr, o);
	}
	return arr;
}

static json_t *hit_json(struct json_out *out, const struct adpa_hit *h, size_t rank)
{
	json_t *o = jok(json_object());
	jset(o, "fiche", json_text(out, JSON_ID, h->id));
	jset(o, "title", json_text(out, JSON_TEXT, h->title));
	jset(o, "rubric", json_text(out, JSON_ID, h->rubric));
	jset(o, "rubric_title", json_text(out, JSON_TEXT, h->rubric_title));
	jset(o, "rank", json_integer((json_int_t)rank));
	jset(o, "score", json_real(h->score));
	jset(o, "snippet", json_text(out, JSON_TEXT, h->snippet));
	jset(o, "highlights", marks_json(out, h->snippet, h->marks, h->nmarks));
	jset(o, "title_highlights", marks_json(out, h->title, h->title_marks, h->ntitle_marks));
	return o;
}

static int print_json(const char *query, const struct adpa_hits *hits)
{
	struct json_out out = {0};
	json_t *root = json_root(), *arr = jok(json_array());
	jset(root, "query", json_text(&out, JSON_TEXT, query));
	jset(root, "total", json_integer((json_int_t)hits->total));
	for (size_t i = 0; i < hits->n; i++)
		jpush(arr, hit_json(&out, &hits->v[i], i + 1));
	jset(root, "results", arr);
	return json_print(root, &out);
}

/* One line of text in style, its marks also in the match style, printed
 * through ansi.c like every styled line. */
static void print_marked(const char *text, unsigned style, const struct adpa_mark *m, size_t nm,
                         bool color)
{
	struct adpa_span *sp = xcalloc(2 * nm + 1, sizeof *sp);
	size_t n = 0, at = 0, len = strlen(text);
	for (size_t i = 0; i <= nm; i++) {
		size_t end = i < nm ? m[i].off : len;
		if (end > at)
			sp[n++] = (struct adpa_span){style, -1, at, end - at};
		if (i < nm && m[i].len)
			sp[n++] = (struct adpa_span){style | ADPA_STYLE_MATCH, -1, end, m[i].len};
		at = i < nm ? end + m[i].len : len;
	}
	struct adpa_line l = {(char *)text, len, 0, sp, n, 0};
	ansi_print_line(stdout, &l, color);
	free(sp);
}

static void print_text(const char *query, const struct adpa_hits *hits, bool color)
{
	if (hits->total > hits->n)
		printf("%zu fiches pour « %s », les %zu premières :\n\n", hits->total, query,
		       hits->n);
	for (size_t i = 0; i < hits->n; i++) {
		const struct adpa_hit *h = &hits->v[i];
		char *meta = xasprintf("  %s · %s", h->rubric_title, h->id);
		if (i)
			putchar('\n');
		print_marked(h->title, ADPA_STYLE_STRONG, h->title_marks, h->ntitle_marks, color);
		print_marked(meta, ADPA_STYLE_RULE, NULL, 0, color);
		fputs("  ", stdout);
		print_marked(h->snippet, ADPA_STYLE_PLAIN, h->marks, h->nmarks, color);
		free(meta);
	}
}

/* Queries the index of the course in dir: a valid cache answers alone,
 * otherwise the course is loaded (its warnings printed) to build it. *c
 * gets the course when it was loaded. */
static int query(struct cli *cli, struct adpa_search *s, const char *q, struct adpa_hits *hits,
                 struct adpa_course **c)
{
	struct adpa_error err = {0};
	if (!adpa_search_cached(s) && !(*c = open_course(cli, 0)))
		return -1;
	int rc = adpa_search_query(s, *c, q, SEARCH_LIMIT, hits, &err);
	if (rc < 0 && !*c && !adpa_search_cached(s)) { /* the cache failed in use */
		if (!(*c = open_course(cli, 0)))
			return -1;
		rc = adpa_search_query(s, *c, q, SEARCH_LIMIT, hits, &err);
	}
	if (rc < 0)
		cli_warn("%s%s%s", err.path, err.path[0] ? ": " : "", err.msg);
	return rc;
}

static int search(struct cli *cli, const char *dir, const char *q)
{
	char *cache = search_cache_path(dir);
	struct adpa_search_opts o = {.cache = cache};
	struct adpa_search *s = adpa_search_open(dir, &o);
	struct adpa_course *c = NULL;
	struct adpa_hits hits;
	memset(&hits, 0, sizeof hits);
	int rc = EXIT_FAIL;
	if (query(cli, s, q, &hits, &c) == 0) {
		bool failed = false;
		if (cli->json)
			failed = print_json(q, &hits) < 0;
		else if (hits.n)
			print_text(q, &hits, use_color(cli, stdout));
		if (!hits.n)
			cli_warn("no fiche matches \"%s\"", q);
		rc = hits.n && !failed ? EXIT_OK : EXIT_FAIL;
	}
	adpa_hits_clear(&hits);
	adpa_search_free(s);
	adpa_course_free(c);
	free(cache);
	return rc;
}

int cmd_search(struct cli *cli)
{
	char *q = join_args(cli->args, cli->nargs);
	char *expr = adpa_search_expr(q);
	bool no_word = !expr;
	free(expr);
	if (no_word) {
		free(q);
		return usage_error(cli, "search needs a word to look for (letters or digits)");
	}
	const char *dir = locate_course(cli);
	int rc = dir ? search(cli, dir, q) : EXIT_FAIL;
	if (!dir)
		open_course(cli, 0); /* says why there is no course */
	free(q);
	return rc;
}
