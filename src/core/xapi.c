/*
 * Learning events to xAPI 1.0.3 statements (see xapi.h for the mapping).
 *
 * Invariants: a statement depends only on its event and the course given,
 * never on the clock or the order of calls, so building it twice gives the
 * same bytes (json_dumps with JSON_COMPACT | JSON_SORT_KEYS); the statement
 * id depends on the event's identity only (learner UUID, kind, course,
 * fiche, attempt row, question), never on its text. Texts come from the
 * course already cleaned; jansson escapes what JSON needs.
 */
#include "adpa/xapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adpa/quiz.h"
#include "adpa/review.h"
#include <adpa/util.h>

#define ADL_VERB "http://adlnet.gov/expapi/verbs/"
#define ADL_ACTIVITY "http://adlnet.gov/expapi/activities/"

static const struct {
	const char *verb, *en, *fr;
} verbs[] = {
    [ADPA_EVENT_EXPERIENCED] = {"experienced", "experienced", "a consulté"},
    [ADPA_EVENT_COMPLETED] = {"completed", "completed", "a terminé"},
    [ADPA_EVENT_ANSWERED] = {"answered", "answered", "a répondu à"},
};

static const char *const kind_names[] = {"experienced", "completed", "answered", "finished"};

/* Percent-encodes every byte but RFC 3986's unreserved ones. */
static void add_segment(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c))
			buf_addc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

char *adpa_xapi_iri(const char *course, const char *fiche, bool quiz, int question)
{
	struct buf b = {0};
	buf_adds(&b, ADPA_XAPI_ROOT "courses/");
	add_segment(&b, course);
	if (fiche) {
		buf_adds(&b, "/fiches/");
		add_segment(&b, fiche);
		if (quiz || question >= 0)
			buf_adds(&b, "/quiz");
		if (question >= 0)
			buf_printf(&b, "/questions/%d", question + 1);
	}
	return buf_detach(&b);
}

void adpa_xapi_statement_id(const struct adpa_event *ev, char out[ADPA_UUID_LEN + 1])
{
	/* a JSON array as the name: unambiguous whatever the ids hold */
	json_t *key = json_pack("[s, i, s, s, s, s]", "adpa-statement", 1, ev->learner_uuid,
	                        kind_names[ev->kind], ev->course, ev->fiche);
	if (ev->kind == ADPA_EVENT_EXPERIENCED || ev->kind == ADPA_EVENT_COMPLETED)
		json_array_append_new(key, json_integer(ev->at));
	else
		json_array_append_new(key, json_integer(ev->attempt));
	if (ev->kind == ADPA_EVENT_ANSWERED)
		json_array_append_new(key, json_integer(ev->question));
	char *name = json_dumps(key, JSON_COMPACT);
	adpa_uuid_name(name, strlen(name), out);
	free(name);
	json_decref(key);
}

/* The registration shared by the statements of one quiz attempt. */
static void registration(const struct adpa_event *ev, char out[ADPA_UUID_LEN + 1])
{
	json_t *key =
	    json_pack("[s, i, s, I]", "adpa-attempt", 1, ev->learner_uuid, (json_int_t)ev->attempt);
	char *name = json_dumps(key, JSON_COMPACT);
	adpa_uuid_name(name, strlen(name), out);
	free(name);
	json_decref(key);
}

static void iso_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t < 0 || !gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

/* The course's language when it is a plausible RFC 5646 tag, else "und". */
static const char *lang_of(const struct adpa_course *c)
{
	const char *l = c && c->lang ? c->lang : "";
	size_t n = strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (n < 2 || n > 8 ||
	    strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	              "0123456789-") != strlen(l) ||
	    l[strlen(l) - 1] == '-' || strstr(l, "--"))
		return "und";
	return l;
}

static json_t *lang_map(const struct adpa_course *c, const char *text)
{
	return json_pack("{s:s}", lang_of(c), text);
}

static json_t *actor(const struct adpa_event *ev)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s}}", "objectType", "Agent", "name",
	                 ev->learner_name, "account", "homePage", ADPA_XAPI_HOMEPAGE, "name",
	                 ev->learner_uuid);
}

static json_t *verb(const char *id, const char *en, const char *fr)
{
	char *iri = xasprintf(ADL_VERB "%s", id);
	json_t *v =
	    json_pack("{s:s, s:{s:s, s:s}}", "id", iri, "display", "en-US", en, "fr-FR", fr);
	free(iri);
	return v;
}

/* An activity: iri taken (freed here), definition of type (a name under
 * ADL_ACTIVITY) with name when not NULL. */
static json_t *activity(const struct adpa_course *c, char *iri, const char *type, const char *name)
{
	char *t = xasprintf(ADL_ACTIVITY "%s", type);
	json_t *def = json_pack("{s:s}", "type", t);
	if (name)
		json_object_set_new(def, "name", lang_map(c, name));
	json_t *a =
	    json_pack("{s:s, s:s, s:o}", "objectType", "Activity", "id", iri, "definition", def);
	free(t);
	free(iri);
	return a;
}

/* The course of ev in c, or NULL when c is another course. */
static const struct adpa_course *same_course(const struct adpa_course *c,
                                             const struct adpa_event *ev)
{
	return c && c->id && !strcmp(c->id, ev->course) ? c : NULL;
}

static const struct adpa_fiche *fiche_of(const struct adpa_course *c, const struct adpa_event *ev)
{
	return c ? adpa_course_find(c, ev->fiche) : NULL;
}

static json_t *course_activity(const struct adpa_course *c, const struct adpa_event *ev)
{
	return activity(c, adpa_xapi_iri(ev->course, NULL, false, -1), "course",
	                c ? c->title : NULL);
}

static json_t *fiche_activity(const struct adpa_course *c, const struct adpa_event *ev)
{
	const struct adpa_fiche *f = fiche_of(c, ev);
	return activity(c, adpa_xapi_iri(ev->course, ev->fiche, false, -1), "lesson",
	                f ? f->title : NULL);
}

static json_t *quiz_activity(const struct adpa_course *c, const struct adpa_event *ev)
{
	const struct adpa_fiche *f = fiche_of(c, ev);
	char *name = f ? xasprintf("Quiz\xC2\xA0: %s", f->title) : NULL;
	json_t *a = activity(c, adpa_xapi_iri(ev->course, ev->fiche, true, -1), "assessment", name);
	free(name);
	return a;
}

/* "choice-1[,]choice-3" from the stored "0,2". */
static char *response(const char *chosen)
{
	struct buf b = {0};
	buf_adds(&b, "");
	for (const char *p = chosen ? chosen : ""; *p;) {
		char *end;
		long k = strtol(p, &end, 10);
		if (end == p) {
			p++;
			continue;
		}
		if (k >= 0 && k < ADPA_MAX_CHOICES * 100)
			buf_printf(&b, "%schoice-%ld", b.len ? "[,]" : "", k + 1);
		p = end;
	}
	return buf_detach(&b);
}

/* The question of ev as it was answered: NULL when the course no longer has
 * it, or its text or choices changed since. */
static const struct adpa_question *question_of(const struct adpa_course *c,
                                               const struct adpa_event *ev)
{
	const struct adpa_fiche *f = fiche_of(c, ev);
	if (!f || ev->question < 0 || (size_t)ev->question >= f->nquiz)
		return NULL;
	const struct adpa_question *q = &f->quiz[ev->question];
	char h[17];
	adpa_review_hash(q, h);
	return ev->hash && *ev->hash && strcmp(ev->hash, h) ? NULL : q;
}

/* The cmi.interaction definition of a choice question. */
static void interaction(const struct adpa_course *c, json_t *def, const struct adpa_question *q)
{
	json_t *choices = json_array();
	struct buf right = {0};
	buf_adds(&right, "");
	for (size_t i = 0; i < q->nchoices; i++) {
		char id[32];
		snprintf(id, sizeof id, "choice-%zu", i + 1);
		json_array_append_new(choices, json_pack("{s:s, s:o}", "id", id, "description",
		                                         lang_map(c, q->choices[i].text)));
		if (q->choices[i].correct)
			buf_printf(&right, "%s%s", right.len ? "[,]" : "", id);
	}
	json_object_set_new(def, "description", lang_map(c, q->question));
	json_object_set_new(def, "choices", choices);
	json_object_set_new(def, "correctResponsesPattern", json_pack("[s]", right.p));
	buf_free(&right);
}

static json_t *question_activity(const struct adpa_course *c, const struct adpa_event *ev)
{
	const struct adpa_fiche *f = fiche_of(c, ev);
	const struct adpa_question *q = question_of(c, ev);
	char *name = f ? xasprintf("Question %d\xC2\xA0: %s", ev->question + 1, f->title) : NULL;
	json_t *a = activity(c, adpa_xapi_iri(ev->course, ev->fiche, true, ev->question),
	                     "cmi.interaction", name);
	free(name);
	json_t *def = json_object_get(a, "definition");
	json_object_set_new(def, "interactionType", json_string("choice"));
	if (q)
		interaction(c, def, q);
	return a;
}

/* The context: grouping the course (and the fiche under a quiz); parent the
 * quiz of a question or the fiche of a quiz; the attempt's registration. */
static json_t *context(const struct adpa_course *c, const struct adpa_event *ev)
{
	json_t *acts = json_pack("{s:[o]}", "grouping", course_activity(c, ev));
	json_t *ctx = json_pack("{s:s}", "platform", "adpa");
	if (c)
		json_object_set_new(ctx, "language", json_string(lang_of(c)));
	if (ev->kind == ADPA_EVENT_ANSWERED) {
		json_array_append_new(json_object_get(acts, "grouping"), fiche_activity(c, ev));
		json_object_set_new(acts, "parent", json_pack("[o]", quiz_activity(c, ev)));
	} else if (ev->kind == ADPA_EVENT_FINISHED) {
		json_object_set_new(acts, "parent", json_pack("[o]", fiche_activity(c, ev)));
	}
	if (ev->kind == ADPA_EVENT_ANSWERED || ev->kind == ADPA_EVENT_FINISHED) {
		char reg[ADPA_UUID_LEN + 1];
		registration(ev, reg);
		json_object_set_new(ctx, "registration", json_string(reg));
	}
	json_object_set_new(ctx, "contextActivities", acts);
	return ctx;
}

/* Verb, object and result of a finished quiz: passed at the course's
 * mastery threshold (80 % for a course adpa does not have). */
static void finished(const struct adpa_course *c, const struct adpa_event *ev, json_t *st)
{
	int total = ev->total > 0 ? ev->total : 1;
	int right = ev->right < 0 ? 0 : ev->right > total ? total : ev->right;
	bool passed = adpa_quiz_percent(right, total) >= (c ? c->mastery : 80);
	json_object_set_new(st, "verb",
	                    passed ? verb("passed", "passed", "a réussi")
	                           : verb("failed", "failed", "a échoué à"));
	json_object_set_new(st, "object", quiz_activity(c, ev));
	json_object_set_new(st, "result",
	                    json_pack("{s:{s:f, s:i, s:i, s:i}, s:b, s:b}", "score", "scaled",
	                              (double)right / total, "raw", right, "min", 0, "max", total,
	                              "success", passed, "completion", true));
}

json_t *adpa_xapi_statement(const struct adpa_course *course, const struct adpa_event *ev)
{
	const struct adpa_course *c = same_course(course, ev);
	char id[ADPA_UUID_LEN + 1], when[32];
	adpa_xapi_statement_id(ev, id);
	iso_time(ev->at, when);
	json_t *st = json_pack("{s:s, s:o, s:s}", "id", id, "actor", actor(ev), "timestamp", when);
	if (ev->kind == ADPA_EVENT_FINISHED) {
		finished(c, ev, st);
	} else {
		json_object_set_new(
		    st, "verb", verb(verbs[ev->kind].verb, verbs[ev->kind].en, verbs[ev->kind].fr));
		json_object_set_new(st, "object",
		                    ev->kind == ADPA_EVENT_ANSWERED ? question_activity(c, ev)
		                                                    : fiche_activity(c, ev));
	}
	if (ev->kind == ADPA_EVENT_COMPLETED)
		json_object_set_new(st, "result", json_pack("{s:b}", "completion", true));
	if (ev->kind == ADPA_EVENT_ANSWERED) {
		char *resp = response(ev->chosen);
		json_object_set_new(
		    st, "result",
		    json_pack("{s:b, s:s}", "success", ev->correct, "response", resp));
		free(resp);
	}
	json_object_set_new(st, "context", context(c, ev));
	return st;
}

char *adpa_xapi_text(const json_t *st)
{
	char *t = json_dumps(st, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(4));
	if (!t)
		abort();
	return t;
}
