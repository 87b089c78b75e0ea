/*
 * Strict typed access to libyaml documents. Positions come from libyaml's
 * marks (0-based line and column, in characters) shifted by line_off.
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

int ydoc_load(struct ydoc *y, const char *text, size_t len, const char *path, int line_off,
              struct adpa_diags *diags)
{
	memset(y, 0, sizeof *y);
	y->path = path;
	y->line_off = line_off;
	y->diags = diags;

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
