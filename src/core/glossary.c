/*
 * The glossary (« Lexique »): glossary.yaml, a list of terms with a
 * definition, aliases (acronyms, English forms) and the fiches to see. It is
 * loaded on demand: listing fiches does not need it.
 *
 * Lookups by exact key (adpa_course_term) go through the sorted index; the
 * loose ones of glossary.h (accents ignored, substrings, near misses) scan
 * the terms: a glossary holds hundreds of entries, not millions.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "adpa/glossary.h"
#include "adpa/text.h"
#include "files.h"
#include "internal.h"
#include "yamlx.h"
#include <adpa/util.h>

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

static void add_key(struct adpa_index *ix, const char *word, size_t term, int line, int col)
{
	XGROW(ix->keys, ix->capkeys, ix->nkeys + 1);
	ix->keys[ix->nkeys++] = (struct term_key){adpa_text_fold(word), term, line, col};
}

/* An entry whose term or definition is not a string has been reported and is
 * left out: every kept term has both (front ends print them as they are). */
static void parse_term(struct ydoc *y, struct adpa_course *c, yaml_node_t *n)
{
	static const struct ykey keys[] = {
	    {"term", true}, {"definition", true}, {"aliases", false}, {"see", false}};
	yaml_node_t *v[4];
	if (!ymap(y, n, "a glossary entry", keys, 4, v))
		return;
	char *term = ystr(y, v[0], "term"), *def = ystr(y, v[1], "definition");
	size_t na, nsee;
	struct adpa_ref *al = yrefs(y, v[2], "aliases", &na);
	struct adpa_ref *see = yrefs(y, v[3], "see", &nsee);
	if (!term || !def) {
		free(term);
		free(def);
		refs_free(al, na);
		refs_free(see, nsee);
		return;
	}
	size_t ti = c->nterms++;
	struct adpa_term *t = &c->terms[ti];
	t->term = term;
	add_key(c->index, t->term, ti, ynode_line(y, v[0]), ynode_col(y, v[0]));
	t->definition = def;
	t->aliases = na ? xcalloc(na, sizeof *t->aliases) : NULL;
	for (size_t k = 0; k < na; k++) {
		add_key(c->index, al[k].s, ti, al[k].line, al[k].col);
		t->aliases[t->naliases++] = al[k].s;
	}
	free(al);
	t->see = see;
	t->nsee = nsee;
}

static int cmp_term_key(const void *a, const void *b)
{
	const struct term_key *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	if (r)
		return r;
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
	                          : (x->col < y->col ? -1 : x->col > y->col);
}

/* Sorts the keys for lookups; a key written twice is an error at its second place. */
static void index_terms(struct adpa_course *c, struct ydoc *y)
{
	struct adpa_index *ix = c->index;
	if (!ix->nkeys) /* ix->keys is NULL */
		return;
	qsort(ix->keys, ix->nkeys, sizeof *ix->keys, cmp_term_key);
	size_t kept = 0;
	for (size_t i = 0; i < ix->nkeys; i++) {
		if (kept && !strcmp(ix->keys[kept - 1].key, ix->keys[i].key)) {
			adpa_diags_add(y->diags, ADPA_SEV_ERROR, y->path, ix->keys[i].line,
			               ix->keys[i].col,
			               "\"%s\" is already a glossary term or alias (line %d)",
			               ix->keys[i].key, ix->keys[kept - 1].line);
			y->nerr++;
			free(ix->keys[i].key);
			continue;
		}
		ix->keys[kept++] = ix->keys[i];
	}
	ix->nkeys = kept;
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
	struct adpa_diags local = {0};
	struct adpa_error e;
	char *safe = file_confined(c->dir, "glossary.yaml", &e);
	char *text = safe ? file_read(safe, &n, &e) : NULL;
	free(safe);
	if (!text)
		adpa_diags_add(&local, ADPA_SEV_ERROR, path, e.line, e.col, "%s", e.msg);
	struct ydoc y;
	if (text && bytes_check(path, text, n, 1, &local) &&
	    ydoc_load(&y, text, n, path, 0, &local) == 0) {
		y.strict = diags != NULL; /* adpa check */
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
		index_terms(c, &y);
		ydoc_free(&y);
	}
	free(text);
	free(path);
	return diags_move(&local, diags, err);
}

static int cmp_key_word(const void *key, const void *elem)
{
	return strcmp(key, ((const struct term_key *)elem)->key);
}

const struct adpa_term *adpa_course_term(const struct adpa_course *c, const char *word)
{
	if (!c || !word || !c->index || !c->index->nkeys)
		return NULL;
	char *k = adpa_text_fold(word);
	const struct term_key *hit =
	    bsearch(k, c->index->keys, c->index->nkeys, sizeof *c->index->keys, cmp_key_word);
	free(k);
	return hit ? &c->terms[hit->term] : NULL;
}

/* --- the glossary seen from the fiches, and loose matching (glossary.h) --- */

static bool fiche_uses(const struct adpa_course *c, const struct adpa_fiche *f,
                       const struct adpa_term *t)
{
	for (size_t k = 0; k < f->nkeywords; k++)
		if (adpa_course_term(c, f->keywords[k].s) == t)
			return true;
	for (size_t k = 0; k < t->nsee; k++)
		if (!strcmp(t->see[k].s, f->id))
			return true;
	return false;
}

size_t adpa_glossary_fiches(const struct adpa_course *c, const struct adpa_term *t,
                            const struct adpa_fiche ***out)
{
	*out = NULL;
	if (!c || !t)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < c->nfiches; i++) /* course order, each fiche once */
		if (fiche_uses(c, c->fiches[i], t)) {
			if (!*out)
				*out = xcalloc(c->nfiches, sizeof **out);
			(*out)[n++] = c->fiches[i];
		}
	return n;
}

char *adpa_glossary_key(const char *s)
{
	size_t n = 0;
	/* NFD splits « é » into « e » and a combining accent, dropped below */
	uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFD, NULL, &n);
	if (!f)
		return adpa_text_fold(s);
	char *d = xcalloc(n + 1, 1), *o = d;
	for (size_t at = 0; at < n;) {
		ucs4_t uc;
		int len = u8_mbtoucr(&uc, f + at, n - at);
		if (len <= 0) { /* casefold gives valid UTF-8; be safe anyway */
			*o++ = (char)f[at++];
			continue;
		}
		if (uc == 0x2019)
			*o++ = '\'';
		else if (!uc_is_general_category(uc, UC_NON_SPACING_MARK)) {
			memcpy(o, f + at, (size_t)len);
			o += len;
		}
		at += (size_t)len;
	}
	*o = '\0';
	free(f);
	return d;
}

static bool key_is(const char *s, const char *key)
{
	char *k = adpa_glossary_key(s);
	bool eq = !strcmp(k, key);
	free(k);
	return eq;
}

const struct adpa_term *adpa_glossary_find(const struct adpa_course *c, const char *word)
{
	const struct adpa_term *t = adpa_course_term(c, word);
	if (t || !c || !word)
		return t;
	char *key = adpa_glossary_key(word);
	for (size_t i = 0; i < c->nterms && !t; i++) {
		const struct adpa_term *e = &c->terms[i];
		if (e->term && key_is(e->term, key))
			t = e;
		for (size_t k = 0; k < e->naliases && !t; k++)
			if (key_is(e->aliases[k], key))
				t = e;
	}
	free(key);
	return t;
}

static bool key_has(const char *s, const char *key)
{
	if (!s)
		return false;
	char *k = adpa_glossary_key(s);
	bool has = strstr(k, key) != NULL;
	free(k);
	return has;
}

bool adpa_glossary_matches(const struct adpa_term *t, const char *key)
{
	if (!key || !*key)
		return true;
	if (key_has(t->term, key) || key_has(t->definition, key))
		return true;
	for (size_t k = 0; k < t->naliases; k++)
		if (key_has(t->aliases[k], key))
			return true;
	return false;
}

/* Edit distance between a and b, capped: above cap it returns cap + 1. */
static size_t distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > cap || lb > 64)
		return cap + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			best = row[j] + 1 < best ? row[j] + 1 : best;
			best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static bool near(const char *s, const char *key)
{
	char *k = adpa_glossary_key(s);
	bool close = (*key && strstr(k, key)) || (*k && strstr(key, k)) || distance(k, key, 2) <= 2;
	free(k);
	return close;
}

size_t adpa_glossary_near(const struct adpa_course *c, const char *word,
                          const struct adpa_term **out, size_t max)
{
	if (!c || !word)
		return 0;
	char *key = adpa_glossary_key(word);
	size_t n = 0;
	for (size_t i = 0; i < c->nterms && n < max; i++) {
		const struct adpa_term *t = &c->terms[i];
		bool close = t->term && near(t->term, key);
		for (size_t k = 0; k < t->naliases && !close; k++)
			close = near(t->aliases[k], key);
		if (close)
			out[n++] = t;
	}
	free(key);
	return n;
}
