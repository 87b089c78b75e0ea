/*
 * Errors and diagnostics.
 *
 * A function that can fail returns 0 / -1 (or a pointer / NULL) and fills an
 * optional struct adpa_error: fixed buffers, so reporting never allocates.
 * Course validation produces many problems at once; those go into a
 * struct adpa_diags, a growable list the caller owns and clears.
 */
#ifndef ADPA_ERROR_H
#define ADPA_ERROR_H

#include <stddef.h>

#if defined(__GNUC__)
#define ADPA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ADPA_PRINTF(f, a)
#endif

enum adpa_errcode {
	ADPA_OK = 0,
	ADPA_EIO,      /* a file could not be read or written */
	ADPA_EFORMAT,  /* the content is malformed */
	ADPA_ENOTFOUND /* no such fiche, course or entry */
};

struct adpa_error {
	enum adpa_errcode code;
	char path[1024]; /* empty when the error is not about a file */
	int line;        /* 1-based; 0 when unknown */
	int col;         /* 1-based, in characters; 0 when unknown */
	char msg[512];
};

/* Fills err (when not NULL); msg is printf-style, lowercase, no final dot. */
void adpa_error_set(struct adpa_error *err, enum adpa_errcode code, const char *path, int line,
                    int col, const char *fmt, ...) ADPA_PRINTF(6, 7);

enum adpa_severity { ADPA_SEV_ERROR, ADPA_SEV_WARNING };

struct adpa_diag {
	enum adpa_severity severity;
	char *path;
	int line, col;
	char *msg;
};

struct adpa_diags {
	struct adpa_diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

/* Appends a diagnostic (path copied). d may be NULL: the call does nothing. */
void adpa_diags_add(struct adpa_diags *d, enum adpa_severity sev, const char *path, int line,
                    int col, const char *fmt, ...) ADPA_PRINTF(6, 7);
/* Sorts by path, then line, then column (stable for equal positions). */
void adpa_diags_sort(struct adpa_diags *d);
/* Frees every entry and resets the counts; the struct itself stays usable. NULL-safe. */
void adpa_diags_clear(struct adpa_diags *d);

#endif
