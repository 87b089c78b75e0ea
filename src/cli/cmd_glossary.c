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
 * --json: {"format": 1, "course", "terms": [ENTRY...]}, with TERM the one
 * entry in terms; ENTRY is {"term", "aliases", "definition", "fiches":
 * [{"fiche", "title"}]}.
 */
#include <jansson.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

#define NEAR_MAX 5

static json_t *entry_json(struct json_out *out, const struct adpa_course *c,
                          const struct adpa_term *t)
{
	json_t *o = jok(json_object()), *al = jok(json_array()), *fi = jok(json_array());
	for (size_t k = 0; k < t->naliases; k++)
		jpush(al, json_text(out, JSON_TEXT, t->aliases[k]));
	const struct adpa_fiche **v;
	size_t n = adpa_glossary_fiches(c, t, &v);
	for (size_t i = 0; i < n; i++) {
		json_t *f = jok(json_object());
		jset(f, "fiche", json_text(out, JSON_ID, v[i]->id));
		jset(f, "title", json_text(out, JSON_TEXT, v[i]->title));
		jpush(fi, f);
	}
	free(v);
	jset(o, "term", json_text(out, JSON_TEXT, t->term ? t->term : ""));
	jset(o, "aliases", al);
	jset(o, "definition", json_text(out, JSON_TEXT, t->definition ? t->definition : ""));
	jset(o, "fiches", fi);
	return o;
}

/* {"format", "course", "terms": [...]}: every entry, or only the one asked. */
static int print_json(const struct adpa_course *c, const struct adpa_term *only)
{
	struct json_out out = {0};
	json_t *root = json_root(), *arr = jok(json_array());
	jset(root, "course", json_text(&out, JSON_ID, c->id));
	for (size_t i = 0; i < c->nterms; i++)
		if (!only || only == &c->terms[i])
			jpush(arr, entry_json(&out, c, &c->terms[i]));
	jset(root, "terms", arr);
	return json_print(root, &out);
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

static void unknown(const struct adpa_course *c, const char *word)
{
	const struct adpa_term *near[NEAR_MAX];
	size_t n = adpa_glossary_near(c, word, near, NEAR_MAX);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\"%s\"", i ? ", " : "; close terms: ", near[i]->term);
	cli_warn("no glossary term \"%s\" in this course%s", word,
	         n ? b.p : " (adpa glossary lists them)");
	buf_free(&b);
}

static void print_all(const struct cli *cli, const struct adpa_course *c,
                      const struct adpa_term *only)
{
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
			unknown(c, word);
			free(word);
			adpa_course_free(c);
			return EXIT_FAIL;
		}
		free(word);
	} else if (!c->nterms && !cli->json) {
		cli_warn("this course has no glossary");
	}
	int rc = EXIT_OK;
	if (cli->json)
		rc = print_json(c, only) < 0 ? EXIT_FAIL : EXIT_OK;
	else
		print_all(cli, c, only);
	adpa_course_free(c);
	return rc;
}
