/*
 * Writes a seed progress file for the store harness: the real schema
 * (created by adpa_store_open, so it follows the migrations), two learners
 * with progress, quiz attempts, reviews, bookmarks, notes, paths and
 * settings on the course of fuzz_store.c. The file is then compacted (512-byte
 * pages, rollback journal instead of WAL) so that the fuzzer's mutations land
 * on the data rather than on empty pages. Usage: seed_store FILE.
 */
#include <stdio.h>
#include <stdlib.h>

#include <adpa/store.h>
#include <sqlite3.h>

static void check(int ok, const struct adpa_error *err)
{
	if (!ok) {
		fprintf(stderr, "seed_store: %s\n", err->msg);
		exit(1);
	}
}

static void learner(struct adpa_store *s, const char *name, int64_t now)
{
	struct adpa_error err = {0};
	int64_t id = adpa_store_learner(s, name, true, now, &err);
	check(id > 0, &err);
	check(adpa_store_opened(s, id, "fuzz", "a", now, &err) == 0, &err);
	check(adpa_store_position(s, id, "fuzz", "a", 12, now, &err) == 0, &err);
	check(adpa_store_add_time(s, id, "fuzz", "a", 95, now, &err) == 0, &err);
	check(adpa_store_completed(s, id, "fuzz", "a", true, "0123456789abcdef", now, &err) == 0,
	      &err);
	int64_t at = adpa_store_attempt(s, id, "fuzz", "a", 2, now, &err);
	check(at > 0, &err);
	struct adpa_answer ans = {.learner = id,
	                          .course = "fuzz",
	                          .fiche = "a",
	                          .question = 0,
	                          .hash = "fedcba9876543210",
	                          .attempt = at,
	                          .chosen = "1",
	                          .correct = true};
	check(adpa_store_record(s, &ans, now, &err) == 0, &err);
	ans.question = 1;
	ans.chosen = "2,3";
	ans.correct = false;
	check(adpa_store_record(s, &ans, now, &err) == 0, &err);
	check(adpa_store_finish(s, at, now, &err) == 0, &err);
	check(adpa_store_bookmark_add(s, id, "fuzz", "b", 3, "à relire", now, &err) > 0, &err);
	check(adpa_store_note_set(s, id, "fuzz", "b", "Une note « utile ».", now, &err) == 0, &err);
	const char *fiches[] = {"b", "a"};
	check(adpa_store_path_new(s, id, "fuzz", "Mon parcours", fiches, 2, now, &err) > 0, &err);
	check(adpa_store_set(s, id, "last", "b", &err) == 0, &err);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: seed_store FILE\n");
		return 2;
	}
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open(argv[1], ADPA_STORE_READ_WRITE, &err);
	check(s != NULL, &err);
	learner(s, "Alice", 1700000000);
	learner(s, "Bob", 1700086400);
	adpa_store_close(s);

	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;", NULL,
	                 NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "seed_store: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_close(db);
	return 0;
}
