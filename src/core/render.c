/*
 * Markdown to styled lines at a given width: the blocks.
 *
 * The document is walked with a cmark iterator, never by recursion, so no
 * input can exhaust the C stack. Each container (quote, list item) pushes a
 * prefix that every line inside it repeats: "│ " for a quote, a marker on an
 * item's first line and as many spaces on the next ones (a hanging indent).
 * Containers nested deeper than ADPA_RENDER_MAX_NEST add no prefix: their
 * content is still shown, flat, never dropped (adpa check warns about it).
 * Code is never reflowed: a line too wide is cut and marked. Lines, words
 * and inline text are laid out by render_line.c.
 *
 * Links are numbered in order of first appearance of their target; the
 * reference list at the end gives each target once. All text is cleaned by
 * adpa_text_clean() before it is stored.
 */
#include "adpa/render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/text.h"
#include "internal.h"
#include "render_internal.h"

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

/* --- blocks --- */

static int src_of(struct ctx *x, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);
	return l ? l + x->line_offset : 0;
}

static void render_literal(struct ctx *x, cmark_node *n, unsigned style, int first_src)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	int src = first_src;
	push(x, "  ", "  ", ADPA_STYLE_PLAIN, false);
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
	pop(x, false);
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

/* Entering a list: its frame, which its items read. */
static void list_enter(struct ctx *x, cmark_node *list)
{
	int count = 0;
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
		count++;
	XGROW(x->lists, x->cap_lists, x->nlists + 1);
	struct list_frame *l = &x->lists[x->nlists++];
	l->ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	l->paren = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM;
	l->tight = cmark_node_get_list_tight(list);
	l->start = cmark_node_get_list_start(list);
	l->k = 0;
	char maxnum[24];
	l->mw = snprintf(maxnum, sizeof maxnum, "%d", l->start + count - 1);
	maybe_blank(x);
}

/* Entering an item: its marker on the first line, spaces on the next. */
static void item_enter(struct ctx *x, cmark_node *item)
{
	struct list_frame *l = &x->lists[x->nlists - 1];
	if (l->k)
		maybe_blank(x);
	x->need_blank = false;
	/* the markers live in the ctx, by depth, until pop() */
	int d = x->depth < PREFIX_MAX ? x->depth : PREFIX_MAX - 1;
	char *mark = x->marks[d][0], *rest = x->marks[d][1];
	if (l->ordered)
		snprintf(mark, 40, "%*d%c ", l->mw, l->start + l->k, l->paren ? ')' : '.');
	else
		snprintf(mark, 40, "%s ", x->g->bullet[(x->nlists - 1) % 3]);
	l->k++;
	int w = adpa_text_width(mark, strlen(mark));
	memset(rest, ' ', (size_t)w);
	rest[w] = '\0';
	push(x, mark, rest, ADPA_STYLE_MARKER, true);
	if (!cmark_node_first_child(item)) {
		line_begin(x, src_of(x, item));
		line_end(x);
	}
}

static bool in_tight(const struct ctx *x)
{
	return x->nlists > 0 && x->lists[x->nlists - 1].tight;
}

static void render_rule(struct ctx *x, cmark_node *n)
{
	maybe_blank(x);
	line_begin(x, src_of(x, n));
	for (int i = 0; i < avail(x); i++)
		span_add(x, x->g->rule, strlen(x->g->rule), ADPA_STYLE_RULE, -1);
	x->lcells += avail(x);
	line_end(x);
	x->need_blank = true;
}

static void render_code(struct ctx *x, cmark_node *n)
{
	maybe_blank(x);
	/* a fenced block spans more source lines than its literal has */
	const char *lit = cmark_node_get_literal(n);
	int nl = 0;
	for (const char *p = lit ? lit : ""; *p; p++)
		nl += *p == '\n';
	bool fenced = cmark_node_get_end_line(n) - cmark_node_get_start_line(n) + 1 > nl;
	render_literal(x, n, ADPA_STYLE_CODEBLOCK, src_of(x, n) + (fenced ? 1 : 0));
}

/* A block entered; returns true when its children are not to be walked
 * (leaf blocks lay out their inline content themselves). */
static bool block_enter(struct ctx *x, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		maybe_blank(x);
		collect(x, n, src_of(x, n));
		layout(x, x->quote_depth ? ADPA_STYLE_QUOTE : ADPA_STYLE_PLAIN);
		x->need_blank = !in_tight(x);
		return true;
	case CMARK_NODE_HEADING:
		render_heading(x, n);
		return true;
	case CMARK_NODE_THEMATIC_BREAK:
		render_rule(x, n);
		return true;
	case CMARK_NODE_CODE_BLOCK:
		render_code(x, n);
		return true;
	case CMARK_NODE_HTML_BLOCK:
		maybe_blank(x);
		render_literal(x, n, ADPA_STYLE_HTML, src_of(x, n));
		return true;
	case CMARK_NODE_BLOCK_QUOTE:
		maybe_blank(x);
		push(x, x->g->quote, x->g->quote, ADPA_STYLE_QUOTE, true);
		x->quote_depth++;
		return false;
	case CMARK_NODE_LIST:
		list_enter(x, n);
		return false;
	case CMARK_NODE_ITEM:
		item_enter(x, n);
		return false;
	default:
		return false;
	}
}

static void block_exit(struct ctx *x, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		x->quote_depth--;
		pop(x, true);
		x->need_blank = true;
		break;
	case CMARK_NODE_LIST:
		x->nlists--;
		x->need_blank = true;
		break;
	case CMARK_NODE_ITEM:
		pop(x, true);
		x->need_blank = !x->lists[x->nlists - 1].tight;
		break;
	default:
		break;
	}
}

/* Walks the blocks of root in document order, without recursion. */
static void render_blocks(struct ctx *x, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == root)
			continue;
		if (ev == CMARK_EVENT_EXIT)
			block_exit(x, n);
		else if (block_enter(x, n) && cmark_node_first_child(n))
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* skip the inlines */
	}
	cmark_iter_free(it);
}

/* The « Liens » list: a fiche: link by the title of its fiche (when opts
 * names it), a URL whole on one line, never broken, so that it can be
 * selected and copied (the one line wider than the width: front ends let the
 * terminal wrap it, or clip it). */
static void render_refs(struct ctx *x, const struct adpa_render_opts *opts)
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
		const char *t = x->targets[i];
		const char *title = opts && opts->fiche_title && !strncmp(t, "fiche:", 6)
		                        ? opts->fiche_title(t + 6, opts->fiche_arg)
		                        : NULL;
		if (title) {
			char *blank_pad = xasprintf("%*s", n, "");
			push(x, num, blank_pad, ADPA_STYLE_REF, false);
			frag_add(x, title, strlen(title), ADPA_STYLE_LINK, x->target_link[i], 0);
			layout(x, ADPA_STYLE_PLAIN);
			pop(x, false);
			free(blank_pad);
			continue;
		}
		struct buf url = {0};
		text_clean_append(&url, t, strlen(t), ADPA_CLEAN_TABS_TO_SPACE | x->clean_flags);
		while (url.len && url.p[url.len - 1] == ' ') /* as layout() would */
			url.len--;
		line_begin(x, 0);
		span_add(x, num, (size_t)n, ADPA_STYLE_REF, -1);
		x->lcells += n;
		span_add(x, url.p ? url.p : "", url.len, ADPA_STYLE_LINK, x->target_link[i]);
		x->lcells += adpa_text_width(url.p ? url.p : "", url.len);
		line_end(x);
		buf_free(&url);
	}
}

size_t md_images(const char *md, size_t len)
{
	size_t n = 0;
	for (const char *p = md; (p = memchr(p, '!', len - (size_t)(p - md))); p++)
		n += (size_t)(p - md) + 1 < len && p[1] == '[';
	return n;
}

cmark_node *md_parse(const char *md, size_t len)
{
	if (md_images(md, len) <= ADPA_MAX_IMAGES)
		return cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	/* "![" past the cap becomes "!\[": shown as text, never an opener */
	struct buf b = {0};
	size_t seen = 0, from = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (md[i] == '!' && md[i + 1] == '[' && ++seen > ADPA_MAX_IMAGES) {
			buf_add(&b, md + from, i + 1 - from);
			buf_addc(&b, '\\');
			from = i + 1;
		}
	buf_add(&b, md + from, len - from);
	cmark_node *root = cmark_parse_document(b.p, b.len, CMARK_OPT_DEFAULT);
	buf_free(&b);
	return root;
}

/* True when md holds "&#", the start of a numeric character reference. */
static bool has_numeric_entity(const char *md, size_t len)
{
	for (const char *p = md, *end = md + len; (p = memchr(p, '&', (size_t)(end - p)));)
		if (++p < end && *p == '#')
			return true;
	return false;
}

static struct adpa_doc *render(const char *md, size_t len, const struct adpa_render_opts *opts,
                               adpa_line_fn fn, void *arg)
{
	cmark_node *root = md_parse(md, len);
	if (!root)
		return NULL;
	struct ctx x;
	ctx_init(&x, opts);
	x.sink = fn;
	x.sink_arg = arg;
	/* cmark keeps valid UTF-8 valid, named entities included: then
	 * fragments are cleaned without checking their encoding again. Not
	 * numeric ones: libcmark writes &#65534; and &#65535; as the lone
	 * bytes FE and FF (found by the render fuzz harness). */
	if (adpa_utf8_invalid_at(md, len) == (size_t)-1 && !has_numeric_entity(md, len))
		x.clean_flags = CLEAN_VALID_UTF8;
	render_blocks(&x, root);
	render_refs(&x, opts);
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

size_t adpa_doc_find_src(const struct adpa_doc *doc, int src_line)
{
	if (!doc || !doc->nlines)
		return 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].src_line >= src_line && doc->lines[i].src_line > 0)
			return i;
	return doc->nlines - 1;
}
