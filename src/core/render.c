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
#include "util.h"

#define MAX_PREFIX 48
#define MIN_AVAIL 10

struct frag {
	char *text; /* cleaned; NULL for a hard break */
	size_t len;
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

static const struct glyphs utf8_glyphs = {
	{"•", "◦", "▪"}, "│ ", "─", "═", "…"};
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

	/* the line being built */
	struct buf lb;
	struct adpa_span *spans;
	size_t nspans, cap_spans;
	int lcells;   /* cells used, prefix included */
	int content;  /* cells of content (after the prefix) */
	int lsrc;
	bool open;

	/* unique link targets, in order, for the reference list */
	char **targets;
	int *target_link;
	size_t ntargets, cap_targets;
};

static const char *style_names[ADPA_STYLE_COUNT] = {
	"h1",   "h2",    "h3",   "strong", "emph", "code", "codeblock", "link",
	"quote", "marker", "rule", "image", "html", "ref",  "cut",       "match"};

const char *adpa_style_name(unsigned bit)
{
	for (int i = 0; i < ADPA_STYLE_COUNT; i++)
		if (bit == 1u << i)
			return style_names[i];
	return bit ? "?" : "plain";
}

/* --- lines --- */

static void span_add(struct ctx *x, const char *s, size_t n, unsigned style, int link)
{
	if (!n)
		return;
	size_t off = x->lb.len;
	buf_add(&x->lb, s, n);
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
		x->doc->links[link].line = x->doc->nlines;
		x->doc->links[link].col = x->lcells;
	}
}

static void line_emit(struct ctx *x, int src)
{
	struct adpa_doc *d = x->doc;
	XGROW(d->lines, x->cap_lines, d->nlines + 1);
	struct adpa_line *l = &d->lines[d->nlines++];
	l->len = x->lb.len;
	l->text = buf_detach(&x->lb);
	l->cells = x->lcells;
	l->spans = x->spans;
	l->nspans = x->nspans;
	l->src_line = src;
	x->spans = NULL;
	x->nspans = x->cap_spans = 0;
	x->lcells = x->content = 0;
	x->open = false;
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
	if (!x->doc->nlines)
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
	struct word w = {0};
	for (size_t i = 0; i < x->nfrags; i++) {
		const struct frag *f = &x->frags[i];
		unsigned style = f->style | base;
		if (!f->text) { /* hard break */
			place_word(x, &w);
			if (!x->open)
				line_begin(x, f->src);
			line_end(x);
			line_begin(x, f->src + 1);
			continue;
		}
		size_t a = 0;
		while (a < f->len) {
			if (f->text[a] == ' ') {
				place_word(x, &w);
				w.space_before = x->open && x->content > 0;
				w.space_style = style;
				w.space_link = f->link;
				while (a < f->len && f->text[a] == ' ')
					a++;
				continue;
			}
			size_t b = a;
			while (b < f->len && f->text[b] != ' ')
				b++;
			XGROW(w.v, w.cap, w.n + 1);
			int cells = adpa_text_width(f->text + a, b - a);
			w.v[w.n++] = (struct piece){f->text + a, b - a, style, f->link, f->src, cells};
			w.cells += cells;
			a = b;
		}
	}
	place_word(x, &w);
	line_end(x);
	free(w.v);
	for (size_t i = 0; i < x->nfrags; i++)
		free(x->frags[i].text);
	x->nfrags = 0;
}

static void frag_add(struct ctx *x, const char *s, size_t n, unsigned style, int link, int src)
{
	char *t = s ? adpa_text_clean(s, n, ADPA_CLEAN_TABS_TO_SPACE) : NULL;
	XGROW(x->frags, x->cap_frags, x->nfrags + 1);
	x->frags[x->nfrags++] = (struct frag){t, t ? strlen(t) : 0, style, link, src};
}

static int target_ref(struct ctx *x, const char *target, int link)
{
	for (size_t i = 0; i < x->ntargets; i++)
		if (!strcmp(x->targets[i], target))
			return (int)i + 1;
	XGROW(x->targets, x->cap_targets, x->ntargets + 1);
	size_t cap2 = x->cap_targets;
	x->target_link = xrealloc(x->target_link, cap2 * sizeof *x->target_link);
	x->targets[x->ntargets] = xstrdup(target);
	x->target_link[x->ntargets] = link;
	return (int)++x->ntargets;
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
				frag_add(x, "[image\xC2\xA0: ", 10, st | ADPA_STYLE_IMAGE, link, src);
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
	size_t first = x->doc->nlines;
	collect(x, n, src_of(x, n));
	struct buf text = {0};
	for (size_t i = 0; i < x->nfrags; i++)
		if (x->frags[i].text && !(x->frags[i].style & ADPA_STYLE_REF))
			buf_add(&text, x->frags[i].text, x->frags[i].len);
	layout(x, style);
	int wmax = 0;
	for (size_t i = first; i < x->doc->nlines; i++)
		if (x->doc->lines[i].cells - x->pwidth > wmax)
			wmax = x->doc->lines[i].cells - x->pwidth;
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
		char *mark;
		if (ordered)
			mark = xasprintf("%*d%c ", mw, start + k,
					 cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')'
											      : '.');
		else
			mark = xasprintf("%s ", x->g->bullet[level % 3]);
		int w = adpa_text_width(mark, strlen(mark));
		char *rest = xasprintf("%*s", w, "");
		push(x, mark, rest, ADPA_STYLE_MARKER); /* both freed after the item */
		if (!cmark_node_first_child(it)) {
			line_begin(x, src_of(x, it));
			line_end(x);
		}
		render_children(x, it);
		pop(x);
		free(mark);
		free(rest);
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
	free(x->frags);
	free(x->spans);
	buf_free(&x->lb);
	return x->doc;
}

struct adpa_doc *adpa_render(const char *md, size_t len, const struct adpa_render_opts *opts)
{
	cmark_node *root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!root)
		return NULL;
	struct ctx x;
	ctx_init(&x, opts);
	render_children(&x, root);
	render_refs(&x);
	cmark_node_free(root);
	return ctx_finish(&x);
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
	for (size_t i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
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
