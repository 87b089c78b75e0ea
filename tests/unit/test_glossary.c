/* Unit tests: the fiches of a glossary term, and loose term matching. */
#include <stdlib.h>

#include "adpa/course.h"
#include "adpa/glossary.h"
#include "harness.h"

static void test_fiches(struct adpa_course *c)
{
	const struct adpa_fiche **v = NULL;
	const struct adpa_term *t = adpa_course_term(c, "vent");
	size_t n = adpa_glossary_fiches(c, t, &v);
	/* keyword of fix-premiers-pas, and see: [fix-courte, fix-premiers-pas] */
	INT_EQ(n, 2, "keyword and see, without duplicates");
	STR_EQ(n > 0 ? v[0]->id : NULL, "fix-premiers-pas", "course order (first)");
	STR_EQ(n > 1 ? v[1]->id : NULL, "fix-courte", "course order (second)");
	free(v);
	n = adpa_glossary_fiches(c, adpa_course_term(c, "KPI"), &v);
	INT_EQ(n, 1, "term found by alias has its fiches");
	STR_EQ(n ? v[0]->id : NULL, "fix-objectifs", "keyword and see the same fiche");
	free(v);
	n = adpa_glossary_fiches(c, adpa_course_term(c, "donnée"), &v);
	INT_EQ(n, 6, "every fiche with the keyword");
	free(v);
	n = adpa_glossary_fiches(c, NULL, &v);
	OK(n == 0 && v == NULL, "no term, no fiches");
}

static void test_keys(struct adpa_course *c)
{
	char *k = adpa_glossary_key("Données D’accès");
	STR_EQ(k, "donnees d'acces", "key: case, accents, apostrophe");
	free(k);
	OK(adpa_glossary_find(c, "DONNEE") == &c->terms[0], "find: accents ignored");
	OK(adpa_glossary_find(c, "indicateur cle") == &c->terms[1], "find: alias without accent");
	OK(adpa_glossary_find(c, "kpi") == &c->terms[1], "find: alias, any case");
	OK(adpa_glossary_find(c, "nuage") == NULL, "find: unknown");
	k = adpa_glossary_key("deplacement");
	OK(adpa_glossary_matches(&c->terms[2], k), "matches the definition, accents ignored");
	OK(!adpa_glossary_matches(&c->terms[0], k), "does not match another entry");
	free(k);
	OK(adpa_glossary_matches(&c->terms[0], ""), "empty key matches all");
	const struct adpa_term *near[4];
	size_t n = adpa_glossary_near(c, "indicatuer", near, 4);
	OK(n == 1 && near[0] == &c->terms[1], "near: two letters swapped");
	n = adpa_glossary_near(c, "don", near, 4);
	OK(n == 1 && near[0] == &c->terms[0], "near: a beginning");
	INT_EQ(adpa_glossary_near(c, "zzzzzzzz", near, 4), 0, "near: nothing close");
}

int main(void)
{
	struct adpa_course *c =
	    adpa_course_load(FIXTURES "/tui-course", ADPA_LOAD_GLOSSARY, NULL, NULL);
	OK(c && c->nterms == 3, "fixture glossary loads");
	if (c) {
		test_fiches(c);
		test_keys(c);
	}
	adpa_course_free(c);
	return done();
}
