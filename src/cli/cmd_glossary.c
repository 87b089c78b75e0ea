/*
 * adpa glossary [TERM...] [--json]: the glossary (« Lexique »). Without TERM,
 * every entry in the glossary's order; with TERM (its words joined by
 * spaces, so « adpa glossary indicateur cle » works unquoted), the entry
 * whose term or alias it is, case, apostrophes and accents ignored. An entry
 * is its term, its aliases, its definition and the fiches that use it
 * (adpa_glossary_fiches), laid out like adpa show: wrapped to the terminal
 * (or --width), styled only on a terminal. An unknown term exits 1 with the
 * close terms, if any, on stderr.
 *
 * --json: {"course", "terms": [ENTRY...]} without TERM, the ENTRY alone
 * with it; ENTRY is {"term", "aliases", "definition", "fiches": [{"id",
 * "title"}]}.
 */
#include <jansson.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

#define NEAR_MAX 5

static json_t *entry_json(const struct adpa_course *c, const struct adpa_term *t)
{
	json_t *al = json_array(), *fi = json_array();
	for (size_t k = 0; k < t->naliases; k++)
		json_array_append_new(al, json_string(t->aliases[k]));
	const struct adpa_fiche **v;
	size_t n = adpa_glossary_fiches(c, t, &v);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    fi, json_pack("{s:s, s:s}", "id", v[i]->id, "title", v[i]->title));
	free(v);
	return json_pack("{s:s, s:o, s:s, s:o}", "term", t->term ? t->term : "", "aliases", al,
	                 "definition", t->definition ? t->definition : "", "fiches", fi);
}

/* text as a paragraph in style, each line after indent spaces. */
static void print_par(const char *text, unsigned style, int indent,
                      const struct adpa_render_opts *o, bool color)
{
	struct adpa_render_opts io = *o;
	io.width = o->width - indent;
	struct adpa_doc *d = adpa_render_text(text, style, &io);
	for (size_t i = 0; i < d->nlines; i++) {
		printf("%*s", indent, "");
		ansi_print_line(stdout, &d->lines[i], color);
	}
	adpa_doc_free(d);
}

static void print_entry(const struct adpa_course *c, const struct adpa_term *t,
                        const struct adpa_render_opts *o, bool color)
{
	print_par(t->term ? t->term : "", ADPA_STYLE_STRONG, 0, o, color);
	struct buf b = {0};
	if (t->naliases) {
		buf_adds(&b, "Aussi\xC2\xA0: ");
		for (size_t k = 0; k < t->naliases; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", t->aliases[k]);
		print_par(b.p, ADPA_STYLE_EMPH, 2, o, color);
		buf_free(&b);
	}
	print_par(t->definition ? t->definition : "", ADPA_STYLE_PLAIN, 2, o, color);
	const struct adpa_fiche **v;
	size_t n = adpa_glossary_fiches(c, t, &v);
	if (n) {
		buf_adds(&b, "Fiches\xC2\xA0: ");
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s%s (%s)", i ? "\xC2\xA0; " : "", v[i]->title, v[i]->id);
		print_par(b.p, ADPA_STYLE_RULE, 2, o, color);
		buf_free(&b);
	}
	free(v);
}

static void unknown(const struct cli *cli, const struct adpa_course *c, const char *word)
{
	const struct adpa_term *near[NEAR_MAX];
	size_t n = adpa_glossary_near(c, word, near, NEAR_MAX);
	fprintf(stderr, "%s: no glossary term \"%s\" in this course", cli->argv0, word);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s\"%s\"", i ? ", " : "; close terms: ", near[i]->term);
	fprintf(stderr, n ? "\n" : " (adpa glossary lists them)\n");
}

static void print_all(const struct cli *cli, const struct adpa_course *c,
                      const struct adpa_term *only)
{
	if (cli->json) {
		json_t *root;
		if (only) {
			root = entry_json(c, only);
		} else {
			json_t *arr = json_array();
			for (size_t i = 0; i < c->nterms; i++)
				json_array_append_new(arr, entry_json(c, &c->terms[i]));
			root = json_pack("{s:s, s:o}", "course", c->id, "terms", arr);
		}
		json_dumpf(root, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(root);
		return;
	}
	bool color = use_color(cli, stdout);
	const char *cs = nl_langinfo(CODESET);
	struct adpa_render_opts o = {
	    .width = output_width(cli, stdout),
	    .ascii = !(cs && !strcmp(cs, "UTF-8")),
	};
	if (only) {
		print_entry(c, only, &o, color);
		return;
	}
	for (size_t i = 0; i < c->nterms; i++) {
		if (i)
			putchar('\n');
		print_entry(c, &c->terms[i], &o, color);
	}
}

int cmd_glossary(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, ADPA_LOAD_GLOSSARY);
	if (!c)
		return EXIT_FAIL;
	const struct adpa_term *only = NULL;
	if (cli->nargs) {
		char *word = join_args(cli->args, cli->nargs);
		only = adpa_glossary_find(c, word);
		if (!only) {
			unknown(cli, c, word);
			free(word);
			adpa_course_free(c);
			return EXIT_FAIL;
		}
		free(word);
	} else if (!c->nterms && !cli->json) {
		fprintf(stderr, "%s: this course has no glossary\n", cli->argv0);
	}
	print_all(cli, c, only);
	adpa_course_free(c);
	return EXIT_OK;
}
