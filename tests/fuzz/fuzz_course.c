/*
 * Harness: the course loader and adpa check. The input is one fiche file
 * (front matter and body) in a small course of a scratch directory, next to
 * a fixed, valid fiche it can require or link to. When the input holds the
 * line FUZZ_SPLIT, what comes before it replaces course.yaml, so the course
 * description is fuzzed too. The course is loaded as every command loads it,
 * then strictly (adpa check: bodies, links, cycles, glossary); each fiche
 * body and the about file are then read and rendered.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include <adpa/course.h>
#include <adpa/render.h>

#include "fuzz.h"

#define FUZZ_SPLIT "\n%%%%\n"

static const char course_yaml[] = "id: fuzz\n"
                                  "title: \"Cours\"\n"
                                  "lang: fr\n"
                                  "rubrics:\n"
                                  "  - id: r\n"
                                  "    title: \"Rubrique\"\n"
                                  "    summary: \"Résumé\"\n"
                                  "paths:\n"
                                  "  - id: p\n"
                                  "    title: \"Parcours\"\n"
                                  "    fiches: [base]\n";

static const char base_fiche[] = "---\n"
                                 "id: base\n"
                                 "title: \"Base\"\n"
                                 "rubric: r\n"
                                 "order: 1\n"
                                 "summary: \"Une fiche fixe.\"\n"
                                 "keywords: [\"terme\"]\n"
                                 "duration: 1\n"
                                 "level: debutant\n"
                                 "---\n"
                                 "Voir [la fiche](fiche:fuzz).\n";

static const char glossary[] = "- term: \"terme\"\n  definition: \"Un terme.\"\n";
static const char about[] = "# À propos\n\nUn cours.\n";

static void setup(const char *meta, size_t meta_len, const char *fiche, size_t fiche_len)
{
	fuzz_write("course/course.yaml", meta, meta_len);
	fuzz_write("course/glossary.yaml", glossary, sizeof glossary - 1);
	fuzz_write("course/about.md", about, sizeof about - 1);
	fuzz_write("course/r/01-base.md", base_fiche, sizeof base_fiche - 1);
	fuzz_write("course/r/02-fuzz.md", fiche, fiche_len);
}

static void show(const char *text, size_t len)
{
	struct adpa_render_opts opts = {.width = 72};
	struct adpa_doc *doc = adpa_render(text, len, &opts);
	adpa_doc_free(doc);
}

static void use(struct adpa_course *c)
{
	for (size_t i = 0; i < c->nfiches; i++) {
		size_t len;
		char *body = adpa_fiche_read_body(c->fiches[i], &len, NULL);
		if (body)
			show(body, len);
		free(body);
		adpa_course_find(c, c->fiches[i]->id);
	}
	size_t len;
	char *text = adpa_course_read_about(c, &len, NULL);
	if (text)
		show(text, len);
	free(text);
}

static void load(const char *dir, unsigned flags)
{
	struct adpa_diags diags = {0};
	struct adpa_error err = {0};
	struct adpa_course *c = adpa_course_load(dir, flags, &diags, &err);
	if (c) {
		use(c);
		adpa_course_free(c);
	}
	adpa_diags_sort(&diags);
	adpa_diags_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *split = size ? memmem(in, size, FUZZ_SPLIT, sizeof FUZZ_SPLIT - 1) : NULL;
	if (split) {
		size_t head = (size_t)(split - in), skip = head + sizeof FUZZ_SPLIT - 1;
		setup(in, head, split + sizeof FUZZ_SPLIT - 1, size - skip);
	} else {
		setup(course_yaml, sizeof course_yaml - 1, in, size);
	}
	char *dir = malloc(strlen(fuzz_dir()) + sizeof "/course");
	if (!dir)
		abort();
	strcpy(dir, fuzz_dir());
	strcat(dir, "/course");
	load(dir, 0);
	load(dir, ADPA_LOAD_STRICT);
	free(dir);
	return 0;
}
