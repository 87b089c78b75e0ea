/* Unit tests: learning events as xAPI statements, and the outbox. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adpa/review.h"
#include "adpa/xapi.h"
#include "harness.h"

static char dir[256];

static char *tmp(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* The string at a path of keys (numbers index arrays) in st, or NULL. */
static const char *at(json_t *st, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	json_t *v = st;
	for (char *k = strtok(buf, "."); k && v; k = strtok(NULL, "."))
		v = json_is_array(v) ? json_array_get(v, (size_t)atoi(k)) : json_object_get(v, k);
	return json_string_value(v);
}

static void test_mapping(const struct adpa_course *c)
{
	struct adpa_event ev = {.kind = ADPA_EVENT_EXPERIENCED,
	                        .learner_uuid = "0b0f8a2e-7c1d-4c1e-9f00-1234567890ab",
	                        .learner_name = "Zoé",
	                        .course = "quiz-test",
	                        .fiche = "rgpd",
	                        .at = 1700000000};
	json_t *st = adpa_xapi_statement(c, &ev);
	STR_EQ(at(st, "verb.id"), "http://adlnet.gov/expapi/verbs/experienced", "experienced");
	STR_EQ(at(st, "object.id"), "https://adpa.invalid/courses/quiz-test/fiches/rgpd",
	       "fiche IRI");
	STR_EQ(at(st, "object.definition.name.fr"), "Le RGPD en trois questions",
	       "fiche title in the course language");
	STR_EQ(at(st, "actor.account.name"), ev.learner_uuid, "account: the learner's UUID");
	STR_EQ(at(st, "actor.account.homePage"), "https://adpa.invalid/learners", "homePage");
	STR_EQ(at(st, "actor.name"), "Zoé", "agent name: the display name");
	STR_EQ(at(st, "timestamp"), "2023-11-14T22:13:20Z", "ISO 8601 timestamp");
	STR_EQ(at(st, "context.contextActivities.grouping.0.id"),
	       "https://adpa.invalid/courses/quiz-test", "grouped under the course");
	char *a = adpa_xapi_text(st), *b;
	json_t *again = adpa_xapi_statement(c, &ev);
	b = adpa_xapi_text(again);
	STR_EQ(a, b, "built twice, the same bytes");
	char id[ADPA_UUID_LEN + 1];
	adpa_xapi_statement_id(&ev, id);
	STR_EQ(at(st, "id"), id, "statement id");
	OK(id[14] == '5', "statement id is a v5 UUID");
	free(a);
	free(b);
	json_decref(again);
	json_decref(st);

	ev.learner_name = "Zoé renamed";
	char id2[ADPA_UUID_LEN + 1];
	adpa_xapi_statement_id(&ev, id2);
	STR_EQ(id2, id, "the id depends on the event, not on texts");
	ev.at++;
	adpa_xapi_statement_id(&ev, id2);
	OK(strcmp(id, id2) != 0, "another event, another id");

	/* an answer: choices are the course's, in their original order */
	const struct adpa_fiche *f = adpa_course_find(c, "rgpd");
	char h[17];
	adpa_review_hash(&f->quiz[1], h);
	ev = (struct adpa_event){.kind = ADPA_EVENT_ANSWERED,
	                         .learner_uuid = "0b0f8a2e-7c1d-4c1e-9f00-1234567890ab",
	                         .learner_name = "Zoé",
	                         .course = "quiz-test",
	                         .fiche = "rgpd",
	                         .at = 1700000100,
	                         .attempt = 4,
	                         .question = 1,
	                         .chosen = "0,2",
	                         .hash = h};
	st = adpa_xapi_statement(c, &ev);
	STR_EQ(at(st, "verb.id"), "http://adlnet.gov/expapi/verbs/answered", "answered");
	STR_EQ(at(st, "object.id"),
	       "https://adpa.invalid/courses/quiz-test/fiches/rgpd/quiz/questions/2",
	       "question IRI, 1-based");
	STR_EQ(at(st, "object.definition.type"),
	       "http://adlnet.gov/expapi/activities/cmi.interaction", "cmi.interaction");
	STR_EQ(at(st, "object.definition.interactionType"), "choice", "of type choice");
	STR_EQ(at(st, "object.definition.correctResponsesPattern.0"), "choice-1[,]choice-2",
	       "correct responses pattern");
	STR_EQ(at(st, "object.definition.choices.2.description.fr"),
	       "Le droit à une place gratuite", "choices with their texts");
	STR_EQ(at(st, "result.response"), "choice-1[,]choice-3", "response");
	OK(json_is_false(json_object_get(json_object_get(st, "result"), "success")),
	   "result.success false");
	STR_EQ(at(st, "context.contextActivities.parent.0.id"),
	       "https://adpa.invalid/courses/quiz-test/fiches/rgpd/quiz", "parent: the quiz");
	const char *reg = at(st, "context.registration");
	OK(reg && strlen(reg) == ADPA_UUID_LEN, "registration: the attempt");
	char *reg1 = reg ? strdup(reg) : NULL;
	json_decref(st);

	ev.hash = "0000000000000000"; /* the question changed since */
	st = adpa_xapi_statement(c, &ev);
	OK(at(st, "object.definition.correctResponsesPattern.0") == NULL,
	   "an edited question: no stale choices");
	STR_EQ(at(st, "object.definition.interactionType"), "choice", "still a choice");
	json_decref(st);

	ev = (struct adpa_event){.kind = ADPA_EVENT_FINISHED,
	                         .learner_uuid = "0b0f8a2e-7c1d-4c1e-9f00-1234567890ab",
	                         .learner_name = "Zoé",
	                         .course = "quiz-test",
	                         .fiche = "rgpd",
	                         .at = 1700000200,
	                         .attempt = 4,
	                         .right = 2,
	                         .total = 3};
	st = adpa_xapi_statement(c, &ev);
	STR_EQ(at(st, "verb.id"), "http://adlnet.gov/expapi/verbs/failed", "66 % < 80 %: failed");
	STR_EQ(at(st, "context.registration"), reg1, "same registration as its answers");
	char *text = adpa_xapi_text(st);
	OK(strstr(text, "\"score\":{\"max\":3,\"min\":0,\"raw\":2,\"scaled\":0.6667}") != NULL,
	   "scaled score to 4 decimals");
	free(text);
	free(reg1);
	json_decref(st);
	ev.right = 3;
	st = adpa_xapi_statement(c, &ev);
	STR_EQ(at(st, "verb.id"), "http://adlnet.gov/expapi/verbs/passed", "3/3: passed");
	json_decref(st);

	ev.course = "another course";
	ev.fiche = "a/b?c";
	st = adpa_xapi_statement(c, &ev);
	STR_EQ(at(st, "object.id"),
	       "https://adpa.invalid/courses/another%20course/fiches/a%2Fb%3Fc/quiz",
	       "ids percent-encoded");
	OK(json_object_get(json_object_get(json_object_get(st, "object"), "definition"), "name") ==
	       NULL,
	   "another course: no name");
	json_decref(st);
}

static int count_item(const struct adpa_outbox_item *it, void *arg)
{
	size_t *n = arg;
	(*n)++;
	return it->statement == NULL;
}

static int collect(const struct adpa_outbox_item *it, void *arg)
{
	json_t *a = arg;
	json_array_append_new(a, json_pack("{s:s, s:s, s:i}", "id", it->id, "statement",
	                                   it->statement, "state", (int)it->state));
	return 0;
}

static void test_outbox(const struct adpa_course *c)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("x.db"), ADPA_STORE_READ_WRITE, &e);
	int64_t ana = adpa_store_learner(s, "ana", true, 10, &e);
	const struct adpa_fiche *f = adpa_course_find(c, "rgpd");
	adpa_store_opened(s, ana, "quiz-test", "rgpd", 100, &e);
	int64_t at1 = adpa_store_attempt(s, ana, "quiz-test", "rgpd", 3, 110, &e);
	bool pick[3] = {true, false, false};
	adpa_review_record(s, ana, "quiz-test", f, 0, at1, pick, true, 120, &e);
	adpa_store_finish(s, at1, 130, &e);
	adpa_store_completed(s, ana, "quiz-test", "rgpd", true, NULL, 140, &e);
	json_t *all = json_array();
	OK(adpa_xapi_each(s, c, 0, collect, all, &e) == 0, "statements read");
	INT_EQ(json_array_size(all), 4, "experienced, answered, failed, completed");
	INT_EQ(json_integer_value(json_object_get(json_array_get(all, 0), "state")),
	       ADPA_OUTBOX_NEW, "not queued yet");
	size_t added = 0;
	OK(adpa_store_outbox_fill(s, c, &added, &e) == 0, "queued");
	INT_EQ(added, 4, "four queued");
	OK(adpa_store_outbox_fill(s, c, &added, &e) == 0 && added == 0, "queued once only");
	size_t n = 0;
	adpa_store_outbox_pending(s, 0, 3, count_item, &n, &e);
	INT_EQ(n, 3, "pending: at most the batch size");
	json_t *tail = json_array();
	adpa_store_outbox_pending(s, 3, 10, collect, tail, &e);
	OK(json_array_size(tail) == 1 && !strcmp(at(tail, "0.id"), at(all, "3.id")),
	   "pending after skipping 3: the 4th, in event order");
	json_decref(tail);
	const char *ids[2] = {at(all, "0.id"), at(all, "1.id")};
	OK(adpa_store_outbox_mark(s, ids, 1, "connexion refusée", 200, &e) == 0,
	   "failure recorded");
	OK(adpa_store_outbox_mark(s, ids, 2, NULL, 201, &e) == 0, "two accepted");
	size_t pending, sent;
	adpa_store_outbox_count(s, &pending, &sent, &e);
	OK(pending == 2 && sent == 2, "2 pending, 2 sent");
	/* the statement text is frozen: a course edited since changes nothing */
	json_t *after = json_array();
	adpa_xapi_each(s, NULL, 0, collect, after, &e);
	STR_EQ(at(after, "1.statement"), at(all, "1.statement"),
	       "queued statement kept as built, even without the course");
	INT_EQ(json_integer_value(json_object_get(json_array_get(after, 1), "state")),
	       ADPA_OUTBOX_SENT, "its state");
	json_decref(after);
	json_decref(all);
	adpa_store_close(s);

	/* read-only: each works, filling is refused */
	s = adpa_store_open(tmp("x.db"), ADPA_STORE_READ_ONLY, &e);
	n = 0;
	OK(adpa_xapi_each(s, c, 0, count_item, &n, &e) == 0 && n == 4, "read-only: statements");
	OK(adpa_store_outbox_fill(s, c, &added, &e) < 0, "read-only: nothing queued");
	adpa_store_close(s);
}

int main(void)
{
	snprintf(dir, sizeof dir, "%s/adpa-xapi-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	struct adpa_error e = {0};
	struct adpa_course *c = adpa_course_load(FIXTURES "/quiz", 0, NULL, &e);
	OK(c != NULL, "fixture course loads");
	if (c) {
		test_mapping(c);
		test_outbox(c);
	}
	adpa_course_free(c);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
