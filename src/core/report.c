/*
 * A workshop report (report.h): learners added file by file, then the
 * per-fiche and per-question figures computed once (adpa_report_finish).
 *
 * Invariants: r->fiches has one entry per course fiche and r->questions one
 * per question of the course, in course order, question q of fiche f at
 * base[f] + q; a row naming a fiche or question the course does not have is
 * skipped, never indexed. Wrong answers are counted by their encoded form;
 * ties go to the smallest, so the report is the same from run to run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/learner.h"
#include "adpa/quiz.h"
#include "adpa/report.h"
#include <adpa/util.h>

struct wrong {
	char *chosen;
	size_t count;
};

struct wrongs {
	struct wrong *v;
	size_t n, cap;
};

struct tallies {
	size_t *base;         /* per fiche: the index of its first question */
	int64_t *fiche_sum;   /* per fiche: sum of finished attempts' scores */
	struct wrongs *wrong; /* per question */
};

struct adpa_report *adpa_report_new(const struct adpa_course *c, const char *only)
{
	struct adpa_report *r = xcalloc(1, sizeof *r);
	struct tallies *t = xcalloc(1, sizeof *t);
	r->course = c;
	r->only = only;
	r->tallies = t;
	r->fiches = xcalloc(c->nfiches + 1, sizeof *r->fiches);
	t->base = xcalloc(c->nfiches + 1, sizeof *t->base);
	t->fiche_sum = xcalloc(c->nfiches + 1, sizeof *t->fiche_sum);
	for (size_t i = 0; i < c->nfiches; i++) {
		r->fiches[i] = (struct adpa_report_fiche){.fiche = c->fiches[i], .mean = -1};
		t->base[i] = r->nquestions;
		r->nquestions += c->fiches[i]->nquiz;
	}
	r->questions = xcalloc(r->nquestions + 1, sizeof *r->questions);
	t->wrong = xcalloc(r->nquestions + 1, sizeof *t->wrong);
	for (size_t i = 0; i < c->nfiches; i++)
		for (size_t q = 0; q < c->fiches[i]->nquiz; q++)
			r->questions[t->base[i] + q] = (struct adpa_report_question){
			    .fiche = c->fiches[i], .index = q, .facility = -1};
	return r;
}

/* What one learner's rows feed. */
struct adding {
	struct adpa_report *r;
	struct adpa_report_learner *l;
	int64_t sum; /* of the learner's finished attempts' scores */
};

static void count_wrong(struct wrongs *w, const char *chosen)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].chosen, chosen)) {
			w->v[i].count++;
			return;
		}
	XGROW(w->v, w->cap, w->n + 1);
	w->v[w->n++] = (struct wrong){xstrdup(chosen), 1};
}

static int on_attempt(const struct adpa_result_row *row, void *arg)
{
	struct adding *a = arg;
	const struct adpa_fiche *f = adpa_course_find(a->r->course, row->fiche);
	if (row->questions <= 0)
		return 0;
	int score = adpa_quiz_percent(row->correct, row->questions);
	a->l->quizzes++;
	a->sum += score;
	if (f) {
		struct tallies *t = a->r->tallies;
		a->r->fiches[f->index].quizzes++;
		t->fiche_sum[f->index] += score;
	}
	return 0;
}

static int on_answer(const struct adpa_result_row *row, void *arg)
{
	struct adding *a = arg;
	const struct adpa_fiche *f = adpa_course_find(a->r->course, row->fiche);
	if (!f || row->question < 0 || (size_t)row->question >= f->nquiz)
		return 0;
	struct tallies *t = a->r->tallies;
	size_t k = t->base[f->index] + (size_t)row->question;
	struct adpa_report_question *q = &a->r->questions[k];
	q->answers++;
	if (row->correct)
		q->right++;
	else
		count_wrong(&t->wrong[k], row->chosen);
	return 0;
}

/* Reading per fiche: fiches read, readers, time. */
static int add_reading(struct adpa_report *r, struct adpa_store *s, int64_t id,
                       struct adpa_report_learner *l, struct adpa_error *err)
{
	const struct adpa_course *c = r->course;
	for (size_t i = 0; i < c->nfiches; i++) {
		struct adpa_progress p;
		if (adpa_store_progress(s, id, c->id, c->fiches[i]->id, &p, err) < 0)
			return -1;
		l->records[i] = p;
		l->seconds += p.seconds;
		if (p.completed) {
			l->read++;
			r->fiches[i].readers++;
		}
	}
	return 0;
}

static int add_learner(struct adpa_report *r, struct adpa_store *s, const char *name,
                       const char *source, struct adpa_error *err)
{
	int64_t id = adpa_store_learner(s, name, false, 0, err);
	if (id <= 0)
		return id < 0 ? -1 : 0;
	/* the stable identity (a UUID kept in the file); the row id only when
	 * the file gives none */
	struct adpa_learner_info info;
	struct adpa_error ierr = {0};
	char *key = adpa_store_learner_get(s, id, &info, &ierr) == 0 && info.uuid[0]
	                ? xstrdup(info.uuid)
	                : xasprintf("%lld", (long long)id);
	XGROW(r->learners, r->cap_learners, r->nlearners + 1);
	struct adpa_report_learner *l = &r->learners[r->nlearners++];
	*l = (struct adpa_report_learner){.key = key,
	                                  .name = xstrdup(name),
	                                  .source = xstrdup(source),
	                                  .mean = -1,
	                                  .records =
	                                      xcalloc(r->course->nfiches + 1, sizeof *l->records)};
	struct adding a = {r, l, 0};
	int rc = add_reading(r, s, id, l, err);
	if (rc == 0)
		rc = adpa_store_results(s, id, r->course->id, on_attempt, &a, err);
	if (rc == 0)
		rc = adpa_store_result_answers(s, id, r->course->id, on_answer, &a, err);
	if (l->quizzes)
		l->mean = (int)((a.sum + (int64_t)l->quizzes / 2) / (int64_t)l->quizzes);
	return rc;
}

/* Remembers a name left out by r->only, once, in order. */
static void skip_name(struct adpa_report *r, const char *name)
{
	size_t i = 0;
	while (i < r->nskipped && strcmp(r->skipped[i], name) < 0)
		i++;
	if (i < r->nskipped && !strcmp(r->skipped[i], name))
		return;
	r->skipped = xrealloc(r->skipped, (r->nskipped + 1) * sizeof *r->skipped);
	memmove(r->skipped + i + 1, r->skipped + i, (r->nskipped - i) * sizeof *r->skipped);
	r->skipped[i] = xstrdup(name);
	r->nskipped++;
}

int adpa_report_add(struct adpa_report *r, struct adpa_store *s, const char *source,
                    struct adpa_error *err)
{
	char **names;
	size_t n;
	int rc = adpa_store_learners(s, &names, &n, err);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		if (r->only && strcmp(r->only, names[k]))
			skip_name(r, names[k]);
		else
			rc = add_learner(r, s, names[k], source, err);
	}
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	return rc;
}

static void most_wrong(struct adpa_report_question *q, const struct wrongs *w)
{
	for (size_t i = 0; i < w->n; i++)
		if (!q->wrong || w->v[i].count > q->wrong_count ||
		    (w->v[i].count == q->wrong_count && strcmp(w->v[i].chosen, q->wrong) < 0)) {
			q->wrong = w->v[i].chosen;
			q->wrong_count = w->v[i].count;
		}
	if (q->wrong)
		q->wrong = xstrdup(q->wrong);
}

void adpa_report_finish(struct adpa_report *r)
{
	struct tallies *t = r->tallies;
	for (size_t i = 0; i < r->course->nfiches; i++) {
		struct adpa_report_fiche *f = &r->fiches[i];
		if (f->quizzes)
			f->mean = (int)((t->fiche_sum[i] + (int64_t)f->quizzes / 2) /
			                (int64_t)f->quizzes);
	}
	for (size_t k = 0; k < r->nquestions; k++) {
		struct adpa_report_question *q = &r->questions[k];
		if (q->answers)
			q->facility = (int)((q->right * 100 + q->answers / 2) / q->answers);
		most_wrong(q, &t->wrong[k]);
	}
	r->shared_names = 0;
	for (size_t i = 0; i < r->nlearners; i++) {
		bool first = true;
		for (size_t j = 0; j < r->nlearners; j++)
			if (j != i && !strcmp(r->learners[i].name, r->learners[j].name)) {
				r->learners[i].name_shared = true;
				first &= j > i;
			}
		if (r->learners[i].name_shared && first)
			r->shared_names++;
	}
}

void adpa_report_free(struct adpa_report *r)
{
	if (!r)
		return;
	struct tallies *t = r->tallies;
	for (size_t k = 0; k < r->nquestions; k++) {
		for (size_t i = 0; i < t->wrong[k].n; i++)
			free(t->wrong[k].v[i].chosen);
		free(t->wrong[k].v);
		free(r->questions[k].wrong);
	}
	for (size_t i = 0; i < r->nlearners; i++) {
		free(r->learners[i].key);
		free(r->learners[i].name);
		free(r->learners[i].source);
		free(r->learners[i].records);
	}
	for (size_t i = 0; i < r->nskipped; i++)
		free(r->skipped[i]);
	free(r->skipped);
	free(t->wrong);
	free(t->base);
	free(t->fiche_sum);
	free(t);
	free(r->learners);
	free(r->fiches);
	free(r->questions);
	free(r);
}

char *adpa_report_answer_text(const struct adpa_question *q, const char *encoded)
{
	struct buf b = {0};
	const char *p = encoded;
	while (*p) {
		char *end;
		unsigned long i = strtoul(p, &end, 10);
		if (end == p)
			break;
		if (b.len)
			buf_adds(&b, " + ");
		buf_adds(&b, i < q->nchoices ? q->choices[i].text : "?");
		p = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			break;
	}
	if (!b.len)
		buf_adds(&b, "?");
	return buf_detach(&b);
}
