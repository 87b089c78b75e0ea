/* adpa list [--rubric ID] [--json]: the fiches in rubric order. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static json_t *fiche_json(const struct adpa_fiche *f)
{
	json_t *kw = json_array();
	for (size_t i = 0; i < f->nkeywords; i++)
		json_array_append_new(kw, json_string(f->keywords[i].s));
	return json_pack("{s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:i, s:o}", "id", f->id, "title",
	                 f->title, "rubric", f->rubric, "order", f->order, "summary", f->summary,
	                 "duration", f->duration, "level", adpa_level_id(f->level), "questions",
	                 (int)f->nquiz, "keywords", kw);
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
		fprintf(stderr, "%s: unknown rubric \"%s\"; rubrics:", cli->argv0, cli->rubric);
		for (size_t i = 0; i < c->nrubrics; i++)
			fprintf(stderr, " %s", c->rubrics[i].id);
		fputc('\n', stderr);
		adpa_course_free(c);
		return EXIT_FAIL;
	}
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < c->nfiches; i++)
			if (!only || !strcmp(c->fiches[i]->rubric, only->id))
				json_array_append_new(arr, fiche_json(c->fiches[i]));
		json_t *root =
		    json_pack("{s:s, s:s, s:o}", "course", c->id, "title", c->title, "fiches", arr);
		json_dumpf(root, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(root);
		adpa_course_free(c);
		return EXIT_OK;
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
