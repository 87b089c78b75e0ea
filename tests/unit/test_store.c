/* Unit tests: the progress store (temporary files), migrations, faults, quiz logic. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/progress.h"
#include "adpa/quiz.h"
#include "adpa/store.h"
#include "adpa/text.h"
#include "harness.h"

static char dir[256];

static char *tmp(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	fputs(text, fp);
	fclose(fp);
}

static char *read_file(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	if (fp)
		fclose(fp);
	return buf;
}

static void test_reading(void)
{
	struct adpa_error e = {0};
	char *path = tmp("new/sub/progress.db");
	struct adpa_store *s = adpa_store_open(path, ADPA_STORE_READ_WRITE, &e);
	OK(s != NULL, "creates the file and its directories");
	struct stat st;
	OK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "file is private (0600)");
	OK(stat(tmp("new/sub"), &st) == 0 && (st.st_mode & 0777) == 0700,
	   "directory is private (0700)");
	INT_EQ(adpa_store_version(s), ADPA_STORE_VERSION, "schema at the current version");
	int64_t ana = adpa_store_learner(s, "ana", true, 100, &e);
	OK(ana > 0, "learner created");
	INT_EQ(adpa_store_learner(s, "ana", true, 200, &e), ana, "same learner found again");
	INT_EQ(adpa_store_learner(s, "bob", false, 200, &e), 0, "absent learner not created");
	OK(adpa_store_opened(s, ana, "c", "f1", 1000, &e) == 0, "opened");
	OK(adpa_store_position(s, ana, "c", "f1", 40, 1010, &e) == 0, "position");
	OK(adpa_store_position(s, ana, "c", "f1", 12, 1020, &e) == 0, "position back up");
	OK(adpa_store_add_time(s, ana, "c", "f1", 30, 1030, &e) == 0, "time");
	OK(adpa_store_add_time(s, ana, "c", "f1", 15, 1040, &e) == 0, "more time");
	OK(adpa_store_completed(s, ana, "c", "f1", true, "abcd", 1050, &e) == 0, "completed");
	struct adpa_progress p;
	OK(adpa_store_progress(s, ana, "c", "f1", &p, &e) == 0, "progress read");
	OK(p.known && p.first_opened == 1000 && p.last_opened == 1050, "opening times");
	INT_EQ(p.position, 12, "current position");
	INT_EQ(p.furthest, 40, "furthest position");
	INT_EQ(p.seconds, 45, "reading time adds up");
	INT_EQ(p.completed, 1050, "completion time");
	STR_EQ(p.hash, "abcd", "content hash kept");
	INT_EQ(p.best, -1, "no quiz yet");
	OK(adpa_store_progress(s, ana, "c", "f2", &p, &e) == 0 && !p.known, "unknown fiche");
	adpa_store_close(s);
	adpa_store_close(NULL); /* a no-op */
}

static void test_quiz_store(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("quiz.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t l = adpa_store_learner(s, "ana", true, 1, &e);
	int64_t a = adpa_store_attempt(s, l, "c", "f", 4, 100, &e);
	OK(a > 0, "attempt started");
	OK(adpa_store_answer(s, a, 0, "1", true, 101, &e) == 0, "answer 1");
	OK(adpa_store_answer(s, a, 0, "2", false, 102, &e) < 0, "an answer cannot be given twice");
	OK(strstr(e.msg, "déjà une réponse") != NULL, "double answer explained");
	OK(adpa_store_answer(s, a, 1, "0,2", true, 103, &e) == 0, "answer 2");
	OK(adpa_store_answer(s, a, 2, "3", false, 104, &e) == 0, "answer 3");
	struct adpa_progress p;
	adpa_store_progress(s, l, "c", "f", &p, &e);
	INT_EQ(p.attempts, 0, "an unfinished attempt has no score");
	OK(adpa_store_answer(s, a, 3, "1", true, 105, &e) == 0, "answer 4");
	OK(adpa_store_finish(s, a, 106, &e) == 0, "attempt finished");
	int64_t b = adpa_store_attempt(s, l, "c", "f", 4, 200, &e);
	adpa_store_answer(s, b, 0, "1", true, 201, &e);
	adpa_store_finish(s, b, 202, &e);
	adpa_store_progress(s, l, "c", "f", &p, &e);
	INT_EQ(p.attempts, 2, "two attempts");
	INT_EQ(p.best, 75, "best score");
	INT_EQ(p.last, 25, "last score");
	INT_EQ(p.last_activity, 202, "last activity");
	OK(adpa_store_set(s, l, "last", "f", &e) == 0, "set");
	char *v = adpa_store_get(s, l, "last", &e);
	STR_EQ(v, "f", "get");
	free(v);
	adpa_store_set(s, l, "last", NULL, &e);
	OK(adpa_store_get(s, l, "last", &e) == NULL, "delete");
	adpa_store_close(s);
}

static int count_rows(const struct adpa_export_row *r, void *arg)
{
	int *n = arg;
	if (!strcmp(r->fiche, "f") && r->best == 75 && r->attempts == 2)
		n[1]++;
	n[0]++;
	return 0;
}

static void test_export(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("quiz.db"), ADPA_STORE_READ_ONLY, &e);
	OK(s != NULL, "read-only open");
	int n[2] = {0, 0};
	OK(adpa_store_export(s, NULL, count_rows, n, &e) == 0, "export runs");
	INT_EQ(n[0], 1, "one row per learner and fiche");
	INT_EQ(n[1], 1, "row carries best score and attempts");
	OK(adpa_store_set(s, 1, "k", "v", &e) < 0 && strstr(e.msg, "lecture seule"),
	   "read-only refuses writes");
	char **names;
	size_t nn;
	OK(adpa_store_learners(s, &names, &nn, &e) == 0 && nn == 1 && !strcmp(names[0], "ana"),
	   "learners listed");
	free(names[0]);
	free(names);
	adpa_store_close(s);
}

static void test_migrations(void)
{
	struct adpa_error e = {0};
	for (int v = 0; v < ADPA_STORE_VERSION; v++) {
		char name[32];
		snprintf(name, sizeof name, "v%d.db", v);
		char *path = tmp(name);
		OK(adpa_store_create_at(path, v, &e) == 0, "file made at an earlier version");
		if (v >= 1) { /* version 1 data: a learner and a reading */
			sqlite3 *db;
			sqlite3_open(path, &db);
			sqlite3_exec(
			    db,
			    "INSERT INTO learner(name, created) VALUES ('old', 1);"
			    "INSERT INTO reading(learner, course, fiche, first_opened, last_opened,"
			    " position) VALUES (1, 'c', 'f', 5, 6, 33);",
			    NULL, NULL, NULL);
			sqlite3_close(db);
		}
		struct adpa_store *s = adpa_store_open(path, ADPA_STORE_READ_WRITE, &e);
		OK(s && adpa_store_version(s) == ADPA_STORE_VERSION, "earlier version upgraded");
		if (s && v >= 1) {
			struct adpa_progress p;
			int64_t l = adpa_store_learner(s, "old", false, 0, &e);
			adpa_store_progress(s, l, "c", "f", &p, &e);
			INT_EQ(p.position, 33, "data kept through the upgrade");
			OK(adpa_store_bookmark_add(s, l, "c", "f", 33, "", 7, &e) > 0,
			   "bookmarks work after the upgrade");
		}
		adpa_store_close(s);
	}
}

static void test_faults(void)
{
	struct adpa_error e = {0};
	const char *junk = "this is not a database, but a learner's notes\n";
	write_file(tmp("junk.db"), junk);
	OK(adpa_store_open(tmp("junk.db"), ADPA_STORE_READ_WRITE, &e) == NULL, "junk file refused");
	OK(strstr(e.msg, "n’y touche pas") != NULL, "junk file: what to do");
	STR_EQ(read_file(tmp("junk.db")), junk, "junk file left as it was");

	sqlite3 *db;
	sqlite3_open(tmp("other.db"), &db);
	sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (42);", NULL, NULL, NULL);
	sqlite3_close(db);
	OK(adpa_store_open(tmp("other.db"), ADPA_STORE_READ_WRITE, &e) == NULL,
	   "another program's database refused");
	OK(strstr(e.msg, "pas un fichier de progression adpa") != NULL, "other database explained");

	adpa_store_create_at(tmp("newer.db"), ADPA_STORE_VERSION, &e);
	sqlite3_open(tmp("newer.db"), &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	OK(adpa_store_open(tmp("newer.db"), ADPA_STORE_READ_WRITE, &e) == NULL &&
	       strstr(e.msg, "plus récente"),
	   "a newer schema is refused");

	write_file(tmp("afile"), "x");
	OK(adpa_store_open(tmp("afile/progress.db"), ADPA_STORE_READ_WRITE, &e) == NULL &&
	       strstr(e.msg, "impossible de créer"),
	   "unwritable place explained");
	OK(adpa_store_open(tmp("none.db"), ADPA_STORE_READ_ONLY, &e) == NULL &&
	       access(tmp("none.db"), F_OK) != 0,
	   "read-only open never creates");
}

static void test_two_writers(void)
{
	struct adpa_error e = {0};
	struct adpa_store *a = adpa_store_open(tmp("two.db"), ADPA_STORE_READ_WRITE, &e);
	struct adpa_store *b = adpa_store_open(tmp("two.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t la = adpa_store_learner(a, "ana", true, 1, &e);
	int fails = 0;
	for (int i = 0; i < 50; i++) {
		fails += adpa_store_add_time(a, la, "c", "f", 1, i, &e) < 0;
		fails += adpa_store_add_time(b, la, "c", "f", 1, i, &e) < 0;
	}
	struct adpa_progress p;
	adpa_store_progress(a, la, "c", "f", &p, &e);
	INT_EQ(fails, 0, "two processes on one file both write");
	INT_EQ(p.seconds, 100, "no write lost");
	adpa_store_close(a);
	adpa_store_close(b);
}

static void test_quiz_logic(void)
{
	size_t o1[6], o2[6], o3[6];
	adpa_quiz_order(6, 42, true, o1);
	adpa_quiz_order(6, 42, true, o2);
	adpa_quiz_order(6, 7, false, o3);
	OK(!memcmp(o1, o2, sizeof o1), "same seed, same order");
	int seen = 0;
	for (int i = 0; i < 6; i++)
		seen |= 1 << o1[i];
	INT_EQ(seen, 63, "order is a permutation");
	OK(o3[0] == 0 && o3[5] == 5, "no shuffle: identity");
	struct adpa_choice ch[3] = {{"a", false}, {"b", true}, {"c", true}};
	struct adpa_question q = {"q", ch, 3, 2, "e", 1};
	bool pick[3] = {false, true, true};
	OK(adpa_quiz_grade(&q, pick), "exact set is right");
	pick[0] = true;
	OK(!adpa_quiz_grade(&q, pick), "one extra choice is wrong");
	char msg[128], buf[32];
	bool picked[9];
	INT_EQ(adpa_quiz_parse("1 3", 4, true, picked, msg, sizeof msg), 2, "parse two numbers");
	OK(picked[0] && picked[2] && !picked[1], "parsed numbers");
	INT_EQ(adpa_quiz_parse(" 2\n", 4, false, picked, msg, sizeof msg), 1, "parse one number");
	INT_EQ(adpa_quiz_parse("1 2", 4, false, picked, msg, sizeof msg), -1,
	       "one answer expected");
	STR_EQ(msg, "une seule réponse est attendue ici", "single-answer message");
	INT_EQ(adpa_quiz_parse("5", 4, true, picked, msg, sizeof msg), -1, "out of range");
	INT_EQ(adpa_quiz_parse("12", 9, true, picked, msg, sizeof msg), -1, "two digits refused");
	INT_EQ(adpa_quiz_parse("", 4, true, picked, msg, sizeof msg), 0, "nothing typed");
	bool chosen[4] = {true, false, true, false};
	adpa_quiz_encode(chosen, 4, buf, sizeof buf);
	STR_EQ(buf, "0,2", "encode chosen indexes");
	INT_EQ(adpa_quiz_percent(2, 3), 66, "percent rounds down");
	char h1[17], h2[17];
	adpa_content_hash("abc", 3, h1);
	adpa_content_hash("abd", 3, h2);
	OK(strlen(h1) == 16 && strcmp(h1, h2), "content hash");
}

/* Statuses and tallies, and « mis à jour » after a fiche changes. */
static void test_summary(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "cp -r '%s/quiz' '%s/course'", FIXTURES, dir);
	OK(system(cmd) == 0, "fixture course copied");
	struct adpa_error e = {0};
	struct adpa_course *c = adpa_course_load(tmp("course"), 0, NULL, &e);
	struct adpa_store *s = adpa_store_open(tmp("sum.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t l = adpa_store_learner(s, "ana", true, 1, &e);
	const struct adpa_fiche *f = adpa_course_find(c, "rgpd");
	size_t len;
	char *body = adpa_fiche_read_body(f, &len, &e), hash[17];
	adpa_content_hash(body, len, hash);
	free(body);
	adpa_store_completed(s, l, c->id, "rgpd", true, hash, 10, &e);
	adpa_store_opened(s, l, c->id, "suite", 11, &e);
	struct adpa_summary *sum = adpa_summary_new(c, s, l, true, &e);
	INT_EQ(sum->fiches[0].status, ADPA_READ, "read fiche");
	INT_EQ(sum->fiches[1].status, ADPA_IN_PROGRESS, "opened fiche");
	OK(!sum->fiches[0].updated, "unchanged fiche is not « mis à jour »");
	INT_EQ(sum->rubrics[0].read, 1, "rubric tally: read");
	INT_EQ(sum->total.quiz_mean, -1, "no quiz mean without scores");
	adpa_summary_free(sum);
	int64_t a = adpa_store_attempt(s, l, c->id, "rgpd", 3, 20, &e);
	for (int k = 0; k < 3; k++)
		adpa_store_answer(s, a, k, "0", k < 3, 21, &e);
	adpa_store_finish(s, a, 22, &e);
	snprintf(cmd, sizeof cmd, "printf 'Un ajout.\\n' >> '%s'", f->path);
	OK(system(cmd) == 0, "fiche edited");
	sum = adpa_summary_new(c, s, l, true, &e);
	INT_EQ(sum->fiches[0].status, ADPA_MASTERED, "mastered at 100 %");
	OK(sum->fiches[0].updated, "edited fiche is « mis à jour »");
	INT_EQ(sum->total.quiz_mean, 100, "quiz mean");
	STR_EQ(adpa_status_label(sum->fiches[0].status), "maîtrisée", "status label");
	adpa_summary_free(sum);
	adpa_summary_free(NULL);
	adpa_store_close(s);
	adpa_course_free(c);
}

struct marks_seen {
	int n;
	char text[256];
	int64_t first_id;
};

static int see_bookmark(const struct adpa_bookmark *b, void *arg)
{
	struct marks_seen *m = arg;
	size_t k = strlen(m->text);
	snprintf(m->text + k, sizeof m->text - k, "%s/%s:%d:%s;", b->course, b->fiche, b->line,
	         b->label);
	if (!m->n++)
		m->first_id = b->id;
	return 0;
}

static int see_note(const struct adpa_note *n, void *arg)
{
	struct marks_seen *m = arg;
	size_t k = strlen(m->text);
	snprintf(m->text + k, sizeof m->text - k, "%s=%s@%lld;", n->fiche, n->text,
	         (long long)n->updated);
	m->n++;
	return 0;
}

static int export_marks(const struct adpa_export_row *r, void *arg)
{
	struct marks_seen *m = arg;
	size_t k = strlen(m->text);
	k += (size_t)snprintf(m->text + k, sizeof m->text - k, "%s:%s[", r->fiche,
	                      r->note ? r->note : "-");
	for (size_t i = 0; i < r->nbookmarks; i++, k = strlen(m->text))
		snprintf(m->text + k, sizeof m->text - k, "%d %s,", r->bookmarks[i].line,
		         r->bookmarks[i].label);
	snprintf(m->text + k, sizeof m->text - k, "];");
	m->n++;
	return 0;
}

static void test_marks(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("marks.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t l = adpa_store_learner(s, "ana", true, 1, &e);
	int64_t b1 = adpa_store_bookmark_add(s, l, "c", "f2", 40, "suite", 100, &e);
	OK(b1 > 0, "bookmark added");
	OK(adpa_store_bookmark_add(s, l, "c", "f2", 12, NULL, 101, &e) > 0,
	   "bookmark without label");
	OK(adpa_store_bookmark_add(s, l, "d", "f1", 3, "autre cours", 102, &e) > 0,
	   "bookmark in another course");
	INT_EQ(adpa_store_bookmark_add(s, l, "c", "f2", 40, "reprise", 103, &e), b1,
	       "the same line again: the same bookmark");
	struct marks_seen m = {0};
	OK(adpa_store_bookmarks(s, l, "c", see_bookmark, &m, &e) == 0, "bookmarks listed");
	STR_EQ(m.text, "c/f2:12:;c/f2:40:reprise;", "by line, label replaced, course filtered");
	m = (struct marks_seen){0};
	adpa_store_bookmarks(s, l, NULL, see_bookmark, &m, &e);
	INT_EQ(m.n, 3, "every course");
	OK(adpa_store_bookmark_delete(s, l + 1, b1, &e) == 0, "another learner deletes nothing");
	OK(adpa_store_bookmark_delete(s, l, b1, &e) == 0, "bookmark deleted");
	m = (struct marks_seen){0};
	adpa_store_bookmarks(s, l, "c", see_bookmark, &m, &e);
	STR_EQ(m.text, "c/f2:12:;", "one bookmark left");

	char *text = (char *)"x";
	OK(adpa_store_note_get(s, l, "c", "f1", &text, &e) == 0 && !text, "no note yet");
	const char *hard = "une note, \"citée\"\net sur deux lignes";
	OK(adpa_store_note_set(s, l, "c", "f1", hard, 200, &e) == 0, "note set");
	OK(adpa_store_note_set(s, l, "c", "f1", hard, 210, &e) == 0, "note set again");
	adpa_store_note_get(s, l, "c", "f1", &text, &e);
	STR_EQ(text, hard, "note read back as written");
	free(text);
	OK(adpa_store_note_set(s, l, "c", "f3", "brève", 220, &e) == 0, "second note");
	m = (struct marks_seen){0};
	OK(adpa_store_notes(s, l, "c", see_note, &m, &e) == 0, "notes listed");
	INT_EQ(m.n, 2, "two notes");
	OK(strstr(m.text, "@210;f3=brève@220;") != NULL, "notes in fiche order, updated time");
	OK(adpa_store_note_set(s, l, "c", "f3", "", 230, &e) == 0, "empty note deletes");
	adpa_store_note_get(s, l, "c", "f3", &text, &e);
	OK(!text, "note gone");

	m = (struct marks_seen){0};
	OK(adpa_store_export(s, "ana", export_marks, &m, &e) == 0, "export with marks");
	STR_EQ(m.text,
	       "f1:une note, \"citée\"\net sur deux lignes[];f2:-[12 ,];f1:-[3 autre cours,];",
	       "rows for fiches with only a note or a bookmark");
	adpa_store_close(s);

	s = adpa_store_open(tmp("marks.db"), ADPA_STORE_READ_ONLY, &e);
	OK(adpa_store_note_set(s, l, "c", "f1", "x", 300, &e) < 0 && strstr(e.msg, "lecture seule"),
	   "read-only: no note written");
	OK(adpa_store_bookmark_add(s, l, "c", "f1", 1, "x", 300, &e) < 0, "read-only: no bookmark");
	adpa_store_close(s);
}

static int count_results(const struct adpa_result_row *r, void *arg)
{
	int *n = arg;
	if (r->question < 0 && r->questions == 2 && r->correct == 1)
		n[0]++;
	else if (r->question >= 0)
		n[1]++;
	return 0;
}

/* adpa snapshot: what sits in the -wal is in the copy; 0600; no overwrite
 * unless asked; a failed copy leaves nothing. */
static void test_snapshot(void)
{
	struct adpa_error e = {0};
	char src[512], copy[512];
	snprintf(src, sizeof src, "%s", tmp("snap/progress.db"));
	snprintf(copy, sizeof copy, "%s", tmp("snap/copy.db"));
	struct adpa_store *w = adpa_store_open(src, ADPA_STORE_READ_WRITE, &e);
	struct adpa_store *r = adpa_store_open(src, ADPA_STORE_READ_ONLY, &e);
	OK(w && r, "a writer and a reader on one file");
	int64_t l = adpa_store_learner(w, "ana", true, 1, &e);
	int64_t a = adpa_store_attempt(w, l, "c", "f", 2, 10, &e);
	adpa_store_answer(w, a, 0, "1", true, 11, &e);
	adpa_store_answer(w, a, 1, "0", false, 12, &e);
	adpa_store_finish(w, a, 13, &e);
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", src);
	struct stat st;
	OK(stat(wal, &st) == 0 && st.st_size > 0, "the attempt sits in the -wal");
	OK(adpa_store_snapshot(r, copy, false, &e) == 0, "snapshot from a read-only store");
	OK(stat(copy, &st) == 0 && (st.st_mode & 0777) == 0600, "the copy is private (0600)");
	struct adpa_store *c = adpa_store_open_foreign(copy, &e);
	OK(c != NULL, "the copy reads as a collected file");
	int n[2] = {0, 0};
	int64_t cl = c ? adpa_store_learner(c, "ana", false, 0, &e) : 0;
	OK(cl > 0 && adpa_store_results(c, cl, "c", count_results, n, &e) == 0 &&
	       adpa_store_result_answers(c, cl, "c", count_results, n, &e) == 0,
	   "results read back");
	INT_EQ(n[0], 1, "the finished attempt from the -wal is in the copy");
	INT_EQ(n[1], 2, "its two answers too");
	adpa_store_close(c);
	write_file(copy, "keep me");
	OK(adpa_store_snapshot(r, copy, false, &e) < 0, "an existing file is refused");
	OK(strstr(e.msg, "existe déjà") != NULL, "refusal explained");
	STR_EQ(read_file(copy), "keep me", "the existing file is untouched");
	OK(adpa_store_snapshot(r, copy, true, &e) == 0, "overwrite when asked");
	OK(stat(copy, &st) == 0 && st.st_size > 7 && (st.st_mode & 0777) == 0600,
	   "replaced by a private copy");
	OK(adpa_store_snapshot(r, tmp("snap/none/x.db"), false, &e) < 0,
	   "a missing directory is an error");
	OK(stat(tmp("snap/none"), &st) != 0, "and leaves nothing");
	OK(adpa_store_snapshot(r, src, true, &e) < 0 && strstr(e.msg, "lui-même"),
	   "the store itself is never replaced, even when asked");
	OK(adpa_store_snapshot(r, wal, true, &e) < 0, "nor its -wal");
	adpa_store_close(r);
	adpa_store_close(w);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/adpa-store-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	test_reading();
	test_quiz_store();
	test_export();
	test_migrations();
	test_faults();
	test_two_writers();
	test_marks();
	test_quiz_logic();
	test_summary();
	test_snapshot();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
