/* Unit tests: learner names and identities (learner.h), in a temporary store. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adpa/learner.h"
#include "adpa/store.h"
#include "harness.h"

static char dir[256];

static char *tmp(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* The normalised form of in, or "ERROR: msg". */
static const char *clean(const char *in)
{
	static char out[1024];
	struct adpa_error e = {0};
	char *c = adpa_learner_name_clean(in, &e);
	snprintf(out, sizeof out, "%s%s", c ? "" : "ERROR: ", c ? c : e.msg);
	free(c);
	return out;
}

static void test_names(void)
{
	STR_EQ(clean("ana"), "ana", "a plain name is kept");
	STR_EQ(clean("  Zoé  Martin \t"), "Zoé Martin", "trimmed, inner spaces collapsed");
	STR_EQ(clean("Zoe\xCC\x81"), "Zoé", "NFC: combining accent composed");
	STR_EQ(clean("a\x1b[31mb\x07"), "a[31mb", "control characters dropped");
	STR_EQ(clean("x\xC2\x9B"
	             "2Jy"),
	       "x2Jy", "C1 control (CSI) dropped");
	STR_EQ(clean("ab\xE2\x80\xAE"
	             "cd"),
	       "abcd", "bidirectional override dropped");
	STR_EQ(clean("a\xE2\x80\x8B"
	             "b"),
	       "ab", "zero-width space dropped");
	STR_EQ(clean("Jean\xC2\xA0"
	             "Dupont"),
	       "Jean Dupont", "no-break space is a space");
	STR_EQ(clean("one\ntwo\r\nthree"), "one two three", "line breaks are spaces");
	STR_EQ(clean("Zoé \"Z\", atelier"), "Zoé \"Z\", atelier", "punctuation kept");
	STR_EQ(clean(""), "ERROR: le nom d’apprenant est vide", "empty name refused");
	STR_EQ(clean(" \t\x1b\x7f\xE2\x80\x8B "), "ERROR: le nom d’apprenant est vide",
	       "a name of blanks and controls is empty");
	STR_EQ(clean("a\xff"), "ERROR: le nom d’apprenant n’est pas du texte UTF-8 valide",
	       "invalid UTF-8 refused");
	char longname[200];
	memset(longname, 'x', 81);
	longname[81] = '\0';
	STR_EQ(clean(longname),
	       "ERROR: le nom d’apprenant est trop long (81 caractères, 80 au plus)",
	       "overlong name refused");
	longname[80] = '\0';
	OK(strlen(clean(longname)) == 80, "80 characters accepted");
}

static void test_uuids(void)
{
	char a[ADPA_UUID_LEN + 1], b[ADPA_UUID_LEN + 1];
	adpa_uuid_random(a);
	adpa_uuid_random(b);
	OK(adpa_uuid_valid(a) && a[14] == '4' && strchr("89ab", a[19]), "random UUID is v4");
	OK(strcmp(a, b) != 0, "two random UUIDs differ");
	adpa_uuid_name("x", 1, a);
	adpa_uuid_name("x", 1, b);
	STR_EQ(a, b, "name-based UUID is stable");
	OK(a[14] == '5' && strchr("89ab", a[19]), "name-based UUID is v5");
	/* pinned (Python's uuid.uuid5 agrees): every statement id derives
	 * from adpa's namespace */
	STR_EQ(a, "7ebe0685-21a5-59ec-bde3-d92053a2ad2a", "namespace unchanged");
	adpa_uuid_name("y", 1, b);
	OK(strcmp(a, b) != 0, "another name, another UUID");
	OK(!adpa_uuid_valid("B5B1B8B6-0CB4-5EC2-9A8A-38E2BC9CA4FC"), "uppercase is not the form");
	OK(!adpa_uuid_valid("b5b1b8b6-0cb4-5ec2-9a8a-38e2bc9ca4f"), "short is not a UUID");
}

static void test_store_identity(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("p.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t ana = adpa_store_learner(s, "  ana ", true, 100, &e);
	OK(ana > 0, "learner created from an untrimmed name");
	INT_EQ(adpa_store_learner(s, "ana", false, 0, &e), ana, "found by its normalised name");
	INT_EQ(adpa_store_learner(s, "   ", true, 100, &e), -1, "empty name refused");
	STR_EQ(e.msg, "le nom d’apprenant est vide", "and explained");
	int64_t bob = adpa_store_learner(s, "bob", true, 200, &e);
	struct adpa_learner_info a, b;
	OK(adpa_store_learner_get(s, ana, &a, &e) == 0 &&
	       adpa_store_learner_get(s, bob, &b, &e) == 0,
	   "learners read back");
	STR_EQ(a.name, "ana", "stored normalised");
	OK(adpa_uuid_valid(a.uuid) && a.uuid[14] == '4', "a v4 UUID given at creation");
	OK(strcmp(a.uuid, b.uuid) != 0, "each learner its own UUID");
	INT_EQ(a.created, 100, "creation time");
	adpa_store_opened(s, ana, "c", "f", 500, &e);
	int64_t at = adpa_store_attempt(s, bob, "c", "f", 2, 600, &e);
	adpa_store_answer(s, at, 0, "1", true, 650, &e);
	adpa_store_note_set(s, ana, "c", "g", "n", 700, &e);
	struct adpa_learner_info *v;
	size_t n;
	OK(adpa_store_learner_list(s, &v, &n, &e) == 0 && n == 2, "two learners listed");
	if (n == 2) {
		STR_EQ(v[0].name, "ana", "by name");
		STR_EQ(v[0].uuid, a.uuid, "with the same UUID");
		INT_EQ(v[0].last_activity, 700, "last activity: the note");
		INT_EQ(v[1].last_activity, 650, "last activity: the answer");
	}
	free(v);
	char uuid[ADPA_UUID_LEN + 1];
	memcpy(uuid, a.uuid, sizeof uuid);
	OK(adpa_store_learner_get(s, 999, &a, &e) == -1 && e.code == ADPA_ENOTFOUND,
	   "unknown learner row");
	adpa_store_close(s);
	s = adpa_store_open(tmp("p.db"), ADPA_STORE_READ_WRITE, &e);
	adpa_store_learner_get(s, ana, &b, &e);
	STR_EQ(b.uuid, uuid, "the UUID survives reopening");
	adpa_store_close(s);
}

/* A file of schema 6 (before identities) with two learners, one of them
 * with a name as it was typed then. */
static void test_migration(void)
{
	struct adpa_error e = {0};
	OK(adpa_store_create_at(tmp("v6.db"), 6, &e) == 0, "schema 6 file");
	sqlite3 *db;
	sqlite3_open(tmp("v6.db"), &db);
	sqlite3_exec(db,
	             "INSERT INTO learner(name, created) VALUES ('old', 1), (' raw\tname ', 2);",
	             NULL, NULL, NULL);
	sqlite3_close(db);
	struct adpa_store *s = adpa_store_open(tmp("v6.db"), ADPA_STORE_READ_WRITE, &e);
	struct adpa_learner_info *v = NULL;
	size_t n = 0;
	OK(s && adpa_store_learner_list(s, &v, &n, &e) == 0 && n == 2, "learners kept");
	if (n == 2) {
		OK(adpa_uuid_valid(v[0].uuid) && v[0].uuid[14] == '4' &&
		       strchr("89ab", v[0].uuid[19]) && adpa_uuid_valid(v[1].uuid),
		   "existing learners got v4 UUIDs");
		OK(strcmp(v[0].uuid, v[1].uuid) != 0, "distinct UUIDs");
	}
	OK(adpa_store_learner(s, " raw\tname ", false, 0, &e) > 0,
	   "a name stored before normalisation is still found as typed");
	free(v);
	adpa_store_close(s);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/adpa-learner-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	test_names();
	test_uuids();
	test_store_identity();
	test_migration();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
