/* adpa list [--rubric ID] [--json]: the fiches in rubric order. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

static json_t *fiche_json(struct json_out *out, const struct adpa_fiche *f)
{
	json_t *kw = jok(json_array());
	for (size_t i = 0; i < f->nkeywords; i++)
		jpush(kw, json_text(out, JSON_TEXT, f->keywords[i].s));
	json_t *o = jok(json_object());
	jset(o, "fiche", json_text(out, JSON_ID, f->id));
	jset(o, "title", json_text(out, JSON_TEXT, f->title));
	jset(o, "rubric", json_text(out, JSON_ID, f->rubric));
	jset(o, "order", json_integer(f->order));
	jset(o, "summary", json_text(out, JSON_TEXT, f->summary));
	jset(o, "duration", json_integer(f->duration));
	jset(o, "level", json_string(adpa_level_id(f->level)));
	jset(o, "questions", json_integer((json_int_t)f->nquiz));
	jset(o, "keywords", kw);
	return o;
}

static int print_json(const struct adpa_course *c, const struct adpa_rubric *only)
{
	struct json_out out = {0};
	json_t *root = json_root(), *arr = jok(json_array());
	jset(root, "course", json_text(&out, JSON_ID, c->id));
	jset(root, "title", json_text(&out, JSON_TEXT, c->title));
	for (size_t i = 0; i < c->nfiches; i++)
		if (!only || !strcmp(c->fiches[i]->rubric, only->id))
			jpush(arr, fiche_json(&out, c->fiches[i]));
	jset(root, "fiches", arr);
	return json_print(root, &out);
}

static void print_row(const struct adpa_fiche *f, int idw)
{
	int pad = idw - adpa_text_width(f->id, strlen(f->id));
	const char *level = adpa_level_label(f->level);
	int lpad = 13 - adpa_text_width(level, strlen(level));
	printf("  %s%*s  %3d min  %s%*s  %zu q.  %s\n", f->id, pad, "", f->duration, level, lpad,
	       "", f->nquiz, f->title);
}

int cmd_list(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	const struct adpa_rubric *only = NULL;
	if (cli->rubric && !(only = adpa_course_rubric(c, cli->rubric))) {
		struct buf b = {0};
		for (size_t i = 0; i < c->nrubrics; i++)
			buf_printf(&b, " %s", c->rubrics[i].id);
		const char **ids = xcalloc(c->nrubrics + 1, sizeof *ids);
		for (size_t i = 0; i < c->nrubrics; i++)
			ids[i] = c->rubrics[i].id;
		const char *near = closest_word(cli->rubric, ids, c->nrubrics);
		if (near)
			cli_warn("unknown rubric \"%s\" (did you mean %s?); rubrics:%s",
			         cli->rubric, near, b.p ? b.p : "");
		else
			cli_warn("unknown rubric \"%s\"; rubrics:%s", cli->rubric, b.p ? b.p : "");
		free(ids);
		buf_free(&b);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	if (cli->json) {
		int rc = print_json(c, only) < 0 ? EXIT_FAIL : EXIT_OK;
		adpa_course_free(c);
		return rc;
	}
	int idw = 0;
	for (size_t i = 0; i < c->nfiches; i++) {
		int w = adpa_text_width(c->fiches[i]->id, strlen(c->fiches[i]->id));
		idw = w > idw ? w : idw;
	}
	bool first = true;
	for (size_t r = 0; r < c->nrubrics; r++) {
		const struct adpa_rubric *rb = &c->rubrics[r];
		if (only && only != rb)
			continue;
		printf("%s%s (%s, %zu fiche%s)\n", first ? "" : "\n", rb->title, rb->id,
		       rb->nfiches, rb->nfiches == 1 ? "" : "s");
		first = false;
		for (size_t i = 0; i < rb->nfiches; i++)
			print_row(c->fiches[rb->first + i], idw);
	}
	adpa_course_free(c);
	return EXIT_OK;
}
