/* Unit tests: course loading, lenient and strict, and every _free(NULL). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/course.h"
#include "harness.h"

static const char *find_msg(const struct adpa_diags *d, const char *needle, int *line, int *col)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle)) {
			*line = d->v[i].line;
			*col = d->v[i].col;
			return d->v[i].path;
		}
	return NULL;
}

static void test_lenient(void)
{
	struct adpa_diags d = {0};
	struct adpa_error e = {0};
	struct adpa_course *c = adpa_course_load(FIXTURES "/bad", 0, &d, &e);
	OK(c != NULL, "bad course loads leniently");
	INT_EQ(c->nfiches, 9, "broken fiches skipped, the rest kept");
	INT_EQ(d.errors, 0, "lenient: no errors");
	INT_EQ(d.warnings, 12, "lenient: one warning per skipped fiche");
	int line = 0, col = 0;
	const char *p = find_msg(&d, "fiche skipped: unknown key \"titel\"", &line, &col);
	STR_EQ(p, FIXTURES "/bad/comprendre/05-unknown-key.md", "warning names the file");
	INT_EQ(line, 6, "warning line");
	INT_EQ(col, 1, "warning column");
	const struct adpa_fiche *f = adpa_course_find(c, "ok-fiche");
	OK(f && f->nquiz == 1 && f->quiz[0].nchoices == 2 && f->quiz[0].ncorrect == 1,
	   "quiz parsed");
	INT_EQ(f->body_line, 19, "body line after the front matter");
	OK(!c->glossary_loaded, "glossary not loaded by default");
	OK(adpa_course_load_glossary(c, NULL, NULL) == 0 && c->nterms == 2, "glossary on demand");
	OK(adpa_course_term(c, "gdpr") == &c->terms[1], "term found by alias, any case");
	const struct adpa_rubric *r = adpa_course_rubric(c, "comprendre");
	OK(r && r->first == 0 && r->nfiches == 9, "rubric run");
	OK(adpa_course_find(c, "nope") == NULL, "unknown id");
	size_t len;
	char *body = adpa_fiche_read_body(f, &len, &e);
	STR_EQ(body, "Corps de la fiche.\n", "body read on demand");
	free(body);
	adpa_course_free(c);
	adpa_diags_clear(&d);
}

static void test_strict(void)
{
	struct adpa_diags d = {0};
	struct adpa_course *c = adpa_course_load(FIXTURES "/bad", ADPA_LOAD_STRICT, &d, NULL);
	OK(c != NULL, "strict load returns the course");
	INT_EQ(d.errors, 21, "strict: every error");
	INT_EQ(d.warnings, 2, "strict: warnings");
	int line = 0, col = 0;
	OK(find_msg(&d, "requires cycle: cycle-a -> cycle-b -> cycle-a", &line, &col) &&
	       line == 10 && col == 12,
	   "cycle reported once with its position");
	OK(find_msg(&d, "invalid UTF-8 byte 0xE9", &line, &col) && line == 11 && col == 35,
	   "invalid UTF-8 position");
	OK(find_msg(&d, "NUL byte", &line, &col) && line == 12 && col == 6, "NUL position");
	OK(find_msg(&d, "link to unknown fiche \"nulle-part\"", &line, &col) && line == 12 &&
	       col == 13,
	   "fiche: link position in the body");
	adpa_course_free(c);
	adpa_diags_clear(&d);
}

static void test_errors(void)
{
	struct adpa_error e = {0};
	struct adpa_diags d = {0};
	OK(adpa_course_load(FIXTURES "/nowhere", 0, &d, &e) == NULL, "missing dir fails");
	INT_EQ(e.code, ADPA_ENOTFOUND, "missing dir code");
	OK(adpa_course_load(FIXTURES "/bad/comprendre", 0, &d, &e) == NULL, "no course.yaml fails");
	OK(strstr(e.msg, "cannot open") != NULL, "no course.yaml message");
	adpa_course_free(NULL); /* no-ops */
	adpa_diags_clear(NULL);
	adpa_diags_clear(&d);
	struct adpa_course *c = adpa_course_load(FIXTURES "/bad", 0, &d, &e);
	OK(c && d.n > 0 && d.warnings > 0, "the bad course loads with warnings");
	adpa_diags_clear(&d);
	OK(d.n == 0 && d.v == NULL && d.errors == 0 && d.warnings == 0,
	   "adpa_diags_clear empties the list");
	adpa_course_free(c);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* Regression: about: ../../etc/passwd was shown by « À propos », and about
 * naming a FIFO froze the reader in open(). */
static void test_about_confined(void)
{
	char root[] = "/tmp/adpa-test-XXXXXX";
	if (!mkdtemp(root))
		return;
	char dir[64], path[128], outside[128];
	snprintf(dir, sizeof dir, "%s/c", root);
	mkdir(dir, 0700);
	snprintf(outside, sizeof outside, "%s/secret.md", root);
	write_file(outside, "secret\n");
	snprintf(path, sizeof path, "%s/course.yaml", dir);
	write_file(path, "id: c\ntitle: \"C\"\nrubrics:\n  - id: r\n    title: \"R\"\n"
	                 "about: ../secret.md\n");
	struct adpa_error e = {0};
	struct adpa_course *c = adpa_course_load(dir, 0, NULL, &e);
	size_t len = 0;
	char *about = c ? adpa_course_read_about(c, &len, &e) : NULL;
	OK(c && !about, "about outside the course is not read");
	STR_EQ(e.msg, "\"../secret.md\" is outside the course directory", "outside: message");
	free(about);
	adpa_course_free(c);

	write_file(path, "id: c\ntitle: \"C\"\nrubrics:\n  - id: r\n    title: \"R\"\n"
	                 "about: fifo.md\n");
	char fifo[128];
	snprintf(fifo, sizeof fifo, "%s/fifo.md", dir);
	mkfifo(fifo, 0600);
	c = adpa_course_load(dir, 0, NULL, &e);
	about = c ? adpa_course_read_about(c, &len, &e) : NULL; /* must not block */
	OK(c && !about, "about naming a FIFO is not read");
	STR_EQ(e.msg, "cannot open: not a regular file", "FIFO: message");
	free(about);
	adpa_course_free(c);
	unlink(fifo);
	unlink(path);
	unlink(outside);
	rmdir(dir);
	rmdir(root);
}

int main(void)
{
	test_about_confined();
	test_lenient();
	test_strict();
	test_errors();
	return done();
}
