/*
 * The document pager: a viewport over rendered lines, shared by the reader
 * and the about screen. It owns up to three documents (title, meta line,
 * body) shown one after the other as one list of line pointers; links,
 * headings and source lines come from the body, whose first line is at
 * index base.
 *
 * Invariants: top <= max_top (the last page is full when the text is longer
 * than the viewport); sel_link is -1 or a valid index in body->links; the
 * matches are sorted by line and offset and cur indexes one of them or is
 * (size_t)-1. A place (source line + rows from its first screen line) is
 * what survives a re-layout at another width.
 *
 * Drawing writes every row of the viewport into stdscr and lets ncurses
 * compare with the screen: with idlok on, its scrolling optimisation turns
 * a one-line move into a terminal scroll plus one new line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "tui_draw.h"
#include "tui_widgets.h"
#include <adpa/util.h>

/* the blank line between the title block and the body; never written */
static const struct adpa_line blank_line = {(char *)"", 0, 0, NULL, 0, 0};

static size_t max_top(const struct pager *p)
{
	return p->nlines > (size_t)p->h ? p->nlines - (size_t)p->h : 0;
}

static void clamp(struct pager *p)
{
	if (p->top > max_top(p))
		p->top = max_top(p);
}

static void add_doc(struct pager *p, size_t *cap, const struct adpa_doc *d)
{
	for (size_t i = 0; d && i < d->nlines; i++) {
		XGROW(p->lines, *cap, p->nlines + 1);
		p->lines[p->nlines++] = &d->lines[i];
	}
}

static void find_matches(struct pager *p);

void pager_set(struct pager *p, struct adpa_doc *title, struct adpa_doc *meta,
               struct adpa_doc *body)
{
	adpa_doc_free(p->pre[0]);
	adpa_doc_free(p->pre[1]);
	adpa_doc_free(p->body);
	p->pre[0] = title;
	p->pre[1] = meta;
	p->body = body;
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	size_t cap = 0;
	add_doc(p, &cap, title);
	add_doc(p, &cap, meta);
	if (p->nlines) {
		XGROW(p->lines, cap, p->nlines + 1);
		p->lines[p->nlines++] = &blank_line;
	}
	p->base = p->nlines;
	add_doc(p, &cap, body);
	if (!body || p->sel_link >= (int)body->nlinks)
		p->sel_link = -1;
	find_matches(p);
	clamp(p);
}

void pager_free(struct pager *p)
{
	adpa_doc_free(p->pre[0]);
	adpa_doc_free(p->pre[1]);
	adpa_doc_free(p->body);
	free(p->lines);
	pager_clear_search(p);
	memset(p, 0, sizeof *p);
}

void pager_geometry(struct pager *p, int y0, int h, int x0, int w)
{
	p->y0 = y0;
	p->h = h > 1 ? h : 1;
	p->x0 = x0;
	p->w = w;
	clamp(p);
}

/* --- drawing --- */

static size_t line_hl(const struct tui *t, const struct pager *p, size_t line, struct hl *hl,
                      size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < p->nm && n < max; k++) {
		const struct match *m = &p->m[k];
		if (m->end_line < line)
			continue;
		if (m->line > line)
			break;
		size_t from = m->line == line ? m->off : 0;
		size_t to = m->end_line == line ? m->end_off : p->lines[line]->len;
		attr_t a =
		    k == p->cur ? theme_role(t, ROLE_MATCH_CUR) : theme_style(t, ADPA_STYLE_MATCH);
		if (to > from)
			hl[n++] = (struct hl){from, to - from, a};
	}
	return n;
}

void pager_draw(struct tui *t, struct pager *p)
{
	clamp(p);
	struct hl hl[32];
	for (int r = 0; r < p->h; r++) {
		size_t i = p->top + (size_t)r;
		int y = p->y0 + r;
		draw_blank(y, 0, p->x0, A_NORMAL);
		if (i >= p->nlines) {
			wmove(stdscr, y, p->x0);
			wclrtoeol(stdscr);
			continue;
		}
		size_t nhl = p->nm ? line_hl(t, p, i, hl, 32) : 0;
		int sel = i >= p->base ? p->sel_link : -1;
		draw_line(t, y, p->x0, p->lines[i], t->cols - p->x0, sel, hl, nhl);
	}
}

/* --- places --- */

struct place pager_place(const struct pager *p)
{
	for (size_t i = p->top; i < p->nlines; i++) {
		int src = p->lines[i]->src_line;
		if (src <= 0 || i < p->base)
			continue;
		size_t first = p->base + adpa_doc_find_src(p->body, src);
		return (struct place){src, (long)p->top - (long)first};
	}
	return (struct place){0, (long)p->top};
}

void pager_goto_place(struct pager *p, struct place pl)
{
	long top = pl.delta;
	if (pl.src > 0 && p->body && p->body->nlines) {
		size_t first = p->base + adpa_doc_find_src(p->body, pl.src);
		size_t last = first; /* keep within the same source line */
		while (last + 1 < p->nlines && p->lines[last + 1]->src_line == pl.src)
			last++;
		top = (long)first + pl.delta;
		if (pl.delta > 0 && top > (long)last)
			top = (long)last;
	}
	p->top = top < 0 ? 0 : (size_t)top;
	clamp(p);
}

void pager_goto_line(struct pager *p, size_t line)
{
	p->top = line;
	clamp(p);
}

/* Scrolls so that line is on screen, a third down when it was not. */
static void reveal(struct pager *p, size_t line)
{
	if (line >= p->top && line < p->top + (size_t)p->h)
		return;
	p->top = line > (size_t)p->h / 3 ? line - (size_t)p->h / 3 : 0;
	clamp(p);
}

static void scroll_by(struct pager *p, long d)
{
	long top = (long)p->top + d;
	p->top = top < 0 ? 0 : (size_t)top;
	clamp(p);
}

/* --- links --- */

static size_t link_line(const struct pager *p, int k)
{
	return p->base + p->body->links[k].line;
}

static bool link_visible(const struct pager *p, int k)
{
	size_t l = link_line(p, k);
	return l >= p->top && l < p->top + (size_t)p->h;
}

static void select_link(struct tui *t, struct pager *p, int dir)
{
	int n = p->body ? (int)p->body->nlinks : 0;
	if (!n) {
		tui_message(t, false, "Pas de lien dans ce texte");
		return;
	}
	int k;
	if (p->sel_link >= 0 && link_visible(p, p->sel_link)) {
		k = p->sel_link + dir;
	} else if (dir > 0) { /* the first link at or below the top */
		for (k = 0; k < n && link_line(p, k) < p->top; k++)
			;
	} else { /* the last link above the bottom */
		for (k = n - 1; k >= 0 && link_line(p, k) >= p->top + (size_t)p->h; k--)
			;
	}
	if (k >= n || k < 0) {
		k = k >= n ? 0 : n - 1;
		tui_message(t, false,
		            dir > 0 ? "Retour au premier lien" : "Retour au dernier lien");
	}
	p->sel_link = k;
	reveal(p, link_line(p, k));
}

const struct adpa_link *pager_link(const struct pager *p)
{
	return p->sel_link >= 0 ? &p->body->links[p->sel_link] : NULL;
}

bool pager_click(struct pager *p, int y, int x)
{
	size_t i = p->top + (size_t)(y - p->y0);
	if (y < p->y0 || y >= p->y0 + p->h || i >= p->nlines || i < p->base)
		return false;
	const struct adpa_line *l = p->lines[i];
	int col = 0, want = x - p->x0;
	for (size_t s = 0; s < l->nspans; s++) {
		int w = adpa_text_width(l->text + l->spans[s].off, l->spans[s].len);
		if (want >= col && want < col + w && l->spans[s].link >= 0) {
			p->sel_link = l->spans[s].link;
			return true;
		}
		col += w;
	}
	return false;
}

/* --- search: case- and accent-insensitive, on the text, not the rows ---
 *
 * The whole document is folded into one stream of characters where every
 * run of blanks, line ends and decorations (list markers, quote bars, box
 * drawing) counts as one space, so a phrase wrapped onto two rows is found,
 * and the count does not depend on the width. Each character keeps the row
 * and the bytes it came from, to map a match back to spans on screen. */

struct folded {
	uint32_t *c;
	struct fpos {
		uint32_t line, off, end; /* row, and its bytes [off, end) */
	} * at;
	size_t n, cap;
};

static uint32_t fold(uint32_t uc)
{
	if (uc == 0xA0 || uc == 0x202F || uc == 0x2007 || uc == 0x2009 || uc == '\t')
		return ' ';
	if (uc == 0x2019)
		return '\'';
	uc = uc_tolower(uc);
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	while (uc >= 0x80 && uc_canonical_decomposition(uc, d) > 0)
		uc = d[0];
	return uc;
}

static void fold_put(struct folded *f, uint32_t c, struct fpos at)
{
	if (c == ' ' && (!f->n || f->c[f->n - 1] == ' '))
		return; /* one space for a run, none at the start */
	if (f->n == f->cap) {
		XGROW(f->c, f->cap, f->n + 1);
		f->at = xrealloc(f->at, f->cap * sizeof *f->at);
	}
	f->c[f->n] = c;
	f->at[f->n++] = at;
}

/* A character that decorates rather than says: markers, quote bars, rules. */
static bool decoration(const struct adpa_span *sp, uint32_t uc, size_t at)
{
	if (sp && (sp->style & ADPA_STYLE_MARKER))
		return true;
	if (uc >= 0x2500 && uc <= 0x257F)
		return true;
	return sp && (sp->style & ADPA_STYLE_QUOTE) && uc == '|' && at == 0;
}

static const struct adpa_span *span_at(const struct adpa_line *l, size_t at, size_t *k)
{
	while (*k < l->nspans && l->spans[*k].off + l->spans[*k].len <= at)
		(*k)++;
	return *k < l->nspans && at >= l->spans[*k].off ? &l->spans[*k] : NULL;
}

/* Folds text s (a row, or the pattern when row is NULL) onto f. */
static void fold_text(struct folded *f, const struct adpa_line *row, uint32_t li, const char *s,
                      size_t len)
{
	size_t k = 0;
	for (size_t i = 0; i < len;) {
		uint32_t uc;
		size_t at = i;
		i += (size_t)adpa_utf8_decode(s + i, len - i, &uc);
		if (adpa_char_width(uc) == 0)
			continue;
		const struct adpa_span *sp = row ? span_at(row, at, &k) : NULL;
		uint32_t c = row && decoration(sp, uc, at) ? ' ' : fold(uc);
		fold_put(f, c, (struct fpos){li, (uint32_t)at, (uint32_t)i});
	}
}

static void fold_free(struct folded *f)
{
	free(f->c);
	free(f->at);
}

/* Matches are counted on the text, so a re-layout (a resize) finds the same
 * ones: the current match stays current. */
static void find_matches(struct pager *p)
{
	size_t cur = p->cur, nm = p->nm;
	free(p->m);
	p->m = NULL;
	p->nm = 0;
	p->cur = (size_t)-1;
	if (!p->pattern)
		return;
	struct folded pat = {0}, doc = {0};
	fold_text(&pat, NULL, 0, p->pattern, strlen(p->pattern));
	while (pat.n && pat.c[pat.n - 1] == ' ')
		pat.n--;
	for (size_t i = 0; pat.n && i < p->nlines; i++) {
		const struct adpa_line *l = p->lines[i];
		fold_text(&doc, l, (uint32_t)i, l->text, l->len);
		fold_put(&doc, ' ', (struct fpos){(uint32_t)i, (uint32_t)l->len, (uint32_t)l->len});
	}
	size_t cap = 0;
	for (size_t k = 0; pat.n && k + pat.n <= doc.n; k++) {
		if (memcmp(doc.c + k, pat.c, pat.n * sizeof *pat.c))
			continue;
		const struct fpos *a = &doc.at[k], *b = &doc.at[k + pat.n - 1];
		XGROW(p->m, cap, p->nm + 1);
		p->m[p->nm++] = (struct match){a->line, a->off, b->line, b->end};
		k += pat.n - 1;
	}
	fold_free(&pat);
	fold_free(&doc);
	if (p->nm == nm && cur < nm)
		p->cur = cur;
}

void pager_clear_search(struct pager *p)
{
	free(p->pattern);
	free(p->m);
	p->pattern = NULL;
	p->m = NULL;
	p->nm = 0;
	p->cur = (size_t)-1;
}

static void goto_match(struct tui *t, struct pager *p, int dir)
{
	if (!p->pattern) {
		tui_message(t, false, "Aucune recherche en cours : / pour chercher");
		return;
	}
	if (!p->nm) {
		tui_message(t, true, "« %s » : introuvable", p->pattern);
		return;
	}
	if (p->cur == (size_t)-1 || p->m[p->cur].line < p->top ||
	    p->m[p->cur].line >= p->top + (size_t)p->h) {
		/* from the screen, not from a match scrolled away */
		size_t k = 0;
		while (k < p->nm && p->m[k].line < p->top)
			k++;
		p->cur = dir > 0 ? k : k - 1;
	} else {
		p->cur += (size_t)(long)dir;
	}
	if (p->cur >= p->nm) { /* also catches (size_t)-1 */
		p->cur = dir > 0 ? 0 : p->nm - 1;
		tui_message(t, false,
		            dir > 0 ? "Recherche reprise au début" : "Recherche reprise à la fin");
	}
	reveal(p, p->m[p->cur].line);
}

void pager_search(struct tui *t, struct pager *p, const char *pattern)
{
	pager_clear_search(p);
	if (!*pattern)
		return;
	p->pattern = xstrdup(pattern);
	find_matches(p);
	if (!p->nm) {
		tui_message(t, true, "« %s » : introuvable", pattern);
		return;
	}
	p->cur = (size_t)-1;
	goto_match(t, p, 1);
}

/* --- commands and status --- */

bool pager_cmd(struct tui *t, struct pager *p, enum cmd cmd)
{
	long half = p->h / 2 > 0 ? p->h / 2 : 1, page = p->h > 2 ? p->h - 1 : 1;
	switch (cmd) {
	case CMD_DOWN:
	case CMD_UP:
		scroll_by(p, cmd == CMD_DOWN ? 1 : -1);
		break;
	case CMD_WHEEL_DOWN:
	case CMD_WHEEL_UP:
		scroll_by(p, cmd == CMD_WHEEL_DOWN ? 3 : -3);
		break;
	case CMD_HALF_DOWN:
	case CMD_HALF_UP:
		scroll_by(p, cmd == CMD_HALF_DOWN ? half : -half);
		break;
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
		scroll_by(p, cmd == CMD_PAGE_DOWN ? page : -page);
		break;
	case CMD_TOP:
		p->top = 0;
		break;
	case CMD_BOTTOM:
		p->top = max_top(p);
		break;
	case CMD_LINK_NEXT:
	case CMD_LINK_PREV:
		select_link(t, p, cmd == CMD_LINK_NEXT ? 1 : -1);
		break;
	case CMD_MATCH_NEXT:
	case CMD_MATCH_PREV:
		goto_match(t, p, cmd == CMD_MATCH_NEXT ? 1 : -1);
		break;
	default:
		return false;
	}
	return true;
}

static void position(const struct tui *t, const struct pager *p, char *buf, size_t n)
{
	size_t last = p->top + (size_t)p->h < p->nlines ? p->top + (size_t)p->h : p->nlines;
	unsigned pct = p->nlines ? (unsigned)(last * 100 / p->nlines) : 100;
	int k = snprintf(buf, n, "l. %zu%s%zu/%zu  %u %%", p->nlines ? p->top + 1 : 0, t->g->dash,
	                 last, p->nlines, pct);
	if (p->pattern && k > 0 && (size_t)k < n) {
		if (p->nm && p->cur != (size_t)-1)
			snprintf(buf + k, n - (size_t)k, "  /%s %zu/%zu", p->pattern, p->cur + 1,
			         p->nm);
		else
			snprintf(buf + k, n - (size_t)k, "  /%s %zu", p->pattern, p->nm);
	}
}

void pager_status(const struct tui *t, const struct pager *p, struct status *s)
{
	const struct adpa_link *l = pager_link(p);
	if (!l) {
		position(t, p, s->left, sizeof s->left);
		return;
	}
	position(t, p, s->right, sizeof s->right);
	if (l->kind == ADPA_LINK_URL) {
		int k = snprintf(s->left, sizeof s->left, "[%d] ", l->ref);
		s->url = l->target;
		s->url_off = k > 0 ? (size_t)k : 0;
		snprintf(s->left + s->url_off, sizeof s->left - s->url_off, "%s", l->target);
		return;
	}
	const struct adpa_fiche *f = adpa_course_find(t->course, l->target);
	snprintf(s->left, sizeof s->left, "[%d] %s %s%s", l->ref, t->g->arrow,
	         f ? f->title : l->target, f ? "" : " (fiche inconnue)");
}

void pager_prompt_search(struct tui *t, void *pager, const char *text)
{
	pager_search(t, pager, text);
}

bool pager_at_end(const struct pager *p)
{
	return p->nlines && p->top >= max_top(p);
}
