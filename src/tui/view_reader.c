/*
 * The reader: one fiche at a time in a pager, under a header (rubric ›
 * title, position in the rubric). Following a fiche: link replaces the fiche
 * in place and pushes where we were (fiche, place, selected link) on a
 * history, like a browser; back pops it and lands on the same line with the
 * same link selected, and leaves the reader only when the history is empty.
 * ] and [ move within the rubric without touching the history; in a fiche
 * opened from a path (« Parcours »), they follow the path instead, and the
 * header counts in the path (the reader keeps a copy of its fiche ids).
 *
 * The body's Markdown stays in memory (md) so a resize re-renders it without
 * reading the file again; a fiche that cannot be read shows why instead.
 *
 * Progress: opening a fiche, each change of the source line at the top, and
 * the active reading time are written as they happen (progress.c); a fiche
 * opens where it was left; reaching its end marks it read (m toggles that
 * by hand) and offers its quiz (e).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct hist {
	size_t fiche;
	struct place pl;
	int sel_link;
};

struct reader {
	size_t fiche;
	int saved_src; /* the position last written */
	char *md;      /* the body, or NULL when it could not be read */
	size_t len;
	char *err;
	struct pager pg;
	struct hist *hist;
	size_t nhist, cap;
	char **path; /* the ids of the path it was opened from, or NULL */
	size_t npath;
};

static const struct key_def reader_defs[] = {
    {KEY_LEFT, true, CMD_BACK, "revenir : à la fiche d’où vient le lien suivi, sinon à la liste"},
    {'h', false, CMD_BACK, NULL},
    {KEY_BACKSPACE, true, CMD_BACK, NULL},
    {127, false, CMD_BACK, NULL},
    {8, false, CMD_BACK, NULL},
    {'q', false, CMD_BACK, NULL},
    {']', false, CMD_NEXT, "fiche suivante de la rubrique, ou du parcours d’où vient la fiche"},
    {'[', false, CMD_PREV, "fiche précédente de la rubrique, ou du parcours"},
    {'e', false, CMD_QUIZ, "faire le quiz de la fiche"},
    {'m', false, CMD_MARK, "marquer la fiche lue, ou la remettre en cours"},
    {'K', false, CMD_KEYWORDS, "les mots-clés de la fiche, vers le lexique"},
    {'+', false, CMD_PATH_ADD, "ajouter la fiche à un de vos parcours (et ses prérequis)"},
    {'B', false, CMD_BOOKMARK, "poser un signet à la ligne lue (libellé facultatif)"},
    {'a', false, CMD_NOTE, "annoter : écrire la note de la fiche ($VISUAL ou $EDITOR si défini)"},
};
static const struct key_table reader_keys = KEY_TABLE("Fiches", reader_defs);
static const struct key_table *const reader_tables[] = {&reader_keys, &keys_scroll, &keys_pager,
                                                        NULL};

static const struct adpa_fiche *fiche(const struct tui *t, const struct reader *r)
{
	return t->course->fiches[r->fiche];
}

static void reader_render(struct tui *t, struct reader *r)
{
	const struct adpa_fiche *f = fiche(t, r);
	int w = tui_text_width(t);
	struct adpa_render_opts o = tui_render_opts(t, w, f->body_line - 1);
	char meta[512];
	int k = snprintf(meta, sizeof meta, "%s · %d min · %s",
	                 t->course->rubrics[f->rubric_index].title, f->duration,
	                 adpa_level_label(f->level));
	if (f->nquiz && k > 0 && (size_t)k < sizeof meta)
		snprintf(meta + k, sizeof meta - (size_t)k, " · quiz de %zu question%s", f->nquiz,
		         f->nquiz > 1 ? "s" : "");
	struct adpa_doc *title = adpa_render_text(f->title, ADPA_STYLE_H1, &o);
	struct adpa_doc *m = adpa_render_text(meta, ADPA_STYLE_RULE, &o);
	struct adpa_doc *body = r->md ? adpa_render(r->md, r->len, &o) : NULL;
	if (!body)
		body = adpa_render_text(r->err ? r->err : "", ADPA_STYLE_STRONG, &o);
	pager_set(&r->pg, title, m, body);
	pager_geometry(&r->pg, 1, t->rows - 2, 1, w);
}

/* Loads fiche i; resume: at the place where the learner left it. */
static void reader_load(struct tui *t, struct reader *r, size_t i, bool resume)
{
	free(r->md);
	free(r->err);
	r->err = NULL;
	r->fiche = i;
	struct adpa_error err = {0};
	r->md = adpa_fiche_read_body(fiche(t, r), &r->len, &err);
	if (!r->md)
		r->err = xasprintf("Impossible de lire cette fiche (%s : %s).", err.path,
		                   tui_reason(err.code));
	pager_clear_search(&r->pg);
	r->pg.sel_link = -1;
	r->pg.top = 0;
	reader_render(t, r);
	progress_opened(t, i);
	r->saved_src = progress_of(t, i)->p.position;
	if (resume && r->saved_src > 0)
		pager_goto_place(&r->pg, (struct place){r->saved_src, 0});
}

/* After a key: the place, the time, and the end of the fiche. */
static void reader_track(struct tui *t, struct reader *r)
{
	progress_tick(t, r->fiche);
	struct place pl = pager_place(&r->pg);
	if (pl.src > 0 && pl.src != r->saved_src) {
		r->saved_src = pl.src;
		progress_position(t, r->fiche, pl.src);
	}
	const struct adpa_fiche_state *st = progress_of(t, r->fiche);
	if (!pager_at_end(&r->pg) || !r->md || st->p.completed || !t->store)
		return;
	progress_mark_read(t, r->fiche, true, r->md, r->len); /* the status line says « lue » */
}

static void toggle_read(struct tui *t, struct reader *r)
{
	bool read = !progress_of(t, r->fiche)->p.completed;
	progress_mark_read(t, r->fiche, read, r->md, r->len);
	if (!t->msg[0])
		tui_message(t, false, read ? "Fiche marquée lue" : "Fiche remise en cours");
}

static void follow(struct tui *t, struct reader *r)
{
	const struct adpa_link *l = pager_link(&r->pg);
	if (!l) {
		tui_message(t, false, "Aucun lien choisi : Tab choisit le lien suivant");
		return;
	}
	if (l->kind == ADPA_LINK_URL) {
		tui_message_url(t, "À ouvrir dans un navigateur : ", l->target);
		return;
	}
	const struct adpa_fiche *f = follow_fiche_link(t, l);
	if (!f)
		return;
	XGROW(r->hist, r->cap, r->nhist + 1);
	r->hist[r->nhist++] = (struct hist){r->fiche, pager_place(&r->pg), r->pg.sel_link};
	reader_load(t, r, f->index, true);
}

/* Returns true when the reader left (it is freed then). */
static bool back(struct tui *t, struct reader *r)
{
	if (!r->nhist) {
		tui_pop(t);
		return true;
	}
	struct hist h = r->hist[--r->nhist];
	reader_load(t, r, h.fiche, false);
	pager_goto_place(&r->pg, h.pl);
	if (r->pg.body && h.sel_link < (int)r->pg.body->nlinks)
		r->pg.sel_link = h.sel_link;
	return false;
}

/* The place of the fiche shown in its path, or (size_t)-1 (no path, or a
 * link led out of it). */
static size_t path_index(const struct tui *t, const struct reader *r)
{
	for (size_t k = 0; k < r->npath; k++)
		if (!strcmp(r->path[k], fiche(t, r)->id))
			return k;
	return (size_t)-1;
}

/* ] and [ in a path: the next fiche of it the course has. */
static void path_step(struct tui *t, struct reader *r, size_t k, int dir)
{
	for (size_t j = k + (size_t)dir; j < r->npath; j += (size_t)dir) {
		const struct adpa_fiche *f = adpa_course_find(t->course, r->path[j]);
		if (f) {
			reader_load(t, r, f->index, true);
			return;
		}
	}
	tui_message(t, false,
	            dir > 0 ? "C’est la dernière fiche du parcours"
	                    : "C’est la première fiche du parcours");
}

static void step(struct tui *t, struct reader *r, int dir)
{
	size_t k = path_index(t, r);
	if (k != (size_t)-1) {
		path_step(t, r, k, dir);
		return;
	}
	const struct adpa_rubric *rb = &t->course->rubrics[fiche(t, r)->rubric_index];
	if (dir > 0 && r->fiche + 1 >= rb->first + rb->nfiches) {
		tui_message(t, false, "C’est la dernière fiche de la rubrique");
		return;
	}
	if (dir < 0 && r->fiche <= rb->first) {
		tui_message(t, false, "C’est la première fiche de la rubrique");
		return;
	}
	reader_load(t, r, dir > 0 ? r->fiche + 1 : r->fiche - 1, true);
}

static void bookmark_done(struct tui *t, void *st, const char *label)
{
	struct reader *r = st;
	marks_bookmark(t, r->fiche, pager_place(&r->pg).src, label);
}

static void note_done(struct tui *t, void *st, const char *text)
{
	struct reader *r = st;
	marks_note_set(t, r->fiche, text);
}

/* After the command, the reader tracks the place only when it is still the
 * top view: it is when it did not leave (back says so; r is freed then) and
 * the stack did not grow (a quiz, the keywords, the table of contents). */
static void reader_key(struct tui *t, void *st, enum cmd cmd)
{
	struct reader *r = st;
	int depth = t->depth;
	if (pager_cmd(t, &r->pg, cmd)) {
		reader_track(t, r);
		return;
	}
	switch (cmd) {
	case CMD_QUIZ:
		view_quiz_open(t, r->fiche);
		break;
	case CMD_MARK:
		toggle_read(t, r);
		break;
	case CMD_KEYWORDS:
		view_glossary_keywords(t, r->fiche);
		break;
	case CMD_PATH_ADD:
		paths_add_fiche(t, r->fiche);
		break;
	case CMD_BOOKMARK:
		tui_prompt(t, "Signet, libellé (facultatif) : ", bookmark_done, r);
		break;
	case CMD_NOTE:
		marks_note_edit(t, r->fiche, note_done, r);
		break;
	case CMD_OPEN:
		follow(t, r);
		break;
	case CMD_CLICK:
		if (pager_click(&r->pg, t->mouse_y, t->mouse_x))
			follow(t, r);
		break;
	case CMD_BACK:
		if (back(t, r))
			return;
		break;
	case CMD_ESCAPE:
		if (r->pg.pattern || r->pg.sel_link >= 0) {
			pager_clear_search(&r->pg);
			r->pg.sel_link = -1;
		} else if (back(t, r)) {
			return;
		}
		break;
	case CMD_NEXT:
	case CMD_PREV:
		step(t, r, cmd == CMD_NEXT ? 1 : -1);
		break;
	case CMD_TOC:
		view_toc_open(t, &r->pg);
		break;
	case CMD_SEARCH:
		tui_prompt(t, "/", pager_prompt_search, &r->pg);
		break;
	default:
		break;
	}
	if (t->depth == depth)
		reader_track(t, r);
}

static void reader_draw(struct tui *t, void *st)
{
	struct reader *r = st;
	const struct adpa_fiche *f = fiche(t, r);
	const struct adpa_rubric *rb = &t->course->rubrics[f->rubric_index];
	char right[64]; /* "parcours " and two 20-digit numbers */
	size_t k = path_index(t, r);
	if (k != (size_t)-1)
		snprintf(right, sizeof right, "parcours %zu/%zu", k + 1, r->npath);
	else
		snprintf(right, sizeof right, "fiche %zu/%zu", r->fiche - rb->first + 1,
		         rb->nfiches);
	char *left = xasprintf("%s%s%s", rb->title, t->g->sep, f->title);
	if (text_cells(left) > t->cols - text_cells(right) - 4) { /* the title matters more */
		free(left);
		left = xstrdup(f->title);
	}
	draw_header(t, left, right);
	free(left);
	pager_draw(t, &r->pg);
}

static void reader_status(struct tui *t, void *st, struct status *s)
{
	struct reader *r = st;
	pager_status(t, &r->pg, s);
	const struct adpa_fiche_state *fs = progress_of(t, r->fiche);
	size_t n = strlen(s->left);
	if (fs->status >= ADPA_READ && !s->url && n + 32 < sizeof s->left)
		snprintf(s->left + n, sizeof s->left - n, "  %s %s", progress_mark(t, fs->status),
		         adpa_status_label(fs->status));
	if (!s->right[0] && fiche(t, r)->nquiz && pager_at_end(&r->pg))
		snprintf(s->right, sizeof s->right, "e quiz  ? aide  q retour");
	else if (!s->right[0])
		snprintf(s->right, sizeof s->right, "? aide  t sommaire  q retour");
}

static void reader_resize(struct tui *t, void *st)
{
	struct reader *r = st;
	struct place pl = pager_place(&r->pg);
	reader_render(t, r);
	pager_goto_place(&r->pg, pl);
}

static void reader_leave(struct tui *t, void *st)
{
	struct reader *r = st;
	t->last_fiche = r->fiche;
	struct place pl = pager_place(&r->pg);
	t->last_src = pl.src;
	t->last_delta = pl.delta;
	pager_free(&r->pg);
	free(r->md);
	free(r->err);
	free(r->hist);
	for (size_t k = 0; k < r->npath; k++)
		free(r->path[k]);
	free(r->path);
	free(r);
}

static const struct view view_reader = {
    .name = "Lecture",
    .keys = reader_tables,
    .notes = "Chaque lien porte un numéro, [1], [2]…, repris dans la liste « Liens » en "
             "fin de fiche : le titre de la fiche visée, ou l’adresse entière sur une ligne. "
             "Un lien externe choisi s’affiche dans la ligne d’état, sur sa propre ligne s’il "
             "est long : copiez-le, ou cliquez dessus si votre terminal le permet "
             "(--hyperlinks).",
    .leave = reader_leave,
    .draw = reader_draw,
    .status = reader_status,
    .key = reader_key,
    .resize = reader_resize,
};

void view_reader_open(struct tui *t, size_t i, const struct place *pl)
{
	view_reader_open_path(t, i, pl, NULL, 0);
}

void view_reader_open_path(struct tui *t, size_t i, const struct place *pl, const char *const *ids,
                           size_t n)
{
	struct reader *r = xcalloc(1, sizeof *r);
	r->path = n ? xcalloc(n, sizeof *r->path) : NULL;
	for (size_t k = 0; k < n; k++)
		r->path[k] = xstrdup(ids[k]);
	r->npath = n;
	r->pg.sel_link = -1;
	reader_load(t, r, i, !pl);
	if (pl)
		pager_goto_place(&r->pg, *pl);
	tui_push(t, &view_reader, r);
}

/* The query as the in-fiche search: whole, else its first word the text
 * shows. The index matched words anywhere in the fiche; the pager looks for
 * the text as typed, within a line, in what the reader shows. */
static void search_query(struct tui *t, struct reader *r, const char *query)
{
	pager_search(t, &r->pg, query);
	char *words = xstrdup(query), *save = NULL;
	for (char *w = strtok_r(words, " \t", &save); w && !r->pg.nm;
	     w = strtok_r(NULL, " \t", &save))
		pager_search(t, &r->pg, w);
	free(words);
	if (r->pg.nm) {
		t->msg[0] = '\0'; /* the attempts that found nothing said so */
		return;
	}
	pager_clear_search(&r->pg);
	tui_message(t, false, "« %s » : dans les mots-clés, le résumé ou le quiz de la fiche",
	            query);
}

void view_reader_open_search(struct tui *t, size_t i, const char *query)
{
	struct place top = {0, 0};
	view_reader_open(t, i, &top);
	if (t->depth && t->stack[t->depth - 1].v == &view_reader) /* not when the stack is full */
		search_query(t, t->stack[t->depth - 1].st, query);
}

void view_reader_goto(struct tui *t, size_t i)
{
	if (t->depth && t->stack[t->depth - 1].v == &view_reader)
		tui_pop(t);
	view_reader_open(t, i, NULL);
}
