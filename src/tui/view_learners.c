/*
 * « Apprenants » (L on Home): the learners the progress file knows, sorted,
 * the one reading marked. It opens with the name prompt already open, so
 * that typing a name and Enter switches at once (a new name creates the
 * learner); Escape leaves the prompt for the list, where Enter switches to
 * the chosen learner and n asks for a name again. Switching goes back to
 * Home, which shows who reads. The names are read from the store each time
 * the screen comes into view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct learners {
	struct list_view lv;
	char **names;
	size_t n;
};

static void names_free(struct learners *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->names[i]);
	free(v->names);
	v->names = NULL;
	v->n = 0;
}

static void learners_load(struct tui *t, void *st)
{
	struct learners *v = st;
	struct adpa_error err = {0};
	names_free(v);
	if (t->store)
		progress_check(t, adpa_store_learners(t->store, &v->names, &v->n, &err), &err);
	v->lv.list.n = v->n;
	for (size_t i = 0; i < v->n && !v->lv.list.sel; i++)
		if (!strcmp(v->names[i], t->learner_name))
			v->lv.list.sel = i;
}

static const char *col_mark(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	const struct learners *v = st;
	(void)buf, (void)n, (void)a;
	return strcmp(v->names[i], t->learner_name) ? "" : t->utf8 ? "●" : "*";
}

static const char *col_name(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	const struct learners *v = st;
	(void)t, (void)buf, (void)n, (void)a;
	return v->names[i];
}

static const struct list_col learner_cols[] = {
    {.width = 1, .gap = 1, .text = col_mark},
    {.strong = true, .text = col_name},
};

static void learners_frame(struct tui *t, void *st)
{
	(void)st;
	char who[160];
	snprintf(who, sizeof who, "apprenant : %s", t->learner_name);
	draw_header(t, "Apprenants", who);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

/* Switches to name and goes back to Home. */
static void switch_to(struct tui *t, const char *name)
{
	char *keep = xstrdup(name); /* name may be the list's, freed on pop */
	progress_switch(t, keep);
	free(keep);
	tui_pop(t);
}

static void name_done(struct tui *t, void *st, const char *text)
{
	(void)st;
	while (*text == ' ')
		text++;
	if (*text)
		switch_to(t, text);
}

static void open_learner(struct tui *t, void *st, size_t i)
{
	struct learners *v = st;
	switch_to(t, v->names[i]);
}

static void act_new(struct tui *t, void *st, size_t i)
{
	(void)i;
	tui_prompt(t, "Apprenant : ", name_done, st);
}

static const struct list_action learners_actions[] = {{CMD_NEW, false, act_new}};

static void learners_free(void *st)
{
	struct learners *v = st;
	names_free(v);
	free(v);
}

static const struct key_def learners_defs[] = {
    {'n', false, CMD_NEW, "taper un nom : un apprenant de plus, ou un autre de la liste"},
    {'L', false, CMD_NEW, NULL},
};
static const struct key_hint learners_hints[] = {{'n', false, "nom"}};
static const struct key_table learners_keys =
    KEY_TABLE_HINTS("Apprenants", learners_defs, learners_hints);
static const struct key_table *const learners_tables[] = {&keys_list, &learners_keys, &keys_back,
                                                          NULL};

static const struct list_screen learners_screen = {
    .view = LIST_SCREEN_VIEW("Apprenants", learners_tables,
                             "Chaque apprenant a sa progression, ses parcours, ses signets et "
                             "ses notes dans le même fichier. Entrée passe à l’apprenant choisi ; "
                             "un nom nouveau crée un apprenant."),
    .load = learners_load,
    .draw_frame = learners_frame,
    LIST_COLS(learner_cols),
    .empty = "Progression non enregistrée : un seul apprenant, sans nom enregistré.",
    .noun = "apprenant",
    .open = open_learner,
    LIST_ACTIONS(learners_actions),
    .free = learners_free,
};

void view_learners_open(struct tui *t)
{
	struct learners *v = xcalloc(1, sizeof *v);
	if (list_screen_push(t, &learners_screen, v) == 0)
		tui_prompt(t, "Apprenant : ", name_done, v);
}
