/*
 * adpa report as JSON (every section, the shared vocabulary of adpa(1)) and
 * as CSV (one section, RFC 4180 through csv_cell: formulas neutralised;
 * --excel: a UTF-8 BOM and ';' between cells, for French spreadsheets).
 * Learners keep the fields of the earlier learner x rubric report (fiches,
 * read, mastered, quiz_mean, rubrics) and gain their file and figures.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adpa/util.h>

#include "cli.h"
#include "report_out.h"

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

static json_t *learner_json(struct json_out *out, const struct adpa_report *r,
                            const struct adpa_report_learner *l)
{
	const struct adpa_course *c = r->course;
	struct adpa_summary *sum = adpa_summary_from(c, l->records);
	json_t *rub = jok(json_array());
	for (size_t k = 0; k < c->nrubrics; k++)
		jpush(rub, tally_json(out, c->rubrics[k].id, &sum->rubrics[k]));
	json_t *o = tally_json(out, NULL, &sum->total);
	adpa_summary_free(sum);
	jset(o, "learner", json_text(out, JSON_LEARNER, l->name));
	jset(o, "key", json_text(out, JSON_ID, l->key));
	jset(o, "source", json_text(out, JSON_TEXT, l->source));
	jset(o, "name_shared", json_boolean(l->name_shared));
	jset(o, "quizzes", json_integer((json_int_t)l->quizzes));
	jset(o, "mean", json_score(l->mean));
	jset(o, "seconds", json_integer((json_int_t)l->seconds));
	jset(o, "rubrics", rub);
	return o;
}

static json_t *question_json(struct json_out *out, const struct adpa_report_question *q)
{
	const struct adpa_question *cq = &q->fiche->quiz[q->index];
	json_t *o = jok(json_object());
	jset(o, "fiche", json_text(out, JSON_ID, q->fiche->id));
	jset(o, "question", json_integer((json_int_t)q->index + 1));
	jset(o, "text", json_text(out, JSON_TEXT, cq->question));
	jset(o, "answers", json_integer((json_int_t)q->answers));
	jset(o, "right", json_integer((json_int_t)q->right));
	jset(o, "facility", json_score(q->facility));
	char *wrong = q->wrong ? adpa_report_answer_text(cq, q->wrong) : NULL;
	jset(o, "wrong_answer", json_text_or_null(out, JSON_TEXT, wrong));
	jset(o, "wrong_count", json_integer((json_int_t)q->wrong_count));
	free(wrong);
	return o;
}

int report_json(const struct adpa_report *r)
{
	struct json_out out = {0};
	json_t *root = json_root(), *learners = jok(json_array()), *fiches = jok(json_array()),
	       *questions = jok(json_array());
	jset(root, "course", json_text(&out, JSON_ID, r->course->id));
	for (size_t i = 0; i < r->nlearners; i++)
		jpush(learners, learner_json(&out, r, &r->learners[i]));
	for (size_t i = 0; i < r->course->nfiches; i++) {
		const struct adpa_report_fiche *f = &r->fiches[i];
		json_t *o = jok(json_object());
		jset(o, "fiche", json_text(&out, JSON_ID, f->fiche->id));
		jset(o, "title", json_text(&out, JSON_TEXT, f->fiche->title));
		jset(o, "readers", json_integer((json_int_t)f->readers));
		jset(o, "quizzes", json_integer((json_int_t)f->quizzes));
		jset(o, "mean", json_score(f->mean));
		jpush(fiches, o);
	}
	for (size_t k = 0; k < r->nquestions; k++)
		jpush(questions, question_json(&out, &r->questions[k]));
	jset(root, "shared_names", json_integer((json_int_t)r->shared_names));
	jset(root, "learners", learners);
	jset(root, "fiches", fiches);
	jset(root, "questions", questions);
	return json_print(root, &out);
}

struct csv {
	FILE *fp;
	bool tty;
	char sep;
};

/* n cells, then the end of the row. */
static void row(const struct csv *o, size_t n, const char *const *cells)
{
	for (size_t i = 0; i < n; i++)
		csv_cell_sep(o->fp, cells[i], i + 1 == n, o->tty, o->sep);
}

static void csv_learners(const struct csv *o, const struct adpa_report *r)
{
	static const char *const head[] = {"learner", "key",     "source", "name_shared",
	                                   "read",    "quizzes", "mean",   "seconds"};
	row(o, 8, head);
	for (size_t i = 0; i < r->nlearners; i++) {
		const struct adpa_report_learner *l = &r->learners[i];
		char read[24], quizzes[24], mean[16] = "", secs[24];
		snprintf(read, sizeof read, "%zu", l->read);
		snprintf(quizzes, sizeof quizzes, "%zu", l->quizzes);
		if (l->mean >= 0)
			snprintf(mean, sizeof mean, "%d", l->mean);
		snprintf(secs, sizeof secs, "%lld", (long long)l->seconds);
		const char *cells[] = {l->name, l->key,  l->source, l->name_shared ? "1" : "0",
		                       read,    quizzes, mean,      secs};
		row(o, 8, cells);
	}
}

static void csv_fiches(const struct csv *o, const struct adpa_report *r)
{
	static const char *const head[] = {"fiche", "title", "readers", "quizzes", "mean"};
	row(o, 5, head);
	for (size_t i = 0; i < r->course->nfiches; i++) {
		const struct adpa_report_fiche *f = &r->fiches[i];
		char readers[24], quizzes[24], mean[16] = "";
		snprintf(readers, sizeof readers, "%zu", f->readers);
		snprintf(quizzes, sizeof quizzes, "%zu", f->quizzes);
		if (f->mean >= 0)
			snprintf(mean, sizeof mean, "%d", f->mean);
		const char *cells[] = {f->fiche->id, f->fiche->title, readers, quizzes, mean};
		row(o, 5, cells);
	}
}

static void csv_questions(const struct csv *o, const struct adpa_report *r)
{
	static const char *const head[] = {"fiche", "question", "text",         "answers",
	                                   "right", "facility", "wrong_answer", "wrong_count"};
	row(o, 8, head);
	for (size_t k = 0; k < r->nquestions; k++) {
		const struct adpa_report_question *q = &r->questions[k];
		const struct adpa_question *cq = &q->fiche->quiz[q->index];
		char num[24], answers[24], right[24], fac[16] = "", wcount[24];
		snprintf(num, sizeof num, "%zu", q->index + 1);
		snprintf(answers, sizeof answers, "%zu", q->answers);
		snprintf(right, sizeof right, "%zu", q->right);
		if (q->facility >= 0)
			snprintf(fac, sizeof fac, "%d", q->facility);
		snprintf(wcount, sizeof wcount, "%zu", q->wrong_count);
		char *wrong = q->wrong ? adpa_report_answer_text(cq, q->wrong) : xstrdup("");
		const char *cells[] = {q->fiche->id, num, cq->question, answers,
		                       right,        fac, wrong,        wcount};
		row(o, 8, cells);
		free(wrong);
	}
}

int report_csv(const struct adpa_report *r, const char *by, bool excel)
{
	struct csv o = {stdout, isatty(STDOUT_FILENO) != 0, excel ? ';' : ','};
	if (excel)
		fputs("\xEF\xBB\xBF", stdout);
	if (!strcmp(by, "fiche"))
		csv_fiches(&o, r);
	else if (!strcmp(by, "question"))
		csv_questions(&o, r);
	else
		csv_learners(&o, r);
	if (fflush(stdout) == EOF) {
		fputs("adpa: cannot write the CSV output\n", stderr);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
