/*
 * Harness: a progress file collected from another machine. The input is
 * written to a scratch file and opened with adpa_store_open_foreign, as adpa
 * report and adpa progress --db open the files they are given; every learner
 * in it is then read the ways report,
 * progress, export, review and the reader do: progress records and the
 * summary for a small course, bookmarks, notes, paths, settings. Any side
 * file SQLite might leave (-wal, -shm, -journal) is removed after each input
 * so that no state carries over to the next one.
 */
#include <stdlib.h>
#include <string.h>

#include <adpa/course.h>
#include <adpa/progress.h>
#include <adpa/store.h>

#include "fuzz.h"

#define MAX_LEARNERS 16

static const char course_yaml[] = "id: fuzz\n"
                                  "title: \"Cours\"\n"
                                  "rubrics:\n"
                                  "  - id: r\n"
                                  "    title: \"Rubrique\"\n"
                                  "    summary: \"Résumé\"\n";

static const char fiche_a[] = "---\nid: a\ntitle: \"A\"\nrubric: r\norder: 1\nsummary: \"A.\"\n"
                              "keywords: []\nduration: 1\nlevel: debutant\n---\nTexte.\n";
static const char fiche_b[] = "---\nid: b\ntitle: \"B\"\nrubric: r\norder: 2\nsummary: \"B.\"\n"
                              "keywords: []\nduration: 1\nlevel: debutant\n---\nTexte.\n";

/* The course the records are read against: loaded once, never changed. */
static struct adpa_course *course(void)
{
	static struct adpa_course *c;
	if (c)
		return c;
	fuzz_write("course/course.yaml", course_yaml, sizeof course_yaml - 1);
	fuzz_write("course/r/01-a.md", fiche_a, sizeof fiche_a - 1);
	fuzz_write("course/r/02-b.md", fiche_b, sizeof fiche_b - 1);
	char *dir = malloc(strlen(fuzz_dir()) + sizeof "/course");
	if (!dir)
		abort();
	strcpy(dir, fuzz_dir());
	strcat(dir, "/course");
	c = adpa_course_load(dir, 0, NULL, NULL);
	free(dir);
	if (!c || c->nfiches != 2)
		abort();
	return c;
}

static int count_bookmark(const struct adpa_bookmark *b, void *arg)
{
	(void)b;
	++*(size_t *)arg;
	return 0;
}

static int count_note(const struct adpa_note *n, void *arg)
{
	(void)n;
	++*(size_t *)arg;
	return 0;
}

static int count_row(const struct adpa_export_row *r, void *arg)
{
	(void)r;
	++*(size_t *)arg;
	return 0;
}

static int count_review(const struct adpa_review_row *r, void *arg)
{
	(void)r;
	++*(size_t *)arg;
	return 0;
}

static void read_learner(struct adpa_store *s, const struct adpa_course *c, const char *name)
{
	struct adpa_error err = {0};
	int64_t id = adpa_store_learner(s, name, false, 0, &err);
	if (id <= 0)
		return;
	for (size_t i = 0; i < c->nfiches; i++) {
		struct adpa_progress p;
		adpa_store_progress(s, id, c->id, c->fiches[i]->id, &p, &err);
		char *note = NULL;
		adpa_store_note_get(s, id, c->id, c->fiches[i]->id, &note, &err);
		free(note);
	}
	adpa_summary_free(adpa_summary_new(c, s, id, true, &err));
	size_t n = 0;
	adpa_store_bookmarks(s, id, NULL, count_bookmark, &n, &err);
	adpa_store_notes(s, id, NULL, count_note, &n, &err);
	adpa_store_review(s, id, c->id, INT64_MAX, count_review, &n, &err);
	adpa_store_export(s, name, count_row, &n, &err);
	struct adpa_store_path *paths = NULL;
	size_t npaths = 0;
	if (adpa_store_paths(s, id, c->id, &paths, &npaths, &err) == 0)
		adpa_store_paths_free(paths, npaths);
	free(adpa_store_get(s, id, "last", &err));
}

static void read_file(const char *path)
{
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open_foreign(path, &err);
	if (!s)
		return;
	adpa_store_version(s);
	char **names = NULL;
	size_t n = 0;
	if (adpa_store_learners(s, &names, &n, &err) == 0) {
		for (size_t k = 0; k < n; k++) {
			if (k < MAX_LEARNERS)
				read_learner(s, course(), names[k]);
			free(names[k]);
		}
		free(names);
	}
	size_t rows = 0;
	adpa_store_export(s, NULL, count_row, &rows, &err);
	adpa_store_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	course();
	fuzz_write("progress.db", data, size);
	char *path = malloc(strlen(fuzz_dir()) + sizeof "/progress.db");
	if (!path)
		abort();
	strcpy(path, fuzz_dir());
	strcat(path, "/progress.db");
	read_file(path);
	free(path);
	fuzz_remove("progress.db-wal");
	fuzz_remove("progress.db-shm");
	fuzz_remove("progress.db-journal");
	return 0;
}
