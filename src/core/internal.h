/* Private interfaces between the core's modules. */
#ifndef ADPA_INTERNAL_H
#define ADPA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "adpa/course.h"
#include "adpa/error.h"

/* fiche.c */
/* Reads path: the front matter only, or (strict) the whole file, whose bytes
 * are checked (size, NUL, UTF-8) and returned in *data / *len for the body
 * checks (caller frees). Returns the fiche, or NULL when it has errors (all
 * reported to d). */
struct adpa_fiche *fiche_load(const char *path, bool strict, struct adpa_diags *d, char **data,
                              size_t *len);
void fiche_free(struct adpa_fiche *f);
void refs_free(struct adpa_ref *v, size_t n);

/* The line and character column of byte at in data, whose first line is
 * line line0. */
void text_position(const char *data, size_t at, int line0, int *line, int *col);
/* Strict byte checks shared by every course file: NUL bytes and UTF-8. */
bool bytes_check(const char *path, const char *data, size_t len, int line0, struct adpa_diags *d);

/* course.c: moves the diagnostics of from to to (which may be NULL); err
 * gets the first error. Returns -1 when there was one, else 0. */
int diags_move(struct adpa_diags *from, struct adpa_diags *to, struct adpa_error *err);

/* text.c: adpa_text_clean() appending to a buffer (no allocation per call). */
struct buf;
void text_clean_append(struct buf *out, const char *s, size_t len, unsigned flags);
/* Flag for text_clean_append: s is known to be valid UTF-8. */
#define CLEAN_VALID_UTF8 (1u << 8)

/* render.c: how many "![" md holds, and cmark's tree of md with those past
 * ADPA_MAX_IMAGES escaped (see render.h). Every parse of a body goes here. */
struct cmark_node;
size_t md_images(const char *md, size_t len);
struct cmark_node *md_parse(const char *md, size_t len);

/* check.c: the strict cross-file checks, then the bodies of the fiches in
 * todo (read again one at a time). */
void course_check(struct adpa_course *c, struct adpa_fiche **todo, size_t ntodo,
                  struct adpa_diags *d);

/* glossary.c */
void terms_free(struct adpa_term *t, size_t n);

/* Lookup tables built once after loading: fiches sorted by id, glossary
 * terms and aliases by folded key. */
struct term_key {
	char *key;
	size_t term;
	int line, col; /* where it is written, for duplicate reports */
};
struct adpa_index {
	struct adpa_fiche **by_id;
	size_t nids;
	struct term_key *keys;
	size_t nkeys, capkeys;
};
/* index.c: builds the id index; a later fiche with an id already used is
 * reported (an error when strict, else a skip warning) and moved out of the
 * course to dropped[*ndropped] (the caller frees it). */
void index_ids(struct adpa_course *c, bool strict, struct adpa_diags *d,
               struct adpa_fiche **dropped, size_t *ndropped);
void index_free(struct adpa_index *ix);

#endif
