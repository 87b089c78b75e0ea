/*
 * The lookup tables of a loaded course (struct adpa_index, internal.h): its
 * fiches sorted by id for adpa_course_find(). Built once after loading, by
 * course.c; read by every module, check.c among them, so that the strict
 * checks depend on the index and never on the loader that calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include <adpa/util.h>

static int cmp_id(const void *a, const void *b)
{
	const struct adpa_fiche *x = *(const struct adpa_fiche *const *)a;
	const struct adpa_fiche *y = *(const struct adpa_fiche *const *)b;
	int r = strcmp(x->id, y->id);
	return r ? r : (x->index < y->index ? -1 : x->index > y->index);
}

void index_ids(struct adpa_course *c, bool strict, struct adpa_diags *d,
               struct adpa_fiche **dropped, size_t *ndropped)
{
	struct adpa_index *ix = c->index;
	ix->by_id = xcalloc(c->nfiches + 1, sizeof *ix->by_id);
	if (!c->nfiches) /* c->fiches is NULL: nothing to copy or sort */
		return;
	memcpy(ix->by_id, c->fiches, c->nfiches * sizeof *c->fiches);
	qsort(ix->by_id, c->nfiches, sizeof *ix->by_id, cmp_id);
	size_t kept = 0;
	for (size_t i = 0; i < c->nfiches; i++) {
		struct adpa_fiche *f = ix->by_id[i];
		if (kept && !strcmp(ix->by_id[kept - 1]->id, f->id)) {
			const struct adpa_fiche *first = ix->by_id[kept - 1];
			adpa_diags_add(
			    d, strict ? ADPA_SEV_ERROR : ADPA_SEV_WARNING, f->path, f->id_line,
			    f->id_col, "%sduplicate id \"%s\" (first used in %s:%d)",
			    strict ? "" : "fiche skipped: ", f->id, first->path, first->id_line);
			c->fiches[f->index] = NULL;
			dropped[(*ndropped)++] = f;
			continue;
		}
		ix->by_id[kept++] = f;
	}
	ix->nids = kept;
	size_t n = 0;
	for (size_t i = 0; i < c->nfiches; i++)
		if (c->fiches[i])
			c->fiches[n++] = c->fiches[i];
	c->nfiches = n;
}

void index_free(struct adpa_index *ix)
{
	if (!ix)
		return;
	free(ix->by_id);
	for (size_t i = 0; i < ix->nkeys; i++)
		free(ix->keys[i].key);
	free(ix->keys);
	free(ix);
}

static int cmp_key_id(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct adpa_fiche *const *)elem)->id);
}

const struct adpa_fiche *adpa_course_find(const struct adpa_course *c, const char *id)
{
	if (!c || !id || !c->index || !c->index->nids)
		return NULL;
	struct adpa_fiche **f =
	    bsearch(id, c->index->by_id, c->index->nids, sizeof *c->index->by_id, cmp_key_id);
	return f ? *f : NULL;
}
