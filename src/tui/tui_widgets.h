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
/* "l. 3–22/40" when the page is longer than h rows, else "". */
void page_position(const struct tui *t, const struct page *pg, int h, char *buf, size_t n);

/* --- list screens (list.c): a list view defined as data --- */

/* A column of one-row items. Columns before the one of width 0 (the
 * flexible one) sit at the left from cell 3, each after the one before;
 * columns after it sit at the right, laid from the last one leftwards; the
 * flexible one takes the room between. gap: blank cells after a column. A
 * column whose min_cols the content width (tui_content_cols) does not reach
 * is left out, its room going to the flexible one. */
struct list_col {
	int width;    /* cells, or 0: the flexible column */
	int gap;      /* blank cells after it */
	int min_cols; /* shown from this content width */
	bool right;   /* aligned right in its width */
	bool strong;  /* bold when not selected */
	/* The text of item i (in buf, or a string that outlives the draw); an
	 * attribute to add when not selected in *a (a role), or none. */
	const char *(*text)(struct tui *t, const void *st, size_t i, char *buf, size_t n,
	                    attr_t *a);
};

/* What a key does on a list screen. */
struct list_action {
	enum cmd cmd;
	bool needs_item;                                /* only when the list is not empty */
	void (*run)(struct tui *t, void *st, size_t i); /* i: the selected item (or -1) */
};

/* A list screen as data, like tmux's mode-tree: a view (name, keys with
 * their help and hints, notes) whose callbacks are list.c's, a row source,
 * how items are drawn (columns, or a function for items of several rows),
 * and its actions. The screen's own state begins with a struct list_view,
 * which the callbacks get as st. Only load, draw_frame and open are needed
 * by every screen; the rest is optional. */
struct list_screen {
	struct view view; /* LIST_SCREEN_VIEW(name, tables, notes) */
	/* Counts the items into lv->list.n (and reads them: each time the
	 * screen comes into view, and after each action). */
	void (*load)(struct tui *t, void *st);
	/* Places the list (lv->y0, lv->h; the default: from row 2 to the status
	 * line) from the screen's size; before each draw and key. */
	void (*layout)(struct tui *t, void *st);
	/* The header and whatever is drawn around the list, after layout. */
	void (*draw_frame)(struct tui *t, void *st);
	/* Items are the lines of a page (page.c) that load builds in lv->pg,
	 * the lines naming a fiche the ones to choose: open gets the fiche. */
	bool page;
	int rows;                                /* rows per item (1 when 0) */
	int (*height)(const void *st, size_t i); /* or each item's own */
	const struct list_col *cols;             /* one-row items: columns */
	size_t ncols;
	void (*draw_item)(struct tui *t, const void *st, size_t i, int y, bool sel);
	const char *empty; /* drawn dim when there is no item, or NULL */
	const char *noun;  /* the status line's « fiche 3/7 », or NULL */
	void (*status)(struct tui *t, void *st, struct status *s); /* or its left part */
	void (*open)(struct tui *t, void *st, size_t i);           /* Enter, a click */
	const struct list_action *actions;
	size_t nactions;
	/* Keys that are not actions (before them); true when it was one. */
	bool (*key)(struct tui *t, void *st, enum cmd cmd);
	void (*enter)(struct tui *t, void *st); /* came into view, before load */
	void (*free)(void *st);                 /* frees the screen's own state, or NULL */
};

struct list_view {
	const struct list_screen *ls;
	struct list list;
	struct page pg; /* a page screen's */
	int y0, h;      /* the list's rows */
};

void list_view_enter(struct tui *t, void *st);
void list_view_leave(struct tui *t, void *st);
void list_view_draw(struct tui *t, void *st);
void list_view_status(struct tui *t, void *st, struct status *s);
void list_view_key(struct tui *t, void *st, enum cmd cmd);
void list_view_resize(struct tui *t, void *st);

#define LIST_SCREEN_VIEW(name_, tables_, notes_)                                                   \
	{                                                                                          \
		.name = name_, .keys = tables_, .notes = notes_, .enter = list_view_enter,         \
		.leave = list_view_leave, .draw = list_view_draw, .status = list_view_status,      \
		.key = list_view_key, .resize = list_view_resize                                   \
	}
#define LIST_ACTIONS(a) .actions = a, .nactions = sizeof a / sizeof a[0]
#define LIST_COLS(c) .cols = c, .ncols = sizeof c / sizeof c[0]

/* Pushes list screen ls whose state st begins with a struct list_view;
 * tui_push's answer (-1: st freed). */
int list_screen_push(struct tui *t, const struct list_screen *ls, void *st);
/* The list screen st is, when the top view is one of ls, else NULL. */
void *list_screen_top(struct tui *t, const struct list_screen *ls);
/* Starts a row at y for an item: blank in the selection's attribute or
 * not, the selection mark; returns the attribute to draw the item in
 * (strong: bold when not selected). */
attr_t list_row(struct tui *t, int y, bool sel, bool strong);

/* --- document pager (pager.c): a scrolling view of rendered lines --- */

struct place {
	int src;    /* a source line (0: the lines before the body) */
	long delta; /* rows from the first screen line of src */
};

/* A match from byte off of line to byte end_off of end_line (a phrase can
 * wrap onto the next rows). */
struct match {
	size_t line, off;
	size_t end_line, end_off;
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

#endif
