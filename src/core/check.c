/*
 * Strict checks of a fiche body, for adpa check: links to unknown fiches and
 * GFM pipe tables (not CommonMark: they render as plain text). Positions are
 * file lines: cmark's body lines shifted by the front matter.
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
};

static void lines_index(struct lines *l, const char *text, size_t len)
{
	size_t cap = 0;
	l->text = text;
	l->len = len;
	l->start = NULL;
	l->n = 0;
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
	const char *nl = memchr(l->text + s, '\n', l->len - s);
	*n = nl ? (size_t)(nl - (l->text + s)) : l->len - s;
	return l->text + s;
}

/* Finds needle within body lines [from, to]; sets *line / *col (body line). */
static bool find_in(const struct lines *l, int from, int to, const char *needle, int *line,
                    int *col)
{
	size_t nl = strlen(needle);
	for (int k = from; k <= to; k++) {
		size_t n;
		const char *s = line_at(l, k, &n);
		for (size_t i = 0; i + nl <= n; i++)
			if (!memcmp(s + i, needle, nl)) {
				char *head = xstrndup(s, i);
				*line = k;
				*col = adpa_text_column(head, i);
				free(head);
				return true;
			}
	}
	return false;
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

static void check_link(const struct adpa_course *c, const struct adpa_fiche *f,
                       const struct lines *l, cmark_node *link, struct adpa_diags *d)
{
	const char *url = cmark_node_get_url(link);
	if (!url || strncmp(url, "fiche:", 6) != 0)
		return;
	const char *id = url + 6;
	if (adpa_course_find(c, id))
		return;
	cmark_node *blk = enclosing_block(link);
	int from = blk ? cmark_node_get_start_line(blk) : 1;
	int to = blk ? cmark_node_get_end_line(blk) : (int)l->n;
	int line = from, col = 1;
	find_in(l, from, to, url, &line, &col);
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
static void check_bidi(const struct adpa_fiche *f, const char *body, size_t len,
                       struct adpa_diags *d)
{
	size_t at = adpa_text_bidi_at(body, len);
	if (at == (size_t)-1)
		return;
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
}

void body_check(const struct adpa_course *c, const struct adpa_fiche *f, const char *body,
                size_t len, struct adpa_diags *d)
{
	check_bidi(f, body, len, d);
	cmark_node *doc = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
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
