/*
 * The widgets views are made of: a list with a selection (list.c), a
 * document pager (pager.c) and a page of prepared lines (page.c).
 */
#ifndef ADPA_TUI_WIDGETS_H
#define ADPA_TUI_WIDGETS_H

#include "tui_session.h"

/* --- list widget (list.c) --- */

struct list {
	size_t n, sel, top;
	int (*height)(const void *ctx, size_t i); /* rows of item i (>= 1) */
	void (*draw)(struct tui *t, const void *ctx, size_t i, int y, bool sel);
	const void *ctx;
};

/* Moves the selection for a movement command; false when cmd is not one. */
bool list_cmd(struct list *l, enum cmd cmd, int h);
/* Draws the items from row y0, h rows; keeps the selection visible. */
void list_draw(struct tui *t, struct list *l, int y0, int h);
/* The item at screen row y (after list_draw at y0, h), or (size_t)-1. */
size_t list_hit(const struct list *l, int y0, int h, int y);
/* True when cmd opens the selected item: Enter, or a click on an item
 * (which selects it first). */
bool list_opens(struct list *l, const struct tui *t, enum cmd cmd, int y0, int h);

/* --- document pager (pager.c): a scrolling view of rendered lines --- */

struct place {
	int src;    /* a source line (0: the lines before the body) */
	long delta; /* rows from the first screen line of src */
};

struct match {
	size_t line, off, len;
};

struct pager {
	struct adpa_doc *pre[2]; /* title and meta lines, owned; may be NULL */
	struct adpa_doc *body;   /* owned; links and headings come from it */
	const struct adpa_line **lines;
	size_t nlines, base; /* base: index of the body's first line */
	size_t top;
	int sel_link; /* index in body->links, or -1 */
	int y0, h, x0, w;

	char *pattern; /* the last search, or NULL */
	struct match *m;
	size_t nm, cur; /* cur: the current match, (size_t)-1 when none */
};

/* Takes ownership of the documents (any may be NULL) and keeps the search. */
void pager_set(struct pager *p, struct adpa_doc *title, struct adpa_doc *meta,
               struct adpa_doc *body);
void pager_free(struct pager *p);
void pager_geometry(struct pager *p, int y0, int h, int x0, int w);
void pager_draw(struct tui *t, struct pager *p);
/* Scrolling, links and matches; false when cmd is not one of those. */
bool pager_cmd(struct tui *t, struct pager *p, enum cmd cmd);
void pager_search(struct tui *t, struct pager *p, const char *pattern);
void pager_clear_search(struct pager *p);
/* A prompt_fn searching the pager given as st: tui_prompt(t, "/", pager_prompt_search, p). */
void pager_prompt_search(struct tui *t, void *pager, const char *text);
struct place pager_place(const struct pager *p);
void pager_goto_place(struct pager *p, struct place pl);
/* Puts doc line (index in p->lines) at the top, as far as the end allows. */
void pager_goto_line(struct pager *p, size_t line);
void pager_status(const struct tui *t, const struct pager *p, struct status *s);
/* True when the last line of the document is on screen. */
bool pager_at_end(const struct pager *p);
/* The selected link, or NULL. */
const struct adpa_link *pager_link(const struct pager *p);
/* Selects the link drawn at screen (y, x); false when there is none. */
bool pager_click(struct pager *p, int y, int x);

/* --- a scrolling page of prepared lines (page.c): quiz, progress --- */

struct page_line {
	char *text;
	attr_t attr;
	int indent;
	size_t fiche; /* a fiche the line opens on Enter, or (size_t)-1 */
};

struct page {
	struct page_line *v;
	size_t n, cap, top, sel; /* sel: a line with a fiche, (size_t)-1 when none */
	int width;
};

/* Adds text wrapped to the page width less indent (each wrapped line keeps
 * attr and fiche). */
void page_add(struct page *pg, const struct tui *t, const char *text, attr_t attr, int indent,
              size_t fiche);
void page_clear(struct page *pg);
/* page_clear, and the lines' storage too. */
void page_free(struct page *pg);
void page_draw(struct tui *t, struct page *pg, int y0, int h);
/* Scrolling and moving between fiche lines; false when cmd is not one. */
bool page_cmd(struct page *pg, enum cmd cmd, int h);

#endif
