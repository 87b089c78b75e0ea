/*
 * « Parcours »: the learner's own paths, and the path screen.
 *
 * The list (Home, c) shows each of the learner's paths with a bar of its
 * fiches read, then the course's suggested paths: Enter on a suggested one
 * copies it into a new path of the learner's, which can then be changed.
 * The path screen lists its fiches in order with their status marks;
 * « Continuer » (c) opens the first fiche not yet read at its last
 * position. x removes, K and J move, r renames, D deletes after a
 * confirmation.
 *
 * The store is the only copy: each screen reloads the paths when it comes
 * into view and after each change (a few rows, one query), so nothing here
 * can drift from what is saved. Adding from the reader or a rubric
 * (paths_add_fiche) keeps its state in t->padd across its prompts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include <adpa/util.h>

static const char *cid(const struct tui *t)
{
	return t->course->id ? t->course->id : "";
}

/* A yes to a (o/n) question. */
static bool yes(const char *text)
{
	return !strcmp(text, "o") || !strcmp(text, "oui") || !strcmp(text, "y") ||
	       !strcmp(text, "O") || !strcmp(text, "Y");
}

/* The learner's paths from the store; false (after a message) when none can be had. */
static bool load(struct tui *t, struct adpa_store_path **p, size_t *n)
{
	*p = NULL;
	*n = 0;
	if (!t->store) {
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
		return false;
	}
	struct adpa_error err = {0};
	return progress_check(t, adpa_store_paths(t->store, t->learner, cid(t), p, n, &err),
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
	view_reader_open(t, next, &pl);
}

/* --- the path screen --- */

struct pathv {
	struct tui *t;
	int64_t id;
	struct adpa_store_path *all, *p; /* p: this path in all, or NULL when gone */
	size_t nall;
	struct list list;
	int y0, h;
};

static const struct key_def path_defs[] = {
    {'c', false, CMD_CONTINUE,
     "continuer : la première fiche pas encore lue, là où vous l’avez laissée"},
    {'x', false, CMD_REMOVE, "retirer la fiche choisie du parcours"},
    {'K', false, CMD_MOVE_UP, "monter la fiche choisie"},
    {'J', false, CMD_MOVE_DOWN, "descendre la fiche choisie"},
    {'r', false, CMD_RENAME, "renommer le parcours"},
    {'D', false, CMD_DELETE, "supprimer le parcours (après confirmation)"},
};
static const struct key_table path_keys = KEY_TABLE("Parcours", path_defs);
static const struct key_table *const path_tables[] = {&keys_list, &path_keys, &keys_back, NULL};

static void path_reload(struct tui *t, struct pathv *v)
{
	adpa_store_paths_free(v->all, v->nall);
	v->p = NULL;
	if (!load(t, &v->all, &v->nall))
		return;
	for (size_t i = 0; i < v->nall; i++)
		if (v->all[i].id == v->id)
			v->p = &v->all[i];
	v->list.n = v->p ? v->p->nfiches : 0;
}

static int one_row(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 1;
}

static void path_row(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct pathv *v = ctx;
	const struct adpa_fiche *f = adpa_course_find(t->course, v->p->fiches[i]);
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_NORMAL;
	draw_blank(y, 0, t->cols, a);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	char num[16], dur[16];
	snprintf(num, sizeof num, "%2zu.", i + 1);
	draw_text(t, y, 3, num, strlen(num), a, 4);
	if (!f) {
		char gone[256];
		snprintf(gone, sizeof gone, "(fiche absente du cours : %s)", v->p->fiches[i]);
		draw_fit(t, y, 8, gone, a | theme_role(t, ROLE_DIM), t->cols - 9);
		return;
	}
	const char *mark = progress_mark(t, progress_of(t, f->index)->status);
	draw_text(t, y, 7, mark, strlen(mark), a, 1);
	int cols = tui_content_cols(t);
	snprintf(dur, sizeof dur, "%d min", f->duration);
	draw_fit(t, y, 9, f->title, sel ? a : a | A_BOLD, cols - 19);
	draw_text(t, y, cols - 1 - text_cells(dur), dur, strlen(dur), a, 8);
}

/* The selected fiche's prerequisites, each with its place in the path. */
static void draw_requires(struct tui *t, const struct pathv *v, int y)
{
	draw_blank(y, 0, t->cols, A_NORMAL);
	if (!v->p || !v->list.n)
		return;
	const struct adpa_fiche *f = adpa_course_find(t->course, v->p->fiches[v->list.sel]);
	if (!f || !f->nrequires)
		return;
	char line[1024] = "Prérequis : ";
	for (size_t i = 0; i < f->nrequires; i++) {
		const struct adpa_fiche *r = adpa_course_find(t->course, f->requires[i].s);
		bool before = false;
		for (size_t j = 0; j < v->list.sel; j++)
			before |= !strcmp(v->p->fiches[j], f->requires[i].s);
		size_t k = strlen(line);
		snprintf(line + k, sizeof line - k, "%s%s%s", i ? ", " : "",
		         r ? r->title : f->requires[i].s,
		         before ? "" : " (pas avant dans le parcours)");
	}
	draw_fit(t, y, 2, line, theme_role(t, ROLE_DIM), t->cols - 4);
}

static void path_draw(struct tui *t, void *st)
{
	struct pathv *v = st;
	char right[64] = "";
	size_t next = (size_t)-1, read = v->p ? tally(t, v->p, &next) : 0;
	if (v->p)
		snprintf(right, sizeof right, "%zu/%zu lues", read, v->p->nfiches);
	draw_header(t, v->p ? v->p->name : "Parcours", right);
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
	v->y0 = 4;
	v->h = t->rows - 1 - v->y0 - 2;
	list_draw(t, &v->list, v->y0, v->h);
	draw_blank(t->rows - 3, 0, t->cols, A_NORMAL);
	draw_requires(t, v, t->rows - 2);
}

static void rename_done(struct tui *t, void *st, const char *text)
{
	struct pathv *v = st;
	struct adpa_error err = {0};
	while (*text == ' ')
		text++;
	if (*text &&
	    progress_check(t, adpa_store_path_rename(t->store, v->id, text, &err), &err) == 0)
		tui_message(t, false, "Parcours renommé : %s", text);
	path_reload(t, v);
}

static void delete_done(struct tui *t, void *st, const char *text)
{
	struct pathv *v = st;
	struct adpa_error err = {0};
	if (!yes(text)) {
		tui_message(t, false, "Parcours gardé");
		return;
	}
	if (progress_check(t, adpa_store_path_delete(t->store, v->id, &err), &err) == 0) {
		tui_message(t, false, "Parcours supprimé");
		tui_pop(t);
	}
}

static void path_change(struct tui *t, struct pathv *v, enum cmd cmd)
{
	struct adpa_error err = {0};
	const char *id = v->p->fiches[v->list.sel];
	int rc = cmd == CMD_REMOVE
	             ? adpa_store_path_remove(t->store, v->id, id, &err)
	             : adpa_store_path_move(t->store, v->id, id, cmd == CMD_MOVE_UP ? -1 : 1, &err);
	if (progress_check(t, rc, &err) < 0)
		return;
	if (cmd == CMD_MOVE_UP && v->list.sel > 0)
		v->list.sel--;
	else if (cmd == CMD_MOVE_DOWN && v->list.sel + 1 < v->list.n)
		v->list.sel++;
	path_reload(t, v);
}

static void path_key(struct tui *t, void *st, enum cmd cmd)
{
	struct pathv *v = st;
	if (list_cmd(&v->list, cmd, v->h))
		return;
	if (v->p && list_opens(&v->list, t, cmd, v->y0, v->h)) {
		const struct adpa_fiche *f = adpa_course_find(t->course, v->p->fiches[v->list.sel]);
		if (f) {
			struct place pl = {progress_of(t, f->index)->p.position, 0};
			view_reader_open(t, f->index, &pl);
		}
		return;
	}
	if (cmd == CMD_BACK) {
		tui_pop(t);
		return;
	}
	if (!v->p)
		return;
	switch (cmd) {
	case CMD_CONTINUE:
		continue_path(t, v->p);
		break;
	case CMD_REMOVE:
	case CMD_MOVE_UP:
	case CMD_MOVE_DOWN:
		if (v->list.n)
			path_change(t, v, cmd);
		break;
	case CMD_RENAME:
		tui_prompt(t, "Nouveau nom : ", rename_done, v);
		break;
	case CMD_DELETE:
		snprintf(t->padd.label, sizeof t->padd.label,
		         "Supprimer le parcours « %.400s » ? (o/n) ", v->p->name);
		tui_prompt(t, t->padd.label, delete_done, v);
		break;
	default:
		break;
	}
}

static void path_enter(struct tui *t, void *st)
{
	progress_refresh(t, false);
	path_reload(t, st);
}

static void path_status(struct tui *t, void *st, struct status *s)
{
	struct pathv *v = st;
	(void)t;
	if (v->list.n)
		snprintf(s->left, sizeof s->left, "fiche %zu/%zu", v->list.sel + 1, v->list.n);
	snprintf(s->right, sizeof s->right, "c continuer  x retirer  K J déplacer  ? aide");
}

static void path_leave(struct tui *t, void *st)
{
	(void)t;
	struct pathv *v = st;
	adpa_store_paths_free(v->all, v->nall);
	free(v);
}

static const struct view view_path = {
    .name = "Parcours",
    .keys = path_tables,
    .notes = "Marques : ○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée (en ASCII : - ~ x "
             "*). Sous la liste, les prérequis de la fiche choisie. Pour ajouter une fiche : + "
             "dans une rubrique ou en lisant la fiche.",
    .enter = path_enter,
    .leave = path_leave,
    .draw = path_draw,
    .status = path_status,
    .key = path_key,
};

static void view_path_open(struct tui *t, int64_t id)
{
	struct pathv *v = xcalloc(1, sizeof *v);
	v->t = t;
	v->id = id;
	v->list.height = one_row;
	v->list.draw = path_row;
	v->list.ctx = v;
	tui_push(t, &view_path, v);
}

/* --- the list of paths --- */

struct paths {
	struct adpa_store_path *own;
	size_t nown;
	struct list list;
	int y0, h;
};

static const struct key_def paths_defs[] = {
    {'c', false, CMD_CONTINUE, "continuer le parcours choisi"},
    {'n', false, CMD_NEW, "créer un parcours vide (vous le nommez)"},
};
static const struct key_table paths_keys = KEY_TABLE("Parcours", paths_defs);
static const struct key_table *const paths_tables[] = {&keys_list, &paths_keys, &keys_back, NULL};

static int paths_height(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 2;
}

static void paths_row(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct paths *v = ctx;
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	draw_blank(y + 1, 0, t->cols, A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
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
	         cp->description ? cp->description : "Entrée : en faire votre parcours",
	         theme_role(t, ROLE_DIM), t->cols - 6);
}

static void paths_reload(struct tui *t, struct paths *v)
{
	adpa_store_paths_free(v->own, v->nown);
	load(t, &v->own, &v->nown);
	v->list.n = v->nown + t->course->npaths;
}

/* A copy of suggested path cp as a new path of the learner's, opened. */
static void adopt(struct tui *t, struct paths *v, const struct adpa_path *cp)
{
	if (!t->store) {
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
		return;
	}
	const char **ids = xcalloc(cp->nfiches + 1, sizeof *ids);
	for (size_t i = 0; i < cp->nfiches; i++)
		ids[i] = cp->fiches[i].s;
	struct adpa_error err = {0};
	int64_t id =
	    adpa_store_path_new(t->store, t->learner, cid(t), cp->title ? cp->title : cp->id, ids,
	                        cp->nfiches, tui_now(), &err);
	free(ids);
	if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
		return;
	paths_reload(t, v);
	v->list.sel = v->nown - 1;
	tui_message(t, false, "Parcours copié : à vous de le modifier");
	view_path_open(t, id);
}

static void new_done(struct tui *t, void *st, const char *text)
{
	struct paths *v = st;
	while (*text == ' ')
		text++;
	if (!*text || !t->store)
		return;
	struct adpa_error err = {0};
	int64_t id =
	    adpa_store_path_new(t->store, t->learner, cid(t), text, NULL, 0, tui_now(), &err);
	if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
		return;
	paths_reload(t, v);
	v->list.sel = v->nown - 1;
	view_path_open(t, id);
}

static void paths_draw(struct tui *t, void *st)
{
	struct paths *v = st;
	draw_header(t, "Parcours", NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
	v->y0 = 2;
	v->h = t->rows - 1 - v->y0;
	if (!v->list.n) {
		draw_blank(2, 0, t->cols, A_NORMAL);
		draw_fit(t, 2, 2,
		         "Aucun parcours : n en crée un, + dans une fiche y ajoute la fiche.",
		         A_NORMAL, t->cols - 4);
		v->y0 = 3;
		v->h--;
	}
	list_draw(t, &v->list, v->y0, v->h);
}

static void paths_key(struct tui *t, void *st, enum cmd cmd)
{
	struct paths *v = st;
	if (list_cmd(&v->list, cmd, v->h))
		return;
	bool opens = list_opens(&v->list, t, cmd, v->y0, v->h);
	if (opens && v->list.sel < v->nown)
		view_path_open(t, v->own[v->list.sel].id);
	else if (opens)
		adopt(t, v, &t->course->paths[v->list.sel - v->nown]);
	else if (cmd == CMD_CONTINUE && v->list.n && v->list.sel < v->nown)
		continue_path(t, &v->own[v->list.sel]);
	else if (cmd == CMD_CONTINUE)
		tui_message(t, false, "Choisissez d’abord un de vos parcours");
	else if (cmd == CMD_NEW && t->store)
		tui_prompt(t, "Nom du nouveau parcours : ", new_done, v);
	else if (cmd == CMD_NEW)
		tui_message(t, true, "Parcours indisponibles : %s", t->store_error);
	else if (cmd == CMD_BACK)
		tui_pop(t);
}

static void paths_enter(struct tui *t, void *st)
{
	progress_refresh(t, false);
	paths_reload(t, st);
}

static void paths_status(struct tui *t, void *st, struct status *s)
{
	struct paths *v = st;
	snprintf(s->left, sizeof s->left, "%zu parcours, %zu suggéré%s", v->nown, t->course->npaths,
	         t->course->npaths > 1 ? "s" : "");
	snprintf(s->right, sizeof s->right, "Entrée ouvrir  c continuer  n nouveau  ? aide");
}

static void paths_leave(struct tui *t, void *st)
{
	(void)t;
	struct paths *v = st;
	adpa_store_paths_free(v->own, v->nown);
	free(v);
}

static const struct view view_paths = {
    .name = "Parcours",
    .keys = paths_tables,
    .notes = "Vos parcours d’abord, avec les fiches lues, puis les parcours suggérés par le "
             "cours : Entrée sur un parcours suggéré en fait une copie à vous, que vous pouvez "
             "changer.",
    .enter = paths_enter,
    .leave = paths_leave,
    .draw = paths_draw,
    .status = paths_status,
    .key = paths_key,
};

void view_paths_open(struct tui *t)
{
	struct paths *v = xcalloc(1, sizeof *v);
	v->list.height = paths_height;
	v->list.draw = paths_row;
	v->list.ctx = v;
	tui_push(t, &view_paths, v);
}

/* --- adding a fiche to a path (reader, rubric: +) --- */

/* Adds fiches[0..n) to the pending path and says so. */
static void add_now(struct tui *t, const char *const *ids, size_t n)
{
	struct adpa_error err = {0};
	if (progress_check(t, adpa_store_path_add(t->store, t->padd.path, ids, n, &err), &err) < 0)
		return;
	const char *title = t->course->fiches[t->padd.fiche]->title;
	if (n > 1)
		tui_message(t, false, "Ajoutées au parcours : %zu prérequis, puis « %s »", n - 1,
		            title);
	else
		tui_message(t, false, "Ajoutée au parcours : %s", title);
}

/* The missing prerequisites of the pending fiche in the pending path, then
 * the fiche; *n counts them. NULL (after a message) when the fiche is there. */
static const char **to_add(struct tui *t, size_t *n)
{
	struct adpa_store_path *all;
	size_t nall;
	*n = 0;
	if (!load(t, &all, &nall))
		return NULL;
	const struct adpa_store_path *p = NULL;
	for (size_t i = 0; i < nall; i++)
		if (all[i].id == t->padd.path)
			p = &all[i];
	const struct adpa_fiche *f = t->course->fiches[t->padd.fiche];
	bool there = false;
	for (size_t i = 0; p && i < p->nfiches; i++)
		there |= !strcmp(p->fiches[i], f->id);
	const char **ids = NULL;
	if (p && !there) {
		const struct adpa_fiche **miss;
		size_t k = adpa_parcours_missing(t->course, (const char *const *)p->fiches,
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
	(void)st;
	size_t n;
	const char **ids = to_add(t, &n);
	if (ids && yes(text))
		add_now(t, ids, n);
	else if (ids)
		add_now(t, ids + n - 1, 1);
	free(ids);
}

/* The pending fiche into path id: asks first when prerequisites are missing. */
static void add_to(struct tui *t, int64_t id)
{
	t->padd.path = id;
	size_t n;
	const char **ids = to_add(t, &n);
	if (ids && n > 1) {
		size_t k = (size_t)snprintf(t->padd.label, sizeof t->padd.label,
		                            "Prérequis absents du parcours : ");
		for (size_t i = 0; i + 1 < n && k < sizeof t->padd.label; i++)
			k += (size_t)snprintf(t->padd.label + k, sizeof t->padd.label - k, "%s%s",
			                      i ? ", " : "",
			                      adpa_course_find(t->course, ids[i])->title);
		if (k < sizeof t->padd.label)
			snprintf(t->padd.label + k, sizeof t->padd.label - k,
			         ". Les ajouter avant ? (o/n) ");
		tui_prompt(t, t->padd.label, prereq_done, NULL);
	} else if (ids) {
		add_now(t, ids, n);
	}
	free(ids);
}

/* The answer to « which path »: its number, its name, or a new name. */
static void which_done(struct tui *t, void *st, const char *text)
{
	(void)st;
	while (*text == ' ')
		text++;
	if (!*text)
		return;
	struct adpa_store_path *all;
	size_t nall;
	if (!load(t, &all, &nall))
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
		id = adpa_store_path_new(t->store, t->learner, cid(t), text, NULL, 0, tui_now(),
		                         &err);
		if (progress_check(t, id < 0 ? -1 : 0, &err) < 0)
			return;
	}
	add_to(t, id);
}

void paths_add_fiche(struct tui *t, size_t i)
{
	struct adpa_store_path *all;
	size_t n;
	if (i >= t->course->nfiches || !load(t, &all, &n))
		return;
	t->padd.fiche = i;
	if (n == 1) {
		int64_t id = all[0].id;
		adpa_store_paths_free(all, n);
		add_to(t, id);
		return;
	}
	size_t k = (size_t)snprintf(t->padd.label, sizeof t->padd.label, "%s",
	                            n ? "Ajouter au parcours (" : "Nom du nouveau parcours : ");
	for (size_t j = 0; j < n && k < sizeof t->padd.label; j++)
		k += (size_t)snprintf(t->padd.label + k, sizeof t->padd.label - k, "%s%zu %s",
		                      j ? ", " : "", j + 1, all[j].name);
	if (n && k < sizeof t->padd.label)
		snprintf(t->padd.label + k, sizeof t->padd.label - k, " ou un nom nouveau) : ");
	adpa_store_paths_free(all, n);
	tui_prompt(t, t->padd.label, which_done, NULL);
}
