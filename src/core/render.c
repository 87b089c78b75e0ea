/*
 * Markdown to styled lines at a given width.
 *
 * Blocks are walked with cmark's tree; each container (quote, list item)
 * pushes a prefix that every line inside it repeats: "│ " for a quote, a
 * marker on an item's first line and as many spaces on the next ones (a
 * hanging indent). Inline content is flattened to fragments (text, style,
 * link, source line) and laid out word by word. Lines break only at ASCII
 * spaces, never at U+00A0 or U+202F, so French « guillemets » and the space
 * before ; : ! ? stay with their word; a word wider than the line is cut.
 * Code is never reflowed: a line too wide is cut and marked.
 *
 * Links are numbered in order of first appearance of their target; the
 * reference list at the end gives each target once. All text is cleaned by
 * adpa_text_clean() before it is stored.
 */
#include "adpa/render.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/text.h"
#include "internal.h"
#include <adpa/util.h>

#define MAX_PREFIX 48
#define MIN_AVAIL 10

struct frag {
	size_t off, len; /* cleaned text in ctx.fb */
	bool brk;        /* a hard break */
	unsigned style;
	int link;
	int src;
};

struct pfx {
	const char *first, *rest; /* static strings */
	unsigned style;
	bool first_pending;
	int w;
};

struct glyphs {
	const char *bullet[3], *quote, *rule, *rule2, *cut;
};

static const struct glyphs utf8_glyphs = {{"•", "◦", "▪"}, "│ ", "─", "═", "…"};
static const struct glyphs ascii_glyphs = {{"*", "-", "+"}, "| ", "-", "=", ">"};

struct ctx {
	struct adpa_doc *doc;
	size_t cap_lines, cap_heads, cap_links;
	const struct glyphs *g;
	int width, line_offset;

	struct pfx stack[MAX_PREFIX];
	int depth, pwidth;
	bool tight[MAX_PREFIX];
	int ntight;
	bool need_blank;
	int quote_depth;

	struct frag *frags;
	size_t nfrags, cap_frags;
	struct buf fb;        /* the fragments' text, one buffer for the block */
	unsigned clean_flags; /* CLEAN_VALID_UTF8 when the whole source is */
	bool trusted;         /* the source cannot yield a control: no cleaning */
	struct word *word;    /* reused by layout() */
	size_t nlines;        /* lines laid out so far (stored or streamed) */
	int wmax;             /* widest content of the lines since it was reset */
	adpa_line_fn sink;    /* streaming: each line goes here, is not kept */
	void *sink_arg;

	/* the line being built */
	struct buf lb;
	struct adpa_span *spans;
	size_t nspans, cap_spans;
	int lcells;  /* cells used, prefix included */
	int content; /* cells of content (after the prefix) */
	int lsrc;
	bool open;

	/* unique link targets, in order, for the reference list */
	char **targets;
	int *target_link;
	size_t ntargets, cap_targets;
	size_t *slots; /* open-addressing hash: target index + 1, or 0 */
	size_t nslots;
};

static const char *style_names[ADPA_STYLE_COUNT] = {
    "h1",    "h2",     "h3",   "strong", "emph", "code", "codeblock", "link",
    "quote", "marker", "rule", "image",  "html", "ref",  "cut",       "match"};

const char *adpa_style_name(unsigned bit)
{
	for (int i = 0; i < ADPA_STYLE_COUNT; i++)
		if (bit == 1u << i)
			return style_names[i];
	return bit ? "?" : "plain";
}

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

/* --- lines --- */

static void span_add(struct ctx *x, const char *s, size_t n, unsigned style, int link)
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

static void line_begin(struct ctx *x, int src)
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

static void line_end(struct ctx *x)
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

static void maybe_blank(struct ctx *x)
{
	if (x->need_blank)
		blank(x);
	x->need_blank = false;
}

static int avail(const struct ctx *x)
{
	return x->width - x->pwidth;
}

static void push(struct ctx *x, const char *first, const char *rest, unsigned style)
{
	int w = adpa_text_width(first, strlen(first));
	if (x->depth >= MAX_PREFIX || x->width - x->pwidth - w < MIN_AVAIL)
		first = rest = "", w = 0;
	x->stack[x->depth++] = (struct pfx){first, rest, style, true, w};
	x->pwidth += w;
}

static void pop(struct ctx *x)
{
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

static void layout(struct ctx *x, unsigned base)
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

static void frag_add(struct ctx *x, const char *s, size_t n, unsigned style, int link, int src)
{
	size_t off = x->fb.len;
	if (s && x->trusted)
		buf_add(&x->fb, s, n);
	else if (s)
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

/* Flattens the inline children of block into x->frags. */
static void collect(struct ctx *x, cmark_node *block, int src0)
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
			if (enter) {
				link = link_new(x, cmark_node_get_url(n));
			} else {
				char ref[32];
				snprintf(ref, sizeof ref, "[%d]", x->doc->links[link].ref);
				frag_add(x, ref, strlen(ref), ADPA_STYLE_REF, link, src);
				link = -1;
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

/* --- blocks --- */

static int src_of(struct ctx *x, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);
	return l ? l + x->line_offset : 0;
}

static void render_children(struct ctx *x, cmark_node *n);

static void render_literal(struct ctx *x, cmark_node *n, unsigned style, int first_src)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	int src = first_src;
	push(x, "  ", "  ", ADPA_STYLE_PLAIN);
	for (size_t a = 0; a < len; src++) {
		const char *nl = memchr(lit + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - lit) : len;
		struct buf exp = {0};
		for (size_t i = a; i < b; i++)
			if (lit[i] == '\t')
				do
					buf_addc(&exp, ' ');
				while (exp.len % 4);
			else
				buf_addc(&exp, lit[i]);
		char *clean = adpa_text_clean(exp.p ? exp.p : "", exp.len, 0);
		buf_free(&exp);
		size_t cn = strlen(clean);
		line_begin(x, src);
		int w = adpa_text_width(clean, cn);
		if (w <= avail(x)) {
			span_add(x, clean, cn, style, -1);
			x->lcells += w;
		} else {
			int used;
			size_t k = adpa_text_fit(clean, cn, avail(x) - 1, &used);
			span_add(x, clean, k, style, -1);
			span_add(x, x->g->cut, strlen(x->g->cut), ADPA_STYLE_CUT, -1);
			x->lcells += used + 1;
		}
		line_end(x);
		free(clean);
		a = b + 1;
	}
	pop(x);
	x->need_blank = true;
}

static void render_heading(struct ctx *x, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	unsigned style = level == 1 ? ADPA_STYLE_H1 : level == 2 ? ADPA_STYLE_H2 : ADPA_STYLE_H3;
	maybe_blank(x);
	size_t first = x->nlines;
	collect(x, n, src_of(x, n));
	struct buf text = {0};
	for (size_t i = 0; i < x->nfrags; i++)
		if (!x->frags[i].brk && !(x->frags[i].style & ADPA_STYLE_REF))
			buf_add(&text, x->fb.p + x->frags[i].off, x->frags[i].len);
	x->wmax = 0;
	layout(x, style);
	int wmax = x->wmax;
	if (level <= 2 && wmax > 0) {
		const char *r = level == 1 ? x->g->rule2 : x->g->rule;
		line_begin(x, src_of(x, n));
		for (int i = 0; i < wmax; i++)
			span_add(x, r, strlen(r), ADPA_STYLE_RULE, -1);
		x->lcells += wmax;
		line_end(x);
	}
	struct adpa_doc *d = x->doc;
	XGROW(d->headings, x->cap_heads, d->nheadings + 1);
	d->headings[d->nheadings++] =
	    (struct adpa_heading){level, buf_detach(&text), first, src_of(x, n)};
	x->need_blank = true;
}

static void render_list(struct ctx *x, cmark_node *list)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	bool tight = cmark_node_get_list_tight(list);
	int start = cmark_node_get_list_start(list), count = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
		count++;
	char maxnum[24];
	int mw = snprintf(maxnum, sizeof maxnum, "%d", start + count - 1);
	int level = 0;
	for (int i = 0; i < x->depth; i++)
		if (x->stack[i].style & ADPA_STYLE_MARKER)
			level++;
	maybe_blank(x);
	if (x->ntight < MAX_PREFIX)
		x->tight[x->ntight] = tight;
	x->ntight++;
	int k = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), k++) {
		if (k)
			maybe_blank(x);
		x->need_blank = false;
		char mark[40], rest[40];
		if (ordered)
			snprintf(mark, sizeof mark, "%*d%c ", mw, start + k,
			         cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
		else
			snprintf(mark, sizeof mark, "%s ", x->g->bullet[level % 3]);
		int w = adpa_text_width(mark, strlen(mark));
		memset(rest, ' ', (size_t)w);
		rest[w] = '\0';
		push(x, mark, rest, ADPA_STYLE_MARKER); /* both live until pop() below */
		if (!cmark_node_first_child(it)) {
			line_begin(x, src_of(x, it));
			line_end(x);
		}
		render_children(x, it);
		pop(x);
		x->need_blank = !tight;
	}
	x->ntight--;
	x->need_blank = true;
}

static bool in_tight(const struct ctx *x)
{
	return x->ntight > 0 && x->ntight <= MAX_PREFIX && x->tight[x->ntight - 1];
}

static void render_block(struct ctx *x, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		maybe_blank(x);
		collect(x, n, src_of(x, n));
		layout(x, x->quote_depth ? ADPA_STYLE_QUOTE : ADPA_STYLE_PLAIN);
		x->need_blank = !in_tight(x);
		break;
	case CMARK_NODE_HEADING:
		render_heading(x, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		maybe_blank(x);
		line_begin(x, src_of(x, n));
		for (int i = 0; i < avail(x); i++)
			span_add(x, x->g->rule, strlen(x->g->rule), ADPA_STYLE_RULE, -1);
		x->lcells += avail(x);
		line_end(x);
		x->need_blank = true;
		break;
	case CMARK_NODE_CODE_BLOCK: {
		maybe_blank(x);
		/* a fenced block spans more source lines than its literal has */
		const char *lit = cmark_node_get_literal(n);
		int nl = 0;
		for (const char *p = lit ? lit : ""; *p; p++)
			nl += *p == '\n';
		bool fenced = cmark_node_get_end_line(n) - cmark_node_get_start_line(n) + 1 > nl;
		render_literal(x, n, ADPA_STYLE_CODEBLOCK, src_of(x, n) + (fenced ? 1 : 0));
		break;
	}
	case CMARK_NODE_HTML_BLOCK:
		maybe_blank(x);
		render_literal(x, n, ADPA_STYLE_HTML, src_of(x, n));
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		maybe_blank(x);
		push(x, x->g->quote, x->g->quote, ADPA_STYLE_QUOTE);
		x->quote_depth++;
		render_children(x, n);
		x->quote_depth--;
		pop(x);
		x->need_blank = true;
		break;
	case CMARK_NODE_LIST:
		render_list(x, n);
		break;
	default:
		render_children(x, n);
		break;
	}
}

static void render_children(struct ctx *x, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		render_block(x, c);
}

static void render_refs(struct ctx *x)
{
	if (!x->ntargets)
		return;
	x->need_blank = true;
	maybe_blank(x);
	line_begin(x, 0);
	span_add(x, "Liens", 5, ADPA_STYLE_H3, -1);
	x->lcells += 5;
	line_end(x);
	for (size_t i = 0; i < x->ntargets; i++) {
		char num[32];
		int n = snprintf(num, sizeof num, "[%zu] ", i + 1);
		char *blank_pad = xasprintf("%*s", n, "");
		push(x, num, blank_pad, ADPA_STYLE_REF);
		const char *t = x->targets[i];
		frag_add(x, t, strlen(t), ADPA_STYLE_LINK, x->target_link[i], 0);
		layout(x, ADPA_STYLE_PLAIN);
		pop(x);
		free(blank_pad);
	}
}

static void ctx_init(struct ctx *x, const struct adpa_render_opts *opts)
{
	memset(x, 0, sizeof *x);
	x->doc = xcalloc(1, sizeof *x->doc);
	x->width = opts && opts->width > MIN_AVAIL ? opts->width : MIN_AVAIL;
	x->line_offset = opts ? opts->line_offset : 0;
	x->g = opts && opts->ascii ? &ascii_glyphs : &utf8_glyphs;
	x->doc->width = x->width;
	x->word = xcalloc(1, sizeof *x->word);
}

static struct adpa_doc *ctx_finish(struct ctx *x)
{
	for (size_t i = 0; i < x->doc->nlinks; i++)
		if (x->doc->links[i].line == SIZE_MAX)
			x->doc->links[i].line = 0;
	for (size_t i = 0; i < x->ntargets; i++)
		free(x->targets[i]);
	free(x->targets);
	free(x->target_link);
	free(x->slots);
	free(x->frags);
	free(x->word->v);
	free(x->word);
	buf_free(&x->fb);
	free(x->spans);
	buf_free(&x->lb);
	return x->doc;
}

/* True when no text cmark takes from md can hold a control character: md is
 * valid UTF-8 without C0 (but newlines), DEL or C1 characters, tabs, or
 * numeric character references (&#27; would decode to ESC). Then fragments
 * need no cleaning, which is most of a fiche's rendering time otherwise. */
static bool byte_unsafe(const unsigned char *p, size_t i, size_t len)
{
	unsigned char c = p[i];
	return (c < 0x20 && c != '\n') || c == 0x7F ||
	       (c == 0xC2 && i + 1 < len && p[i + 1] < 0xA0);
}

static bool source_is_clean(const char *md, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const unsigned char *p = (const unsigned char *)md;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) { /* a word at a time; bytes only when suspect */
		uint64_t v;
		memcpy(&v, p + i, 8);
		uint64_t lt20 = (v - ones * 0x20) & ~v & highs;
		uint64_t x7f = v ^ (ones * 0x7F), xc2 = v ^ (ones * 0xC2);
		if (lt20 | ((x7f - ones) & ~x7f & highs) | ((xc2 - ones) & ~xc2 & highs))
			for (size_t k = i; k < i + 8; k++)
				if (byte_unsafe(p, k, len))
					return false;
	}
	for (; i < len; i++)
		if (byte_unsafe(p, i, len))
			return false;
	for (const char *a = md; (a = memchr(a, '&', len - (size_t)(a - md))); a++)
		if (a + 1 < md + len && a[1] == '#')
			return false;
	return adpa_utf8_invalid_at(md, len) == (size_t)-1;
}

static struct adpa_doc *render(const char *md, size_t len, const struct adpa_render_opts *opts,
                               adpa_line_fn fn, void *arg)
{
	cmark_node *root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!root)
		return NULL;
	struct ctx x;
	ctx_init(&x, opts);
	x.sink = fn;
	x.sink_arg = arg;
	x.trusted = source_is_clean(md, len);
	if (!x.trusted && adpa_utf8_invalid_at(md, len) == (size_t)-1)
		x.clean_flags = CLEAN_VALID_UTF8; /* cmark keeps valid UTF-8 valid */
	render_children(&x, root);
	render_refs(&x);
	cmark_node_free(root);
	return ctx_finish(&x);
}

struct adpa_doc *adpa_render(const char *md, size_t len, const struct adpa_render_opts *opts)
{
	return render(md, len, opts, NULL, NULL);
}

int adpa_render_stream(const char *md, size_t len, const struct adpa_render_opts *opts,
                       adpa_line_fn fn, void *arg)
{
	struct adpa_doc *d = render(md, len, opts, fn, arg);
	adpa_doc_free(d);
	return d ? 0 : -1;
}

struct adpa_doc *adpa_render_text(const char *text, unsigned style,
                                  const struct adpa_render_opts *opts)
{
	struct ctx x;
	ctx_init(&x, opts);
	frag_add(&x, text ? text : "", text ? strlen(text) : 0, ADPA_STYLE_PLAIN, -1, 0);
	layout(&x, style);
	return ctx_finish(&x);
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

size_t adpa_doc_find_src(const struct adpa_doc *doc, int src_line)
{
	if (!doc || !doc->nlines)
		return 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].src_line >= src_line && doc->lines[i].src_line > 0)
			return i;
	return doc->nlines - 1;
}
