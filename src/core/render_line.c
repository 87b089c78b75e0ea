/*
 * Lines, prefixes and inline layout for the renderer (see render.c for the
 * blocks). Inline content is flattened to fragments (text, style, link,
 * source line) and laid out word by word. Lines break only at ASCII spaces,
 * never at U+00A0 or U+202F, so French « guillemets » and the space before
 * ; : ! ? stay with their word; a word wider than the line is cut.
 *
 * Every fragment is cleaned by text_clean_append() after cmark has decoded
 * its entities, so &Tab; or &#27; can no more reach a line than a raw TAB
 * or ESC. Links are numbered in order of first appearance of their target.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/text.h"
#include "internal.h"
#include "render_internal.h"

static const struct render_glyphs utf8_glyphs = {{"•", "◦", "▪"}, "│ ", "─", "═", "…"};
static const struct render_glyphs ascii_glyphs = {{"*", "-", "+"}, "| ", "-", "=", ">"};

/* --- storage: line texts and spans live in chunks freed together --- */

struct adpa_chunk {
	struct adpa_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

static void *doc_alloc(struct adpa_doc *d, size_t n)
{
	size_t a = sizeof(max_align_t);
	n = (n + a - 1) / a * a;
	struct adpa_chunk *c = d->chunks;
	if (!c || c->used + n > c->cap) {
		size_t cap = n > 65536 ? n : 65536;
		c = xmalloc(sizeof *c + cap);
		c->next = d->chunks;
		c->used = 0;
		c->cap = cap;
		d->chunks = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void adpa_doc_free(struct adpa_doc *doc)
{
	if (!doc)
		return;
	for (struct adpa_chunk *c = doc->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(doc->lines);
	for (size_t i = 0; i < doc->nheadings; i++)
		free(doc->headings[i].text);
	free(doc->headings);
	for (size_t i = 0; i < doc->nlinks; i++)
		free(doc->links[i].target);
	free(doc->links);
	free(doc);
}

/* --- lines --- */

void span_add(struct ctx *x, const char *s, size_t n, unsigned style, int link)
{
	if (!n)
		return;
	size_t off = x->lb.len;
	if (off + n < x->lb.cap) { /* the common case, without buf_add's checks */
		memcpy(x->lb.p + off, s, n);
		x->lb.len += n;
		x->lb.p[x->lb.len] = '\0';
	} else {
		buf_add(&x->lb, s, n);
	}
	if (x->nspans) {
		struct adpa_span *last = &x->spans[x->nspans - 1];
		if (last->style == style && last->link == link && last->off + last->len == off) {
			last->len += n;
			return;
		}
	}
	XGROW(x->spans, x->cap_spans, x->nspans + 1);
	x->spans[x->nspans++] = (struct adpa_span){style, link, off, n};
	if (link >= 0 && x->doc->links[link].line == SIZE_MAX) {
		x->doc->links[link].line = x->nlines;
		x->doc->links[link].col = x->lcells;
	}
}

static void line_reset(struct ctx *x)
{
	if (x->lb.p)
		x->lb.p[0] = '\0';
	x->lb.len = 0;
	x->nspans = 0;
	x->lcells = x->content = 0;
	x->open = false;
}

/* Hands the line being built to the sink, or moves it into the document
 * (exact-size copies in the document's chunks). The builder's buffers are
 * kept for the next line. */
static void line_emit(struct ctx *x, int src)
{
	struct adpa_doc *d = x->doc;
	if (x->lcells - x->pwidth > x->wmax)
		x->wmax = x->lcells - x->pwidth;
	x->nlines++;
	if (x->sink) {
		struct adpa_line l = {
		    x->lb.p ? x->lb.p : "", x->lb.len, x->lcells, x->spans, x->nspans, src};
		x->sink(&l, x->sink_arg);
		line_reset(x);
		return;
	}
	XGROW(d->lines, x->cap_lines, d->nlines + 1);
	struct adpa_line *l = &d->lines[d->nlines++];
	l->len = x->lb.len;
	l->text = doc_alloc(d, x->lb.len + 1);
	memcpy(l->text, x->lb.p ? x->lb.p : "", x->lb.len);
	l->text[x->lb.len] = '\0';
	l->cells = x->lcells;
	l->nspans = x->nspans;
	l->spans = x->nspans ? doc_alloc(d, x->nspans * sizeof *l->spans) : NULL;
	if (x->nspans)
		memcpy(l->spans, x->spans, x->nspans * sizeof *l->spans);
	l->src_line = src;
	line_reset(x);
}

void line_begin(struct ctx *x, int src)
{
	for (int i = 0; i < x->depth; i++) {
		struct pfx *p = &x->stack[i];
		const char *s = p->first_pending ? p->first : p->rest;
		span_add(x, s, strlen(s), p->style, -1);
		x->lcells += p->w;
		p->first_pending = false;
	}
	x->content = 0;
	x->lsrc = src;
	x->open = true;
}

void line_end(struct ctx *x)
{
	if (x->open)
		line_emit(x, x->lsrc);
}

static void blank(struct ctx *x)
{
	if (!x->nlines)
		return;
	/* a blank line keeps quote bars, never list markers; trailing spaces cut */
	for (int i = 0; i < x->depth; i++) {
		const struct pfx *p = &x->stack[i];
		span_add(x, p->rest, strlen(p->rest), p->style, -1);
		x->lcells += p->w;
	}
	while (x->lb.len && x->lb.p[x->lb.len - 1] == ' ') {
		x->lb.p[--x->lb.len] = '\0';
		x->lcells--;
		struct adpa_span *s = &x->spans[x->nspans - 1];
		if (!--s->len)
			x->nspans--;
	}
	line_emit(x, 0);
}

void maybe_blank(struct ctx *x)
{
	if (x->need_blank)
		blank(x);
	x->need_blank = false;
}

int avail(const struct ctx *x)
{
	return x->width - x->pwidth;
}

void push(struct ctx *x, const char *first, const char *rest, unsigned style, bool container)
{
	if (container)
		x->nest++;
	if (x->over || x->depth >= PREFIX_MAX || (container && x->nest > ADPA_RENDER_MAX_NEST)) {
		x->over++; /* too deep: shown flat */
		return;
	}
	int w = adpa_text_width(first, strlen(first));
	if (x->width - x->pwidth - w < MIN_AVAIL)
		first = rest = "", w = 0;
	x->stack[x->depth++] = (struct pfx){first, rest, style, true, w};
	x->pwidth += w;
}

void pop(struct ctx *x, bool container)
{
	if (container)
		x->nest--;
	if (x->over)
		x->over--;
	else
		x->pwidth -= x->stack[--x->depth].w;
}

/* --- inline layout --- */

struct piece {
	const char *s;
	size_t n;
	unsigned style;
	int link;
	int src;
	int cells;
};

struct word {
	struct piece *v;
	size_t n, cap;
	int cells;
	bool space_before;
	unsigned space_style;
	int space_link;
};

static void place_cut(struct ctx *x, const struct piece *p)
{
	const char *s = p->s;
	size_t n = p->n;
	while (n) {
		int room = avail(x) - x->content;
		if (room <= 0) {
			line_end(x);
			line_begin(x, p->src);
			room = avail(x);
		}
		int used;
		size_t k = adpa_text_fit(s, n, room, &used);
		if (!k) { /* a character wider than the room: start a fresh line */
			if (x->content) {
				line_end(x);
				line_begin(x, p->src);
				continue;
			}
			uint32_t c;
			k = (size_t)adpa_utf8_decode(s, n, &c);
			used = adpa_text_width(s, k);
		}
		span_add(x, s, k, p->style, p->link);
		x->lcells += used;
		x->content += used;
		s += k;
		n -= k;
	}
}

static void place_word(struct ctx *x, struct word *w)
{
	if (!w->n)
		return;
	if (!x->open)
		line_begin(x, w->v[0].src);
	if (x->content && w->space_before) {
		if (x->content + 1 + w->cells <= avail(x)) {
			span_add(x, " ", 1, w->space_style, w->space_link);
			x->lcells++;
			x->content++;
		} else {
			line_end(x);
			line_begin(x, w->v[0].src);
		}
	} else if (x->content && x->content + w->cells > avail(x)) {
		line_end(x);
		line_begin(x, w->v[0].src);
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct piece *p = &w->v[i];
		if (x->content + p->cells <= avail(x)) {
			span_add(x, p->s, p->n, p->style, p->link);
			x->lcells += p->cells;
			x->content += p->cells;
		} else {
			place_cut(x, p);
		}
	}
	w->n = 0;
	w->cells = 0;
	w->space_before = false;
}

void layout(struct ctx *x, unsigned base)
{
	struct word *wp = x->word, w = *wp;
	w.n = 0;
	w.cells = 0;
	w.space_before = false;
	for (size_t i = 0; i < x->nfrags; i++) {
		const struct frag *f = &x->frags[i];
		const char *text = x->fb.p + f->off;
		unsigned style = f->style | base;
		if (f->brk) {
			place_word(x, &w);
			if (!x->open)
				line_begin(x, f->src);
			line_end(x);
			line_begin(x, f->src + 1);
			continue;
		}
		size_t a = 0;
		while (a < f->len) {
			if (text[a] == ' ') {
				place_word(x, &w);
				w.space_before = x->open && x->content > 0;
				w.space_style = style;
				w.space_link = f->link;
				while (a < f->len && text[a] == ' ')
					a++;
				continue;
			}
			size_t b = a;
			int cells = 0;
			bool ascii = true; /* text is clean: no controls */
			for (; b < f->len && text[b] != ' '; b++)
				if ((unsigned char)text[b] < 0x80)
					cells++;
				else
					ascii = false;
			if (!ascii)
				cells = adpa_text_width(text + a, b - a);
			XGROW(w.v, w.cap, w.n + 1);
			w.v[w.n++] = (struct piece){text + a, b - a, style, f->link, f->src, cells};
			w.cells += cells;
			a = b;
		}
	}
	place_word(x, &w);
	line_end(x);
	*wp = w;
	x->nfrags = 0;
	x->fb.len = 0;
}

void frag_add(struct ctx *x, const char *s, size_t n, unsigned style, int link, int src)
{
	size_t off = x->fb.len;
	if (s)
		text_clean_append(&x->fb, s, n, ADPA_CLEAN_TABS_TO_SPACE | x->clean_flags);
	else
		buf_add(&x->fb, "", 0);
	XGROW(x->frags, x->cap_frags, x->nfrags + 1);
	x->frags[x->nfrags++] = (struct frag){off, x->fb.len - off, !s, style, link, src};
}

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void slots_grow(struct ctx *x)
{
	free(x->slots);
	x->nslots = x->nslots ? x->nslots * 2 : 64;
	x->slots = xcalloc(x->nslots, sizeof *x->slots);
	for (size_t i = 0; i < x->ntargets; i++) {
		size_t h = hash_str(x->targets[i]) & (x->nslots - 1);
		while (x->slots[h])
			h = (h + 1) & (x->nslots - 1);
		x->slots[h] = i + 1;
	}
}

/* The reference number of target, numbering it when first seen. */
static int target_ref(struct ctx *x, const char *target, int link)
{
	if (2 * (x->ntargets + 1) > x->nslots)
		slots_grow(x);
	size_t h = hash_str(target) & (x->nslots - 1);
	for (; x->slots[h]; h = (h + 1) & (x->nslots - 1))
		if (!strcmp(x->targets[x->slots[h] - 1], target))
			return (int)x->slots[h];
	XGROW(x->targets, x->cap_targets, x->ntargets + 1);
	x->target_link = xrealloc(x->target_link, x->cap_targets * sizeof *x->target_link);
	x->targets[x->ntargets] = xstrdup(target);
	x->target_link[x->ntargets] = link;
	x->slots[h] = ++x->ntargets;
	return (int)x->ntargets;
}

static int link_new(struct ctx *x, const char *url)
{
	struct adpa_doc *d = x->doc;
	XGROW(d->links, x->cap_links, d->nlinks + 1);
	int i = (int)d->nlinks++;
	struct adpa_link *l = &d->links[i];
	url = url ? url : "";
	bool fiche = !strncmp(url, "fiche:", 6);
	l->kind = fiche ? ADPA_LINK_FICHE : ADPA_LINK_URL;
	l->target = adpa_text_clean(fiche ? url + 6 : url, strlen(fiche ? url + 6 : url), 0);
	l->line = SIZE_MAX;
	l->col = 0;
	l->ref = target_ref(x, url, i);
	return i;
}

void collect(struct ctx *x, cmark_node *block, int src0)
{
	int emph = 0, strong = 0, image = 0, link = -1, src = src0;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == block)
			continue;
		bool enter = ev == CMARK_EVENT_ENTER;
		unsigned st = (emph ? ADPA_STYLE_EMPH : 0) | (strong ? ADPA_STYLE_STRONG : 0) |
		              (link >= 0 ? ADPA_STYLE_LINK : 0) | (image ? ADPA_STYLE_IMAGE : 0);
		const char *lit = cmark_node_get_literal(n);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			frag_add(x, lit, strlen(lit), st, link, src);
			break;
		case CMARK_NODE_CODE:
			frag_add(x, lit, strlen(lit), st | ADPA_STYLE_CODE, link, src);
			break;
		case CMARK_NODE_HTML_INLINE:
			frag_add(x, lit, strlen(lit), st | ADPA_STYLE_HTML, link, src);
			break;
		case CMARK_NODE_SOFTBREAK:
			src++;
			frag_add(x, " ", 1, st, link, src);
			break;
		case CMARK_NODE_LINEBREAK:
			frag_add(x, NULL, 0, st, link, src);
			src++;
			break;
		case CMARK_NODE_EMPH:
			emph += enter ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			strong += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			/* links nest (cmark keeps an autolink inside a link): the
			 * node keeps the enclosing link, given back on exit */
			if (enter) {
				cmark_node_set_user_data(n, (void *)(intptr_t)(link + 1));
				link = link_new(x, cmark_node_get_url(n));
			} else {
				char ref[32];
				snprintf(ref, sizeof ref, "[%d]", x->doc->links[link].ref);
				frag_add(x, ref, strlen(ref), ADPA_STYLE_REF, link, src);
				link = (int)(intptr_t)cmark_node_get_user_data(n) - 1;
			}
			break;
		case CMARK_NODE_IMAGE:
			if (enter) {
				frag_add(x, "[image\xC2\xA0: ", 10, st | ADPA_STYLE_IMAGE, link,
				         src);
				image++;
			} else {
				image--;
				frag_add(x, "]", 1, st, link, src);
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void ctx_init(struct ctx *x, const struct adpa_render_opts *opts)
{
	memset(x, 0, sizeof *x);
	x->doc = xcalloc(1, sizeof *x->doc);
	x->width = opts && opts->width > MIN_AVAIL ? opts->width : MIN_AVAIL;
	x->line_offset = opts ? opts->line_offset : 0;
	x->g = opts && opts->ascii ? &ascii_glyphs : &utf8_glyphs;
	x->doc->width = x->width;
	x->word = xcalloc(1, sizeof *x->word);
}

struct adpa_doc *ctx_finish(struct ctx *x)
{
	for (size_t i = 0; i < x->doc->nlinks; i++)
		if (x->doc->links[i].line == SIZE_MAX)
			x->doc->links[i].line = 0;
	for (size_t i = 0; i < x->ntargets; i++)
		free(x->targets[i]);
	free(x->targets);
	free(x->target_link);
	free(x->slots);
	free(x->lists);
	free(x->frags);
	free(x->word->v);
	free(x->word);
	buf_free(&x->fb);
	free(x->spans);
	buf_free(&x->lb);
	return x->doc;
}
