/*
 * adpa report FILE... [--json]: the progress files of a workshop (one per
 * laptop), read as untrusted collected files (adpa_store_open_foreign), in
 * one table: per learner, the share of fiches
 * read in each rubric and the quiz mean. A learner found in several files
 * (one person on two laptops) is merged by name.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct person {
	char *name;
	struct adpa_progress *records; /* one per course fiche */
};

struct roster {
	struct person *v;
	size_t n;
};

static struct person *person_get(struct roster *r, const char *name, size_t nfiches)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	r->v = realloc(r->v, (r->n + 1) * sizeof *r->v);
	if (!r->v)
		abort();
	struct person *p = &r->v[r->n++];
	p->name = strdup(name);
	p->records = calloc(nfiches + 1, sizeof *p->records);
	if (!p->name || !p->records)
		abort();
	for (size_t i = 0; i < nfiches; i++)
		p->records[i].best = p->records[i].last = -1;
	return p;
}

/* Adds every learner of one file to the roster. */
static int read_file(const struct cli *cli, const struct adpa_course *c, const char *path,
                     struct roster *r)
{
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open_foreign(path, &err); /* untrusted, read-only */
	if (!s) {
		fprintf(stderr, "%s: %s: %s\n", cli->argv0, path, err.msg);
		return -1;
	}
	char **names;
	size_t n;
	int rc = adpa_store_learners(s, &names, &n, &err);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		int64_t id = adpa_store_learner(s, names[k], false, 0, &err);
		struct person *p = person_get(r, names[k], c->nfiches);
		for (size_t i = 0; rc == 0 && i < c->nfiches; i++) {
			struct adpa_progress one;
			rc = adpa_store_progress(s, id, c->id, c->fiches[i]->id, &one, &err);
			if (rc == 0)
				adpa_progress_merge(&p->records[i], &one);
		}
	}
	if (rc < 0)
		fprintf(stderr, "%s: %s: %s\n", cli->argv0, path, err.msg);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	adpa_store_close(s);
	return rc;
}

static int percent(size_t part, size_t whole)
{
	return whole ? (int)(part * 100 / whole) : 0;
}

static void print_table(const struct adpa_course *c, struct roster *r)
{
	printf("%-20s", "Apprenant");
	for (size_t k = 0; k < c->nrubrics; k++)
		printf(" %11.11s", c->rubrics[k].id);
	printf("  %s\n", "Moyenne quiz");
	for (size_t i = 0; i < r->n; i++) {
		struct adpa_summary *sum = adpa_summary_from(c, r->v[i].records);
		int w = adpa_text_width(r->v[i].name, strlen(r->v[i].name));
		printf("%s%*s", r->v[i].name, w < 20 ? 20 - w : 1, "");
		for (size_t k = 0; k < c->nrubrics; k++)
			printf(" %9d\xC2\xA0%%",
			       percent(sum->rubrics[k].read, sum->rubrics[k].fiches));
		if (sum->total.quiz_mean >= 0)
			printf("  %d\xC2\xA0%%\n", sum->total.quiz_mean);
		else
			printf("  —\n");
		adpa_summary_free(sum);
	}
	printf("\n%zu apprenant%s ; pourcentage de fiches lues par rubrique, moyenne des meilleurs "
	       "scores aux quiz.\n",
	       r->n, r->n > 1 ? "s" : "");
}

static void print_json(const struct adpa_course *c, struct roster *r)
{
	json_t *learners = json_array();
	for (size_t i = 0; i < r->n; i++) {
		struct adpa_summary *sum = adpa_summary_from(c, r->v[i].records);
		json_t *rub = json_object();
		for (size_t k = 0; k < c->nrubrics; k++)
			json_object_set_new(rub, c->rubrics[k].id,
			                    json_pack("{s:i, s:i, s:i, s:o}", "fiches",
			                              (int)sum->rubrics[k].fiches, "read",
			                              (int)sum->rubrics[k].read, "mastered",
			                              (int)sum->rubrics[k].mastered, "quiz_mean",
			                              sum->rubrics[k].quiz_mean >= 0
			                                  ? json_integer(sum->rubrics[k].quiz_mean)
			                                  : json_null()));
		json_array_append_new(learners, json_pack("{s:s, s:o, s:i, s:o}", "learner",
		                                          r->v[i].name, "rubrics", rub, "read",
		                                          (int)sum->total.read, "quiz_mean",
		                                          sum->total.quiz_mean >= 0
		                                              ? json_integer(sum->total.quiz_mean)
		                                              : json_null()));
		adpa_summary_free(sum);
	}
	json_t *root = json_pack("{s:s, s:o}", "course", c->id, "learners", learners);
	json_dumpf(root, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(root);
}

int cmd_report(struct cli *cli)
{
	if (!cli->nargs) {
		fprintf(stderr, "usage: %s report FILE... [--json]\n", cli->argv0);
		return EXIT_USAGE;
	}
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct roster r = {0};
	int rc = EXIT_OK;
	for (int i = 0; i < cli->nargs; i++)
		if (read_file(cli, c, cli->args[i], &r) < 0)
			rc = EXIT_FAIL;
	if (cli->json)
		print_json(c, &r);
	else
		print_table(c, &r);
	for (size_t i = 0; i < r.n; i++) {
		free(r.v[i].name);
		free(r.v[i].records);
	}
	free(r.v);
	adpa_course_free(c);
	return rc;
}
