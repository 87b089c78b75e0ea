/*
 * adpa report --format html: one self-contained printable page (inline CSS
 * with a print layout; no script, no network, no external asset, nothing a
 * browser fetches). Every string from a file — learner names, file names,
 * course text, answers — is cleaned of control characters and then
 * HTML-escaped (& < > " '), so a name such as <script> shows as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"
#include "report_out.h"


static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:60em}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #999}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}"
    "th{background:#eee}td.n{text-align:right;white-space:nowrap}"
    ".shared{font-weight:bold;color:#a00}.low{background:#fde2e2}.note{color:#444}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{page-break-after:avoid}tr{page-break-inside:avoid}"
    "th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* s cleaned of control characters, then escaped for HTML text and
 * attributes. */
static void esc(const char *s)
{
	char *clean = text_clean(s);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", stdout);
			break;
		case '<':
			fputs("&lt;", stdout);
			break;
		case '>':
			fputs("&gt;", stdout);
			break;
		case '"':
			fputs("&quot;", stdout);
			break;
		case '\'':
			fputs("&#39;", stdout);
			break;
		default:
			putchar(*p);
		}
	}
	free(clean);
}

static void cell(const char *s, bool number)
{
	fputs(number ? "<td class=\"n\">" : "<td>", stdout);
	esc(s);
	fputs("</td>", stdout);
}

static void html_learners(const struct adpa_report *r)
{
	printf("<h2>Par apprenant (%zu)</h2>\n<table>\n<tr><th>Apprenant</th><th>Fichier</th>"
	       "<th>Fiches lues</th><th>Moyenne quiz</th><th>Temps</th></tr>\n",
	       r->nlearners);
	for (size_t i = 0; i < r->nlearners; i++) {
		const struct adpa_report_learner *l = &r->learners[i];
		char read[32], mean[48], time[32];
		snprintf(read, sizeof read, "%zu/%zu", l->read, r->course->nfiches);
		report_mean(mean, sizeof mean, l->mean, l->quizzes);
		snprintf(time, sizeof time, "%lld" NBSP "min", (long long)(l->seconds + 59) / 60);
		fputs("<tr><td>", stdout);
		esc(l->name);
		if (l->name_shared)
			fputs(" <span class=\"shared\" title=\"même nom qu’un autre "
			      "apprenant\">(*)</span>",
			      stdout);
		fputs("</td>", stdout);
		cell(l->source, false);
		cell(read, true);
		cell(mean, true);
		cell(time, true);
		fputs("</tr>\n", stdout);
	}
	fputs("</table>\n", stdout);
	if (r->shared_names)
		fputs("<p class=\"note\">(*) même nom qu’un autre apprenant : ce sont des "
		      "personnes distinctes, chacune avec son fichier.</p>\n",
		      stdout);
}

static void html_fiches(const struct adpa_report *r)
{
	fputs("<h2>Par fiche</h2>\n<table>\n<tr><th>Fiche</th><th>Titre</th><th>Lue par</th>"
	      "<th>Moyenne quiz</th></tr>\n",
	      stdout);
	for (size_t i = 0; i < r->course->nfiches; i++) {
		const struct adpa_report_fiche *f = &r->fiches[i];
		char readers[32], mean[48];
		snprintf(readers, sizeof readers, "%zu/%zu", f->readers, r->nlearners);
		report_mean(mean, sizeof mean, f->mean, f->quizzes);
		fputs("<tr>", stdout);
		cell(f->fiche->id, false);
		cell(f->fiche->title, false);
		cell(readers, true);
		cell(mean, true);
		fputs("</tr>\n", stdout);
	}
	fputs("</table>\n", stdout);
}

static void html_question(const struct adpa_report_question *q)
{
	const struct adpa_question *cq = &q->fiche->quiz[q->index];
	char where[256], fac[64], wrong_n[32] = "";
	snprintf(where, sizeof where, "%s, question %zu", q->fiche->id, q->index + 1);
	snprintf(fac, sizeof fac, "%d" NBSP "%% (%zu/%zu)", q->facility, q->right, q->answers);
	printf("<tr%s>", q->facility < 50 ? " class=\"low\"" : "");
	cell(where, false);
	cell(cq->question, false);
	cell(fac, true);
	char *wrong = q->wrong ? adpa_report_answer_text(cq, q->wrong) : xstrdup("—");
	if (q->wrong)
		snprintf(wrong_n, sizeof wrong_n, " (%zu" NBSP "fois)", q->wrong_count);
	fputs("<td>", stdout);
	esc(wrong);
	esc(wrong_n);
	fputs("</td></tr>\n", stdout);
	free(wrong);
}

static void html_questions(const struct adpa_report *r)
{
	size_t n;
	const struct adpa_report_question **v = report_hardest(r, &n);
	printf("<h2>Par question, la plus difficile d’abord (%zu avec des réponses)</h2>\n"
	       "<table>\n<tr><th>Où</th><th>Question</th><th>Facilité</th>"
	       "<th>Réponse fausse la plus choisie</th></tr>\n",
	       n);
	for (size_t i = 0; i < n; i++)
		html_question(v[i]);
	fputs("</table>\n", stdout);
	free(v);
}

int report_html(const struct adpa_report *r, const char *by)
{
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Rapport d’atelier — ",
	      stdout);
	esc(r->course->title);
	printf("</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Rapport d’atelier — ", style);
	esc(r->course->title);
	printf("</h1>\n<p>%zu apprenant%s.</p>\n", r->nlearners, r->nlearners > 1 ? "s" : "");
	if (!by || !strcmp(by, "learner"))
		html_learners(r);
	if (!by || !strcmp(by, "fiche"))
		html_fiches(r);
	if (!by || !strcmp(by, "question"))
		html_questions(r);
	fputs("</body>\n</html>\n", stdout);
	if (fflush(stdout) == EOF) {
		fputs("adpa: cannot write the HTML output\n", stderr);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
