/*
 * Harness: the glossary. The input is glossary.yaml of a small course of a
 * scratch directory whose one fiche uses a few keywords; the glossary is
 * loaded strictly (adpa check: duplicates, `see` references, keywords) and
 * every term is then looked up the ways the front ends do: exact, loose,
 * « did you mean », filter and the fiches that use it. Front ends print
 * terms and definitions as they are: neither may be NULL.
 */
#include <stdlib.h>
#include <string.h>

#include <adpa/course.h>
#include <adpa/glossary.h>

#include "fuzz.h"

static const char course_yaml[] = "id: fuzz\n"
                                  "title: \"Cours\"\n"
                                  "rubrics:\n"
                                  "  - id: r\n"
                                  "    title: \"Rubrique\"\n"
                                  "    summary: \"Résumé\"\n";

static const char fiche[] = "---\n"
                            "id: base\n"
                            "title: \"Base\"\n"
                            "rubric: r\n"
                            "order: 1\n"
                            "summary: \"Une fiche fixe.\"\n"
                            "keywords: [\"RGPD\", \"données\", \"billetterie\"]\n"
                            "duration: 1\n"
                            "level: debutant\n"
                            "---\n"
                            "Texte.\n";

static void lookup(const struct adpa_course *c, const char *word)
{
	const struct adpa_term *near[4];
	adpa_course_term(c, word);
	adpa_glossary_find(c, word);
	adpa_glossary_near(c, word, near, 4);
	char *key = adpa_glossary_key(word);
	for (size_t i = 0; i < c->nterms && i < 64; i++)
		adpa_glossary_matches(&c->terms[i], key);
	free(key);
}

static void use(const struct adpa_course *c)
{
	for (size_t i = 0; i < c->nterms && i < 64; i++) {
		const struct adpa_term *t = &c->terms[i];
		if (!t->term || !t->definition) /* course.h: never NULL */
			abort();
		const struct adpa_fiche **fiches = NULL;
		adpa_glossary_fiches(c, t, &fiches);
		free(fiches);
		lookup(c, t->term);
		for (size_t k = 0; k < t->naliases && k < 8; k++)
			lookup(c, t->aliases[k]);
	}
	lookup(c, "donnees");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write("course/course.yaml", course_yaml, sizeof course_yaml - 1);
	fuzz_write("course/r/01-base.md", fiche, sizeof fiche - 1);
	fuzz_write("course/glossary.yaml", data, size);
	char *dir = malloc(strlen(fuzz_dir()) + sizeof "/course");
	if (!dir)
		abort();
	strcpy(dir, fuzz_dir());
	strcat(dir, "/course");
	struct adpa_diags diags = {0};
	struct adpa_course *c = adpa_course_load(dir, ADPA_LOAD_STRICT, &diags, NULL);
	if (c) {
		use(c);
		adpa_course_free(c);
	}
	adpa_diags_clear(&diags);
	free(dir);
	return 0;
}
