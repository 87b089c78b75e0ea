/*
 * Errors (fixed buffers, never allocate) and diagnostic lists (growable,
 * owned by the caller).
 */
#include "adpa/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

void adpa_error_set(struct adpa_error *err, enum adpa_errcode code, const char *path, int line,
                    int col, const char *fmt, ...)
{
	if (!err)
		return;
	err->code = code;
	snprintf(err->path, sizeof err->path, "%s", path ? path : "");
	err->line = line;
	err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void adpa_diags_add(struct adpa_diags *d, enum adpa_severity sev, const char *path, int line,
                    int col, const char *fmt, ...)
{
	if (!d)
		return;
	XGROW(d->v, d->cap, d->n + 1);
	struct adpa_diag *g = &d->v[d->n++];
	g->severity = sev;
	g->path = xstrdup(path ? path : "");
	g->line = line;
	g->col = col;
	char msg[1024]; /* a diagnostic is a sentence: longer ones are cut */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	g->msg = xstrdup(msg);
	if (sev == ADPA_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void adpa_diags_clear(struct adpa_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

static int cmp_diag(const struct adpa_diag *a, const struct adpa_diag *b)
{
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void adpa_diags_sort(struct adpa_diags *d)
{
	/* insertion sort: stable, and diagnostics arrive nearly sorted */
	for (size_t i = 1; d && i < d->n; i++) {
		struct adpa_diag t = d->v[i];
		size_t j = i;
		while (j > 0 && cmp_diag(&d->v[j - 1], &t) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = t;
	}
}
