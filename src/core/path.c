/*
 * Paths (see path.h): prerequisites to add before a fiche, and list
 * filters. The prerequisite walk is a depth-first post-order over requires,
 * with a mark per course fiche set on entry: a cycle in a broken course
 * ends the walk instead of looping, and each fiche comes out once, after
 * everything it requires.
 */
#include "adpa/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/text.h"
#include <adpa/util.h>

struct walk {
	const struct adpa_course *c;
	const char *const *have;
	size_t nhave;
	bool *seen; /* per course fiche */
	const struct adpa_fiche **out;
	size_t n, cap;
};

static bool has(const struct walk *w, const char *id)
{
	for (size_t i = 0; i < w->nhave; i++)
		if (w->have[i] && !strcmp(w->have[i], id))
			return true;
	return false;
}

static void visit(struct walk *w, const struct adpa_fiche *f)
{
	for (size_t i = 0; i < f->nrequires; i++) {
		const struct adpa_fiche *r = adpa_course_find(w->c, f->requires[i].s);
		if (!r || w->seen[r->index])
			continue;
		w->seen[r->index] = true;
		visit(w, r);
		if (!has(w, r->id)) {
			XGROW(w->out, w->cap, w->n + 1);
			w->out[w->n++] = r;
		}
	}
}

size_t adpa_path_missing(const struct adpa_course *c, const char *const *have, size_t nhave,
                             const struct adpa_fiche *add, const struct adpa_fiche ***out)
{
	struct walk w = {.c = c, .have = have, .nhave = nhave};
	w.seen = xcalloc(c->nfiches ? c->nfiches : 1, sizeof *w.seen);
	if (add->index < c->nfiches)
		w.seen[add->index] = true;
	visit(&w, add);
	free(w.seen);
	*out = w.out;
	return w.n;
}

/* --- filters --- */

static const struct {
	const char *word;
	int level, status;
} words[] = {
    {"débutant", ADPA_LEVEL_DEBUTANT, -1},
    {"debutant", ADPA_LEVEL_DEBUTANT, -1},
    {"intermédiaire", ADPA_LEVEL_INTERMEDIAIRE, -1},
    {"intermediaire", ADPA_LEVEL_INTERMEDIAIRE, -1},
    {"avancé", ADPA_LEVEL_AVANCE, -1},
    {"avance", ADPA_LEVEL_AVANCE, -1},
    {"nouvelle", -1, ADPA_NOT_STARTED},
    {"non-commencée", -1, ADPA_NOT_STARTED},
    {"non-commencee", -1, ADPA_NOT_STARTED},
    {"en-cours", -1, ADPA_IN_PROGRESS},
    {"lue", -1, ADPA_READ},
    {"lues", -1, ADPA_READ},
    {"maîtrisée", -1, ADPA_MASTERED},
    {"maitrisee", -1, ADPA_MASTERED},
    {"maîtrisées", -1, ADPA_MASTERED},
    {"maitrisees", -1, ADPA_MASTERED},
};

/* A duration word: "10", "10min", "<=10", "≤10"; 0 when it is not one. */
static int minutes(const char *w)
{
	if (!strncmp(w, "<=", 2))
		w += 2;
	else if (!strncmp(w, "≤", strlen("≤")))
		w += strlen("≤");
	char *end;
	long v = strtol(w, &end, 10);
	if (end == w || v <= 0 || v > 10000 || (*end && strcmp(end, "min") && strcmp(end, "mn")))
		return 0;
	return (int)v;
}

/* One word of the filter; false when it is part of the keyword. */
static bool known_word(struct adpa_filter *f, const char *w)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(w, words[i].word))
			continue;
		if (words[i].level >= 0)
			f->level = words[i].level;
		else
			f->status = words[i].status;
		return true;
	}
	int m = minutes(w);
	if (m)
		f->max_minutes = m;
	return m > 0;
}

void adpa_filter_parse(const char *text, struct adpa_filter *f)
{
	*f = (struct adpa_filter){.level = -1, .status = -1};
	char *folded = adpa_text_fold(text ? text : "");
	char *rest = xcalloc(strlen(folded) + 1, 1);
	char *save = NULL;
	for (char *w = strtok_r(folded, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "en") && save && !strncmp(save, "cours", 5) &&
		    (save[5] == ' ' || !save[5])) { /* « en cours », two words */
			f->status = ADPA_IN_PROGRESS;
			strtok_r(NULL, " \t", &save);
			continue;
		}
		if (!strcmp(w, "min") || !strcmp(w, "mn")) /* « 10 min » */
			continue;
		if (known_word(f, w))
			continue;
		if (*rest)
			strcat(rest, " ");
		strcat(rest, w);
	}
	f->word = *rest ? rest : NULL;
	if (!*rest)
		free(rest);
	free(folded);
}

void adpa_filter_clear(struct adpa_filter *f)
{
	free(f->word);
	*f = (struct adpa_filter){.level = -1, .status = -1};
}

bool adpa_filter_empty(const struct adpa_filter *f)
{
	return f->level < 0 && f->status < 0 && !f->max_minutes && !f->word;
}

static bool contains_folded(const char *text, const char *word)
{
	char *t = adpa_text_fold(text ? text : "");
	bool in = strstr(t, word) != NULL;
	free(t);
	return in;
}

bool adpa_filter_match(const struct adpa_filter *f, const struct adpa_fiche *fi,
                       enum adpa_status status)
{
	if (f->level >= 0 && (int)fi->level != f->level)
		return false;
	if (f->status >= 0 && (int)status != f->status)
		return false;
	if (f->max_minutes && fi->duration > f->max_minutes)
		return false;
	if (!f->word || contains_folded(fi->title, f->word))
		return true;
	for (size_t i = 0; i < fi->nkeywords; i++)
		if (contains_folded(fi->keywords[i].s, f->word))
			return true;
	return false;
}

void adpa_filter_describe(const struct adpa_filter *f, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (k < n)                                                                         \
			k += (size_t)snprintf(buf + k, n - k, "%s", k ? " · " : "");               \
		if (k < n)                                                                         \
			k += (size_t)snprintf(buf + k, n - k, __VA_ARGS__);                        \
	} while (0)
	if (f->level >= 0)
		ADD("%s", adpa_level_label((enum adpa_level)f->level));
	if (f->status >= 0)
		ADD("%s", adpa_status_label((enum adpa_status)f->status));
	if (f->max_minutes)
		ADD("≤ %d min", f->max_minutes);
	if (f->word)
		ADD("« %s »", f->word);
#undef ADD
}
