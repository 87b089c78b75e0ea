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

#include "tui_internal.h"
#include <adpa/util.h>

struct toc {
	struct pager *pg;
	struct list list;
	int y0, h;
};

static const struct key_def toc_defs[] = {
    {'t', false, CMD_BACK, "fermer le sommaire"},
};
static const struct key_table toc_keys = KEY_TABLE("Sommaire", toc_defs);
static const struct key_table *const toc_tables[] = {&keys_list, &toc_keys, &keys_back, NULL};

static int row_height(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 1;
}

static void heading_row(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct toc *v = ctx;
	const struct adpa_heading *h = &v->pg->body->headings[i];
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_NORMAL;
	int indent = 3 + 2 * (h->level > 1 ? h->level - 1 : 0);
	if (indent > t->cols / 2)
		indent = t->cols / 2;
	draw_blank(y, 0, t->cols, a);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	draw_fit(t, y, indent, h->text, h->level <= 2 ? a | A_BOLD : a, t->cols - indent - 1);
}

static void toc_draw(struct tui *t, void *st)
{
	struct toc *v = st;
	v->y0 = 2;
	v->h = t->rows - 3;
	draw_header(t, "Sommaire", NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
	list_draw(t, &v->list, v->y0, v->h);
}

static void jump(struct tui *t, struct toc *v)
{
	const struct adpa_heading *h = &v->pg->body->headings[v->list.sel];
	pager_goto_line(v->pg, v->pg->base + h->line);
	v->pg->sel_link = -1;
	tui_pop(t);
}

static void toc_key(struct tui *t, void *st, enum cmd cmd)
{
	struct toc *v = st;
	if (list_cmd(&v->list, cmd, v->h))
		return;
	if (list_opens(&v->list, t, cmd, v->y0, v->h))
		jump(t, v);
	else if (cmd == CMD_BACK)
		tui_pop(t);
}

static void toc_status(struct tui *t, void *st, struct status *s)
{
	struct toc *v = st;
	(void)t;
	snprintf(s->left, sizeof s->left, "intertitre %zu/%zu", v->list.sel + 1, v->list.n);
	snprintf(s->right, sizeof s->right, "Entrée aller  q fermer");
}

static void toc_leave(struct tui *t, void *st)
{
	(void)t;
	free(st);
}

static const struct view view_toc = {
    .name = "Sommaire",
    .keys = toc_tables,
    .leave = toc_leave,
    .draw = toc_draw,
    .status = toc_status,
    .key = toc_key,
};

void view_toc_open(struct tui *t, struct pager *p)
{
	if (!p->body || !p->body->nheadings) {
		tui_message(t, false, "Ce texte n’a pas d’intertitre");
		return;
	}
	struct toc *v = xcalloc(1, sizeof *v);
	v->pg = p;
	v->list.n = p->body->nheadings;
	v->list.height = row_height;
	v->list.draw = heading_row;
	v->list.ctx = v;
	v->h = t->rows - 3;
	/* the last heading at or above the top line */
	for (size_t i = 0; i < p->body->nheadings; i++)
		if (p->base + p->body->headings[i].line <= p->top)
			v->list.sel = i;
	tui_push(t, &view_toc, v);
}
