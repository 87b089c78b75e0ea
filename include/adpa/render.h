/*
 * Markdown to styled, width-bound lines.
 *
 * adpa_render() parses a body with cmark and lays it out for a given width in
 * terminal cells: a list of lines, each a run of spans carrying semantic
 * styles (never terminal codes: tui/theme.c and cli/ansi.c map them), and the
 * source line it comes from, so a reader keeps its place across a resize.
 * It also lists the headings (table of contents) and the links.
 *
 * No line is wider than the width but one kind: in the « Liens » list at the
 * end, a URL is kept whole on its line ("[n] URL"), never broken, so that it
 * can be selected and copied; front ends let the terminal wrap it or clip it.
 *
 * Lines never hold control characters: all text goes through adpa_text_clean().
 */
#ifndef ADPA_RENDER_H
#define ADPA_RENDER_H

#include <stdbool.h>
#include <stddef.h>

/* Style bits; a span may carry several (a link inside a strong run). */
enum adpa_style {
	ADPA_STYLE_PLAIN = 0,
	ADPA_STYLE_H1 = 1u << 0,
	ADPA_STYLE_H2 = 1u << 1,
	ADPA_STYLE_H3 = 1u << 2, /* level 3 and deeper */
	ADPA_STYLE_STRONG = 1u << 3,
	ADPA_STYLE_EMPH = 1u << 4,
	ADPA_STYLE_CODE = 1u << 5,      /* inline code */
	ADPA_STYLE_CODEBLOCK = 1u << 6, /* fenced or indented code */
	ADPA_STYLE_LINK = 1u << 7,
	ADPA_STYLE_QUOTE = 1u << 8,  /* block quote text and bar */
	ADPA_STYLE_MARKER = 1u << 9, /* list bullets and numbers */
	ADPA_STYLE_RULE = 1u << 10,  /* thematic breaks, heading underlines */
	ADPA_STYLE_IMAGE = 1u << 11, /* image alt text */
	ADPA_STYLE_HTML = 1u << 12,  /* raw HTML, shown as text */
	ADPA_STYLE_REF = 1u << 13,   /* link reference numbers [1] */
	ADPA_STYLE_CUT = 1u << 14,   /* mark of a code line cut at the width */
	ADPA_STYLE_MATCH = 1u << 15  /* search match (set by front ends) */
};
#define ADPA_STYLE_COUNT 16

/* Name of one style bit ("h1", "strong", ...), for dumps and themes. */
const char *adpa_style_name(unsigned bit);

struct adpa_span {
	unsigned style;
	int link;        /* index in doc->links, or -1 */
	size_t off, len; /* bytes in line->text */
};

struct adpa_line {
	char *text; /* NUL-terminated, no control characters */
	size_t len;
	int cells; /* width in terminal cells */
	struct adpa_span *spans;
	size_t nspans;
	int src_line; /* 1-based line in the source file; 0 for generated lines */
};

struct adpa_heading {
	int level;
	char *text;
	size_t line; /* index in doc->lines */
	int src_line;
};

enum adpa_link_kind { ADPA_LINK_URL, ADPA_LINK_FICHE };

struct adpa_link {
	enum adpa_link_kind kind;
	char *target; /* the URL, or the fiche id for fiche: links */
	int ref;      /* its number in the reference list */
	size_t line;  /* index in doc->lines of its first span */
	int col;      /* cell column of its first span */
};

struct adpa_chunk; /* private: the storage of line texts and spans */

struct adpa_doc {
	struct adpa_line *lines;
	size_t nlines;
	struct adpa_heading *headings;
	size_t nheadings;
	struct adpa_link *links;
	size_t nlinks;
	int width;
	struct adpa_chunk *chunks;
};

/* Block quotes and list items nested deeper than this keep their text but
 * lose their bar or marker: they are laid out flat at this depth (like
 * lowdown's maxdepth), so the page keeps room for the words and no input
 * costs more than its size. adpa check warns where a fiche reaches it. */
#define ADPA_RENDER_MAX_NEST 16

/* libcmark 0.30.2 (Debian 12) takes time quadratic in the number of image
 * openers "![" (CVE-2023-22486, fixed in 0.30.3): past this many in a body,
 * the next ones are shown as text, and adpa check warns. */
#define ADPA_MAX_IMAGES 1000

struct adpa_render_opts {
	int width;       /* cells per line; values below 10 are raised to 10 */
	int line_offset; /* added to cmark's line numbers (body_line - 1) */
	bool ascii;      /* ASCII bullets, bars and rules for non-UTF-8 terminals */
	/* The title of fiche id, for a fiche: link in the « Liens » list (NULL,
	 * or a NULL result: the link is shown as fiche:id). */
	const char *(*fiche_title)(const char *id, void *arg);
	void *fiche_arg;
};

/* Renders md[0..len). Never fails on content (any input gives a document);
 * returns NULL only when cmark cannot parse (allocation failure).
 * Free with adpa_doc_free(). */
struct adpa_doc *adpa_render(const char *md, size_t len, const struct adpa_render_opts *opts);
void adpa_doc_free(struct adpa_doc *doc);

/* Like adpa_render(), but hands each line to fn as soon as it is laid out
 * instead of keeping it, so memory stays that of the parse tree: for printing
 * a fiche from top to bottom. The line and its text are valid only during
 * the call. Returns -1 only when cmark cannot parse. */
typedef void (*adpa_line_fn)(const struct adpa_line *line, void *arg);
int adpa_render_stream(const char *md, size_t len, const struct adpa_render_opts *opts,
                       adpa_line_fn fn, void *arg);

/* Lays out plain text (not Markdown: no character is special) as one
 * paragraph in the given style, wrapped like a rendered paragraph. For
 * titles, summaries and quiz text. Never returns NULL. */
struct adpa_doc *adpa_render_text(const char *text, unsigned style,
                                  const struct adpa_render_opts *opts);

/* Index of the first line whose source line is >= src_line (the place to
 * return to after a re-layout); the last line when none is. */
size_t adpa_doc_find_src(const struct adpa_doc *doc, int src_line);

#endif
