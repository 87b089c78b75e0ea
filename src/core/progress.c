/*
 * Progress summaries: fiche statuses and per-rubric tallies computed from the
 * store. One definition of « lue » and « maîtrisée » for every front end.
 */
#include "adpa/progress.h"
#include "adpa/text.h"

#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

const char *adpa_status_label(enum adpa_status s)
{
	static const char *const labels[] = {"nouvelle", "en cours", "lue", "maîtrisée"};
	return labels[s];
}

const char *adpa_status_id(enum adpa_status s)
{
	static const char *const ids[] = {"not_started", "in_progress", "read", "mastered"};
	return ids[s];
}

enum adpa_status adpa_fiche_status(const struct adpa_course *c, const struct adpa_fiche *f,
                                   const struct adpa_progress *p)
{
	if (f->nquiz && p->best >= c->mastery)
		return ADPA_MASTERED;
	if (p->completed)
		return ADPA_READ;
	if (p->known || p->attempts)
		return ADPA_IN_PROGRESS;
	return ADPA_NOT_STARTED;
}

static bool changed_since(const struct adpa_fiche *f, const char *hash)
{
	size_t len;
	char *body = adpa_fiche_read_body(f, &len, NULL);
	if (!body)
		return false;
	char now[17];
	adpa_content_hash(body, len, now);
	free(body);
	return strcmp(now, hash) != 0;
}

static void tally_add(struct adpa_tally *t, const struct adpa_fiche_state *st, int64_t *sum)
{
	t->fiches++;
	t->read += st->p.completed > 0; /* a quiz passed is not a fiche read */
	t->mastered += st->status == ADPA_MASTERED;
	t->with_quiz += st->fiche->nquiz > 0;
	t->seconds += st->p.seconds;
	if (st->p.best >= 0) {
		t->scored++;
		*sum += st->p.best;
	}
}

static struct adpa_summary *summarise(const struct adpa_course *c, struct adpa_summary *sum,
                                      bool check_updates)
{
	int64_t *sums = xcalloc(c->nrubrics + 1, sizeof *sums), total = 0;
	for (size_t i = 0; i < c->nfiches; i++) {
		struct adpa_fiche_state *st = &sum->fiches[i];
		const struct adpa_fiche *f = st->fiche = c->fiches[i];
		st->status = adpa_fiche_status(c, f, &st->p);
		st->updated = check_updates && st->p.hash[0] && changed_since(f, st->p.hash);
		tally_add(&sum->rubrics[f->rubric_index], st, &sums[f->rubric_index]);
		tally_add(&sum->total, st, &total);
	}
	for (size_t r = 0; r < c->nrubrics; r++)
		sum->rubrics[r].quiz_mean =
		    sum->rubrics[r].scored ? (int)(sums[r] / (int64_t)sum->rubrics[r].scored) : -1;
	sum->total.quiz_mean = sum->total.scored ? (int)(total / (int64_t)sum->total.scored) : -1;
	free(sums);
	return sum;
}

static struct adpa_summary *summary_alloc(const struct adpa_course *c)
{
	struct adpa_summary *sum = xcalloc(1, sizeof *sum);
	sum->fiches = xcalloc(c->nfiches + 1, sizeof *sum->fiches);
	sum->rubrics = xcalloc(c->nrubrics + 1, sizeof *sum->rubrics);
	for (size_t i = 0; i < c->nfiches; i++)
		sum->fiches[i].p.best = sum->fiches[i].p.last = -1;
	return sum;
}

struct adpa_summary *adpa_summary_new(const struct adpa_course *c, struct adpa_store *s,
                                      int64_t learner, bool check_updates, struct adpa_error *err)
{
	struct adpa_summary *sum = summary_alloc(c);
	for (size_t i = 0; learner > 0 && i < c->nfiches; i++)
		if (adpa_store_progress(s, learner, c->id, c->fiches[i]->id, &sum->fiches[i].p,
		                        err) < 0) {
			adpa_summary_free(sum);
			return NULL;
		}
	return summarise(c, sum, check_updates);
}

struct adpa_summary *adpa_summary_from(const struct adpa_course *c,
                                       const struct adpa_progress *records)
{
	struct adpa_summary *sum = summary_alloc(c);
	for (size_t i = 0; i < c->nfiches; i++)
		sum->fiches[i].p = records[i];
	return summarise(c, sum, false);
}

static int64_t min_known(int64_t a, int64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

void adpa_progress_merge(struct adpa_progress *a, const struct adpa_progress *b)
{
	if (!b->known && !b->attempts)
		return;
	a->first_opened = min_known(a->first_opened, b->first_opened);
	a->last_opened = a->last_opened > b->last_opened ? a->last_opened : b->last_opened;
	a->completed = a->completed > b->completed ? a->completed : b->completed;
	a->seconds += b->seconds;
	a->furthest = a->furthest > b->furthest ? a->furthest : b->furthest;
	if (b->last_activity > a->last_activity) {
		a->last_activity = b->last_activity;
		a->position = b->position;
		if (b->last >= 0)
			a->last = b->last;
	}
	a->best = a->best > b->best ? a->best : b->best;
	a->attempts += b->attempts;
	a->known = a->known || b->known;
}

void adpa_summary_free(struct adpa_summary *sum)
{
	if (!sum)
		return;
	free(sum->fiches);
	free(sum->rubrics);
	free(sum);
}
