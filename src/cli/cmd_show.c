/* adpa show ID [--width N] [--color WHEN]: a header, then the rendered body. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

static void print_text(const char *text, unsigned style, const struct adpa_render_opts *o,
                       bool color)
{
	struct adpa_doc *d = adpa_render_text(text, style, o);
	ansi_print_doc(stdout, d, color);
	adpa_doc_free(d);
}

static void print_plain(const struct adpa_line *l, void *fp)
{
	ansi_print_line(fp, l, false);
}

static void print_color(const struct adpa_line *l, void *fp)
{
	ansi_print_line(fp, l, true);
}

int cmd_show(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	const struct adpa_fiche *f = adpa_course_find(c, cli->args[0]);
	if (!f) {
		const char *near = closest_fiche(c, cli->args[0]);
		if (near)
			cli_warn("no fiche \"%s\" in this course (did you mean %s?)", cli->args[0],
			         near);
		else
			cli_warn("no fiche \"%s\" in this course (adpa list shows the ids)",
			         cli->args[0]);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	struct adpa_error err = {0};
	size_t len;
	char *body = adpa_fiche_read_body(f, &len, &err);
	if (!body) {
		cli_warn("%s: %s", err.path, err.msg);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	bool color = use_color(cli, stdout);
	const char *cs = nl_langinfo(CODESET);
	struct adpa_render_opts o = {
	    .width = output_width(cli, stdout),
	    .line_offset = f->body_line - 1,
	    .ascii = !(cs && !strcmp(cs, "UTF-8")),
	};
	print_text(f->title, ADPA_STYLE_H1, &o, color);
	const struct adpa_rubric *r = &c->rubrics[f->rubric_index];
	struct buf meta = {0};
	buf_printf(&meta, "%s · %d min · %s", r->title, f->duration, adpa_level_label(f->level));
	if (f->nquiz)
		buf_printf(&meta, " · quiz de %zu question%s", f->nquiz, f->nquiz > 1 ? "s" : "");
	print_text(meta.p, ADPA_STYLE_RULE, &o, color);
	buf_free(&meta);
	if (f->nkeywords) {
		buf_adds(&meta, "Mots-clés\xC2\xA0: ");
		for (size_t i = 0; i < f->nkeywords; i++)
			buf_printf(&meta, "%s%s", i ? ", " : "", f->keywords[i].s);
		print_text(meta.p, ADPA_STYLE_EMPH, &o, color);
		buf_free(&meta);
	}
	putchar('\n');
	adpa_render_stream(body, len, &o, color ? print_color : print_plain, stdout);
	free(body);
	adpa_course_free(c);
	return EXIT_OK;
}
