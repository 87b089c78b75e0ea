/*
 * Golden-test driver: renders a Markdown file at a width and prints the
 * lines as plain text, or (--styles) with each styled span written as
 * {style+style:text} so expected files name styles in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/adpa.h"

static void print_styles(unsigned style)
{
	const char *sep = "";
	for (int b = 0; b < ADPA_STYLE_COUNT; b++)
		if (style & (1u << b)) {
			printf("%s%s", sep, adpa_style_name(1u << b));
			sep = "+";
		}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: render_dump FILE WIDTH [--styles]\n");
		return 2;
	}
	bool styles = argc > 3 && !strcmp(argv[3], "--styles");
	struct adpa_error err;
	FILE *fp = fopen(argv[1], "rb");
	if (!fp) {
		perror(argv[1]);
		return 1;
	}
	char *md = NULL;
	size_t cap = 0, len = 0, n;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		md = realloc(md, cap = len + n + 1);
		memcpy(md + len, chunk, n);
		len += n;
	}
	fclose(fp);
	(void)err;
	(void)cap;
	struct adpa_render_opts o = {.width = atoi(argv[2])};
	struct adpa_doc *d = adpa_render(md ? md : "", len, &o);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct adpa_line *l = &d->lines[i];
		if (!styles) {
			printf("%s\n", l->text);
			continue;
		}
		printf("%3d| ", l->src_line);
		for (size_t k = 0; k < l->nspans; k++) {
			const struct adpa_span *s = &l->spans[k];
			if (!s->style) {
				fwrite(l->text + s->off, 1, s->len, stdout);
				continue;
			}
			putchar('{');
			print_styles(s->style);
			if (s->link >= 0)
				printf("#%d", s->link);
			putchar(':');
			fwrite(l->text + s->off, 1, s->len, stdout);
			putchar('}');
		}
		putchar('\n');
	}
	printf("-- %zu headings, %zu links\n", d->nheadings, d->nlinks);
	if (styles) {
		for (size_t i = 0; i < d->nheadings; i++)
			printf("heading h%d line %zu src %d: %s\n", d->headings[i].level,
			       d->headings[i].line, d->headings[i].src_line, d->headings[i].text);
		for (size_t i = 0; i < d->nlinks; i++)
			printf("link #%zu %s [%d] line %zu col %d: %s\n", i,
			       d->links[i].kind == ADPA_LINK_FICHE ? "fiche" : "url",
			       d->links[i].ref, d->links[i].line, d->links[i].col,
			       d->links[i].target);
	}
	adpa_doc_free(d);
	free(md);
	return 0;
}
