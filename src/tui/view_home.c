/*
 * Home: the course title, « Reprendre » when a fiche was read in this
 * session, the rubrics (title, fiche count, summary, progress bar) and
 * « À propos ». The items are computed from the session each time (no copy
 * to keep in step): item 0 is « Reprendre » when there is one, then one item
 * per rubric, then « À propos ». Progress is zero until the progress store
 * lands; the bar and its figures are already in place for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "tui_internal.h"

enum item { IT_RESUME, IT_RUBRIC, IT_ABOUT };

struct home {
	struct tui *t;
	struct list list;
	int y0, h; /* the list's rows, for mouse hits */
	bool had_resume;
};

static const struct key_def home_defs[] = {
	{'a', false, CMD_ABOUT, "à propos du cours"},
	{'q', false, CMD_BACK, "quitter adpa"},
};
static const struct key_table home_keys = KEY_TABLE("Accueil", home_defs);
static const struct key_table *const home_tables[] = {&home_keys, &keys_list, NULL};

static bool has_resume(const struct tui *t)
{
	return t->last_fiche < t->course->nfiches;
}

static enum item kind(const struct tui *t, size_t i, size_t *rubric)
{
	size_t r = has_resume(t) ? i - 1 : i;
	if (has_resume(t) && i == 0)
		return IT_RESUME;
	*rubric = r;
	return r < t->course->nrubrics ? IT_RUBRIC : IT_ABOUT;
}

static int item_height(const void *ctx, size_t i)
{
	size_t r;
	enum item k = kind(ctx, i, &r);
	return k == IT_RUBRIC ? 3 : 2;
}

/* A whole row, selected or not, with label cut at maxw cells. */
static void draw_row_label(struct tui *t, int y, const char *label, bool sel, int maxw)
{
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	draw_fit(t, y, 3, label, a, maxw);
}

static void draw_rubric(struct tui *t, size_t r, int y, bool sel)
{
	const struct adpa_rubric *rb = &t->course->rubrics[r];
	char count[32], pct[64];
	snprintf(count, sizeof count, "%zu fiche%s", rb->nfiches, rb->nfiches > 1 ? "s" : "");
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	int cw = text_cells(count), cols = tui_content_cols(t);
	bool room = cw + 20 < cols; /* for the count, right-aligned */
	draw_row_label(t, y, rb->title, sel, room ? cols - cw - 7 : t->cols - 4);
	if (room)
		draw_text(t, y, cols - cw - 1, count, strlen(count), a, cw);
	draw_blank(y + 1, 0, t->cols, A_NORMAL);
	draw_fit(t, y + 1, 5, rb->summary ? rb->summary : "", theme_role(t, ROLE_DIM), cols - 6);
	draw_blank(y + 2, 0, t->cols, A_NORMAL);
	int bw = cols - 24 > 20 ? 20 : cols - 24;
	draw_bar(t, y + 2, 5, bw, 0, rb->nfiches);
	snprintf(pct, sizeof pct, "  0 %% lu (0/%zu)", rb->nfiches);
	draw_fit(t, y + 2, 5 + bw, pct, theme_role(t, ROLE_DIM), cols - 6 - bw);
}

static void draw_item(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	(void)ctx;
	size_t r = 0;
	char label[512];
	switch (kind(t, i, &r)) {
	case IT_RESUME:
		snprintf(label, sizeof label, "Reprendre : %s",
		         t->course->fiches[t->last_fiche]->title);
		draw_row_label(t, y, label, sel, t->cols - 4);
		draw_blank(y + 1, 0, t->cols, A_NORMAL);
		break;
	case IT_RUBRIC:
		draw_rubric(t, r, y, sel);
		break;
	case IT_ABOUT:
		draw_blank(y, 0, t->cols, A_NORMAL);
		draw_row_label(t, y + 1, "À propos", sel, t->cols - 4);
		break;
	}
}

static void home_layout(struct home *h)
{
	h->list.n = (has_resume(h->t) ? 1 : 0) + h->t->course->nrubrics + 1;
	h->y0 = 2;
	h->h = h->t->rows - 3;
}

static void home_draw(struct tui *t, void *st)
{
	struct home *h = st;
	home_layout(h);
	const char *title = t->course->title ? t->course->title : "adpa";
	draw_header(t, title, NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
	list_draw(t, &h->list, h->y0, h->h);
}

static void open_item(struct tui *t, struct home *h)
{
	size_t r = 0;
	switch (kind(t, h->list.sel, &r)) {
	case IT_RESUME: {
		struct place pl = {t->last_src, t->last_delta};
		view_reader_open(t, t->last_fiche, &pl);
		break;
	}
	case IT_RUBRIC:
		view_rubric_open(t, r);
		break;
	case IT_ABOUT:
		view_about_open(t);
		break;
	}
}

static void home_key(struct tui *t, void *st, enum cmd cmd)
{
	struct home *h = st;
	home_layout(h);
	if (list_cmd(&h->list, cmd, h->h))
		return;
	switch (cmd) {
	case CMD_OPEN:
		open_item(t, h);
		break;
	case CMD_CLICK: {
		size_t i = list_hit(&h->list, h->y0, h->h, t->mouse_y);
		if (i != (size_t)-1) {
			h->list.sel = i;
			open_item(t, h);
		}
		break;
	}
	case CMD_ABOUT:
		view_about_open(t);
		break;
	case CMD_BACK:
		t->quit = true;
		break;
	default:
		break;
	}
}

static void home_enter(struct tui *t, void *st)
{
	struct home *h = st;
	if (has_resume(t) && !h->had_resume && h->list.n) /* items moved down by one */
		h->list.sel++;
	h->had_resume = has_resume(t);
	home_layout(h);
}

static void home_status(struct tui *t, void *st, struct status *s)
{
	(void)st;
	snprintf(s->left, sizeof s->left, "%zu rubriques, %zu fiches", t->course->nrubrics,
	         t->course->nfiches);
	snprintf(s->right, sizeof s->right, "Entrée ouvrir  ? aide  q quitter");
}

static void home_leave(struct tui *t, void *st)
{
	(void)t;
	free(st);
}

static const struct view view_home = {
	.name = "Accueil",
	.keys = home_tables,
	.enter = home_enter,
	.leave = home_leave,
	.draw = home_draw,
	.status = home_status,
	.key = home_key,
};

void view_home_open(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->t = t;
	h->list.height = item_height;
	h->list.draw = draw_item;
	h->list.ctx = t;
	tui_push(t, &view_home, h);
}
