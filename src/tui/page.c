/*
 * A page of prepared lines: text already wrapped to the page width, each with
 * an attribute, an indent and optionally a fiche it opens. The quiz and
 * progress screens build one and let it scroll; lines that name a fiche can
 * be selected with the arrows and opened with Enter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_widgets.h"
#include <adpa/util.h>

void page_add(struct page *pg, const struct tui *t, const char *text, attr_t attr, int indent,
              size_t fiche)
{
	struct adpa_render_opts o = tui_render_opts(t, pg->width - indent, 0);
	struct adpa_doc *d = adpa_render_text(text ? text : "", ADPA_STYLE_PLAIN, &o);
	size_t n = d->nlines ? d->nlines : 1;
	for (size_t i = 0; i < n; i++) {
		XGROW(pg->v, pg->cap, pg->n + 1);
		pg->v[pg->n++] = (struct page_line){xstrdup(i < d->nlines ? d->lines[i].text : ""),
		                                    attr, indent, fiche};
	}
	adpa_doc_free(d);
}

void page_clear(struct page *pg)
{
	for (size_t i = 0; i < pg->n; i++)
		free(pg->v[i].text);
	pg->n = 0;
	pg->top = 0;
	pg->sel = (size_t)-1;
}

void page_free(struct page *pg)
{
	page_clear(pg);
	free(pg->v);
	pg->v = NULL;
	pg->cap = 0;
}

void page_draw(struct tui *t, struct page *pg, int y0, int h)
{
	if (pg->sel != (size_t)-1 && pg->sel < pg->top)
		pg->top = pg->sel;
	if (pg->sel != (size_t)-1 && pg->sel >= pg->top + (size_t)h)
		pg->top = pg->sel - (size_t)h + 1;
	for (int y = 0; y < h; y++) {
		size_t i = pg->top + (size_t)y;
		draw_blank(y0 + y, 0, t->cols, A_NORMAL);
		if (i >= pg->n)
			continue;
		const struct page_line *l = &pg->v[i];
		bool sel = pg->sel != (size_t)-1 && pg->v[pg->sel].fiche == l->fiche &&
		           l->fiche != (size_t)-1;
		attr_t a = sel ? theme_role(t, ROLE_SELECT) : l->attr;
		if (sel)
			draw_blank(y0 + y, 0, t->cols, a);
		draw_fit(t, y0 + y, 1 + l->indent, l->text, a, t->cols - 2 - l->indent);
	}
}

/* The next line (dir 1) or previous (-1) naming a fiche other than the
 * selected one, or (size_t)-1. */
static size_t next_fiche_line(const struct page *pg, int dir)
{
	size_t cur = pg->sel;
	size_t here = cur == (size_t)-1 ? (size_t)-1 : pg->v[cur].fiche;
	for (size_t i = cur == (size_t)-1 ? (dir > 0 ? 0 : pg->n - 1) : cur + (size_t)dir;
	     i < pg->n; i += (size_t)dir)
		if (pg->v[i].fiche != (size_t)-1 && pg->v[i].fiche != here)
			return i;
	return (size_t)-1;
}

bool page_cmd(struct page *pg, enum cmd cmd, int h)
{
	size_t max = pg->n > (size_t)h ? pg->n - (size_t)h : 0;
	size_t step = cmd == CMD_PAGE_DOWN || cmd == CMD_PAGE_UP   ? (size_t)(h > 2 ? h - 1 : 1)
	              : cmd == CMD_HALF_DOWN || cmd == CMD_HALF_UP ? (size_t)(h / 2 ? h / 2 : 1)
	                                                           : 1;
	bool selecting = pg->sel != (size_t)-1 || next_fiche_line(pg, 1) != (size_t)-1;
	switch (cmd) {
	case CMD_DOWN:
	case CMD_UP:
		if (selecting) {
			size_t n = next_fiche_line(pg, cmd == CMD_DOWN ? 1 : -1);
			if (n != (size_t)-1)
				pg->sel = n;
			else if (cmd == CMD_UP) /* above the first fiche: the page's top */
				pg->top = 0;
			return true;
		}
		/* fall through */
	case CMD_WHEEL_DOWN:
	case CMD_WHEEL_UP:
	case CMD_HALF_DOWN:
	case CMD_HALF_UP:
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP: {
		bool down = cmd == CMD_DOWN || cmd == CMD_WHEEL_DOWN || cmd == CMD_HALF_DOWN ||
		            cmd == CMD_PAGE_DOWN;
		if (cmd == CMD_WHEEL_DOWN || cmd == CMD_WHEEL_UP)
			step = 3;
		pg->top = down ? (pg->top + step > max ? max : pg->top + step)
		               : (pg->top > step ? pg->top - step : 0);
		if (pg->sel != (size_t)-1 && (pg->sel < pg->top || pg->sel >= pg->top + (size_t)h))
			pg->sel = (size_t)-1;
		return true;
	}
	case CMD_TOP:
		pg->top = 0;
		return true;
	case CMD_BOTTOM:
		pg->top = max;
		return true;
	default:
		return false;
	}
}

void page_position(const struct tui *t, const struct page *pg, int h, char *buf, size_t n)
{
	if (pg->n <= (size_t)h) {
		snprintf(buf, n, "%s", "");
		return;
	}
	size_t last = pg->top + (size_t)h < pg->n ? pg->top + (size_t)h : pg->n;
	snprintf(buf, n, "l. %zu%s%zu/%zu%s", pg->top + 1, t->g->dash, last, pg->n,
	         last < pg->n ? (t->utf8 ? " ↓" : " v") : "");
}
