/*
 * « Parcours »: the learner's own paths, and the path screen.
 *
 * The list (Home, c) shows each of the learner's paths with a bar of its
 * fiches read, then the course's suggested paths. Enter on a suggested one
 * shows it as it is, nothing saved; its first change (x, K, J, r) copies it
 * into a new path of the learner's, and the change applies to the copy.
 * The path screen lists its fiches in order with their status marks;
 * « Continuer » (c) opens the first fiche not yet read at its last
 * position. x removes, K and J move, r renames, D deletes after a
 * confirmation.
 *
 * The store is the only copy: each screen reloads the paths when it comes
 * into view and after each change (a few rows, one query), so nothing here
 * can drift from what is saved. Adding from the reader or a rubric is in
 * paths_add.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

/* The learner's paths from the store; false (after a message) when none can be had. */
bool paths_load(struct tui *t, struct adpa_store_path **p, size_t *n)
{
	*p = NULL;
	*n = 0;
	if (!t->store) {
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
		return false;
	}
	struct adpa_error err = {0};
	return progress_check(t,
	                      adpa_store_paths(t->store, t->learner, tui_course_id(t), p, n, &err),
	                      &err) == 0;
}

/* Fiches of path p read (or mastered); its next unfinished fiche in *next. */
static size_t tally(const struct tui *t, const struct adpa_store_path *p, size_t *next)
{
	size_t read = 0;
	*next = (size_t)-1;
	for (size_t i = 0; i < p->nfiches; i++) {
		const struct adpa_fiche *f = adpa_course_find(t->course, p->fiches[i]);
		if (!f)
			continue;
		if (progress_of(t, f->index)->status >= ADPA_READ)
			read++;
		else if (*next == (size_t)-1)
			*next = f->index;
	}
	return read;
}

static void continue_path(struct tui *t, const struct adpa_store_path *p)
{
	size_t next;
	tally(t, p, &next);
	if (next == (size_t)-1) {
		tui_message(t, false,
		            p->nfiches ? "Parcours terminé : toutes ses fiches sont lues"
		                       : "Ce parcours est vide : ajoutez des fiches avec +");
		return;
	}
	struct place pl = {progress_of(t, next)->p.position, 0};
	view_reader_open_path(t, next, &pl, (const char *const *)p->fiches, p->nfiches);
}

/* --- the path screen --- */

struct pathv {
	struct list_view lv;
	int64_t id;                      /* the learner's path, or 0: a suggested one */
	struct adpa_store_path *all, *p; /* p: this path in all, or NULL when gone */
	size_t nall;
	const struct adpa_path *cp;  /* the suggested path shown, until its copy */
	struct adpa_store_path sugg; /* p while showing cp: ids borrowed from it */
};

static const char *path_name(const struct pathv *v)
{
	if (!v->p)
		return "Parcours";
	return v->cp ? (v->cp->title ? v->cp->title : v->cp->id) : v->p->name;
}

static void path_load(struct tui *t, void *st)
{
	struct pathv *v = st;
	if (v->cp) {
		v->p = &v->sugg;
		v->lv.list.n = v->p->nfiches;
		return;
	}
	adpa_store_paths_free(v->all, v->nall);
	v->p = NULL;
	v->all = NULL;
	v->nall = 0;
	if (paths_load(t, &v->all, &v->nall))
		for (size_t i = 0; i < v->nall; i++)
			if (v->all[i].id == v->id)
				v->p = &v->all[i];
	v->lv.list.n = v->p ? v->p->nfiches : 0;
}

static const struct adpa_fiche *fiche_at(const struct tui *t, const struct pathv *v, size_t i)
{
	return adpa_course_find(t->course, v->p->fiches[i]);
}

static const char *col_num(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	(void)t, (void)st, (void)a;
	snprintf(buf, n, "%2zu.", i + 1);
	return buf;
}

static const char *col_mark(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	const struct adpa_fiche *f = fiche_at(t, st, i);
	(void)buf, (void)n, (void)a;
	return f ? progress_mark(t, progress_of(t, f->index)->status) : "";
}

static const char *col_title(struct tui *t, const void *st, size_t i, char *buf, size_t n,
                             attr_t *a)
{
	const struct pathv *v = st;
	const struct adpa_fiche *f = fiche_at(t, v, i);
	if (f)
		return f->title;
	*a = theme_role(t, ROLE_DIM);
	snprintf(buf, n, "(fiche absente du cours : %s)", v->p->fiches[i]);
	return buf;
}

static const char *col_duration(struct tui *t, const void *st, size_t i, char *buf, size_t n,
                                attr_t *a)
{
	const struct adpa_fiche *f = fiche_at(t, st, i);
	(void)a;
	buf[0] = '\0';
	if (f)
		snprintf(buf, n, "%d min", f->duration);
	return buf;
}

static const struct list_col path_cols[] = {
    {.width = 3, .gap = 1, .text = col_num},
    {.width = 1, .gap = 1, .text = col_mark},
    {.gap = 2, .strong = true, .text = col_title},
    {.width = 7, .right = true, .text = col_duration},
};

/* The selected fiche's prerequisites, each with its place in the path. */
static void draw_requires(struct tui *t, const struct pathv *v, int y)
{
	draw_blank(y, 0, t->cols, A_NORMAL);
	if (!v->p || !v->lv.list.n)
		return;
	const struct adpa_fiche *f = fiche_at(t, v, v->lv.list.sel);
	if (!f || !f->nrequires)
		return;
	struct buf b = {0};
	buf_adds(&b, "Prérequis : ");
	for (size_t i = 0; i < f->nrequires; i++) {
		const struct adpa_fiche *r = adpa_course_find(t->course, f->requires[i].s);
		bool before = false;
		for (size_t j = 0; j < v->lv.list.sel; j++)
			before |= !strcmp(v->p->fiches[j], f->requires[i].s);
		buf_printf(&b, "%s%s%s", i ? ", " : "", r ? r->title : f->requires[i].s,
		           before ? "" : " (pas avant dans le parcours)");
	}
	char *line = buf_detach(&b);
	draw_fit(t, y, 2, line, theme_role(t, ROLE_DIM), t->cols - 4);
	free(line);
}

static void path_layout(struct tui *t, void *st)
{
	struct pathv *v = st;
	v->lv.y0 = 4;
	v->lv.h = t->rows - 1 - v->lv.y0 - 2;
}

static void path_frame(struct tui *t, void *st)
{
	struct pathv *v = st;
	char right[64] = "";
	size_t next = (size_t)-1, read = v->p ? tally(t, v->p, &next) : 0;
	if (v->p)
		snprintf(right, sizeof right, "%zu/%zu lues", read, v->p->nfiches);
	char *left =
	    v->cp ? xasprintf("Suggéré%s%s", t->g->sep, path_name(v)) : xstrdup(path_name(v));
	draw_header(t, left, right);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
	char line[512];
	if (!v->p)
		snprintf(line, sizeof line, "Ce parcours n’existe plus.");
	else if (next != (size_t)-1)
		snprintf(line, sizeof line, "Continuer (c) : %s", t->course->fiches[next]->title);
	else
		snprintf(line, sizeof line,
		         v->p->nfiches ? "Parcours terminé."
		                       : "Parcours vide : + dans une fiche ou une "
		                         "rubrique l’ajoute ici.");
	draw_blank(2, 0, t->cols, A_NORMAL);
	int bw = t->cols >= 60 ? 20 : 0;
	if (bw && v->p)
		draw_bar(t, 2, 2, bw, read, v->p->nfiches);
	draw_fit(t, 2, bw ? bw + 4 : 2, line, A_BOLD, t->cols - bw - 6);
	draw_blank(3, 0, t->cols, A_NORMAL);
	draw_blank(t->rows - 3, 0, t->cols, A_NORMAL);
	draw_requires(t, v, t->rows - 2);
}

static void path_open_fiche(struct tui *t, void *st, size_t i)
{
	const struct pathv *v = st;
	const struct adpa_fiche *f = fiche_at(t, v, i);
	if (f) {
		struct place pl = {progress_of(t, f->index)->p.position, 0};
		view_reader_open_path(t, f->index, &pl, (const char *const *)v->p->fiches,
		                      v->p->nfiches);
	}
}

/* The suggested path shown becomes the learner's own, before its first
 * change; false (after a message) when it cannot. */
static bool own(struct tui *t, struct pathv *v)
{
	if (!v->cp)
		return true;
	if (!t->store) {
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
		return false;
	}
	struct adpa_error err = {0};
	int64_t id = adpa_store_path_new(t->store, t->learner, tui_course_id(t), path_name(v),
	                                 (const char *const *)v->sugg.fiches, v->sugg.nfiches,
	                                 tui_now(), &err);
	if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
		return false;
	v->id = id;
	v->cp = NULL;
	free(v->sugg.fiches);
	v->sugg = (struct adpa_store_path){0};
	path_load(t, v);
	tui_message(t, false, "Parcours copié dans les vôtres : à vous de le modifier");
	return v->p != NULL;
}

static void rename_done(struct tui *t, void *st, const char *text)
{
	struct pathv *v = st;
	struct adpa_error err = {0};
	while (*text == ' ')
		text++;
	if (*text && own(t, v) &&
	    progress_check(t, adpa_store_path_rename(t->store, v->id, text, &err), &err) == 0)
		tui_message(t, false, "Parcours renommé : %s", text);
	path_load(t, v);
}

static void delete_done(struct tui *t, void *st, const char *text)
{
	struct pathv *v = st;
	struct adpa_error err = {0};
	if (!tui_yes(text)) {
		tui_message(t, false, "Parcours gardé");
		return;
	}
	if (progress_check(t, adpa_store_path_delete(t->store, v->id, &err), &err) == 0) {
		tui_message(t, false, "Parcours supprimé");
		tui_pop(t);
	}
}

static void path_change(struct tui *t, struct pathv *v, size_t i, int move)
{
	struct adpa_error err = {0};
	if (!own(t, v))
		return;
	const char *id = v->p->fiches[i];
	int rc = !move ? adpa_store_path_remove(t->store, v->id, id, &err)
	               : adpa_store_path_move(t->store, v->id, id, move, &err);
	if (progress_check(t, rc, &err) < 0)
		return;
	if (move < 0 && v->lv.list.sel > 0)
		v->lv.list.sel--;
	else if (move > 0 && v->lv.list.sel + 1 < v->lv.list.n)
		v->lv.list.sel++;
	path_load(t, v);
}

static void act_continue(struct tui *t, void *st, size_t i)
{
	struct pathv *v = st;
	(void)i;
	if (v->p)
		continue_path(t, v->p);
}

static void act_remove(struct tui *t, void *st, size_t i)
{
	path_change(t, st, i, 0);
}

static void act_up(struct tui *t, void *st, size_t i)
{
	path_change(t, st, i, -1);
}

static void act_down(struct tui *t, void *st, size_t i)
{
	path_change(t, st, i, 1);
}

static void act_rename(struct tui *t, void *st, size_t i)
{
	struct pathv *v = st;
	(void)i;
	if (v->p)
		tui_prompt(t, "Nouveau nom : ", rename_done, v);
}

static void act_delete(struct tui *t, void *st, size_t i)
{
	struct pathv *v = st;
	(void)i;
	if (v->cp)
		tui_message(t, false, "Parcours suggéré par le cours : rien à supprimer");
	if (!v->p || v->cp)
		return;
	char *label = xasprintf("Supprimer le parcours « %s » ? (o/n) ", v->p->name);
	tui_prompt(t, label, delete_done, v);
	free(label);
}

static const struct list_action path_actions[] = {
    {CMD_CONTINUE, false, act_continue}, {CMD_REMOVE, true, act_remove},
    {CMD_MOVE_UP, true, act_up},         {CMD_MOVE_DOWN, true, act_down},
    {CMD_RENAME, false, act_rename},     {CMD_DELETE, false, act_delete},
};

static void path_enter(struct tui *t, void *st)
{
	(void)st;
	progress_refresh(t, false);
}

static void path_status(struct tui *t, void *st, struct status *s)
{
	struct pathv *v = st;
	(void)t;
	if (v->lv.list.n)
		snprintf(s->left, sizeof s->left, "%sfiche %zu/%zu", v->cp ? "suggéré, " : "",
		         v->lv.list.sel + 1, v->lv.list.n);
}

static void path_free(void *st)
{
	struct pathv *v = st;
	free(v->sugg.fiches);
	adpa_store_paths_free(v->all, v->nall);
	free(v);
}

static const struct key_def path_defs[] = {
    {'c', false, CMD_CONTINUE,
     "continuer : la première fiche pas encore lue, là où vous l’avez laissée"},
    {'x', false, CMD_REMOVE, "retirer la fiche choisie du parcours"},
    {'K', false, CMD_MOVE_UP, "monter la fiche choisie"},
    {'J', false, CMD_MOVE_DOWN, "descendre la fiche choisie"},
    {'r', false, CMD_RENAME, "renommer le parcours"},
    {'D', false, CMD_DELETE, "supprimer le parcours (après confirmation)"},
};
static const struct key_hint path_hints[] = {{'c', false, "continuer"}, {'x', false, "retirer"}};
static const struct key_table path_keys = KEY_TABLE_HINTS("Parcours", path_defs, path_hints);
static const struct key_table *const path_tables[] = {&keys_list, &path_keys, &keys_back, NULL};

static const struct list_screen path_screen = {
    .view = LIST_SCREEN_VIEW(
        "Parcours", path_tables,
        "Marques : ○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée (en ASCII : - ~ x *). "
        "Sous la liste, les prérequis de la fiche choisie. Pour ajouter une fiche : + dans une "
        "rubrique ou en lisant la fiche."),
    .load = path_load,
    .layout = path_layout,
    .draw_frame = path_frame,
    LIST_COLS(path_cols),
    .status = path_status,
    .open = path_open_fiche,
    LIST_ACTIONS(path_actions),
    .enter = path_enter,
    .free = path_free,
};

static void view_path_open(struct tui *t, int64_t id)
{
	struct pathv *v = xcalloc(1, sizeof *v);
	v->id = id;
	list_screen_push(t, &path_screen, v);
}

void view_path_suggested(struct tui *t, const struct adpa_path *cp)
{
	struct pathv *v = xcalloc(1, sizeof *v);
	v->cp = cp;
	v->sugg.fiches = xcalloc(cp->nfiches + 1, sizeof *v->sugg.fiches);
	for (size_t i = 0; i < cp->nfiches; i++)
		v->sugg.fiches[i] = cp->fiches[i].s;
	v->sugg.nfiches = cp->nfiches;
	list_screen_push(t, &path_screen, v);
}

/* --- the list of paths --- */

struct paths {
	struct list_view lv;
	struct adpa_store_path *own;
	size_t nown;
};

static void paths_row(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct paths *v = st;
	attr_t a = list_row(t, y, sel, true);
	draw_blank(y + 1, 0, t->cols, A_NORMAL);
	char line[512];
	if (i < v->nown) {
		const struct adpa_store_path *p = &v->own[i];
		size_t next, read = tally(t, p, &next);
		draw_fit(t, y, 3, p->name, a, t->cols - 4);
		int bw = tui_content_cols(t) - 24 > 20 ? 20 : tui_content_cols(t) - 24;
		draw_bar(t, y + 1, 5, bw, read, p->nfiches);
		snprintf(line, sizeof line, "  %zu/%zu fiches lues", read, p->nfiches);
		draw_fit(t, y + 1, 5 + bw, line, theme_role(t, ROLE_DIM), t->cols - 6 - bw);
		return;
	}
	const struct adpa_path *cp = &t->course->paths[i - v->nown];
	snprintf(line, sizeof line, "Suggéré : %s (%zu fiches)", cp->title ? cp->title : cp->id,
	         cp->nfiches);
	draw_fit(t, y, 3, line, a, t->cols - 4);
	draw_fit(t, y + 1, 5,
	         cp->description ? cp->description : "Entrée : le voir, puis le changer",
	         theme_role(t, ROLE_DIM), t->cols - 6);
}

static void paths_reload(struct tui *t, void *st)
{
	struct paths *v = st;
	adpa_store_paths_free(v->own, v->nown);
	paths_load(t, &v->own, &v->nown);
	v->lv.list.n = v->nown + t->course->npaths;
}

static void paths_open(struct tui *t, void *st, size_t i)
{
	struct paths *v = st;
	if (i < v->nown)
		view_path_open(t, v->own[i].id);
	else
		view_path_suggested(t, &t->course->paths[i - v->nown]);
}

static void new_done(struct tui *t, void *st, const char *text)
{
	struct paths *v = st;
	while (*text == ' ')
		text++;
	if (!*text || !t->store)
		return;
	struct adpa_error err = {0};
	int64_t id = adpa_store_path_new(t->store, t->learner, tui_course_id(t), text, NULL, 0,
	                                 tui_now(), &err);
	if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
		return;
	paths_reload(t, v);
	v->lv.list.sel = v->nown - 1;
	view_path_open(t, id);
}

static void paths_layout(struct tui *t, void *st)
{
	struct paths *v = st;
	v->lv.y0 = v->lv.list.n ? 2 : 3;
	v->lv.h = t->rows - 1 - v->lv.y0;
}

static void paths_frame(struct tui *t, void *st)
{
	struct paths *v = st;
	draw_header(t, "Parcours", NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
	if (v->lv.list.n)
		return;
	draw_blank(2, 0, t->cols, A_NORMAL);
	draw_fit(t, 2, 2, "Aucun parcours : n en crée un, + dans une fiche y ajoute la fiche.",
	         A_NORMAL, t->cols - 4);
}

static void act_paths_continue(struct tui *t, void *st, size_t i)
{
	struct paths *v = st;
	if (i != (size_t)-1 && i < v->nown)
		continue_path(t, &v->own[i]);
	else
		tui_message(t, false, "Choisissez d’abord un de vos parcours");
}

static void act_new(struct tui *t, void *st, size_t i)
{
	(void)i;
	if (t->store)
		tui_prompt(t, "Nom du nouveau parcours : ", new_done, st);
	else
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
}

static const struct list_action paths_actions[] = {
    {CMD_CONTINUE, false, act_paths_continue},
    {CMD_NEW, false, act_new},
};

static void paths_status(struct tui *t, void *st, struct status *s)
{
	struct paths *v = st;
	snprintf(s->left, sizeof s->left, "%zu parcours, %zu suggéré%s", v->nown, t->course->npaths,
	         t->course->npaths > 1 ? "s" : "");
}

static void paths_free(void *st)
{
	struct paths *v = st;
	adpa_store_paths_free(v->own, v->nown);
	free(v);
}

static const struct key_def paths_defs[] = {
    {'c', false, CMD_CONTINUE, "continuer le parcours choisi"},
    {'n', false, CMD_NEW, "créer un parcours vide (vous le nommez)"},
};
static const struct key_hint paths_hints[] = {{'c', false, "continuer"}, {'n', false, "nouveau"}};
static const struct key_table paths_keys = KEY_TABLE_HINTS("Parcours", paths_defs, paths_hints);
static const struct key_table *const paths_tables[] = {&keys_list, &paths_keys, &keys_back, NULL};

static const struct list_screen paths_screen = {
    .view = LIST_SCREEN_VIEW(
        "Parcours", paths_tables,
        "Vos parcours d’abord, avec les fiches lues, puis les parcours suggérés par le cours : "
        "Entrée sur un parcours suggéré le montre tel quel ; sa première modification (x, K, J, "
        "r) en fait une copie à vous, que la modification change."),
    .load = paths_reload,
    .layout = paths_layout,
    .draw_frame = paths_frame,
    .rows = 2,
    .draw_item = paths_row,
    .status = paths_status,
    .open = paths_open,
    LIST_ACTIONS(paths_actions),
    .enter = path_enter,
    .free = paths_free,
};

void view_paths_open(struct tui *t)
{
	struct paths *v = xcalloc(1, sizeof *v);
	list_screen_push(t, &paths_screen, v);
}
