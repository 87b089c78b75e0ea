/*
 * Drawing text on stdscr. Course text is UTF-8 whatever the locale; it is
 * decoded here and handed to ncursesw as wide characters, so a Latin-1 or C
 * locale never sees raw UTF-8 bytes. Outside a UTF-8 locale every character
 * becomes exactly one ASCII character (é -> e, « -> ", … -> .), so the widths
 * the renderer laid out (counted by the core, in cells) stay true on screen;
 * combining marks vanish and wide characters become two '?'.
 *
 * Every function clips at the width it is given and never wraps: a row that
 * is drawn is cleared to its end by the caller or by draw_line.
 */
#include <string.h>
#include <uninorm.h>

#include "tui_draw.h"

#define CHUNK 128

struct out {
	wchar_t buf[CHUNK + 1];
	int n;
	attr_t attr;
};

static void out_flush(struct out *o)
{
	if (!o->n)
		return;
	wattrset(stdscr, o->attr);
	waddnwstr(stdscr, o->buf, o->n);
	o->n = 0;
}

static void out_char(struct out *o, wchar_t c, attr_t a)
{
	if (o->n && (a != o->attr || o->n == CHUNK))
		out_flush(o);
	o->attr = a;
	o->buf[o->n++] = c;
}

static uint32_t ascii_of(uint32_t uc)
{
	switch (uc) {
	case 0xA0:
	case 0x2007:
	case 0x2009:
	case 0x202F:
		return ' ';
	case 0xAB:
	case 0xBB:
	case 0x201C:
	case 0x201D:
	case 0x201E:
		return '"';
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x2032:
		return '\'';
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
	case 0x2500:
	case 0x2501:
		return '-';
	case 0x2026:
	case 0xB7:
	case 0x2027:
		return '.';
	case 0x2022:
	case 0x25E6:
	case 0x25AA:
	case 0x25CF:
		return '*';
	case 0x25CB:
		return '-';
	case 0x2192:
	case 0x203A:
	case 0x25B6:
		return '>';
	case 0x2190:
	case 0x2039:
		return '<';
	case 0x2502:
	case 0x2503:
		return '|';
	case 0x2550:
		return '=';
	case 0xD7:
		return 'x';
	case 0xC6:
	case 0x152:
		return 'E';
	case 0xE6:
	case 0x153:
		return 'e';
	case 0xDF:
		return 's';
	case 0x20AC:
		return 'E';
	case 0x2713:
	case 0x2714:
		return 'x';
	default:
		break;
	}
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	if (uc_canonical_decomposition(uc, d) > 0 && d[0] < 0x80)
		return d[0];
	return '?';
}

/* Adds one character of width w (already checked to fit). */
static void put_char(const struct tui *t, struct out *o, uint32_t uc, int w, attr_t a)
{
	if (t->utf8) {
		out_char(o, (wchar_t)uc, a);
		return;
	}
	if (uc < 0x80) {
		out_char(o, (wchar_t)uc, a);
		return;
	}
	for (int i = 0; i < w; i++)
		out_char(o, w == 2 ? L'?' : (wchar_t)ascii_of(uc), a);
}

int draw_text(const struct tui *t, int y, int x, const char *s, size_t len, attr_t a, int maxw)
{
	struct out o = {.n = 0};
	int used = 0;
	wmove(stdscr, y, x);
	for (size_t i = 0; i < len;) {
		uint32_t uc;
		i += (size_t)adpa_utf8_decode(s + i, len - i, &uc);
		int w = adpa_char_width(uc);
		if (used + w > maxw)
			break;
		put_char(t, &o, uc, w, a);
		used += w;
	}
	out_flush(&o);
	return used;
}

int text_cells(const char *s)
{
	return adpa_text_width(s, strlen(s));
}

int draw_fit(const struct tui *t, int y, int x, const char *s, attr_t a, int maxw)
{
	size_t len = strlen(s);
	if (maxw <= 0)
		return 0;
	if (adpa_text_width(s, len) <= maxw)
		return draw_text(t, y, x, s, len, a, maxw);
	int ew = text_cells(t->g->ellipsis);
	int used;
	size_t k = adpa_text_fit(s, len, maxw - ew > 0 ? maxw - ew : 0, &used);
	while (k && s[k - 1] == ' ') { /* "mot …" reads worse than "mot…" */
		k--;
		used--;
	}
	used = draw_text(t, y, x, s, k, a, maxw);
	return used +
	       draw_text(t, y, x + used, t->g->ellipsis, strlen(t->g->ellipsis), a, maxw - used);
}

void draw_blank(int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattrset(stdscr, a);
	mvwhline(stdscr, y, x, ' ', n);
}

void draw_header(const struct tui *t, const char *left, const char *right)
{
	attr_t a = theme_role(t, ROLE_HEADER);
	int rw = right ? text_cells(right) : 0;
	draw_blank(0, 0, t->cols, a);
	int room = t->cols - 2;
	if (rw && rw + 12 < room)
		room -= rw + 2;
	else
		rw = 0;
	draw_fit(t, 0, 1, left, a, room);
	if (rw)
		draw_text(t, 0, t->cols - 1 - rw, right, strlen(right), a, rw);
}

void draw_bar(const struct tui *t, int y, int x, int w, size_t done, size_t total)
{
	int full = total ? (int)((done * (size_t)w) / total) : 0;
	const char *f = t->g->bar_full, *e = t->g->bar_empty;
	for (int i = 0; i < w; i++) {
		const char *g = i < full ? f : e;
		draw_text(t, y, x + i, g, strlen(g), theme_role(t, i < full ? ROLE_BAR : ROLE_DIM),
		          1);
	}
}

static attr_t span_attr(const struct tui *t, const struct adpa_span *sp, int sel_link, size_t off,
                        const struct hl *hl, size_t nhl)
{
	for (size_t k = 0; k < nhl; k++)
		if (off >= hl[k].off && off < hl[k].off + hl[k].len)
			return hl[k].attr;
	if (sel_link >= 0 && sp->link == sel_link)
		return theme_role(t, ROLE_LINK_SEL);
	return theme_style(t, sp->style);
}

void draw_line(const struct tui *t, int y, int x, const struct adpa_line *l, int maxw, int sel_link,
               const struct hl *hl, size_t nhl)
{
	struct out o = {.n = 0};
	int used = 0;
	wmove(stdscr, y, x);
	for (size_t s = 0; s < l->nspans && used < maxw; s++) {
		const struct adpa_span *sp = &l->spans[s];
		for (size_t i = sp->off; i < sp->off + sp->len;) {
			uint32_t uc;
			size_t at = i;
			i += (size_t)adpa_utf8_decode(l->text + i, sp->off + sp->len - i, &uc);
			int w = adpa_char_width(uc);
			if (used + w > maxw)
				break;
			put_char(t, &o, uc, w, span_attr(t, sp, sel_link, at, hl, nhl));
			used += w;
		}
	}
	out_flush(&o);
	wattrset(stdscr, A_NORMAL);
	if (x + used < getmaxx(stdscr))
		wclrtoeol(stdscr);
}

static struct adpa_doc *layout(const struct tui *t, const char *text, int w)
{
	struct adpa_render_opts ro = tui_render_opts(t, w, 0);
	return adpa_render_text(text, 0, &ro);
}

int wrapped_rows(const struct tui *t, const char *text, int w, int max)
{
	struct adpa_doc *d = layout(t, text, w);
	int n = (int)d->nlines < max ? (int)d->nlines : max;
	adpa_doc_free(d);
	return n > 0 ? n : 1;
}

int draw_wrapped(const struct tui *t, int y_last, const char *text, attr_t a, int w, int max)
{
	struct adpa_doc *d = layout(t, text, w);
	int n = (int)d->nlines < max ? (int)d->nlines : max;
	int y0 = y_last - n + 1;
	for (int i = 0; i < n; i++) {
		const struct adpa_line *l = &d->lines[i];
		bool cut = i == n - 1 && (int)d->nlines > n;
		int ew = cut ? text_cells(t->g->ellipsis) : 0;
		draw_blank(y0 + i, 0, t->cols, a);
		int used = draw_text(t, y0 + i, 1, l->text, l->len, a, w - ew);
		if (cut)
			draw_text(t, y0 + i, 1 + used, t->g->ellipsis, strlen(t->g->ellipsis), a,
			          ew);
	}
	adpa_doc_free(d);
	return n;
}
