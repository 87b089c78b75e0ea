/*
 * Unit tests: full-text search. Query expressions (nothing the user types
 * reaches FTS5 as syntax), ranking, accent folding, prefixes, snippet ranges,
 * every indexed field, and the cache file: private modes, reuse, rebuild when
 * a course file changes, a corrupt or unwritable cache.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/course.h"
#include "adpa/search.h"
#include "harness.h"

static char dir[256];
static const struct adpa_course *course; /* the course the searches build from */

static char *tmp(const char *name)
{
	static char path[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	fputs(text, fp);
	fclose(fp);
}

static const char course_yaml[] = "id: recherche\ntitle: \"Recherche\"\nlang: fr\nrubrics:\n"
                                  "  - id: r\n    title: \"Rubrique\"\n";

/* A fiche of the generated course; its body says "assez long" twice so that
 * every body has about the same length. */
static void fiche(const char *name, const char *title, const char *kw, const char *body,
                  const char *quiz)
{
	static int order;
	char path[512], text[2048];
	snprintf(path, sizeof path, "%s/gen/r/%s.md", dir, name);
	snprintf(text, sizeof text,
	         "---\nid: %s\ntitle: \"%s\"\nrubric: r\norder: %d\nsummary: \"Un résumé.\"\n"
	         "keywords: [%s]\nduration: 1\nlevel: debutant\n%s---\n%s\n\nUn texte assez "
	         "long, assez long pour que les fiches se ressemblent.\n",
	         name, title, ++order, kw, quiz, body);
	write_file(path, text);
}

static void make_course(void)
{
	mkdir(tmp("gen"), 0700);
	mkdir(tmp("gen/r"), 0700);
	write_file(tmp("gen/course.yaml"), course_yaml);
	fiche("corps", "Une fiche ordinaire", "\"Mot\"",
	      "Ce paragraphe parle d'une girafe parmi d'autres animaux de la savane.", "");
	fiche("titre", "La girafe", "\"Mot\"",
	      "Ce paragraphe parle d'un lion parmi d'autres animaux de la savane.", "");
	fiche("cle", "Une fiche à mot-clé", "\"Okapi\"", "Un texte sans l'animal rare.", "");
	fiche("texte", "Une autre fiche", "\"Mot\"",
	      "Un texte où l'okapi passe, avec des **données** et le *théâtre*.", "");
	fiche("quiz", "Une fiche à quiz", "\"Mot\"", "Rien à signaler ici.",
	      "quiz:\n  - question: \"Qui est l'ornithorynque ?\"\n    choices:\n"
	      "      - text: \"Un mammifère\"\n        correct: true\n"
	      "      - text: \"Un oiseau\"\n        correct: false\n"
	      "    explanation: \"Il pond des œufs.\"\n");
}

static struct adpa_course *load(const char *path)
{
	struct adpa_course *c = adpa_course_load(path, 0, NULL, NULL);
	if (!c)
		printf("# cannot load %s\n", path);
	return c;
}

/* The ids of the hits of query, space-separated, best first. */
static const char *ids(struct adpa_search *s, const char *query)
{
	static char out[1024];
	struct adpa_hits h;
	struct adpa_error e = {0};
	out[0] = '\0';
	if (adpa_search_query(s, course, query, 0, &h, &e) < 0)
		snprintf(out, sizeof out, "error: %s", e.msg);
	for (size_t i = 0; i < h.n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "",
		         h.v[i].id);
	adpa_hits_clear(&h);
	return out;
}

static void test_expr(void)
{
	char *e;
	OK(adpa_search_expr("") == NULL, "empty query: no expression");
	OK(adpa_search_expr("  \t ") == NULL, "blanks: no expression");
	OK(adpa_search_expr("\"") == NULL, "a lone quote: no expression");
	OK(adpa_search_expr("* ( ) - ^ :") == NULL, "operators alone: no expression");
	STR_EQ(e = adpa_search_expr("donn"), "\"donn\"*", "a word becomes a quoted prefix");
	free(e);
	STR_EQ(e = adpa_search_expr(" l'accès  AND (donn "), "\"l'accès\"* \"AND\"* \"(donn\"*",
	       "AND and parentheses are words");
	free(e);
	STR_EQ(e = adpa_search_expr("a\"b"), "\"a\"\"b\"*", "a quote inside a word is doubled");
	free(e);
	STR_EQ(e = adpa_search_expr("un\xC2\xA0mot"), "\"un\"* \"mot\"*",
	       "a no-break space separates words");
	free(e);
}

static void test_ranking(struct adpa_search *s)
{
	STR_EQ(ids(s, "girafe"), "titre corps", "a title match ranks above a body match");
	STR_EQ(ids(s, "okapi"), "cle texte", "a keyword match ranks above a body match");
	STR_EQ(ids(s, "girafe savane"), "titre corps", "every word must match");
	STR_EQ(ids(s, "girafe lion"), "titre", "words are ANDed");
	STR_EQ(ids(s, "ornithorynque"), "quiz", "quiz questions are indexed");
	STR_EQ(ids(s, "mammifere"), "quiz", "quiz choices are indexed");
	STR_EQ(ids(s, "oeufs"), "", "no ligature folding (œufs stays œufs)");
	STR_EQ(ids(s, "œufs"), "quiz", "quiz explanations are indexed");
	struct adpa_hits h;
	OK(adpa_search_query(s, course, "résumé", 0, &h, NULL) == 0 && h.n == 5,
	   "summaries are indexed");
	adpa_hits_clear(&h);
	INT_EQ(adpa_search_source(s), ADPA_SEARCH_MEMORY, "no cache: in memory");
}

static void test_folding(struct adpa_search *s)
{
	STR_EQ(ids(s, "donnees"), "texte", "« donnees » finds « données »");
	STR_EQ(ids(s, "DONNÉES"), "texte", "case ignored");
	STR_EQ(ids(s, "theatre"), "texte", "« theatre » finds « théâtre »");
	STR_EQ(ids(s, "gir"), "titre corps", "a prefix matches while typing");
	STR_EQ(ids(s, "g"), "titre corps", "one letter is a prefix too");
	STR_EQ(ids(s, "ornitho thea"), "", "each word a prefix, all required");
	STR_EQ(ids(s, "zzz"), "", "no match: no hits");
}

static void test_syntax(struct adpa_search *s)
{
	const char *queries[] = {"\"",
	                         "AND (",
	                         "*",
	                         "girafe\"",
	                         "(girafe",
	                         "NEAR(girafe",
	                         "girafe OR",
	                         "-girafe",
	                         "title:girafe",
	                         "^girafe",
	                         "{title}",
	                         "girafe AND",
	                         "\"girafe\" NOT",
	                         "+",
	                         "girafe*"};
	bool ok = true;
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		struct adpa_hits h;
		struct adpa_error e = {0};
		if (adpa_search_query(s, course, queries[i], 0, &h, &e) < 0) {
			printf("# %s: %s\n", queries[i], e.msg);
			ok = false;
		}
		adpa_hits_clear(&h);
	}
	OK(ok, "FTS5 syntax typed by the user never makes an error");
	STR_EQ(ids(s, "(girafe"), "titre corps", "parentheses ignored around a word");
	STR_EQ(ids(s, "\""), "", "a lone quote finds nothing");
	STR_EQ(ids(s, "AND ("), "", "AND is a word, not an operator");
}

static void test_snippets(struct adpa_search *s)
{
	struct adpa_hits h;
	struct adpa_error e = {0};
	OK(adpa_search_query(s, course, "girafe", 0, &h, &e) == 0 && h.n == 2, "two hits");
	const struct adpa_hit *t = &h.v[0], *b = &h.v[1];
	INT_EQ(t->ntitle_marks, 1, "the title's match is marked");
	OK(t->ntitle_marks && t->title_marks[0].off == 3 && t->title_marks[0].len == 6,
	   "title mark: « girafe » in « La girafe »");
	INT_EQ(b->nmarks, 1, "one match in the body snippet");
	OK(b->nmarks && !strncmp(b->snippet + b->marks[0].off, "girafe", 6) && b->marks[0].len == 6,
	   "the range covers exactly the word");
	OK(!strchr(b->snippet, '\x02') && !strchr(b->snippet, '\x03'), "markers taken out");
	OK(strstr(b->snippet, "parle d'une girafe parmi") != NULL, "the words around the match");
	STR_EQ(t->snippet, "Un résumé.", "only the title matches: the summary, unmarked");
	INT_EQ(t->nmarks, 0, "no marks in that summary");
	OK(b->score > 0 && t->score > b->score, "scores: higher is better");
	adpa_hits_clear(&h);
	OK(adpa_search_query(s, course, "donnees theatre", 0, &h, &e) == 0 && h.n == 1,
	   "accented hit");
	OK(h.n && h.v[0].nmarks == 2 &&
	       !strncmp(h.v[0].snippet + h.v[0].marks[0].off, "données", h.v[0].marks[0].len) &&
	       !strncmp(h.v[0].snippet + h.v[0].marks[1].off, "théâtre", h.v[0].marks[1].len),
	   "marks cover the accented words as written (bytes, not characters)");
	adpa_hits_clear(&h);
	OK(adpa_search_query(s, course, "mot", 2, &h, &e) == 0 && h.n == 2 && h.total == 5,
	   "limit: two hits of five, total counted");
	adpa_hits_clear(&h);
	OK(h.n == 0 && h.v == NULL && h.total == 0, "adpa_hits_clear empties the hits");
	adpa_hits_clear(NULL);
}

/* A search of course c (NULL: none loaded) with cache file path; its
 * source after one query. */
static enum adpa_search_source cached_query(const char *cdir, struct adpa_course *c,
                                            const char *path, const char *query, const char *want)
{
	struct adpa_search_opts o = {.cache = path};
	struct adpa_search *s = adpa_search_open(cdir, &o);
	INT_EQ(adpa_search_source(s), ADPA_SEARCH_NOT_READY, "opening reads nothing");
	course = c;
	STR_EQ(ids(s, query), want, "search results");
	enum adpa_search_source src = adpa_search_source(s);
	adpa_search_free(s);
	return src;
}

static void append(const char *path, const char *text)
{
	FILE *fp = fopen(path, "a");
	fputs(text, fp);
	fclose(fp);
	struct timespec later[2] = {{.tv_sec = 2000000000}, {.tv_sec = 2000000000}};
	utimensat(AT_FDCWD, path, later, 0);
}

static void test_cache_reuse(const char *copy, const char *cache)
{
	struct adpa_course *c = load(copy);
	INT_EQ(cached_query(copy, c, cache, "zephyr", "fix-premiers-pas"), ADPA_SEARCH_BUILT,
	       "first use builds the cache");
	struct stat st;
	OK(stat(cache, &st) == 0 && (st.st_mode & 0777) == 0600, "cache file is private (0600)");
	OK(stat(tmp("cache/adpa"), &st) == 0 && (st.st_mode & 0777) == 0700,
	   "cache directory is private (0700)");
	INT_EQ(cached_query(copy, c, cache, "zephyr", "fix-premiers-pas"), ADPA_SEARCH_CACHED,
	       "unchanged course: the cache is reused");
	INT_EQ(cached_query(copy, NULL, cache, "vocab", "fix-vocabulaire fix-premiers-pas"),
	       ADPA_SEARCH_CACHED, "a valid cache answers without the course loaded");
	struct adpa_search *s = adpa_search_open(copy, &(struct adpa_search_opts){.cache = cache});
	OK(adpa_search_cached(s), "adpa_search_cached: true on a valid cache");
	adpa_search_free(s);
	adpa_course_free(c);

	append(tmp("copy/comprendre/03-courte.md"), "\nUn mot nouveau : zanzibar.\n");
	s = adpa_search_open(copy, &(struct adpa_search_opts){.cache = cache});
	OK(!adpa_search_cached(s), "a fiche changed: the cache is stale");
	struct adpa_hits h;
	struct adpa_error e = {0};
	OK(adpa_search_query(s, NULL, "zanzibar", 0, &h, &e) < 0 && h.n == 0,
	   "stale and no course: an error");
	STR_EQ(e.msg, "the search index must be built: the course is needed", "which says so");
	adpa_search_free(s);
	c = load(copy);
	INT_EQ(cached_query(copy, c, cache, "zanzibar", "fix-courte"), ADPA_SEARCH_BUILT,
	       "a fiche changed: rebuilt, and the new word is found");
	INT_EQ(cached_query(copy, c, cache, "zanzibar", "fix-courte"), ADPA_SEARCH_CACHED,
	       "then cached again");
	adpa_course_free(c);
	write_file(tmp("copy/annexes/02-nouvelle.md"), "---\nid: nouvelle\n---\n");
	INT_EQ(cached_query(copy, NULL, cache, "zanzibar",
	                    "error: the search index must be built: "
	                    "the course is needed"),
	       ADPA_SEARCH_NOT_READY, "a new fiche file: stale");
}

static void test_cache_damage(const char *copy, const char *cache)
{
	struct adpa_course *c = load(copy);
	write_file(cache, "ceci n'est pas une base SQLite, ceci est un cache abîmé\n");
	INT_EQ(cached_query(copy, c, cache, "zephyr", "fix-premiers-pas"), ADPA_SEARCH_BUILT,
	       "a corrupt cache is rebuilt, no error");
	OK(truncate(cache, 8192) == 0, "cache truncated");
	INT_EQ(cached_query(copy, c, cache, "zephyr", "fix-premiers-pas"), ADPA_SEARCH_BUILT,
	       "a truncated cache is rebuilt, no error");
	/* the pages after the meta table's (1 to 3) scrambled: it looks valid */
	FILE *fp = fopen(cache, "r+b");
	fseek(fp, 0, SEEK_END);
	long size = ftell(fp);
	fseek(fp, 4 * 4096, SEEK_SET);
	for (long i = 4 * 4096; i < size; i++)
		fputc(0xA5, fp);
	fclose(fp);
	struct adpa_search *s = adpa_search_open(copy, &(struct adpa_search_opts){.cache = cache});
	struct adpa_hits h;
	struct adpa_error e = {0};
	OK(adpa_search_cached(s), "a cache with damaged index pages passes the check");
	OK(adpa_search_query(s, NULL, "zephyr", 0, &h, &e) < 0 && !adpa_search_cached(s),
	   "it fails in use: without the course, the caller is told to load it");
	course = c;
	STR_EQ(ids(s, "zephyr"), "fix-premiers-pas", "with the course, it is rebuilt");
	INT_EQ(adpa_search_source(s), ADPA_SEARCH_BUILT, "rebuilt into the cache file");
	adpa_search_free(s);
	write_file(tmp("file"), "x");
	INT_EQ(cached_query(copy, c, tmp("file/sub/search.db"), "zephyr", "fix-premiers-pas"),
	       ADPA_SEARCH_MEMORY, "a cache that cannot be written: in memory, no error");
	DIR *d = opendir(tmp("cache/adpa"));
	int n = 0;
	for (struct dirent *de; d && (de = readdir(d));)
		n += de->d_name[0] != '.';
	if (d)
		closedir(d);
	INT_EQ(n, 1, "the cache directory holds the cache only (no temporary file left)");
	adpa_course_free(c);
}

static void test_cache(void)
{
	char cmd[1024], copy[512], cache[512];
	snprintf(copy, sizeof copy, "%s", tmp("copy"));
	snprintf(cache, sizeof cache, "%s", tmp("cache/adpa/search.db"));
	snprintf(cmd, sizeof cmd, "cp -r %s/tui-course %s", FIXTURES, copy);
	OK(system(cmd) == 0, "fixture copied");
	test_cache_reuse(copy, cache);
	test_cache_damage(copy, cache);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/adpa-test-search-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	make_course();
	test_expr();
	struct adpa_course *c = load(tmp("gen"));
	OK(c && c->nfiches == 5, "generated course loads");
	course = c;
	struct adpa_search *s = adpa_search_open(tmp("gen"), NULL);
	test_ranking(s);
	test_folding(s);
	test_syntax(s);
	test_snippets(s);
	adpa_search_free(s);
	adpa_search_free(NULL); /* a no-op: ASan and the exit status are the check */
	adpa_course_free(c);
	test_cache();
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	OK(system(cmd) == 0, "temporary directory removed");
	return done();
}
