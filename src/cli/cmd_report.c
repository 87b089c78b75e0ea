/*
 * adpa report FILE... [--json]: the progress files of a workshop (one per
 * laptop), read as untrusted collected files (adpa_store_open_foreign), in
 * one table: per learner, the share of fiches
 * read in each rubric and the quiz mean. A learner found in several files
 * (one person on two laptops) is merged by name. Names come from files
 * collected from other machines: cleaned for the terminal, repaired (U+FFFD)
 * in JSON, never dropped.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

struct person {
	char *name;
	struct adpa_progress *records; /* one per course fiche */
};

struct roster {
	struct person *v;
	size_t n, cap;
};

static struct person *person_get(struct roster *r, const char *name, size_t nfiches)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	XGROW(r->v, r->cap, r->n + 1);
	struct person *p = &r->v[r->n++];
	p->name = xstrdup(name);
	p->records = xcalloc(nfiches + 1, sizeof *p->records);
	for (size_t i = 0; i < nfiches; i++)
		p->records[i].best = p->records[i].last = -1;
	return p;
}

/* Adds every learner of one file to the roster. */
static int read_file(const struct adpa_course *c, const char *path, struct roster *r)
{
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open_foreign(path, &err); /* untrusted, read-only */
	if (!s) {
		cli_warn("%s: %s", path, err.msg);
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
		cli_warn("%s: %s", path, err.msg);
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
		char *name = text_clean(r->v[i].name); /* ESC, OSC 52, OSC 8 made visible */
		int w = adpa_text_width(name, strlen(name));
		printf("%s%*s", name, w < 20 ? 20 - w : 1, "");
		free(name);
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

static json_t *tally_json(struct json_out *out, const char *rubric, const struct adpa_tally *t)
{
	json_t *o = jok(json_object());
	if (rubric)
		jset(o, "rubric", json_text(out, JSON_ID, rubric));
	jset(o, "fiches", json_integer((json_int_t)t->fiches));
	jset(o, "read", json_integer((json_int_t)t->read));
	jset(o, "mastered", json_integer((json_int_t)t->mastered));
	jset(o, "quiz_mean", json_score(t->quiz_mean));
	return o;
}

static int print_json(const struct adpa_course *c, struct roster *r)
{
	struct json_out out = {0};
	json_t *root = json_root(), *learners = jok(json_array());
	jset(root, "course", json_text(&out, JSON_ID, c->id));
	for (size_t i = 0; i < r->n; i++) {
		struct adpa_summary *sum = adpa_summary_from(c, r->v[i].records);
		json_t *rub = jok(json_array());
		for (size_t k = 0; k < c->nrubrics; k++)
			jpush(rub, tally_json(&out, c->rubrics[k].id, &sum->rubrics[k]));
		json_t *o = tally_json(&out, NULL, &sum->total);
		jset(o, "learner", json_text(&out, JSON_LEARNER, r->v[i].name));
		jset(o, "rubrics", rub);
		jpush(learners, o);
		adpa_summary_free(sum);
	}
	jset(root, "learners", learners);
	return json_print(root, &out);
}

int cmd_report(struct cli *cli)
{
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct roster r = {0};
	int rc = EXIT_OK;
	for (int i = 0; i < cli->nargs; i++)
		if (read_file(c, cli->args[i], &r) < 0)
			rc = EXIT_FAIL;
	if (cli->json) {
		if (print_json(c, &r) < 0)
			rc = EXIT_FAIL;
	} else
		print_table(c, &r);
	for (size_t i = 0; i < r.n; i++) {
		free(r.v[i].name);
		free(r.v[i].records);
	}
	free(r.v);
	adpa_course_free(c);
	return rc;
}
