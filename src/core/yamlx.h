/*
 * A thin, strict layer over libyaml's document API: load a YAML text with a
 * line offset (front matter starts on line 2 of its file), then read typed
 * values, reporting each problem once, with its file position, to a
 * struct adpa_diags. Unknown keys are errors: in a course they are typos.
 */
#ifndef ADPA_YAMLX_H
#define ADPA_YAMLX_H

#include <stdbool.h>
#include <yaml.h>

#include "adpa/course.h"
#include "adpa/error.h"

struct ydoc {
	yaml_document_t doc;
	bool loaded;
	const char *path;
	int line_off; /* file line of the text's first line, minus 1 */
	struct adpa_diags *diags;
	size_t nerr; /* errors reported through this document */
	bool strict; /* adpa check: also warn about what is only suspicious */
};

/* Parses text; on a syntax error, or a document past the limits of course.h
 * (nesting depth, values and text once aliases are expanded, an alias to a
 * value that contains it), reports it and returns -1. The depth is checked
 * on libyaml's tokens before the document is built, stopping at the first
 * token too deep, so a pathological input costs no more than its size. */
int ydoc_load(struct ydoc *y, const char *text, size_t len, const char *path, int line_off,
              struct adpa_diags *diags);
void ydoc_free(struct ydoc *y);
yaml_node_t *ydoc_root(struct ydoc *y);

int ynode_line(const struct ydoc *y, const yaml_node_t *n);
int ynode_col(const struct ydoc *y, const yaml_node_t *n);
void yerr(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...) ADPA_PRINTF(3, 4);
void ywarn(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...) ADPA_PRINTF(3, 4);

struct ykey {
	const char *name;
	bool required;
};

/* Checks that n is a mapping whose keys all appear in keys[] and whose
 * required keys are present; out[i] gets the value of keys[i] (or NULL).
 * Returns false when n is not a mapping. */
bool ymap(struct ydoc *y, yaml_node_t *n, const char *what, const struct ykey *keys, size_t nkeys,
          yaml_node_t **out);

/* Typed readers: NULL node -> default/false without a message (absent
 * optional key). On a type error they report and return false / NULL. */
char *ystr(struct ydoc *y, yaml_node_t *n, const char *key); /* cleaned copy */
bool yint(struct ydoc *y, yaml_node_t *n, const char *key, int *out);
bool ybool(struct ydoc *y, yaml_node_t *n, const char *key, bool *out);
/* n must be a sequence (or absent); returns its length and sets *items. */
size_t yseq(struct ydoc *y, yaml_node_t *n, const char *key, yaml_node_item_t **items);
yaml_node_t *yitem(struct ydoc *y, yaml_node_item_t item);
/* A sequence of strings with their positions. */
struct adpa_ref *yrefs(struct ydoc *y, yaml_node_t *n, const char *key, size_t *count);

#endif
