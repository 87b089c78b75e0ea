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
static json_t *marks_json(const char *text, const struct adpa_mark *m, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    arr, json_pack("{s:I, s:I, s:s%}", "offset", (json_int_t)m[i].off, "length",
		                   (json_int_t)m[i].len, "text", text + m[i].off, m[i].len));
	return arr;
}

static json_t *hit_json(const struct adpa_hit *h, size_t rank)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:f, s:s, s:o, s:o}", "id", h->id, "title",
	                 h->title, "rubric", h->rubric, "rubric_title", h->rubric_title, "rank",
	                 (json_int_t)rank, "score", h->score, "snippet", h->snippet, "highlights",
	                 marks_json(h->snippet, h->marks, h->nmarks), "title_highlights",
	                 marks_json(h->title, h->title_marks, h->ntitle_marks));
}

static void print_json(const char *query, const struct adpa_hits *hits)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < hits->n; i++)
		json_array_append_new(arr, hit_json(&hits->v[i], i + 1));
	json_t *root = json_pack("{s:s, s:I, s:o}", "query", query, "total",
	                         (json_int_t)hits->total, "results", arr);
	json_dumpf(root, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(root);
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
		fprintf(stderr, "%s: %s%s%s\n", cli->argv0, err.path, err.path[0] ? ": " : "",
		        err.msg);
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
		if (cli->json)
			print_json(q, &hits);
		else if (hits.n)
			print_text(q, &hits, use_color(cli, stdout));
		if (!hits.n)
			fprintf(stderr, "%s: no fiche matches \"%s\"\n", cli->argv0, q);
		rc = hits.n ? EXIT_OK : EXIT_FAIL;
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
		fprintf(stderr, "%s: search needs a word to look for (letters or digits)\n",
		        cli->argv0);
		free(q);
		return EXIT_USAGE;
	}
	const char *dir = locate_course(cli);
	int rc = dir ? search(cli, dir, q) : EXIT_FAIL;
	if (!dir)
		open_course(cli, 0); /* says why there is no course */
	free(q);
	return rc;
}
