/*
 * Help and usage errors, generated from the tables of main.c: the general
 * help lists the commands, `adpa CMD --help` (or `adpa help CMD`) a
 * command's synopsis and the options it takes, so the help never drifts
 * from what the parser accepts. A usage error is one line naming what is
 * wrong, then the command to run for its help; an unknown command, option or
 * value gets the closest valid one when it looks like a typo
 * (Damerau-Levenshtein distance, as git's "did you mean").
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

#define HELP_COLUMN 24 /* where an option's help starts */
#define HELP_WIDTH 79  /* the last column of the help */

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (!strcmp(cli_commands[i].name, name))
			return &cli_commands[i];
	return NULL;
}

bool cli_option_applies(const struct cli_option *o, const char *cmd)
{
	if (!o->commands)
		return true;
	if (!cmd)
		return false;
	size_t n = strlen(cmd);
	for (const char *p = o->commands; (p = strstr(p, cmd)); p += n)
		if ((p == o->commands || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

const struct cli_option *cli_option_for(const char *name, const char *cmd)
{
	for (size_t i = 0; i < cli_noptions; i++)
		if (!strcmp(cli_options[i].name, name) && cli_option_applies(&cli_options[i], cmd))
			return &cli_options[i];
	return NULL;
}

void buf_choices(struct buf *b, const char *const *values, const char *last_sep)
{
	for (size_t i = 0; values[i]; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : values[i + 1] ? ", " : last_sep, values[i]);
}

char *join_args(char **args, int n)
{
	struct buf b = {0};
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", args[i]);
	return buf_detach(&b);
}

/* "--name ARG" (ARG: the values a|b when there is a list), after "-x, ". */
static char *option_label(const struct cli_option *o, bool with_short)
{
	struct buf b = {0};
	if (with_short)
		buf_printf(&b, o->short_name ? "-%c, " : "    ", o->short_name);
	buf_printf(&b, "--%s", o->name);
	if (o->values) {
		for (size_t i = 0; o->values[i]; i++)
			buf_printf(&b, "%c%s", i ? '|' : ' ', o->values[i]);
	} else if (o->arg) {
		buf_printf(&b, " %s", o->arg);
	}
	return buf_detach(&b);
}

/* "adpa show ID [--width N] [--color auto|always|never]", continued on
 * indented lines past HELP_WIDTH. */
static void print_synopsis(FILE *fp, const char *argv0, const struct cli_command *c)
{
	int col = fprintf(fp, "%s %s%s%s", argv0, c->name, *c->operands ? " " : "", c->operands);
	int indent = (int)(strlen(argv0) + strlen(c->name) + 2);
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!o->commands || !cli_option_applies(o, c->name))
			continue;
		char *l = option_label(o, false);
		if (col + (int)strlen(l) + 3 > HELP_WIDTH)
			col = fprintf(fp, "\n%*s", indent, "") - 1;
		col += fprintf(fp, " [%s]", l);
		free(l);
	}
	fputc('\n', fp);
}

/* text from column at to HELP_WIDTH, wrapped at spaces, continued at
 * HELP_COLUMN. The help texts are ASCII, so a byte is a column. */
static void print_wrapped(FILE *fp, const char *text, int at)
{
	while (*text) {
		int room = HELP_WIDTH - at, n = (int)strlen(text);
		if (n > room) {
			n = room;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = (int)strcspn(text, " ");
		}
		fprintf(fp, "%.*s\n", n, text);
		text += n;
		text += strspn(text, " ");
		if (*text)
			fprintf(fp, "%*s", HELP_COLUMN, "");
		at = HELP_COLUMN;
	}
}

static void print_option(FILE *fp, const struct cli_option *o)
{
	char *l = option_label(o, true);
	int w = 2 + (int)strlen(l);
	fprintf(fp, "  %s", l);
	if (w + 2 > HELP_COLUMN)
		fprintf(fp, "\n%*s", HELP_COLUMN, "");
	else
		fprintf(fp, "%*s", HELP_COLUMN - w, "");
	print_wrapped(fp, o->help, HELP_COLUMN);
	free(l);
}

static void print_globals(FILE *fp)
{
	fputs("\nglobal options:\n", fp);
	for (size_t i = 0; i < cli_noptions; i++)
		if (!cli_options[i].commands)
			print_option(fp, &cli_options[i]);
}

void usage_main(FILE *fp, const char *argv0)
{
	fprintf(fp,
	        "usage: %s [GLOBAL OPTIONS]                   open the interactive reader\n"
	        "       %s [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n",
	        argv0, argv0);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(fp, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	print_globals(fp);
	fprintf(fp,
	        "\n%s COMMAND --help (or %s help COMMAND) shows a command's options.\n"
	        "See adpa(1) and adpa-course(5).\n",
	        argv0, argv0);
}

void usage_command(FILE *fp, const char *argv0, const struct cli_command *c)
{
	fputs("usage: ", fp);
	print_synopsis(fp, argv0, c);
	fprintf(fp, "%s\n", c->summary);
	bool any = false;
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!o->commands || !cli_option_applies(o, c->name))
			continue;
		if (!any)
			fputs("\noptions:\n", fp);
		any = true;
		print_option(fp, o);
	}
	print_globals(fp);
	fputs("\nSee adpa(1).\n", fp);
}

int usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", cli->argv0);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help'.\n", cli->argv0, cli->command ? " " : "",
	        cli->command ? cli->command : "");
	return EXIT_USAGE;
}

/* Optimal string alignment distance (Damerau-Levenshtein with adjacent
 * transpositions), byte-wise; SIZE_MAX for words too long to be typos. */
static size_t distance(const char *a, const char *b)
{
	enum { MAXW = 48 };
	size_t n = strlen(a), m = strlen(b), d[MAXW + 1][MAXW + 1];
	if (n > MAXW || m > MAXW)
		return (size_t)-1;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

const char *closest_word(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, cands[i]);
		if (d < bestd)
			best = cands[i], bestd = d;
	}
	/* one edit in a short word, two in a longer one (lsit, exprot, glosary) */
	size_t len = strlen(word);
	return best && bestd > 0 && bestd <= (len >= 6 ? 2u : 1u) && bestd < len ? best : NULL;
}

const char *closest_fiche(const struct adpa_course *c, const char *id)
{
	const char **ids = xcalloc(c->nfiches + 1, sizeof *ids);
	for (size_t i = 0; i < c->nfiches; i++)
		ids[i] = c->fiches[i]->id;
	const char *near = closest_word(id, ids, c->nfiches);
	free(ids);
	return near;
}

int usage_unknown_command(const struct cli *cli, const char *name)
{
	const char *names[64];
	size_t n = 0;
	for (size_t i = 0; i < cli_ncommands && n < sizeof names / sizeof names[0]; i++)
		names[n++] = cli_commands[i].name;
	const char *near = closest_word(name, names, n);
	char *safe = adpa_text_clean(name, strlen(name), 0);
	int rc = near ? usage_error(cli, "unknown command \"%s\" (did you mean %s?)", safe, near)
	              : usage_error(cli, "unknown command \"%s\"", safe);
	free(safe);
	return rc;
}

/* "--format wants csv or json, not "xml"", with the closest value. */
static int bad_value(const struct cli *cli, const struct cli_option *o, const char *arg)
{
	struct buf b = {0};
	buf_choices(&b, o->values, " or ");
	char *choices = buf_detach(&b);
	size_t n = 0;
	while (o->values[n])
		n++;
	const char *near = closest_word(arg, o->values, n);
	char *safe = adpa_text_clean(arg, strlen(arg), 0);
	int rc = near ? usage_error(cli, "--%s wants %s, not \"%s\" (did you mean %s?)", o->name,
	                            choices, safe, near)
	              : usage_error(cli, "--%s wants %s, not \"%s\"", o->name, choices, safe);
	free(safe);
	free(choices);
	return rc;
}

int cli_option_set(struct cli *cli, const struct cli_option *o, const char *arg, bool report)
{
	char *at = (char *)cli + o->field;
	size_t k = 0;
	switch (o->kind) {
	case OPT_FLAG:
		*(bool *)at = true;
		return 0;
	case OPT_INT: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (!*arg || *end || v < o->min || v > o->max) {
			if (report)
				usage_error(cli, "--%s wants a number from %d to %d, not \"%s\"",
				            o->name, o->min, o->max, arg);
			return -1;
		}
		*(int *)at = (int)v;
		return 0;
	}
	case OPT_STRING:
	case OPT_ENUM:
		while (o->values && o->values[k] && strcmp(o->values[k], arg))
			k++;
		if (o->values && !o->values[k]) {
			if (report)
				bad_value(cli, o, arg);
			return -1;
		}
		if (o->kind == OPT_ENUM)
			*(int *)at = (int)k;
		else
			*(const char **)at = arg;
		return 0;
	}
	return -1;
}

int cmd_help(struct cli *cli)
{
	if (!cli->nargs) {
		usage_main(stdout, cli->argv0);
		return EXIT_OK;
	}
	const struct cli_command *c = cli_command_find(cli->args[0]);
	if (!c) {
		cli->command = NULL;
		return usage_unknown_command(cli, cli->args[0]);
	}
	usage_command(stdout, cli->argv0, c);
	return EXIT_OK;
}
