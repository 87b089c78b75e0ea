/*
 * Lists, in two layers.
 *
 * The widget: a vertical list of items of varying heights with one selected
 * item. It owns the selection and the first item shown (top); its user owns
 * the items and draws each one through a callback. Invariant after
 * list_draw: sel < n (when n > 0) and the selected item is on screen. When
 * items are hidden above or below, an arrow in the last column says so.
 *
 * The list screen (after tmux's mode-tree.c): every screen that is a list
 * of things (Home, a rubric, search results, paths, a path, bookmarks and
 * notes, the glossary, the learners, the table of contents) is a const
 * struct list_screen: its view (key tables with their help and hints),
 * where its items come from, how one is drawn (a table of columns, or a
 * function for items of several rows), what Enter does and what its other
 * keys do. The view callbacks here do the rest the same way for all: they
 * move the selection, open on Enter or a click, run actions, go back, write
 * the status line (the position, and key hints made from the key tables),
 * and reload the items each time the screen comes into view, so that a
 * screen never keeps a copy of the store to keep in step (an action that
 * changes the items reloads them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_widgets.h"

/* Items from top that fit in h rows (at least one). */
static size_t visible(const struct list *l, int h)
{
	size_t k = 0;
	int used = 0;
	for (size_t i = l->top; i < l->n; i++) {
		used += l->height(l->ctx, i);
		if (used > h && k)
			break;
		k++;
	}
	return k ? k : 1;
}

static void keep_visible(struct list *l, int h)
{
	if (!l->n) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
	while (l->top < l->sel && l->sel >= l->top + visible(l, h))
		l->top++;
}

static void move_by(struct list *l, long d)
{
	long s = (long)l->sel + d;
	if (s < 0)
		s = 0;
	if (l->n && s >= (long)l->n)
		s = (long)l->n - 1;
	l->sel = (size_t)s;
}

bool list_cmd(struct list *l, enum cmd cmd, int h)
{
	long page = (long)visible(l, h);
	switch (cmd) {
	case CMD_DOWN:
	case CMD_WHEEL_DOWN:
		move_by(l, 1);
		break;
	case CMD_UP:
	case CMD_WHEEL_UP:
		move_by(l, -1);
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_DOWN:
		move_by(l, cmd == CMD_PAGE_DOWN ? page : (page + 1) / 2);
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_UP:
		move_by(l, -(cmd == CMD_PAGE_UP ? page : (page + 1) / 2));
		break;
	case CMD_TOP:
		l->sel = 0;
		break;
	case CMD_BOTTOM:
		l->sel = l->n ? l->n - 1 : 0;
		break;
	default:
		return false;
	}
	keep_visible(l, h);
	return true;
}

/* Marks in the last column that the list goes on above or below. */
static void draw_more(struct tui *t, int y, bool below)
{
	const char *m = t->utf8 ? (below ? "↓" : "↑") : (below ? "v" : "^");
	draw_text(t, y, t->cols - 1, m, strlen(m), theme_role(t, ROLE_DIM) | A_BOLD, 1);
}

void list_draw(struct tui *t, struct list *l, int y0, int h)
{
	keep_visible(l, h);
	int y = y0;
	size_t i = l->top;
	for (; i < l->n; i++) {
		int ih = l->height(l->ctx, i);
		if (y + ih > y0 + h && i != l->top)
			break;
		l->draw(t, l->ctx, i, y, i == l->sel);
		y += ih;
	}
	for (; y < y0 + h; y++) {
		wmove(stdscr, y, 0);
		wattrset(stdscr, A_NORMAL);
		wclrtoeol(stdscr);
	}
	if (l->top > 0)
		draw_more(t, y0, false);
	if (i < l->n && h > 1)
		draw_more(t, y0 + h - 1, true);
}

size_t list_hit(const struct list *l, int y0, int h, int y)
{
	int row = y0;
	for (size_t i = l->top; i < l->n && row < y0 + h; i++) {
		int ih = l->height(l->ctx, i);
		if (y >= row && y < row + ih)
			return i;
		row += ih;
	}
	return (size_t)-1;
}

bool list_opens(struct list *l, const struct tui *t, enum cmd cmd, int y0, int h)
{
	if (cmd == CMD_OPEN)
		return l->n > 0;
	if (cmd != CMD_CLICK)
		return false;
	size_t i = list_hit(l, y0, h, t->mouse_y);
	if (i == (size_t)-1)
		return false;
	l->sel = i;
	return true;
}

/* --- list screens --- */

static int item_rows(const void *ctx, size_t i)
{
	const struct list_view *lv = ctx;
	if (lv->ls->height)
		return lv->ls->height(lv, i);
	return lv->ls->rows > 0 ? lv->ls->rows : 1;
}

attr_t list_row(struct tui *t, int y, bool sel, bool strong)
{
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : strong ? A_BOLD : A_NORMAL;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	return a;
}

/* Draws column c of item i at x in at most w cells. */
static void draw_col(struct tui *t, const struct list_view *lv, const struct list_col *c, size_t i,
                     int y, int x, int w, attr_t row, bool sel)
{
	char buf[512];
	attr_t extra = 0;
	const char *s = c->text(t, lv, i, buf, sizeof buf, &extra);
	attr_t a = row | (sel ? 0 : extra) | (c->strong && !sel ? A_BOLD : 0);
	if (c->width && c->right && text_cells(s) < w)
		x += w - text_cells(s);
	if (c->width)
		draw_text(t, y, x, s, strlen(s), a, w);
	else
		draw_fit(t, y, x, s, a, w);
}

/* Draws the columns of a one-row item. */
static void draw_cols(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct list_view *lv = ctx;
	const struct list_screen *ls = lv->ls;
	attr_t row = list_row(t, y, sel, false);
	int cols = tui_content_cols(t), left = 3, right = cols - 1;
	size_t flex = 0;
	while (flex < ls->ncols && ls->cols[flex].width)
		flex++;
	for (size_t k = 0; k < flex; k++) {
		const struct list_col *c = &ls->cols[k];
		if (cols < c->min_cols)
			continue;
		draw_col(t, lv, c, i, y, left, c->width, row, sel);
		left += c->width + c->gap;
	}
	for (size_t k = ls->ncols; k-- > flex + 1;) {
		const struct list_col *c = &ls->cols[k];
		if (cols < c->min_cols)
			continue;
		right -= c->gap + c->width;
		draw_col(t, lv, c, i, y, right, c->width, row, sel);
	}
	if (flex < ls->ncols)
		draw_col(t, lv, &ls->cols[flex], i, y, left, right - ls->cols[flex].gap - left, row,
		         sel);
}

static void load(struct tui *t, struct list_view *lv)
{
	lv->ls->load(t, lv);
	if (lv->list.n && lv->list.sel >= lv->list.n)
		lv->list.sel = lv->list.n - 1;
}

static void layout(struct tui *t, struct list_view *lv)
{
	lv->y0 = 2;
	lv->h = t->rows - 3;
	if (lv->ls->layout)
		lv->ls->layout(t, lv);
}

void list_view_enter(struct tui *t, void *st)
{
	struct list_view *lv = st;
	if (lv->ls->enter)
		lv->ls->enter(t, lv);
	load(t, lv);
}

void list_view_leave(struct tui *t, void *st)
{
	(void)t;
	struct list_view *lv = st;
	page_free(&lv->pg);
	if (lv->ls->free)
		lv->ls->free(lv);
	else
		free(lv);
}

void list_view_draw(struct tui *t, void *st)
{
	struct list_view *lv = st;
	layout(t, lv);
	lv->ls->draw_frame(t, lv);
	if (lv->ls->page) {
		page_draw(t, &lv->pg, lv->y0, lv->h);
		return;
	}
	list_draw(t, &lv->list, lv->y0, lv->h);
	if (!lv->list.n && lv->ls->empty)
		draw_fit(t, lv->y0, 3, lv->ls->empty, theme_role(t, ROLE_DIM), t->cols - 4);
}

void list_view_status(struct tui *t, void *st, struct status *s)
{
	struct list_view *lv = st;
	if (lv->ls->status)
		lv->ls->status(t, lv, s);
	else if (lv->ls->noun && lv->list.n)
		snprintf(s->left, sizeof s->left, "%s %zu/%zu", lv->ls->noun, lv->list.sel + 1,
		         lv->list.n);
	/* the hints take the room the left part leaves, as the status line
	 * draws them only with 20 cells to spare */
	int room = t->cols - 4 - text_cells(s->left);
	keys_hints(lv->ls->view.keys, t->utf8, room < t->cols - 22 ? room : t->cols - 22, s->right,
	           sizeof s->right);
}

/* Moving and opening in a list; false when cmd is neither. */
static bool list_key(struct tui *t, struct list_view *lv, enum cmd cmd)
{
	if (list_cmd(&lv->list, cmd, lv->h))
		return true;
	if (!list_opens(&lv->list, t, cmd, lv->y0, lv->h))
		return false;
	lv->ls->open(t, lv, lv->list.sel);
	return true;
}

/* The same in a page: only its lines naming a fiche are chosen. */
static bool page_key(struct tui *t, struct list_view *lv, enum cmd cmd)
{
	if (page_cmd(&lv->pg, cmd, lv->h))
		return true;
	if (cmd != CMD_OPEN)
		return false;
	if (lv->pg.sel != (size_t)-1)
		lv->ls->open(t, lv, lv->pg.v[lv->pg.sel].fiche);
	else
		tui_message(t, false, "Choisissez une fiche avec les flèches");
	return true;
}

void list_view_key(struct tui *t, void *st, enum cmd cmd)
{
	struct list_view *lv = st;
	const struct list_screen *ls = lv->ls;
	layout(t, lv);
	if (ls->page ? page_key(t, lv, cmd) : list_key(t, lv, cmd))
		return;
	if (ls->key && ls->key(t, lv, cmd))
		return;
	for (size_t k = 0; k < ls->nactions; k++) {
		const struct list_action *a = &ls->actions[k];
		if (a->cmd != cmd)
			continue;
		if (!a->needs_item || lv->list.n)
			a->run(t, lv, lv->list.n ? lv->list.sel : (size_t)-1);
		return;
	}
	if (cmd == CMD_BACK)
		tui_pop(t);
}

void list_view_resize(struct tui *t, void *st)
{
	struct list_view *lv = st;
	if (lv->ls->page) /* the page is wrapped to the width */
		load(t, lv);
}

int list_screen_push(struct tui *t, const struct list_screen *ls, void *st)
{
	struct list_view *lv = st;
	lv->ls = ls;
	lv->pg.sel = (size_t)-1;
	lv->list.height = item_rows;
	lv->list.draw = ls->cols ? draw_cols : ls->draw_item;
	lv->list.ctx = lv;
	return tui_push(t, &ls->view, lv);
}

void *list_screen_top(struct tui *t, const struct list_screen *ls)
{
	if (!t->depth || t->stack[t->depth - 1].v != &ls->view)
		return NULL;
	return t->stack[t->depth - 1].st;
}
