/*
 * Adding a fiche to one of the learner's paths (+ in the reader or a
 * rubric): which path (its number, its name, or a new name), then, when
 * prerequisites of the fiche are missing from the path, whether to add them
 * before it.
 *
 * The question takes one or two prompts; what they share (the fiche and the
 * path chosen) is a struct padd owned by the prompt
 * (tui_prompt_owned), freed when the last prompt closes, answered or not.
 * The store is read again at each step: nothing here is a copy to keep in
 * step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_views.h"
#include <adpa/util.h>

struct padd {
	size_t fiche;
	int64_t path;
};

/* Adds fiches[0..n) to the pending path and says so. */
static void add_now(struct tui *t, const struct padd *a, const char *const *ids, size_t n)
{
	struct adpa_error err = {0};
	if (progress_check(t, adpa_store_path_add(t->store, a->path, ids, n, &err), &err) < 0)
		return;
	const char *title = t->course->fiches[a->fiche]->title;
	if (n > 1)
		tui_message(t, false, "Ajoutées au parcours : %zu prérequis, puis « %s »", n - 1,
		            title);
	else
		tui_message(t, false, "Ajoutée au parcours : %s", title);
}

/* The missing prerequisites of the pending fiche in the pending path, then
 * the fiche; *n counts them. NULL (after a message) when the fiche is there. */
static const char **to_add(struct tui *t, const struct padd *a, size_t *n)
{
	struct adpa_store_path *all;
	size_t nall;
	*n = 0;
	if (!paths_load(t, &all, &nall))
		return NULL;
	const struct adpa_store_path *p = NULL;
	for (size_t i = 0; i < nall; i++)
		if (all[i].id == a->path)
			p = &all[i];
	const struct adpa_fiche *f = t->course->fiches[a->fiche];
	bool there = false;
	for (size_t i = 0; p && i < p->nfiches; i++)
		there |= !strcmp(p->fiches[i], f->id);
	const char **ids = NULL;
	if (p && !there) {
		const struct adpa_fiche **miss;
		size_t k = adpa_path_missing(t->course, (const char *const *)p->fiches,
		                                 p->nfiches, f, &miss);
		ids = xcalloc(k + 1, sizeof *ids);
		for (size_t i = 0; i < k; i++)
			ids[i] = miss[i]->id;
		ids[k] = f->id;
		*n = k + 1;
		free(miss);
	} else if (p) {
		tui_message(t, false, "« %s » est déjà dans le parcours « %s »", f->title, p->name);
	}
	adpa_store_paths_free(all, nall);
	return ids;
}

static void prereq_done(struct tui *t, void *st, const char *text)
{
	struct padd *a = st;
	size_t n;
	const char **ids = to_add(t, a, &n);
	if (ids && tui_yes(text))
		add_now(t, a, ids, n);
	else if (ids)
		add_now(t, a, ids + n - 1, 1);
	free(ids);
}

/* The pending fiche into path id: asks first when prerequisites are missing. */
static void add_to(struct tui *t, struct padd *a, int64_t id)
{
	a->path = id;
	size_t n;
	const char **ids = to_add(t, a, &n);
	if (ids && n > 1) {
		struct buf b = {0};
		buf_adds(&b, "Prérequis absents du parcours : ");
		for (size_t i = 0; i + 1 < n; i++)
			buf_printf(&b, "%s%s", i ? ", " : "",
			           adpa_course_find(t->course, ids[i])->title);
		buf_adds(&b, ". Les ajouter avant ? (o/n) ");
		char *label = buf_detach(&b);
		tui_prompt_owned(t, label, prereq_done, a, free);
		free(label);
	} else if (ids) {
		add_now(t, a, ids, n);
	}
	free(ids);
}

/* The answer to « which path »: its number, its name, or a new name. */
static void which_done(struct tui *t, void *st, const char *text)
{
	while (*text == ' ')
		text++;
	if (!*text)
		return;
	struct adpa_store_path *all;
	size_t nall;
	if (!paths_load(t, &all, &nall))
		return;
	char *end;
	long k = strtol(text, &end, 10);
	int64_t id = 0;
	if (!*end && k >= 1 && (size_t)k <= nall)
		id = all[k - 1].id;
	for (size_t i = 0; !id && i < nall; i++)
		if (adpa_text_equal_fold(all[i].name, text))
			id = all[i].id;
	adpa_store_paths_free(all, nall);
	struct adpa_error err = {0};
	if (!id) {
		id = adpa_store_path_new(t->store, t->learner, tui_course_id(t), text, NULL, 0,
		                         tui_now(), &err);
		if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
			return;
	}
	add_to(t, st, id);
}

void paths_add_fiche(struct tui *t, size_t i)
{
	struct adpa_store_path *all;
	size_t n;
	if (i >= t->course->nfiches || !paths_load(t, &all, &n))
		return;
	struct padd *a = xcalloc(1, sizeof *a);
	a->fiche = i;
	if (n == 1) {
		int64_t id = all[0].id;
		adpa_store_paths_free(all, n);
		add_to(t, a, id);
		if (!(t->prompt.active && t->prompt.st == a))
			free(a);
		return;
	}
	struct buf b = {0};
	buf_adds(&b, n ? "Ajouter au parcours (" : "Nom du nouveau parcours : ");
	for (size_t j = 0; j < n; j++)
		buf_printf(&b, "%s%zu %s", j ? ", " : "", j + 1, all[j].name);
	if (n)
		buf_adds(&b, " ou un nom nouveau) : ");
	adpa_store_paths_free(all, n);
	char *label = buf_detach(&b);
	tui_prompt_owned(t, label, which_done, a, free);
	free(label);
}
