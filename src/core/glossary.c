/*
 * The glossary (« Lexique »): glossary.yaml, a list of terms with a
 * definition, aliases (acronyms, English forms) and the fiches to see. It is
 * loaded on demand: listing fiches does not need it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "adpa/text.h"
#include "internal.h"
#include "util.h"
#include "yamlx.h"

void terms_free(struct adpa_term *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++) {
		free(t[i].term);
		free(t[i].definition);
		for (size_t k = 0; k < t[i].naliases; k++)
			free(t[i].aliases[k]);
		free(t[i].aliases);
		refs_free(t[i].see, t[i].nsee);
	}
	free(t);
}

/* True when word is already a term or alias of c (its first n terms). */
static bool known(const struct adpa_course *c, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++) {
		if (c->terms[i].term && adpa_text_equal_fold(c->terms[i].term, word))
			return true;
		for (size_t k = 0; k < c->terms[i].naliases; k++)
			if (adpa_text_equal_fold(c->terms[i].aliases[k], word))
				return true;
	}
	return false;
}

static void parse_term(struct ydoc *y, struct adpa_course *c, yaml_node_t *n)
{
	static const struct ykey keys[] = {
		{"term", true}, {"definition", true}, {"aliases", false}, {"see", false}};
	yaml_node_t *v[4];
	if (!ymap(y, n, "a glossary entry", keys, 4, v))
		return;
	struct adpa_term *t = &c->terms[c->nterms];
	t->term = ystr(y, v[0], "term");
	if (t->term && known(c, c->nterms, t->term))
		yerr(y, v[0], "duplicate glossary term or alias \"%s\"", t->term);
	t->definition = ystr(y, v[1], "definition");
	size_t na;
	struct adpa_ref *al = yrefs(y, v[2], "aliases", &na);
	t->aliases = na ? xcalloc(na, sizeof *t->aliases) : NULL;
	for (size_t k = 0; k < na; k++) {
		if (known(c, c->nterms, al[k].s) ||
		    (t->term && adpa_text_equal_fold(t->term, al[k].s)))
			yerr(y, v[2], "alias \"%s\" is already a glossary term or alias", al[k].s);
		t->aliases[t->naliases++] = al[k].s;
	}
	free(al);
	t->see = yrefs(y, v[3], "see", &t->nsee);
	c->nterms++;
}

int adpa_course_load_glossary(struct adpa_course *c, struct adpa_diags *diags,
			      struct adpa_error *err)
{
	if (c->glossary_loaded)
		return 0;
	c->glossary_loaded = true;
	char *path = xasprintf("%s/glossary.yaml", c->dir);
	struct stat st;
	if (stat(path, &st) != 0) {
		free(path);
		return 0;
	}
	size_t n;
	char *text = file_read(path, &n, err);
	if (!text) {
		adpa_diags_add(diags, ADPA_SEV_ERROR, path, err ? err->line : 0, err ? err->col : 0,
			       "%s", err ? err->msg : "cannot read");
		free(path);
		return -1;
	}
	struct ydoc y;
	int rc = -1;
	if (bytes_check(path, text, n, 1, diags) && ydoc_load(&y, text, n, path, 0, diags) == 0) {
		yaml_node_t *root = ydoc_root(&y);
		yaml_node_item_t *items;
		size_t len = 0;
		if (root && root->type == YAML_SEQUENCE_NODE)
			len = yseq(&y, root, "glossary", &items);
		else
			yerr(&y, root, "glossary.yaml must be a list of entries");
		c->terms = len ? xcalloc(len, sizeof *c->terms) : NULL;
		for (size_t i = 0; i < len; i++)
			parse_term(&y, c, yitem(&y, items[i]));
		rc = y.nerr ? -1 : 0;
		if (rc < 0)
			adpa_error_set(err, ADPA_EFORMAT, path, 0, 0, "glossary has errors");
		ydoc_free(&y);
	}
	free(text);
	free(path);
	return rc;
}

const struct adpa_term *adpa_course_term(const struct adpa_course *c, const char *word)
{
	for (size_t i = 0; c && i < c->nterms; i++) {
		if (c->terms[i].term && adpa_text_equal_fold(c->terms[i].term, word))
			return &c->terms[i];
		for (size_t k = 0; k < c->terms[i].naliases; k++)
			if (adpa_text_equal_fold(c->terms[i].aliases[k], word))
				return &c->terms[i];
	}
	return NULL;
}
