/*
 * The table of contents of the document under it (reader or about): its
 * headings, indented by level, the one holding the current top line
 * selected. Enter moves that pager to the heading and closes the list. The
 * pager belongs to the view below, which stays alive while this one is on
 * top.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct toc {
	struct list_view lv;
	struct pager *pg;
};

static void toc_load(struct tui *t, void *st)
{
	struct toc *v = st;
	(void)t;
	v->lv.list.n = v->pg->body->nheadings;
}

static void heading_row(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct toc *v = st;
	const struct adpa_heading *h = &v->pg->body->headings[i];
	attr_t a = list_row(t, y, sel, false);
	int indent = 3 + 2 * (h->level > 1 ? h->level - 1 : 0);
	if (indent > t->cols / 2)
		indent = t->cols / 2;
	draw_fit(t, y, indent, h->text, h->level <= 2 ? a | A_BOLD : a, t->cols - indent - 1);
}

static void toc_frame(struct tui *t, void *st)
{
	(void)st;
	draw_header(t, "Sommaire", NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

static void jump(struct tui *t, void *st, size_t i)
{
	struct toc *v = st;
	const struct adpa_heading *h = &v->pg->body->headings[i];
	pager_goto_line(v->pg, v->pg->base + h->line);
	v->pg->sel_link = -1;
	tui_pop(t);
}

static const struct key_def toc_defs[] = {
    {'t', false, CMD_BACK, "fermer le sommaire"},
};
static const struct key_table toc_keys = KEY_TABLE("Sommaire", toc_defs);
static const struct key_table *const toc_tables[] = {&keys_list, &toc_keys, &keys_back, NULL};

static const struct list_screen toc_screen = {
    .view = LIST_SCREEN_VIEW("Sommaire", toc_tables, NULL),
    .load = toc_load,
    .draw_frame = toc_frame,
    .draw_item = heading_row,
    .noun = "intertitre",
    .open = jump,
};

void view_toc_open(struct tui *t, struct pager *p)
{
	if (!p->body || !p->body->nheadings) {
		tui_message(t, false, "Ce texte n’a pas d’intertitre");
		return;
	}
	struct toc *v = xcalloc(1, sizeof *v);
	v->pg = p;
	/* the last heading at or above the top line */
	for (size_t i = 0; i < p->body->nheadings; i++)
		if (p->base + p->body->headings[i].line <= p->top)
			v->lv.list.sel = i;
	list_screen_push(t, &toc_screen, v);
}
