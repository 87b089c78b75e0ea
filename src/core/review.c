/*
 * Review (see review.h for the rule): the Leitner step, the hash a question
 * is kept under, and the two uses the front ends make of the store: record
 * an answer with its review, list the questions due.
 *
 * The step is a pure function of the state, the grade, where the answer was
 * given and now; the store applies it inside the answer's transaction, so an
 * answer and the review it implies are written together or not at all.
 */
#include "adpa/review.h"

#include <stdlib.h>
#include <string.h>

#include "adpa/quiz.h"
#include "adpa/text.h"
#include <adpa/util.h>

int adpa_review_days(int box)
{
	return box >= 1 && box <= ADPA_REVIEW_BOXES ? 1 << (box - 1) : 0;
}

struct adpa_review_state adpa_review_next(struct adpa_review_state cur, bool correct,
                                          bool in_review, int64_t now)
{
	if (!correct) /* from anywhere, back to the first box */
		return (struct adpa_review_state){1, now + ADPA_REVIEW_DAY};
	if (!in_review || cur.box < 1)
		return cur;
	if (cur.box >= ADPA_REVIEW_BOXES)
		return (struct adpa_review_state){0, 0};
	int box = cur.box + 1;
	return (struct adpa_review_state){box,
	                                  now + (int64_t)adpa_review_days(box) * ADPA_REVIEW_DAY};
}

void adpa_review_hash(const struct adpa_question *q, char out[17])
{
	/* NUL-separated fields, so that moving text from one field to the next
	 * changes the hash */
	struct buf b = {0};
	buf_add(&b, q->question, strlen(q->question) + 1);
	for (size_t i = 0; i < q->nchoices; i++) {
		buf_addc(&b, q->choices[i].correct ? '+' : '-');
		buf_add(&b, q->choices[i].text, strlen(q->choices[i].text) + 1);
	}
	adpa_content_hash(b.p, b.len, out);
	buf_free(&b);
}

int adpa_review_record(struct adpa_store *s, int64_t learner, const char *course,
                       const struct adpa_fiche *f, size_t k, int64_t attempt, const bool *chosen,
                       bool correct, int64_t now, struct adpa_error *err)
{
	const struct adpa_question *q = &f->quiz[k];
	char hash[17], enc[4 * ADPA_MAX_CHOICES];
	adpa_review_hash(q, hash);
	adpa_quiz_encode(chosen, q->nchoices, enc, sizeof enc);
	struct adpa_answer a = {
	    .learner = learner,
	    .course = course ? course : "",
	    .fiche = f->id,
	    .question = (int)k,
	    .hash = hash,
	    .attempt = attempt,
	    .chosen = enc,
	    .correct = correct,
	    .step = adpa_review_next,
	};
	return adpa_store_record(s, &a, now, err);
}

struct due_list {
	const struct adpa_course *c;
	struct adpa_review_item *v;
	size_t n, cap;
};

/* Keeps a stored row when its question is still the one that was answered. */
static int add_due(const struct adpa_review_row *r, void *arg)
{
	struct due_list *l = arg;
	const struct adpa_fiche *f = adpa_course_find(l->c, r->fiche);
	if (!f || r->question < 0 || (size_t)r->question >= f->nquiz)
		return 0;
	char hash[17];
	adpa_review_hash(&f->quiz[r->question], hash);
	if (strcmp(hash, r->hash) != 0)
		return 0;
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct adpa_review_item){f, (size_t)r->question, {r->box, r->due}};
	return 0;
}

int adpa_review_due(const struct adpa_course *c, struct adpa_store *s, int64_t learner, int64_t now,
                    struct adpa_review_item **items, size_t *n, struct adpa_error *err)
{
	struct due_list l = {.c = c};
	int rc = adpa_store_review(s, learner, c->id ? c->id : "", now, add_due, &l, err);
	if (rc < 0) {
		free(l.v);
		l.v = NULL;
		l.n = 0;
	}
	*items = l.v;
	*n = l.n;
	return rc;
}

int adpa_review_all(const struct adpa_course *c, struct adpa_store *s, int64_t learner,
                    struct adpa_review_item **items, size_t *n, struct adpa_error *err)
{
	return adpa_review_due(c, s, learner, INT64_MAX, items, n, err);
}
