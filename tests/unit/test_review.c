/* Unit tests: the Leitner review, its rule (pure, the clock a parameter) and
 * its storage, on a copy of the quiz fixture course that a test edits. They
 * run in a temporary directory of their own: the paths are relative. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "adpa/quiz.h"
#include "adpa/review.h"
#include "harness.h"

#define T0 1700000000 /* the injected clock */
#define DAY ADPA_REVIEW_DAY

static void test_rule(void)
{
	INT_EQ(adpa_review_days(1), 1, "box 1: one day");
	INT_EQ(adpa_review_days(2), 2, "box 2: two days");
	INT_EQ(adpa_review_days(3), 4, "box 3: four days");
	INT_EQ(adpa_review_days(4), 8, "box 4: eight days");
	INT_EQ(adpa_review_days(5), 16, "box 5: sixteen days");
	INT_EQ(adpa_review_days(0) + adpa_review_days(6), 0, "no interval outside the boxes");

	struct adpa_review_state out = {0, 0}, s;
	s = adpa_review_next(out, false, false, T0);
	OK(s.box == 1 && s.due == T0 + DAY, "wrong in a quiz: box 1, due the next day");
	s = adpa_review_next(out, true, false, T0);
	OK(s.box == 0 && s.due == 0, "right in a quiz, not in review: still out of review");
	s = adpa_review_next((struct adpa_review_state){3, T0}, true, false, T0 + 5);
	OK(s.box == 3 && s.due == T0, "right in a quiz, in review: unchanged");
	s = adpa_review_next((struct adpa_review_state){4, T0}, false, true, T0 + 7);
	OK(s.box == 1 && s.due == T0 + 7 + DAY, "wrong in review: back to box 1, due the next day");
	s = adpa_review_next((struct adpa_review_state){4, T0}, false, false, T0 + 7);
	OK(s.box == 1 && s.due == T0 + 7 + DAY, "wrong in a quiz, in review: back to box 1");
	s = (struct adpa_review_state){1, T0};
	int64_t now = T0, want[] = {2, 4, 8, 16};
	for (int b = 2; b <= 5; b++) {
		s = adpa_review_next(s, true, true, now);
		INT_EQ(s.box, b, "right in review: up a box");
		INT_EQ(s.due - now, want[b - 2] * DAY, "due after the box's interval");
		now = s.due;
	}
	s = adpa_review_next(s, true, true, now);
	OK(s.box == 0 && s.due == 0, "right in box 5: out of review");
}

static void test_hash(void)
{
	struct adpa_choice ch[2] = {{"Six", true}, {"Trois", false}};
	struct adpa_question q = {"Combien ?", ch, 2, 1, "e", 1};
	char a[17], b[17];
	adpa_review_hash(&q, a);
	adpa_review_hash(&q, b);
	STR_EQ(a, b, "same question, same hash");
	INT_EQ(strlen(a), 16, "16 hex digits");
	q.question = "Combien donc ?";
	adpa_review_hash(&q, b);
	OK(strcmp(a, b) != 0, "edited text, another hash");
	q.question = "Combien ?";
	ch[1].correct = true;
	adpa_review_hash(&q, b);
	OK(strcmp(a, b) != 0, "another right answer, another hash");
	ch[1].correct = false;
	q.explanation = "other";
	adpa_review_hash(&q, b);
	STR_EQ(a, b, "the explanation does not count");
}

/* The due list of learner at now; first gets the first item. */
static size_t due(const struct adpa_course *c, struct adpa_store *s, int64_t learner, int64_t now,
                  struct adpa_review_item *first)
{
	struct adpa_review_item *v;
	size_t n;
	struct adpa_error e = {0};
	if (adpa_review_due(c, s, learner, now, &v, &n, &e) < 0) {
		printf("# %s\n", e.msg);
		return (size_t)-1;
	}
	if (first)
		*first = n ? v[0] : (struct adpa_review_item){0};
	free(v);
	return n;
}

/* Answers question k of f: all right choices (right) or only the wrong ones. */
static int answer(struct adpa_store *s, int64_t l, const struct adpa_course *c,
                  const struct adpa_fiche *f, size_t k, int64_t attempt, bool right, int64_t now,
                  struct adpa_error *e)
{
	bool chosen[ADPA_MAX_CHOICES];
	for (size_t i = 0; i < f->quiz[k].nchoices; i++)
		chosen[i] = f->quiz[k].choices[i].correct == right;
	return adpa_review_record(s, l, c->id, f, k, attempt, chosen,
	                          adpa_quiz_grade(&f->quiz[k], chosen), now, e);
}

static void test_schedule(struct adpa_course *c)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open("review.db", ADPA_STORE_READ_WRITE, &e);
	int64_t ana = adpa_store_learner(s, "ana", true, T0, &e);
	int64_t bob = adpa_store_learner(s, "bob", true, T0, &e);
	const struct adpa_fiche *f = adpa_course_find(c, "rgpd");
	int64_t a1 = adpa_store_attempt(s, ana, c->id, f->id, 3, T0, &e);
	OK(answer(s, ana, c, f, 0, a1, false, T0, &e) == 0, "a wrong answer in a quiz is recorded");
	OK(answer(s, ana, c, f, 1, a1, true, T0, &e) == 0, "a right answer in a quiz is recorded");
	struct adpa_progress p;
	adpa_store_finish(s, a1, T0, &e);
	adpa_store_progress(s, ana, c->id, f->id, &p, &e);
	INT_EQ(p.best, 33, "the quiz attempt counts the answers");
	INT_EQ(due(c, s, ana, T0, NULL), 0, "nothing due the same day");
	struct adpa_review_item *all = NULL;
	size_t nall = 0;
	OK(adpa_review_all(c, s, ana, &all, &nall, &e) == 0 && nall == 1 && all[0].fiche == f &&
	       all[0].question == 0 && all[0].state.due == T0 + DAY,
	   "adpa_review_all: the question not due yet, with its due time (to review ahead)");
	free(all);
	OK(adpa_review_all(c, s, bob, &all, &nall, &e) == 0 && nall == 0 && !all,
	   "adpa_review_all: nothing for a learner without review");
	INT_EQ(due(c, s, ana, T0 + DAY - 1, NULL), 0, "nothing due a second before the day");
	struct adpa_review_item it;
	INT_EQ(due(c, s, ana, T0 + DAY, &it), 1, "the wrong answer is due one day later");
	OK(it.fiche == f && it.question == 0 && it.state.box == 1, "in box 1");
	INT_EQ(due(c, s, ana, T0 + 400 * DAY, NULL), 1,
	       "a right answer in a quiz stays out of review");
	INT_EQ(due(c, s, bob, T0 + DAY, NULL), 0, "another learner has nothing to review");

	OK(answer(s, ana, c, f, 0, a1, true, T0 + 1, &e) < 0 && strstr(e.msg, "déjà une réponse"),
	   "a second answer in the attempt is refused");
	due(c, s, ana, T0 + DAY, &it);
	OK(it.state.box == 1 && it.state.due == T0 + DAY, "and leaves the review as it was");

	int64_t now = T0 + DAY, want[] = {2, 4, 8, 16};
	for (int b = 2; b <= 5; b++) {
		OK(answer(s, ana, c, f, 0, 0, true, now, &e) == 0, "right in review");
		INT_EQ(due(c, s, ana, now + want[b - 2] * DAY - 1, NULL), 0,
		       "not due before the interval");
		due(c, s, ana, now + want[b - 2] * DAY, &it);
		INT_EQ(it.state.box, b, "up a box");
		INT_EQ(it.state.due, now + want[b - 2] * DAY, "due after the box's interval");
		now = it.state.due;
	}
	int64_t a2 = adpa_store_attempt(s, ana, c->id, f->id, 3, now, &e);
	answer(s, ana, c, f, 0, a2, true, now, &e);
	due(c, s, ana, now, &it);
	OK(it.state.box == 5 && it.state.due == now, "a right answer in a quiz does not move it");
	OK(answer(s, ana, c, f, 0, 0, true, now, &e) == 0, "right in box 5");
	INT_EQ(due(c, s, ana, now + 400 * DAY, NULL), 0, "out of review after box 5");

	answer(s, ana, c, f, 2, a2, false, now, &e);
	for (int i = 1; i <= 2; i++)
		answer(s, ana, c, f, 2, 0, true, now + i * DAY, &e);
	due(c, s, ana, now + 400 * DAY, &it);
	INT_EQ(it.state.box, 3, "question 3 up to box 3");
	OK(answer(s, ana, c, f, 2, 0, false, now + 9 * DAY, &e) == 0, "wrong in review");
	due(c, s, ana, now + 400 * DAY, &it);
	OK(it.state.box == 1 && it.state.due == now + 10 * DAY,
	   "wrong resets to box 1, due next day");
	adpa_store_close(s);
}

static void test_edited(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open("review.db", ADPA_STORE_READ_WRITE, &e);
	int64_t ana = adpa_store_learner(s, "ana", false, 0, &e);
	OK(system("sed -i 's/Qui contrôle/Quelle autorité contrôle/' qc/bases/01-rgpd.md") == 0,
	   "question 3 edited in the course");
	struct adpa_course *c = adpa_course_load("qc", 0, NULL, &e);
	const struct adpa_fiche *f = adpa_course_find(c, "rgpd");
	INT_EQ(due(c, s, ana, T0 + 400 * DAY, NULL), 0, "an edited question leaves review");
	int64_t a = adpa_store_attempt(s, ana, c->id, f->id, 3, T0 + 500 * DAY, &e);
	answer(s, ana, c, f, 2, a, true, T0 + 500 * DAY, &e);
	INT_EQ(due(c, s, ana, T0 + 900 * DAY, NULL), 0,
	       "right in a quiz: the edited one stays out");
	answer(s, ana, c, f, 1, a, false, T0 + 500 * DAY, &e);
	answer(s, ana, c, f, 2, 0, false, T0 + 500 * DAY, &e);
	INT_EQ(due(c, s, ana, T0 + 501 * DAY, NULL), 2, "wrong again: the new text is in review");
	adpa_store_close(s);

	s = adpa_store_open("review.db", ADPA_STORE_READ_ONLY, &e);
	INT_EQ(due(c, s, ana, T0 + 501 * DAY, NULL), 2, "a read-only store lists what is due");
	OK(answer(s, ana, c, f, 0, 0, false, T0, &e) < 0 && strstr(e.msg, "lecture seule"),
	   "and refuses answers");
	adpa_store_close(s);
	adpa_course_free(c);
}

/* A file from before review (schema 3) takes review answers once opened. */
static void test_upgrade(struct adpa_course *c)
{
	struct adpa_error e = {0};
	OK(adpa_store_create_at("v3.db", 3, &e) == 0, "a schema 3 file");
	struct adpa_store *s = adpa_store_open("v3.db", ADPA_STORE_READ_WRITE, &e);
	INT_EQ(adpa_store_version(s), ADPA_STORE_VERSION, "upgraded to the current schema");
	int64_t l = adpa_store_learner(s, "old", true, T0, &e);
	OK(answer(s, l, c, adpa_course_find(c, "rgpd"), 0, 0, false, T0, &e) == 0,
	   "review answers after the upgrade");
	INT_EQ(due(c, s, l, T0 + DAY, NULL), 1, "and due the next day");
	adpa_store_close(s);
}

int main(void)
{
	char dir[256];
	snprintf(dir, sizeof dir, "%s/adpa-review-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir) || chdir(dir) != 0)
		return 1;
	test_rule();
	test_hash();
	struct adpa_error e = {0};
	if (system("cp -r '" FIXTURES "/quiz' qc") != 0)
		return 1;
	struct adpa_course *c = adpa_course_load("qc", 0, NULL, &e);
	OK(c != NULL, "fixture course copied and loaded");
	if (c) {
		test_schedule(c);
		test_upgrade(c);
	}
	adpa_course_free(c);
	test_edited();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf -- '%s'", dir);
	if (chdir("/") != 0 || system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
