/*
 * Helpers shared by the core and both front ends: allocation that aborts on failure (one place,
 * like cmark's xcalloc), a growable byte buffer, and array growth.
 */
#ifndef ADPA_UTIL_H
#define ADPA_UTIL_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *v (of elements of size sz) so that it holds at least need elements. */
void xgrow(void **v, size_t *cap, size_t need, size_t sz);
#define XGROW(v, cap, need) xgrow((void **)&(v), &(cap), (need), sizeof *(v))

struct buf {
	char *p;
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the NUL-terminated contents and leaves b empty; caller frees. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
