/*
 * The strict checks of adpa check that look across files: prerequisites
 * (unknown, cycles), paths, glossary references and keywords, then each fiche
 * body: links to unknown fiches, GFM pipe tables (not CommonMark: they render
 * as plain text), nesting past the renderer's cap, bidi controls. Positions
 * are file lines: cmark's body lines shifted by the front matter.
 *
 * course.c calls course_check() once everything is loaded; this file only
 * reads the course through its index (index.c), never calls the loader.
 * Every walk here is iterative and linear in the input: a course of 60,000
 * fiches or 45,000 links must be checked in seconds.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/render.h"
#include "adpa/text.h"
#include "internal.h"
#include <adpa/util.h>

struct lines {
	const char *text;
	size_t len;
	size_t *start; /* start[i] = offset of body line i+1 */
	size_t n;
	/* a cursor: byte off of body line line is character column col. Links
	 * come in source order, so a line's characters are counted once, not
	 * once per link (45,000 links on one line took 89 s) */
	int line, col;
	size_t off;
};

static void lines_index(struct lines *l, const char *text, size_t len)
{
	size_t cap = 0;
	memset(l, 0, sizeof *l);
	l->text = text;
	l->len = len;
	XGROW(l->start, cap, 1);
	l->start[l->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len) {
			XGROW(l->start, cap, l->n + 1);
			l->start[l->n++] = i + 1;
		}
}

/* Body line k (1-based): pointer and length without the newline. */
static const char *line_at(const struct lines *l, int k, size_t *n)
{
	if (k < 1 || (size_t)k > l->n) {
		*n = 0;
		return "";
	}
	size_t s = l->start[k - 1];
	size_t e = (size_t)k < l->n ? l->start[k] - 1 : l->len; /* at its \n */
	if (e > s && l->text[e - 1] == '\n')
		e--; /* the last line's newline */
	*n = e - s;
	return l->text + s;
}

/* Characters in s[a..b). */
static int chars(const char *s, size_t a, size_t b)
{
	return adpa_text_column(s + a, b - a) - 1;
}

/* The first needle[0..nl) in s[0..n), or NULL. */
static const char *find_bytes(const char *s, size_t n, const char *needle, size_t nl)
{
	for (const char *p = s; nl && n >= nl && (p = memchr(p, needle[0], n - (size_t)(p - s)));
	     p++) {
		if ((size_t)(p - s) + nl > n)
			return NULL;
		if (!memcmp(p, needle, nl))
			return p;
	}
	return NULL;
}

/* Moves the cursor to byte off of body line k. */
static void cursor_to(struct lines *l, int k, size_t off)
{
	size_t n;
	const char *s = line_at(l, k, &n);
	off = off < n ? off : n;
	if (l->line != k || l->off > off) {
		l->line = k;
		l->off = 0;
		l->col = 1;
	}
	l->col += chars(s, l->off, off);
	l->off = off;
}

/* The place of a link's destination in the source, found within the link's
 * own span (cmark's inline positions, in bytes); the link's start when it
 * is written otherwise (escaped). */
static void link_place(struct lines *l, cmark_node *link, const char *url, int *line, int *col)
{
	int sl = cmark_node_get_start_line(link), el = cmark_node_get_end_line(link);
	int sc = cmark_node_get_start_column(link), ec = cmark_node_get_end_column(link);
	cursor_to(l, sl, sc > 0 ? (size_t)sc - 1 : 0);
	*line = sl;
	*col = l->col;
	for (int k = sl; k <= el; k++) {
		size_t n;
		const char *s = line_at(l, k, &n);
		size_t from = k == sl ? l->off : 0,
		       to = k == el && ec > 0 && (size_t)ec < n ? (size_t)ec : n;
		const char *hit =
		    from < to ? find_bytes(s + from, to - from, url, strlen(url)) : NULL;
		if (hit) {
			cursor_to(l, k, (size_t)(hit - s));
			*line = k;
			*col = l->col;
			return;
		}
	}
}

static bool is_delim_row(const char *s, size_t n)
{
	bool dash = false, pipe = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = true;
		else if (s[i] == '|')
			pipe = true;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	}
	return dash && pipe;
}

static void check_table(const struct adpa_fiche *f, const struct lines *l, cmark_node *para,
                        struct adpa_diags *d)
{
	int a = cmark_node_get_start_line(para), b = cmark_node_get_end_line(para);
	for (int k = a; k < b; k++) {
		size_t n1, n2;
		const char *s1 = line_at(l, k, &n1);
		const char *s2 = line_at(l, k + 1, &n2);
		if (memchr(s1, '|', n1) && is_delim_row(s2, n2)) {
			adpa_diags_add(d, ADPA_SEV_WARNING, f->path, f->body_line - 1 + k, 1,
			               "GFM pipe table is not CommonMark: it will show as plain "
			               "text; use a list instead");
			return;
		}
	}
}

static cmark_node *enclosing_block(cmark_node *n)
{
	while (n && cmark_node_get_start_line(n) == 0)
		n = cmark_node_parent(n);
	return n;
}

static void check_link(const struct adpa_course *c, const struct adpa_fiche *f, struct lines *l,
                       cmark_node *link, struct adpa_diags *d)
{
	const char *url = cmark_node_get_url(link);
	if (!url || strncmp(url, "fiche:", 6) != 0)
		return;
	const char *id = url + 6;
	if (adpa_course_find(c, id))
		return;
	int line = 1, col = 1;
	if (cmark_node_get_start_line(link) > 0) {
		link_place(l, link, url, &line, &col);
	} else { /* no inline positions: the enclosing block's start */
		cmark_node *blk = enclosing_block(link);
		line = blk ? cmark_node_get_start_line(blk) : 1;
	}
	char *safe = adpa_text_clean(id, strlen(id), 0);
	if (!*id)
		adpa_diags_add(d, ADPA_SEV_ERROR, f->path, f->body_line - 1 + line, col,
		               "link \"fiche:\" names no fiche");
	else
		adpa_diags_add(d, ADPA_SEV_ERROR, f->path, f->body_line - 1 + line, col,
		               "link to unknown fiche \"%s\"", safe);
	free(safe);
}

/* Warns once, at the first block quote or list item past the renderer's
 * nesting cap, that what is inside is shown flat. */
static void check_nesting(const struct adpa_fiche *f, const struct lines *l, cmark_node *n,
                          struct adpa_diags *d)
{
	int k = cmark_node_get_start_line(n);
	size_t len, off = (size_t)cmark_node_get_start_column(n);
	const char *s = line_at(l, k, &len);
	off = off ? off - 1 : 0;
	char *head = xstrndup(s, off < len ? off : len);
	int col = adpa_text_column(head, strlen(head));
	free(head);
	adpa_diags_add(d, ADPA_SEV_WARNING, f->path, f->body_line - 1 + k, col,
	               "block quotes and list items nested deeper than %d levels are shown "
	               "flat, without their bars and markers",
	               ADPA_RENDER_MAX_NEST);
}

/* Warns about the first bidi control of the body (and how many there are):
 * it would reorder what a reader sees; adpa shows it as <U+202E>. */
static bool check_bidi(const struct adpa_fiche *f, const char *body, size_t len,
                       struct adpa_diags *d)
{
	size_t at = adpa_text_bidi_at(body, len);
	if (at == (size_t)-1)
		return false;
	size_t count = 0;
	for (size_t i = at, k; i < len && (k = adpa_text_bidi_at(body + i, len - i)) != (size_t)-1;
	     i += k + 2) /* a bidi control takes 2 or 3 bytes */
		count++;
	int line, col;
	text_position(body, at, f->body_line, &line, &col);
	uint32_t c;
	adpa_utf8_decode(body + at, len - at, &c);
	adpa_diags_add(d, ADPA_SEV_WARNING, f->path, line, col,
	               "bidi control U+%04X in the text (%zu in this fiche): it reorders what "
	               "readers see; adpa shows it as <U+%04X>",
	               (unsigned)c, count, (unsigned)c);
	return true;
}

/* True when body holds a reference that may decode to a bidi control: a
 * numeric one (&#x202E;, &#8207;) or &lrm; / &rlm;, the only named ones. */
static bool may_hold_bidi_ref(const char *body, size_t len)
{
	for (const char *p = body, *end = body + len; (p = memchr(p, '&', (size_t)(end - p)));
	     p++) {
		size_t left = (size_t)(end - p);
		if (left > 1 && p[1] == '#')
			return true;
		if (left > 4 && (p[1] == 'l' || p[1] == 'r') && !memcmp(p + 2, "rm;", 3))
			return true;
	}
	return false;
}

/* A bidi control that only an entity (&#x202E;) writes: the source holds
 * none, the decoded text does. Warned once, at the text's block. */
static bool check_bidi_entity(const struct adpa_fiche *f, cmark_node *n, struct adpa_diags *d)
{
	const char *lit = cmark_node_get_literal(n);
	size_t at = lit ? adpa_text_bidi_at(lit, strlen(lit)) : (size_t)-1;
	if (at == (size_t)-1)
		return false;
	uint32_t c;
	adpa_utf8_decode(lit + at, strlen(lit) - at, &c);
	cmark_node *blk = enclosing_block(n);
	int line = blk ? cmark_node_get_start_line(blk) : 1;
	adpa_diags_add(d, ADPA_SEV_WARNING, f->path, f->body_line - 1 + line, 1,
	               "bidi control U+%04X written as a character reference (&...;): it "
	               "reorders what readers see; adpa shows it as <U+%04X>",
	               (unsigned)c, (unsigned)c);
	return true;
}

static void body_check(const struct adpa_course *c, const struct adpa_fiche *f, const char *body,
                       size_t len, struct adpa_diags *d)
{
	/* raw bidi controls are warned here; references (&#x202E;, &rlm;) are
	 * only seen decoded, in the text nodes below */
	bool bidi_warned = check_bidi(f, body, len, d) || !may_hold_bidi_ref(body, len);
	size_t images = md_images(body, len);
	if (images > ADPA_MAX_IMAGES)
		adpa_diags_add(d, ADPA_SEV_WARNING, f->path, f->body_line, 1,
		               "%zu images (\"![\"): past %d, they are shown as text", images,
		               ADPA_MAX_IMAGES);
	cmark_node *doc = md_parse(body, len);
	if (!doc)
		return;
	struct lines l;
	lines_index(&l, body, len);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int nest = 0;
	bool nest_warned = false;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM) {
			nest += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (nest > ADPA_RENDER_MAX_NEST && !nest_warned) {
				check_nesting(f, &l, n, d);
				nest_warned = true;
			}
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (!bidi_warned)
				bidi_warned = check_bidi_entity(f, n, d);
			break;
		case CMARK_NODE_LINK:
			check_link(c, f, &l, n, d);
			break;
		case CMARK_NODE_PARAGRAPH:
			check_table(f, &l, n, d);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	free(l.start);
}

/* --- cross-file checks --- */

enum { WHITE, GREY, BLACK };

/* A fiche on the depth-first path and the next of its requires to follow. */
struct visit {
	size_t fiche, next;
};

/* Reports the cycle that the edge from the top of path to fiche j closes:
 * the fiches from j's place on the path, shortened in the middle when long
 * (a message is a sentence, and a chain may hold 60,000 fiches). */
static void report_cycle(const struct adpa_course *c, const struct visit *path, size_t top,
                         size_t from, const struct adpa_ref *edge, struct adpa_diags *d)
{
	struct buf cyc = {0};
	size_t len = top - from + 1;
	for (size_t s = from; s <= top; s++) {
		if (len > 10 && s == from + 4) {
			buf_printf(&cyc, "(%zu more) -> ", len - 8);
			s = top - 3;
		}
		buf_printf(&cyc, "%s -> ", c->fiches[path[s].fiche]->id);
	}
	buf_adds(&cyc, c->fiches[path[from].fiche]->id);
	const struct adpa_fiche *f = c->fiches[path[top].fiche];
	adpa_diags_add(d, ADPA_SEV_ERROR, f->path, edge->line, edge->col, "requires cycle: %s",
	               cyc.p);
	buf_free(&cyc);
}

/* Depth-first search over requires, with the path on the heap (a chain of
 * 60,000 fiches overflowed the C stack when this recursed); reports each
 * cycle once, at the edge that closes it. */
static void requires_cycles(const struct adpa_course *c, struct adpa_diags *d)
{
	unsigned char *color = xcalloc(c->nfiches + 1, 1);
	size_t *place = xcalloc(c->nfiches + 1, sizeof *place); /* on the path */
	struct visit *path = xcalloc(c->nfiches + 1, sizeof *path);
	for (size_t root = 0; root < c->nfiches; root++) {
		if (color[root] != WHITE)
			continue;
		size_t n = 0;
		path[n++] = (struct visit){root, 0};
		color[root] = GREY;
		while (n) {
			struct visit *v = &path[n - 1];
			const struct adpa_fiche *f = c->fiches[v->fiche];
			if (v->next == f->nrequires) {
				color[v->fiche] = BLACK;
				n--;
				continue;
			}
			const struct adpa_ref *edge = &f->requires[v->next++];
			const struct adpa_fiche *g = adpa_course_find(c, edge->s);
			if (!g)
				continue;
			if (color[g->index] == GREY) {
				report_cycle(c, path, n - 1, place[g->index], edge, d);
			} else if (color[g->index] == WHITE) {
				color[g->index] = GREY;
				place[g->index] = n;
				path[n++] = (struct visit){g->index, 0};
			}
		}
	}
	free(color);
	free(place);
	free(path);
}

static void cross_check(struct adpa_course *c, struct adpa_diags *d)
{
	char *meta = xasprintf("%s/course.yaml", c->dir);
	for (size_t i = 0; i < c->nfiches; i++) {
		const struct adpa_fiche *f = c->fiches[i];
		for (size_t k = 0; k < f->nrequires; k++)
			if (!adpa_course_find(c, f->requires[k].s))
				adpa_diags_add(d, ADPA_SEV_ERROR, f->path, f->requires[k].line,
				               f->requires[k].col, "requires unknown fiche \"%s\"",
				               f->requires[k].s);
		for (size_t k = 0; c->glossary_loaded && k < f->nkeywords; k++)
			if (!adpa_course_term(c, f->keywords[k].s))
				adpa_diags_add(d, ADPA_SEV_WARNING, f->path, f->keywords[k].line,
				               f->keywords[k].col,
				               "keyword \"%s\" is not a glossary term or alias",
				               f->keywords[k].s);
	}
	requires_cycles(c, d);
	for (size_t p = 0; p < c->npaths; p++)
		for (size_t k = 0; k < c->paths[p].nfiches; k++) {
			const struct adpa_ref *r = &c->paths[p].fiches[k];
			if (!adpa_course_find(c, r->s))
				adpa_diags_add(d, ADPA_SEV_ERROR, meta, r->line, r->col,
				               "path \"%s\" names unknown fiche \"%s\"",
				               c->paths[p].id, r->s);
		}
	char *gpath = xasprintf("%s/glossary.yaml", c->dir);
	for (size_t t = 0; t < c->nterms; t++)
		for (size_t k = 0; k < c->terms[t].nsee; k++) {
			const struct adpa_ref *r = &c->terms[t].see[k];
			if (!adpa_course_find(c, r->s))
				adpa_diags_add(d, ADPA_SEV_ERROR, gpath, r->line, r->col,
				               "term \"%s\" sees unknown fiche \"%s\"",
				               c->terms[t].term, r->s);
		}
	free(gpath);
	free(meta);
}

void course_check(struct adpa_course *c, struct adpa_fiche **todo, size_t ntodo,
                  struct adpa_diags *d)
{
	cross_check(c, d);
	for (size_t i = 0; i < ntodo; i++) {
		size_t len;
		char *body = adpa_fiche_read_body(todo[i], &len, NULL);
		if (body)
			body_check(c, todo[i], body, len, d);
		free(body);
	}
}
