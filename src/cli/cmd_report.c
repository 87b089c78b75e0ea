/*
 * adpa report FILE... [--by fiche|question|learner] [--format
 * text|csv|json|html] [--excel] [--learner NAME]: the progress files of a
 * workshop (one per laptop), each read as an untrusted collected file
 * (adpa_store_open_foreign: read-only, nothing created beside it), in one
 * report computed by the core (report.h): per learner, per fiche, per
 * question. A learner is a name in a file: two people with one name on two
 * laptops stay apart, and a line on stderr plus a marker in the output say
 * so. Names, notes and course text are cleaned for the terminal, escaped in
 * HTML (report_html.c), repaired in JSON, neutralised in CSV.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"
#include "report_out.h"


static void pad(const char *s, int width)
{
	int w = adpa_text_width(s, strlen(s));
	printf("%s%*s", s, width > w ? width - w : 1, "");
}

void report_mean(char *buf, size_t size, int mean, size_t over)
{
	if (mean < 0)
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%d" NBSP "%% (%zu" NBSP "quiz)", mean, over);
}

static void text_learners(const struct adpa_report *r)
{
	printf("Par apprenant (%zu)\n\n", r->nlearners);
	pad("Apprenant", 24);
	pad("Fichier", 24);
	printf("Fiches lues  Moyenne quiz       Temps\n");
	for (size_t i = 0; i < r->nlearners; i++) {
		const struct adpa_report_learner *l = &r->learners[i];
		char *name = text_clean(l->name), *src = text_clean(l->source);
		char *who = xasprintf("%s%s", name, l->name_shared ? " (*)" : "");
		char read[32], mean[48];
		snprintf(read, sizeof read, "%zu/%zu", l->read, r->course->nfiches);
		report_mean(mean, sizeof mean, l->mean, l->quizzes);
		pad(who, 24);
		pad(src, 24);
		pad(read, 13);
		pad(mean, 19);
		printf("%lld min\n", (long long)(l->seconds + 59) / 60);
		free(who);
		free(name);
		free(src);
	}
	if (r->shared_names)
		printf("\n(*) même nom qu’un autre apprenant : ce sont des personnes distinctes, "
		       "chacune avec son fichier.\n");
}

static void text_fiches(const struct adpa_report *r)
{
	printf("Par fiche\n\n");
	pad("Fiche", 36);
	printf("Lue par  Moyenne quiz\n");
	for (size_t i = 0; i < r->course->nfiches; i++) {
		const struct adpa_report_fiche *f = &r->fiches[i];
		char readers[32], mean[48];
		snprintf(readers, sizeof readers, "%zu/%zu", f->readers, r->nlearners);
		report_mean(mean, sizeof mean, f->mean, f->quizzes);
		pad(f->fiche->id, 36);
		pad(readers, 9);
		printf("%s\n", mean);
	}
}

static void text_questions(const struct adpa_report *r)
{
	size_t n;
	const struct adpa_report_question **v = report_hardest(r, &n);
	printf("Par question, la plus difficile d’abord (%zu avec des réponses)\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct adpa_report_question *q = v[i];
		const struct adpa_question *cq = &q->fiche->quiz[q->index];
		printf("\n%s, question %zu" NBSP ": facilité %d" NBSP "%% (%zu juste%s sur %zu)\n",
		       q->fiche->id, q->index + 1, q->facility, q->right, q->right > 1 ? "s" : "",
		       q->answers);
		printf("  ");
		print_clean(stdout, cq->question);
		printf("\n");
		if (q->wrong) {
			char *text = adpa_report_answer_text(cq, q->wrong);
			printf("  Réponse fausse la plus choisie" NBSP ": «" NBSP);
			print_clean(stdout, text);
			printf(NBSP "» (%zu fois)\n", q->wrong_count);
			free(text);
		}
	}
	free(v);
}

/* Answered questions, lowest facility first (course order among equals). */
const struct adpa_report_question **report_hardest(const struct adpa_report *r, size_t *n)
{
	const struct adpa_report_question **v = xcalloc(r->nquestions + 1, sizeof *v);
	*n = 0;
	for (int f = 0; f <= 100; f++)
		for (size_t k = 0; k < r->nquestions; k++)
			if (r->questions[k].answers && r->questions[k].facility == f)
				v[(*n)++] = &r->questions[k];
	return v;
}

static void print_text(const struct adpa_report *r, const char *by)
{
	bool all = !by;
	if (all || !strcmp(by, "learner"))
		text_learners(r);
	if (all)
		printf("\n");
	if (all || !strcmp(by, "fiche"))
		text_fiches(r);
	if (all)
		printf("\n");
	if (all || !strcmp(by, "question"))
		text_questions(r);
}

/* Reads every file; a file that cannot be read is said and skipped (exit 1). */
static int read_files(struct cli *cli, struct adpa_report *r)
{
	int rc = EXIT_OK;
	for (int i = 0; i < cli->nargs; i++) {
		struct adpa_error err = {0};
		const char *path = cli->args[i];
		struct adpa_store *s = adpa_store_open_foreign(path, &err);
		if (!s || adpa_report_add(r, s, path, &err) < 0) {
			cli_warn("%s: %s", path, err.msg);
			rc = EXIT_FAIL;
		}
		adpa_store_close(s);
	}
	adpa_report_finish(r);
	return rc;
}

/* One line on stderr naming each name that several learners carry. */
static void say_shared(const struct adpa_report *r)
{
	struct buf b = {0};
	for (size_t i = 0; i < r->nlearners; i++) {
		bool first = true;
		for (size_t j = 0; j < i; j++)
			first &= strcmp(r->learners[i].name, r->learners[j].name) != 0;
		if (r->learners[i].name_shared && first)
			buf_printf(&b, "%s« %s »", b.len ? ", " : "", r->learners[i].name);
	}
	if (b.len)
		cli_warn("même nom pour plusieurs apprenants de fichiers différents (%s) : gardés "
		         "séparés, avec leur fichier",
		         b.p);
	buf_free(&b);
}

static int print_report(struct cli *cli, const struct adpa_report *r, const char *format)
{
	if (!strcmp(format, "json"))
		return report_json(r) < 0 ? EXIT_FAIL : EXIT_OK;
	if (!strcmp(format, "csv"))
		return report_csv(r, cli->by ? cli->by : "learner", cli->excel);
	if (!strcmp(format, "html"))
		return report_html(r, cli->by);
	print_text(r, cli->by);
	return EXIT_OK;
}

int cmd_report(struct cli *cli)
{
	const char *format = cli->format ? cli->format : cli->json ? "json" : "text";
	if (cli->json && cli->format && strcmp(cli->format, "json"))
		return usage_error(cli, "--json and --format %s exclude each other", cli->format);
	if (cli->excel && strcmp(format, "csv"))
		return usage_error(cli, "--excel goes with --format csv");
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct adpa_report *r = adpa_report_new(c, cli->learner);
	int rc = read_files(cli, r);
	if (cli->learner && !r->nlearners) {
		unknown_learner(cli->learner, (const char *const *)r->skipped, r->nskipped);
		rc = EXIT_FAIL;
	} else {
		say_shared(r);
		int out = print_report(cli, r, format);
		if (out != EXIT_OK)
			rc = out;
	}
	adpa_report_free(r);
	adpa_course_free(c);
	return rc;
}
