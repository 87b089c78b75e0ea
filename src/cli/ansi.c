/*
 * Styled lines to ANSI SGR sequences: the only place where the command line
 * turns semantic styles into terminal codes. Colour only when stdout is a
 * terminal (or --color=always), never when NO_COLOR is set.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

bool use_color(const struct cli *cli, FILE *fp)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	if (cli->color == COLOR_ALWAYS)
		return true;
	if (cli->color == COLOR_NEVER)
		return false;
	const char *term = getenv("TERM");
	return isatty(fileno(fp)) && !(term && !strcmp(term, "dumb"));
}

int output_width(const struct cli *cli, FILE *fp)
{
	if (cli->width > 0)
		return cli->width;
	struct winsize ws;
	if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static const struct {
	unsigned style;
	const char *sgr;
} sgr_table[] = {
    {ADPA_STYLE_H1, "1;35"},      {ADPA_STYLE_H2, "1;36"},   {ADPA_STYLE_H3, "1"},
    {ADPA_STYLE_STRONG, "1"},     {ADPA_STYLE_EMPH, "3"},    {ADPA_STYLE_CODE, "33"},
    {ADPA_STYLE_CODEBLOCK, "33"}, {ADPA_STYLE_LINK, "4;34"}, {ADPA_STYLE_QUOTE, "2"},
    {ADPA_STYLE_MARKER, "36"},    {ADPA_STYLE_RULE, "2"},    {ADPA_STYLE_IMAGE, "3"},
    {ADPA_STYLE_HTML, "2"},       {ADPA_STYLE_REF, "2"},     {ADPA_STYLE_CUT, "2"},
    {ADPA_STYLE_MATCH, "7"},
};

static void sgr(FILE *fp, unsigned style)
{
	fputs("\033[0", fp);
	for (size_t i = 0; i < sizeof sgr_table / sizeof sgr_table[0]; i++)
		if (style & sgr_table[i].style)
			fprintf(fp, ";%s", sgr_table[i].sgr);
	fputc('m', fp);
}

void ansi_print_line(FILE *fp, const struct adpa_line *l, bool color)
{
	if (!color) { /* a line's text is its spans, end to end */
		fwrite(l->text, 1, l->len, fp);
		putc('\n', fp);
		return;
	}
	for (size_t i = 0; i < l->nspans; i++) {
		const struct adpa_span *s = &l->spans[i];
		if (color && s->style)
			sgr(fp, s->style);
		fwrite(l->text + s->off, 1, s->len, fp);
		if (color && s->style)
			fputs("\033[0m", fp);
	}
	fputc('\n', fp);
}

void ansi_print_doc(FILE *fp, const struct adpa_doc *d, bool color)
{
	for (size_t i = 0; i < d->nlines; i++)
		ansi_print_line(fp, &d->lines[i], color);
}
