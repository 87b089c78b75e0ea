/*
 * Strict typed access to libyaml documents. Positions come from libyaml's
 * marks (0-based line and column, in characters) shifted by line_off.
 *
 * Loading is bounded: libyaml's scanner spends time in proportion to the open
 * flow levels on each token (quadratic on « [[[[... »), so the tokens are
 * first scanned alone and the text refused at the first one nested too deep;
 * once loaded, an alias is a second reference to the same node, so the
 * document is measured as if its aliases were expanded (memoised per node,
 * linear), since ystr() and yrefs() copy a scalar at every reference.
 */
#include "yamlx.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/text.h"
#include <adpa/util.h>

static void yerr_at(struct ydoc *y, yaml_mark_t m, const char *fmt, ...) ADPA_PRINTF(3, 4);
static void yerr_at(struct ydoc *y, yaml_mark_t m, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	adpa_diags_add(y->diags, ADPA_SEV_ERROR, y->path, (int)m.line + 1 + y->line_off,
	               (int)m.column + 1, "%s", msg);
	y->nerr++;
}

/* Scans the tokens of text, counting open collections; -1 (reported) at the
 * first past ADPA_MAX_YAML_DEPTH. Syntax errors are left to the loader.
 * Only flow collections make the scanner quadratic, and text with no more
 * '[' and '{' than the limit cannot open that many: it is not scanned twice
 * (the usual front matter, where the scan doubled the time of `adpa list`);
 * block nesting is measured after loading, by size_check. */
static int depth_check(struct ydoc *y, const char *text, size_t len)
{
	size_t opens = 0;
	for (size_t i = 0; i < len; i++)
		opens += text[i] == '[' || text[i] == '{';
	if (opens <= ADPA_MAX_YAML_DEPTH)
		return 0;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	int depth = 0, rc = 0;
	yaml_token_t t;
	while (yaml_parser_scan(&p, &t)) {
		yaml_token_type_t k = t.type;
		yaml_mark_t m = t.start_mark;
		yaml_token_delete(&t);
		if (k == YAML_STREAM_END_TOKEN)
			break;
		if (k == YAML_FLOW_SEQUENCE_START_TOKEN || k == YAML_FLOW_MAPPING_START_TOKEN ||
		    k == YAML_BLOCK_SEQUENCE_START_TOKEN || k == YAML_BLOCK_MAPPING_START_TOKEN)
			depth++;
		else if (k == YAML_FLOW_SEQUENCE_END_TOKEN || k == YAML_FLOW_MAPPING_END_TOKEN ||
		         k == YAML_BLOCK_END_TOKEN)
			depth--;
		if (depth > ADPA_MAX_YAML_DEPTH) {
			yerr_at(y, m, "yaml: lists and mappings nested deeper than %d levels",
			        ADPA_MAX_YAML_DEPTH);
			rc = -1;
			break;
		}
	}
	yaml_parser_delete(&p);
	return rc;
}

/* What a node holds once its aliases are expanded. */
struct ysize {
	size_t text, values;
	int height;
	unsigned char state; /* 0 unseen, 1 being measured, 2 done */
};

static size_t sat_add(size_t a, size_t b, size_t cap)
{
	return a > cap || b > cap || a + b > cap ? cap + 1 : a + b;
}

/* A collection's children: a sequence's items, a mapping's keys and values. */
static size_t kid_count(const yaml_node_t *n)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (n->type == YAML_MAPPING_NODE)
		return 2 * (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	return 0;
}

static int kid_at(const yaml_node_t *n, size_t i)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return n->data.sequence.items.start[i];
	const yaml_node_pair_t *p = &n->data.mapping.pairs.start[i / 2];
	return i % 2 ? p->value : p->key;
}

/* Measures node id at nesting depth (1 for the root) into sz[id]; -1
 * (reported) when the node is past a limit. Recursion is bounded by the
 * depth limit, and each node is measured once. */
static int measure(struct ydoc *y, int id, int depth, struct ysize *sz)
{
	yaml_node_t *n = yaml_document_get_node(&y->doc, id);
	struct ysize *s = &sz[id];
	if (!n)
		return 0;
	if (s->state == 1) {
		yerr_at(y, n->start_mark, "yaml: an alias refers to a value that contains it");
		return -1;
	}
	if (s->state == 0) {
		s->state = 1;
		s->values = 1;
		s->height = 1;
		if (n->type == YAML_SCALAR_NODE)
			s->text = n->data.scalar.length;
		size_t nkids = kid_count(n);
		for (size_t i = 0; i < nkids; i++) {
			int kid = kid_at(n, i);
			if (depth + 1 > ADPA_MAX_YAML_DEPTH) { /* where the level too many opens */
				yaml_node_t *k = yaml_document_get_node(&y->doc, kid);
				yerr_at(y, k ? k->start_mark : n->start_mark,
				        "yaml: lists and mappings nested deeper than %d levels",
				        ADPA_MAX_YAML_DEPTH);
				return -1;
			}
			if (measure(y, kid, depth + 1, sz) < 0)
				return -1;
			const struct ysize *k = &sz[kid];
			s->text = sat_add(s->text, k->text, ADPA_MAX_YAML_TEXT);
			s->values = sat_add(s->values, k->values, ADPA_MAX_YAML_VALUES);
			if (k->height + 1 > s->height)
				s->height = k->height + 1;
		}
		s->state = 2;
	}
	if (depth - 1 + s->height > ADPA_MAX_YAML_DEPTH) {
		yerr_at(y, n->start_mark, "yaml: lists and mappings nested deeper than %d levels",
		        ADPA_MAX_YAML_DEPTH);
		return -1;
	}
	if (s->text > ADPA_MAX_YAML_TEXT || s->values > ADPA_MAX_YAML_VALUES) {
		yerr_at(y, n->start_mark,
		        "yaml: aliases expand this value past %ld KiB of text or %d values",
		        ADPA_MAX_YAML_TEXT / 1024, ADPA_MAX_YAML_VALUES);
		return -1;
	}
	return 0;
}

/* Checks the loaded document against the limits; -1 when past one. */
static int size_check(struct ydoc *y)
{
	size_t n = (size_t)(y->doc.nodes.top - y->doc.nodes.start);
	if (!n)
		return 0;
	struct ysize *sz = xcalloc(n + 1, sizeof *sz); /* node ids are 1-based */
	int rc = measure(y, 1, 1, sz);
	free(sz);
	return rc;
}

int ydoc_load(struct ydoc *y, const char *text, size_t len, const char *path, int line_off,
              struct adpa_diags *diags)
{
	memset(y, 0, sizeof *y);
	y->path = path;
	y->line_off = line_off;
	y->diags = diags;

	if (depth_check(y, text, len) < 0)
		return -1;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	int ok = yaml_parser_load(&p, &y->doc);
	if (!ok) {
		const char *what = p.problem ? p.problem : "invalid YAML";
		yaml_mark_t m = p.problem_mark;
		yaml_mark_t cm = p.context_mark;
		if (p.context)
			adpa_diags_add(diags, ADPA_SEV_ERROR, path, (int)m.line + 1 + line_off,
			               (int)m.column + 1,
			               "yaml: %s %s (started at line %d, column %d)", p.context,
			               what, (int)cm.line + 1 + line_off, (int)cm.column + 1);
		else
			adpa_diags_add(diags, ADPA_SEV_ERROR, path, (int)m.line + 1 + line_off,
			               (int)m.column + 1, "yaml: %s", what);
		y->nerr++;
		yaml_parser_delete(&p);
		return -1;
	}
	y->loaded = true;
	yaml_parser_delete(&p);
	if (size_check(y) < 0) {
		ydoc_free(y);
		return -1;
	}
	return 0;
}

void ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *ydoc_root(struct ydoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

int ynode_line(const struct ydoc *y, const yaml_node_t *n)
{
	return n ? (int)n->start_mark.line + 1 + y->line_off : y->line_off + 1;
}

int ynode_col(const struct ydoc *y, const yaml_node_t *n)
{
	(void)y;
	return n ? (int)n->start_mark.column + 1 : 1;
}

static void ydiag(struct ydoc *y, enum adpa_severity sev, const yaml_node_t *n, const char *fmt,
                  va_list ap)
{
	char msg[600];
	vsnprintf(msg, sizeof msg, fmt, ap);
	adpa_diags_add(y->diags, sev, y->path, ynode_line(y, n), ynode_col(y, n), "%s", msg);
	if (sev == ADPA_SEV_ERROR)
		y->nerr++;
}

void yerr(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ydiag(y, ADPA_SEV_ERROR, n, fmt, ap);
	va_end(ap);
}

void ywarn(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ydiag(y, ADPA_SEV_WARNING, n, fmt, ap);
	va_end(ap);
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	default:
		return "a scalar";
	}
}

bool ymap(struct ydoc *y, yaml_node_t *n, const char *what, const struct ykey *keys, size_t nkeys,
          yaml_node_t **out)
{
	for (size_t i = 0; i < nkeys; i++)
		out[i] = NULL;
	if (!n || n->type != YAML_MAPPING_NODE) {
		yerr(y, n, "%s must be a mapping of keys to values, not %s", what,
		     n ? kind_name(n) : "empty");
		return false;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, p->value);
		if (!k || k->type != YAML_SCALAR_NODE) {
			yerr(y, k, "%s: keys must be plain names", what);
			continue;
		}
		const char *name = (const char *)k->data.scalar.value;
		size_t i;
		for (i = 0; i < nkeys; i++)
			if (strcmp(keys[i].name, name) == 0)
				break;
		if (i == nkeys) {
			char *safe = adpa_text_clean(name, k->data.scalar.length, 0);
			yerr(y, k, "unknown key \"%s\" in %s", safe, what);
			free(safe);
			continue;
		}
		if (out[i]) {
			yerr(y, k, "duplicate key \"%s\" in %s", name, what);
			continue;
		}
		out[i] = v;
	}
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].required && !out[i])
			yerr(y, n, "missing required key \"%s\" in %s", keys[i].name, what);
	return true;
}

static bool is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null");
}

char *ystr(struct ydoc *y, yaml_node_t *n, const char *key)
{
	if (!n)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		yerr(y, n, "\"%s\" must be a string, not %s", key, kind_name(n));
		return NULL;
	}
	if (is_null(n)) {
		yerr(y, n, "\"%s\" must not be empty", key);
		return NULL;
	}
	const char *v = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length, at;
	if (y->strict && (at = adpa_text_bidi_at(v, len)) != (size_t)-1) {
		uint32_t c;
		adpa_utf8_decode(v + at, len - at, &c);
		ywarn(y, n,
		      "bidi control U+%04X in \"%s\": it reorders what readers see; adpa shows "
		      "it as <U+%04X>",
		      (unsigned)c, key, (unsigned)c);
	}
	return adpa_text_clean(v, len, ADPA_CLEAN_TABS_TO_SPACE);
}

bool yint(struct ydoc *y, yaml_node_t *n, const char *key, int *out)
{
	if (!n)
		return false;
	if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		const char *s = (const char *)n->data.scalar.value;
		char *end;
		errno = 0;
		long v = strtol(s, &end, 10);
		if (*s && !*end && !errno && v >= INT_MIN && v <= INT_MAX) {
			*out = (int)v;
			return true;
		}
	}
	yerr(y, n, "\"%s\" must be an integer", key);
	return false;
}

bool ybool(struct ydoc *y, yaml_node_t *n, const char *key, bool *out)
{
	if (!n)
		return false;
	if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		const char *s = (const char *)n->data.scalar.value;
		if (!strcmp(s, "true")) {
			*out = true;
			return true;
		}
		if (!strcmp(s, "false")) {
			*out = false;
			return true;
		}
	}
	yerr(y, n, "\"%s\" must be true or false", key);
	return false;
}

size_t yseq(struct ydoc *y, yaml_node_t *n, const char *key, yaml_node_item_t **items)
{
	*items = NULL;
	if (!n)
		return 0;
	if (n->type != YAML_SEQUENCE_NODE) {
		if (!is_null(n))
			yerr(y, n, "\"%s\" must be a list, not %s", key, kind_name(n));
		return 0;
	}
	*items = n->data.sequence.items.start;
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *yitem(struct ydoc *y, yaml_node_item_t item)
{
	return yaml_document_get_node(&y->doc, item);
}

struct adpa_ref *yrefs(struct ydoc *y, yaml_node_t *n, const char *key, size_t *count)
{
	yaml_node_item_t *items;
	size_t len = yseq(y, n, key, &items);
	*count = 0;
	if (!len)
		return NULL;
	struct adpa_ref *v = xcalloc(len, sizeof *v);
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *it = yitem(y, items[i]);
		char *s = ystr(y, it, key);
		if (!s)
			continue;
		v[*count].s = s;
		v[*count].line = ynode_line(y, it);
		v[*count].col = ynode_col(y, it);
		(*count)++;
	}
	return v;
}
