/* Unit tests: a learner's own paths in the store (ordering, one fiche once,
 * the schema upgrade from version 4), missing prerequisites (transitive,
 * ordered, cycles), and list filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/path.h"
#include "adpa/store.h"
#include "harness.h"

static char dir[256];

static char *tmp(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text)
{
	FILE *fp = fopen(tmp(name), "wb");
	fputs(text, fp);
	fclose(fp);
}

/* fiche id in rubric r, requiring req (a YAML list), of level and duration */
static void fiche(const char *id, int order, const char *req, const char *level, int minutes,
                  const char *keywords)
{
	char name[64], text[1024];
	snprintf(name, sizeof name, "r/%02d-%s.md", order, id);
	snprintf(text, sizeof text,
	         "---\nid: %s\ntitle: \"Fiche %s\"\nrubric: r\norder: %d\nsummary: \"S.\"\n"
	         "keywords: [%s]\nduration: %d\nlevel: %s\nrequires: [%s]\n---\nCorps.\n",
	         id, id, order, keywords, minutes, level, req);
	write_file(name, text);
}

static struct adpa_course *make_course(void)
{
	mkdir(tmp("r"), 0700);
	write_file("course.yaml", "id: t\ntitle: \"T\"\nlang: fr\nversion: \"1\"\nmastery: 80\n"
	                          "rubrics:\n  - id: r\n    title: \"R\"\n    summary: \"S.\"\n");
	fiche("a", 1, "", "debutant", 5, "\"Donnée\"");
	fiche("b", 2, "a", "debutant", 10, "\"Tableau\"");
	fiche("c", 3, "a", "intermediaire", 15, "\"Indicateur\"");
	fiche("d", 4, "b, c", "avance", 20, "\"Pilotage\"");
	fiche("x", 5, "y", "avance", 5, "\"Boucle\"");
	fiche("y", 6, "x", "avance", 5, "\"Boucle\"");
	struct adpa_error e = {0};
	struct adpa_course *c = adpa_course_load(dir, 0, NULL, &e);
	if (!c)
		printf("# %s\n", e.msg);
	return c;
}

static size_t missing(const struct adpa_course *c, const char *const *have, size_t n,
                      const char *id, char *ids, size_t size)
{
	const struct adpa_fiche **out;
	size_t k = adpa_path_missing(c, have, n, adpa_course_find(c, id), &out);
	ids[0] = '\0';
	for (size_t i = 0; i < k; i++)
		snprintf(ids + strlen(ids), size - strlen(ids), "%s%s", i ? " " : "", out[i]->id);
	free(out);
	return k;
}

static void test_missing(const struct adpa_course *c)
{
	char ids[128];
	INT_EQ(missing(c, NULL, 0, "a", ids, sizeof ids), 0, "no prerequisite: none missing");
	missing(c, NULL, 0, "d", ids, sizeof ids);
	STR_EQ(ids, "a b c", "transitive, each once, prerequisites first");
	const char *have[] = {"a", "c"};
	missing(c, have, 2, "d", ids, sizeof ids);
	STR_EQ(ids, "b", "those already in the path are left out");
	missing(c, NULL, 0, "x", ids, sizeof ids);
	STR_EQ(ids, "y", "a cycle ends the walk");
}

static void test_filters(const struct adpa_course *c)
{
	struct adpa_filter f;
	const struct adpa_fiche *a = adpa_course_find(c, "a"), *d = adpa_course_find(c, "d");
	adpa_filter_parse("", &f);
	OK(adpa_filter_empty(&f) && adpa_filter_match(&f, a, ADPA_READ), "empty filter: all");
	adpa_filter_parse("Débutant", &f);
	OK(adpa_filter_match(&f, a, ADPA_NOT_STARTED) &&
	       !adpa_filter_match(&f, d, ADPA_NOT_STARTED),
	   "level");
	adpa_filter_clear(&f);
	adpa_filter_parse("avance <=10", &f);
	OK(!adpa_filter_match(&f, d, ADPA_NOT_STARTED), "level and duration");
	adpa_filter_clear(&f);
	adpa_filter_parse("20 min", &f);
	INT_EQ(f.max_minutes, 20, "« 20 min »");
	OK(adpa_filter_match(&f, d, ADPA_NOT_STARTED), "duration at the limit");
	adpa_filter_clear(&f);
	adpa_filter_parse("en cours", &f);
	INT_EQ(f.status, ADPA_IN_PROGRESS, "« en cours »");
	OK(!adpa_filter_match(&f, a, ADPA_READ) && adpa_filter_match(&f, a, ADPA_IN_PROGRESS),
	   "status");
	adpa_filter_clear(&f);
	adpa_filter_parse("lue PILOT", &f);
	STR_EQ(f.word, "pilot", "the rest is the keyword, folded");
	OK(adpa_filter_match(&f, d, ADPA_READ) && !adpa_filter_match(&f, a, ADPA_READ),
	   "keyword in the keywords");
	char buf[128];
	adpa_filter_describe(&f, buf, sizeof buf);
	STR_EQ(buf, "lue · « pilot »", "described on screen");
	adpa_filter_clear(&f);
	adpa_filter_clear(&f);
	OK(f.word == NULL, "clear twice");
}

static char *names(struct adpa_store_path *p)
{
	static char buf[128];
	buf[0] = '\0';
	for (size_t i = 0; i < p->nfiches; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "",
		         p->fiches[i]);
	return buf;
}

static void test_store_paths(void)
{
	struct adpa_error e = {0};
	/* a file from before paths: upgraded, then used */
	OK(adpa_store_create_at(tmp("p.db"), 4, &e) == 0, "file at version 4");
	struct adpa_store *s = adpa_store_open(tmp("p.db"), ADPA_STORE_READ_WRITE, &e);
	OK(s && adpa_store_version(s) >= 5, "upgraded to the paths schema");
	int64_t l = adpa_store_learner(s, "ana", true, 1, &e);
	const char *three[] = {"a", "b", "c"};
	int64_t p1 = adpa_store_path_new(s, l, "t", "Mon parcours", three, 3, 10, &e);
	int64_t p2 = adpa_store_path_new(s, l, "t", "Vide", NULL, 0, 11, &e);
	OK(p1 > 0 && p2 > p1, "two paths created");
	const char *more[] = {"d", "a", "e"};
	OK(adpa_store_path_add(s, p1, more, 3, &e) == 0, "added at the end");
	OK(adpa_store_path_move(s, p1, "d", -1, &e) == 0, "moved up");
	OK(adpa_store_path_move(s, p1, "a", -1, &e) == 0, "first stays first");
	OK(adpa_store_path_move(s, p1, "e", 1, &e) == 0, "last stays last");
	OK(adpa_store_path_remove(s, p1, "b", &e) == 0, "removed");
	OK(adpa_store_path_remove(s, p1, "zz", &e) == 0, "removing an absent fiche: no-op");
	OK(adpa_store_path_move(s, p1, "e", -1, &e) == 0, "moved up after a removal");
	OK(adpa_store_path_rename(s, p2, "Renommé", &e) == 0, "renamed");
	OK(adpa_store_path_rename(s, 999, "x", &e) < 0 && strstr(e.msg, "parcours inconnu"),
	   "renaming an unknown path fails");
	OK(adpa_store_path_add(s, 999, three, 1, &e) < 0, "adding to an unknown path fails");
	int64_t other = adpa_store_learner(s, "bob", true, 1, &e);
	adpa_store_path_new(s, other, "t", "De Bob", three, 1, 12, &e);
	adpa_store_close(s);

	s = adpa_store_open(tmp("p.db"), ADPA_STORE_READ_ONLY, &e);
	struct adpa_store_path *ps;
	size_t n;
	OK(adpa_store_paths(s, l, "t", &ps, &n, &e) == 0 && n == 2, "the learner's paths only");
	if (n == 2) {
		STR_EQ(ps[0].name, "Mon parcours", "oldest first");
		STR_EQ(names(&ps[0]), "a d e c", "order kept across a reopen");
		STR_EQ(ps[1].name, "Renommé", "new name kept");
		INT_EQ(ps[1].nfiches, 0, "an empty path");
	}
	adpa_store_paths_free(ps, n);
	OK(adpa_store_path_delete(s, p1, &e) < 0, "read-only: no change");
	adpa_store_close(s);

	s = adpa_store_open(tmp("p.db"), ADPA_STORE_READ_WRITE, &e);
	OK(adpa_store_path_delete(s, p1, &e) == 0, "deleted");
	OK(adpa_store_paths(s, l, "t", &ps, &n, &e) == 0 && n == 1 && ps[0].id == p2,
	   "the other path stays");
	adpa_store_paths_free(ps, n);
	adpa_store_paths_free(NULL, 0); /* a no-op */
	adpa_store_close(s);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/adpa-parcours-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	struct adpa_course *c = make_course();
	OK(c != NULL, "course made");
	if (c) {
		test_missing(c);
		test_filters(c);
	}
	adpa_course_free(c);
	test_store_paths();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
