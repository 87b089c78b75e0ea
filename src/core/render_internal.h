/*
 * Private to the renderer: the layout context shared by render.c (blocks,
 * the walk over cmark's tree, the public entry points) and render_line.c
 * (lines, prefixes, words, inline fragments, links).
 *
 * Invariants: the prefix stack never holds more than PREFIX_MAX entries;
 * containers nested deeper than ADPA_RENDER_MAX_NEST (and anything pushed
 * after them) are counted in `over` and add no prefix, so their content is
 * laid out flat at the last depth shown. Nothing here recurses over the
 * document: depth costs heap, never stack.
 */
#ifndef ADPA_RENDER_INTERNAL_H
#define ADPA_RENDER_INTERNAL_H

#include <cmark.h>
#include <stdbool.h>
#include <stddef.h>

#include "adpa/render.h"
#include <adpa/util.h>

#define MIN_AVAIL 10
/* containers shown, plus a code block's indent and the reference list's */
#define PREFIX_MAX (ADPA_RENDER_MAX_NEST + 2)

struct frag {
	size_t off, len; /* cleaned text in ctx.fb */
	bool brk;        /* a hard break */
	unsigned style;
	int link;
	int src;
};

struct pfx {
	const char *first, *rest; /* static strings, or the ctx's marker buffers */
	unsigned style;
	bool first_pending;
	int w;
};

struct render_glyphs {
	const char *bullet[3], *quote, *rule, *rule2, *cut;
};

/* One open list: what its items need to draw their markers. */
struct list_frame {
	int start, k, mw;
	bool ordered, paren, tight;
};

struct word;

struct ctx {
	struct adpa_doc *doc;
	size_t cap_lines, cap_heads, cap_links;
	const struct render_glyphs *g;
	int width, line_offset;

	struct pfx stack[PREFIX_MAX];
	char marks[PREFIX_MAX][2][40]; /* list markers (first, rest) by depth */
	int depth, pwidth;
	size_t over; /* pushes past the cap, popped first */
	size_t nest; /* containers open (quotes, items), capped or not */
	struct list_frame *lists;
	size_t nlists, cap_lists;
	bool need_blank;
	size_t quote_depth;

	struct frag *frags;
	size_t nfrags, cap_frags;
	struct buf fb;        /* the fragments' text, one buffer for the block */
	unsigned clean_flags; /* CLEAN_VALID_UTF8 when the whole source is */
	struct word *word;    /* reused by layout() */
	size_t nlines;        /* lines laid out so far (stored or streamed) */
	int wmax;             /* widest content of the lines since it was reset */
	adpa_line_fn sink;    /* streaming: each line goes here, is not kept */
	void *sink_arg;

	/* the line being built */
	struct buf lb;
	struct adpa_span *spans;
	size_t nspans, cap_spans;
	int lcells;  /* cells used, prefix included */
	int content; /* cells of content (after the prefix) */
	int lsrc;
	bool open;

	/* unique link targets, in order, for the reference list */
	char **targets;
	int *target_link;
	size_t ntargets, cap_targets;
	size_t *slots; /* open-addressing hash: target index + 1, or 0 */
	size_t nslots;
};

/* render_line.c */
void ctx_init(struct ctx *x, const struct adpa_render_opts *opts);
struct adpa_doc *ctx_finish(struct ctx *x);
void span_add(struct ctx *x, const char *s, size_t n, unsigned style, int link);
void line_begin(struct ctx *x, int src);
void line_end(struct ctx *x);
void maybe_blank(struct ctx *x);
int avail(const struct ctx *x);
/* Pushes a prefix (first on the next line, rest after it). A container
 * (quote, list item) past ADPA_RENDER_MAX_NEST pushes none. */
void push(struct ctx *x, const char *first, const char *rest, unsigned style, bool container);
void pop(struct ctx *x, bool container);
/* Lays out the collected fragments as a paragraph in style base. */
void layout(struct ctx *x, unsigned base);
/* Adds text (cleaned) as a fragment; s NULL is a hard break. */
void frag_add(struct ctx *x, const char *s, size_t n, unsigned style, int link, int src);
/* Flattens the inline children of block into fragments. */
void collect(struct ctx *x, cmark_node *block, int src0);

#endif
