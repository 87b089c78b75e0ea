/*
 * Progress seen from the interface: the learner, the store, and a summary
 * (fiche statuses, rubric tallies, questions due for review) recomputed
 * after each change and whenever Home comes back into view. Every
 * reading event is written when it happens; a failing store never stops
 * reading: the status line says « progression non enregistrée » and why,
 * and the home screen keeps saying it.
 *
 * Active reading time: each key in the reader adds the seconds since the
 * previous one, unless that pause was longer than two minutes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui_session.h"
#include <adpa/learner.h>
#include <adpa/util.h>

#define PAUSE_LIMIT 120 /* seconds: a longer pause is not reading */

int64_t tui_now(void)
{
	const char *fake = getenv("ADPA_NOW");
	return fake && *fake ? strtoll(fake, NULL, 10) : (int64_t)time(NULL);
}

const char *tui_reason(enum adpa_errcode code)
{
	switch (code) {
	case ADPA_EIO:
		return "lecture ou écriture impossible (droits, disque plein, fichier verrouillé)";
	case ADPA_EFORMAT:
		return "contenu illisible, ou d’une version plus récente d’adpa";
	case ADPA_ENOTFOUND:
		return "introuvable";
	default:
		return "erreur inattendue";
	}
}

int progress_check(struct tui *t, int rc, const struct adpa_error *err)
{
	if (rc < 0) {
		snprintf(t->store_error, sizeof t->store_error, "%s", tui_reason(err->code));
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
	}
	return rc;
}

static void load_last(struct tui *t)
{
	struct adpa_error err = {0};
	t->last_fiche = (size_t)-1;
	char *id = adpa_store_get(t->store, t->learner, "last", &err);
	const struct adpa_fiche *f = adpa_course_find(t->course, id);
	free(id);
	if (!f)
		return;
	t->last_fiche = f->index;
	t->last_src = progress_of(t, f->index)->p.position;
	t->last_delta = 0;
}

/* name: already through adpa_learner_name_clean. */
static void start_learner(struct tui *t, const char *name)
{
	struct adpa_error err = {0};
	snprintf(t->learner_name, sizeof t->learner_name, "%s", name);
	t->welcome = t->welcome == WELCOME_ASK ? WELCOME_NONE : t->welcome;
	t->learner = t->store ? adpa_store_learner(t->store, name, true, tui_now(), &err) : 0;
	if (t->store && t->learner <= 0)
		progress_check(t, -1, &err);
	char **names = NULL;
	size_t n = 0;
	if (t->store && adpa_store_learners(t->store, &names, &n, &err) == 0)
		t->many_learners = n > 1;
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	progress_refresh(t, false);
	if (t->store)
		load_last(t);
}

/* Whether this is someone's first launch: WELCOME_ASK when the login name
 * (learner not given) is not a learner of the file, so that a shared lab
 * account never records a second person under the first one's name;
 * WELCOME_NEW when the learner given is new to the file. */
static int first_launch(struct tui *t, const char *name, bool given)
{
	if (!t->store)
		return WELCOME_NONE; /* nothing is saved: every launch would be the first */
	struct adpa_error err = {0};
	int64_t id = adpa_store_learner(t->store, name, false, 0, &err);
	if (id > 0)
		return WELCOME_NONE;
	if (!given)
		return WELCOME_ASK;
	return id == 0 ? WELCOME_NEW : WELCOME_NONE; /* a bad name: start_learner says why */
}

void progress_init(struct tui *t, const struct tui_opts *o)
{
	t->store = o ? o->store : NULL;
	t->db_path = o ? o->db_path : NULL;
	if (!t->store && o && o->store_error)
		snprintf(t->store_error, sizeof t->store_error, "%s%s%s",
		         o->db_path ? o->db_path : "", o->db_path ? " : " : "",
		         tui_reason(o->store_errcode));
	const char *name = o && o->learner ? o->learner : "apprenant";
	t->welcome = first_launch(t, name, o && o->learner_given);
	if (t->welcome == WELCOME_ASK) { /* nobody yet: view_welcome asks */
		progress_refresh(t, false);
	} else {
		struct adpa_error err = {0};
		char *clean = adpa_learner_name_clean(name, &err);
		if (!clean)
			tui_message(t, true, "Progression non enregistrée : %s", err.msg);
		start_learner(t, clean ? clean : "apprenant");
		if (!clean) /* the name refused: nothing recorded under another */
			t->learner = 0;
		free(clean);
	}
	if (adpa_store_warning(t->store)) /* e.g. the file's mode made private */
		tui_message(t, false, "%s", adpa_store_warning(t->store));
}

void progress_fini(struct tui *t)
{
	adpa_summary_free(t->sum);
	t->sum = NULL;
	adpa_store_close(t->store);
	t->store = NULL;
}

void progress_refresh(struct tui *t, bool updates)
{
	struct adpa_error err = {0};
	struct adpa_summary *s =
	    adpa_summary_new(t->course, t->store, t->store ? t->learner : 0, updates, &err);
	if (!s) {
		progress_check(t, -1, &err);
		s = adpa_summary_new(t->course, NULL, 0, false, &err);
	}
	adpa_summary_free(t->sum);
	t->sum = s;
	t->review_due = t->review_total = 0;
	t->review_next = 0;
	struct adpa_review_item *all = NULL;
	size_t n = 0;
	int64_t now = tui_now();
	if (t->store && t->learner > 0 &&
	    progress_check(t, adpa_review_all(t->course, t->store, t->learner, &all, &n, &err),
	                   &err) == 0) {
		t->review_total = n;
		while (t->review_due < n && all[t->review_due].state.due <= now) /* soonest first */
			t->review_due++;
		if (t->review_due < n)
			t->review_next = all[t->review_due].state.due;
	}
	free(all);
}

/* French month names, for dates in messages. */
static const char *const months[] = {"janvier",   "février", "mars",     "avril",
                                     "mai",       "juin",    "juillet",  "août",
                                     "septembre", "octobre", "novembre", "décembre"};

void progress_when(const struct tui *t, int64_t when, char *buf, size_t n)
{
	time_t a = (time_t)tui_now(), b = (time_t)when;
	struct tm now, due;
	localtime_r(&a, &now);
	localtime_r(&b, &due);
	/* calendar days between the two dates (noon avoids daylight saving steps) */
	struct tm d0 = {.tm_year = now.tm_year,
	                .tm_mon = now.tm_mon,
	                .tm_mday = now.tm_mday,
	                .tm_hour = 12,
	                .tm_isdst = -1};
	struct tm d1 = {.tm_year = due.tm_year,
	                .tm_mon = due.tm_mon,
	                .tm_mday = due.tm_mday,
	                .tm_hour = 12,
	                .tm_isdst = -1};
	double diff = difftime(mktime(&d1), mktime(&d0));
	long days = (long)((diff >= 0 ? diff + 43200 : diff - 43200) / 86400);
	(void)t;
	if (days <= 0)
		snprintf(buf, n, "aujourd’hui à %d h %02d", due.tm_hour, due.tm_min);
	else if (days == 1)
		snprintf(buf, n, "demain");
	else if (days == 2)
		snprintf(buf, n, "après-demain");
	else
		snprintf(buf, n, "le %d%s %s", due.tm_mday, due.tm_mday == 1 ? "er" : "",
		         months[due.tm_mon]);
}

const struct adpa_fiche_state *progress_of(const struct tui *t, size_t i)
{
	return &t->sum->fiches[i];
}

const char *progress_mark(const struct tui *t, enum adpa_status s)
{
	static const char *const utf8[] = {"○", "◐", "✓", "★"};
	static const char *const ascii[] = {"-", "~", "x", "*"};
	return t->utf8 ? utf8[s] : ascii[s];
}

static const char *cid(const struct tui *t)
{
	return t->course->id ? t->course->id : "";
}

void progress_opened(struct tui *t, size_t fiche)
{
	t->last_fiche = fiche;
	t->tick_fiche = fiche;
	t->last_tick = tui_now();
	if (!t->store)
		return;
	struct adpa_error err = {0};
	const char *id = t->course->fiches[fiche]->id;
	if (progress_check(t, adpa_store_opened(t->store, t->learner, cid(t), id, tui_now(), &err),
	                   &err) == 0)
		progress_check(t, adpa_store_set(t->store, t->learner, "last", id, &err), &err);
	progress_refresh(t, false);
}

void progress_position(struct tui *t, size_t fiche, int src)
{
	t->last_src = src;
	t->last_delta = 0;
	if (!t->store || src <= 0)
		return;
	struct adpa_error err = {0};
	progress_check(t,
	               adpa_store_position(t->store, t->learner, cid(t),
	                                   t->course->fiches[fiche]->id, src, tui_now(), &err),
	               &err);
}

void progress_tick(struct tui *t, size_t fiche)
{
	int64_t now = tui_now();
	int64_t gap = now - t->last_tick;
	bool same = t->tick_fiche == fiche;
	t->last_tick = now;
	t->tick_fiche = fiche;
	if (!t->store || !same || gap <= 0 || gap > PAUSE_LIMIT)
		return;
	struct adpa_error err = {0};
	progress_check(t,
	               adpa_store_add_time(t->store, t->learner, cid(t),
	                                   t->course->fiches[fiche]->id, (int)gap, now, &err),
	               &err);
}

void progress_mark_read(struct tui *t, size_t fiche, bool read, const char *body, size_t len)
{
	if (!t->store) {
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
		return;
	}
	char hash[17] = "";
	if (body)
		adpa_content_hash(body, len, hash);
	struct adpa_error err = {0};
	progress_check(t,
	               adpa_store_completed(t->store, t->learner, cid(t),
	                                    t->course->fiches[fiche]->id, read, body ? hash : NULL,
	                                    tui_now(), &err),
	               &err);
	progress_refresh(t, false);
}

bool progress_switch(struct tui *t, const char *name)
{
	if (!t->store) {
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
		return false;
	}
	struct adpa_error err = {0};
	char *clean = adpa_learner_name_clean(name, &err);
	if (!clean) {
		tui_message(t, true, "Ce nom ne convient pas : %s", err.msg);
		return false;
	}
	start_learner(t, clean);
	free(clean);
	if (t->learner <= 0)
		return false; /* the store said why */
	tui_message(t, false, "Apprenant : %s", t->learner_name);
	return true;
}
