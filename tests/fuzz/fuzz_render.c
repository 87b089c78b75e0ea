/*
 * Harness: the Markdown renderer. The first byte chooses the width (1 to 200,
 * so widths under the renderer's minimum are tried too) and ASCII mode (bytes
 * 200 and up); the rest is a fiche body. Both entry points (adpa_render and
 * adpa_render_stream) and adpa_render_text run on it, and every line must
 * keep the promises of render.h: valid UTF-8 without control characters,
 * spans inside their line, link numbers inside the link list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/render.h>
#include <adpa/text.h>

#include "fuzz.h"

static void broken(const char *what, const struct adpa_line *l)
{
	fprintf(stderr, "fuzz_render: %s in line \"%.*s\"\n", what, (int)l->len, l->text);
	abort();
}

static void check_line(const struct adpa_line *l, size_t nlinks)
{
	if (strlen(l->text) != l->len)
		broken("NUL byte or wrong length", l);
	if (adpa_utf8_invalid_at(l->text, l->len) != (size_t)-1)
		broken("invalid UTF-8", l);
	if (adpa_text_has_controls(l->text, l->len))
		broken("control character", l);
	if (adpa_text_width(l->text, l->len) != l->cells)
		broken("wrong cell count", l);
	for (size_t i = 0; i < l->nspans; i++) {
		const struct adpa_span *s = &l->spans[i];
		if (s->off > l->len || s->len > l->len - s->off)
			broken("span out of the line", l);
		if (s->link < -1 || (s->link >= 0 && (size_t)s->link >= nlinks))
			broken("link index out of range", l);
	}
}

static void check_doc(const struct adpa_doc *doc)
{
	for (size_t i = 0; i < doc->nlines; i++)
		check_line(&doc->lines[i], doc->nlinks);
	for (size_t i = 0; i < doc->nheadings; i++)
		if (doc->headings[i].line > doc->nlines)
			abort();
	for (size_t i = 0; i < doc->nlinks; i++)
		if (doc->links[i].line > doc->nlines || !doc->links[i].target)
			abort();
	if (doc->nlines)
		adpa_doc_find_src(doc, doc->lines[doc->nlines / 2].src_line);
}

static void stream_line(const struct adpa_line *l, void *arg)
{
	(void)arg;
	/* links are numbered as they are met: no bound is known yet */
	check_line(l, (size_t)-1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct adpa_render_opts opts = {.width = 1 + data[0] % 200, .ascii = data[0] >= 200};
	const char *md = (const char *)data + 1;
	size_t len = size - 1;

	struct adpa_doc *doc = adpa_render(md, len, &opts);
	if (doc)
		check_doc(doc);
	adpa_doc_free(doc);
	adpa_render_stream(md, len, &opts, stream_line, NULL);

	/* plain text (titles, quiz text) is NUL-terminated in the core */
	char *text = malloc(len + 1);
	if (!text)
		abort();
	memcpy(text, md, len);
	text[len] = '\0';
	doc = adpa_render_text(text, ADPA_STYLE_STRONG, &opts);
	check_doc(doc);
	adpa_doc_free(doc);
	free(text);
	return 0;
}
