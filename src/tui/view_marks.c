/*
 * « Signets et notes »: the learner's bookmarks (by fiche, then line) and
 * notes (by fiche) in this course, under a heading each. Enter opens the
 * fiche at the bookmark's line, or where it was left for a note; x deletes
 * the chosen bookmark or note. The items are read from the store again
 * each time the screen comes into view (the reader opened from here may
 * have added some), so there is no copy to keep in step.
 *
 * Also here, for the reader: bookmarking a place and editing a fiche's
 * note, in the status-line field or in $VISUAL / $EDITOR when set (the
 * front end reads the environment; the core never does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include <adpa/util.h>

struct mark {
	bool note;
	int64_t id;   /* a bookmark's */
	size_t fiche; /* course index, (size_t)-1 when the course no longer has it */
	char *fiche_id;
	int line;
	char *text; /* the label or the note */
};

struct marks {
	struct tui *t;
	struct mark *v;
	size_t n, cap, nbook; /* bookmarks first, then notes */
	struct list list;
	int y0, h;
};

static const struct key_def marks_defs[] = {
    {'x', false, CMD_DELETE, "supprimer le signet ou la note choisi"},
    {KEY_DC, true, CMD_DELETE, NULL},
};
static const struct key_table marks_keys = KEY_TABLE("Signets et notes", marks_defs);
static const struct key_table *const marks_tables[] = {&marks_keys, &keys_list, &keys_back, NULL};

static const char *course_id(const struct tui *t)
{
	return t->course->id ? t->course->id : "";
}

static struct mark *add(struct marks *m, const char *fiche, const char *text)
{
	XGROW(m->v, m->cap, m->n + 1);
	struct mark *k = &m->v[m->n++];
	const struct adpa_fiche *f = adpa_course_find(m->t->course, fiche);
	*k = (struct mark){
	    .fiche = f ? f->index : (size_t)-1, .fiche_id = xstrdup(fiche), .text = xstrdup(text)};
	return k;
}

static int add_bookmark(const struct adpa_bookmark *b, void *arg)
{
	struct mark *k = add(arg, b->fiche, b->label);
	k->id = b->id;
	k->line = b->line;
	return 0;
}

static int add_note(const struct adpa_note *n, void *arg)
{
	add(arg, n->fiche, n->text)->note = true;
	return 0;
}

static void marks_clear(struct marks *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].fiche_id);
		free(m->v[i].text);
	}
	m->n = m->nbook = 0;
}

static void load(struct tui *t, struct marks *m)
{
	marks_clear(m);
	struct adpa_error err = {0};
	if (!t->store)
		return;
	if (progress_check(
	        t, adpa_store_bookmarks(t->store, t->learner, course_id(t), add_bookmark, m, &err),
	        &err) == 0)
		m->nbook = m->n;
	progress_check(t, adpa_store_notes(t->store, t->learner, course_id(t), add_note, m, &err),
	               &err);
	m->list.n = m->n;
}

/* The first bookmark and the first note carry their section's heading. */
static int item_height(const void *ctx, size_t i)
{
	const struct marks *m = ctx;
	return i == 0 || i == m->nbook ? 2 : 1;
}

static void draw_item(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct marks *m = ctx;
	const struct mark *k = &m->v[i];
	if (i == 0 || i == m->nbook) {
		char head[64];
		size_t n = k->note ? m->n - m->nbook : m->nbook;
		snprintf(head, sizeof head, "%s (%zu)", k->note ? "Notes" : "Signets", n);
		draw_blank(y, 0, t->cols, A_NORMAL);
		draw_fit(t, y, 1, head, theme_role(t, ROLE_SECTION), t->cols - 2);
		y++;
	}
	const char *title =
	    k->fiche != (size_t)-1 ? t->course->fiches[k->fiche]->title : k->fiche_id;
	char *first = xstrdup(k->text); /* a note's first line */
	first[strcspn(first, "\r\n")] = '\0';
	char *label = k->note    ? xasprintf("%s : %s%s", title, first,
                                          strcspn(k->text, "\r\n") < strlen(k->text) ? " …" : "")
	              : *k->text ? xasprintf("%s : %s", title, k->text)
	                         : xasprintf("%s : ligne %d du source", title, k->line);
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_NORMAL;
	draw_blank(y, 0, t->cols, a);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	draw_fit(t, y, 3, label, a, t->cols - 4);
	free(label);
	free(first);
}

static void open_item(struct tui *t, struct marks *m)
{
	const struct mark *k = &m->v[m->list.sel];
	if (k->fiche == (size_t)-1) {
		tui_message(t, true, "La fiche « %s » n’est plus dans le cours", k->fiche_id);
		return;
	}
	struct place pl = {k->line, 0};
	view_reader_open(t, k->fiche, k->note ? NULL : &pl);
}

static void delete_item(struct tui *t, struct marks *m)
{
	const struct mark *k = &m->v[m->list.sel];
	struct adpa_error err = {0};
	int rc = k->note ? adpa_store_note_set(t->store, t->learner, course_id(t), k->fiche_id,
	                                       NULL, tui_now(), &err)
	                 : adpa_store_bookmark_delete(t->store, t->learner, k->id, &err);
	bool note = k->note;
	if (progress_check(t, rc, &err) == 0)
		tui_message(t, false, note ? "Note supprimée" : "Signet supprimé");
	load(t, m);
}

static void marks_key(struct tui *t, void *st, enum cmd cmd)
{
	struct marks *m = st;
	if (list_cmd(&m->list, cmd, m->h))
		return;
	if (m->n && list_opens(&m->list, t, cmd, m->y0, m->h)) {
		open_item(t, m);
		return;
	}
	if (cmd == CMD_DELETE && m->n)
		delete_item(t, m);
	else if (cmd == CMD_BACK)
		tui_pop(t);
}

static void marks_draw(struct tui *t, void *st)
{
	struct marks *m = st;
	draw_header(t, "Signets et notes", t->many_learners ? t->learner_name : NULL);
	m->y0 = 1;
	m->h = t->rows - 2;
	if (!m->n) {
		draw_blank(1, 0, t->cols, A_NORMAL);
		draw_fit(t, 2, 1,
		         t->store ? "Aucun signet ni note : dans une fiche, B pose un signet, a "
		                    "écrit la note."
		                  : "Progression non enregistrée : pas de signets ni de notes.",
		         theme_role(t, ROLE_DIM), t->cols - 2);
		for (int y = 3; y < t->rows - 1; y++)
			draw_blank(y, 0, t->cols, A_NORMAL);
		return;
	}
	list_draw(t, &m->list, m->y0, m->h);
}

static void marks_status(struct tui *t, void *st, struct status *s)
{
	struct marks *m = st;
	(void)t;
	snprintf(s->left, sizeof s->left, "%zu signet%s, %zu note%s", m->nbook,
	         m->nbook > 1 ? "s" : "", m->n - m->nbook, m->n - m->nbook > 1 ? "s" : "");
	snprintf(s->right, sizeof s->right, "Entrée ouvrir  x supprimer  q retour");
}

static void marks_enter(struct tui *t, void *st)
{
	load(t, st);
}

static void marks_leave(struct tui *t, void *st)
{
	(void)t;
	struct marks *m = st;
	marks_clear(m);
	free(m->v);
	free(m);
}

static const struct view view_marks = {
    .name = "Signets et notes",
    .keys = marks_tables,
    .notes = "Dans une fiche, B pose un signet à la ligne lue (avec un libellé facultatif) et "
             "a écrit la note de la fiche, dans la ligne d’état ou dans $VISUAL / $EDITOR "
             "s’il est défini.",
    .enter = marks_enter,
    .leave = marks_leave,
    .draw = marks_draw,
    .status = marks_status,
    .key = marks_key,
};

void view_marks_open(struct tui *t)
{
	struct marks *m = xcalloc(1, sizeof *m);
	m->t = t;
	m->list.height = item_height;
	m->list.draw = draw_item;
	m->list.ctx = m;
	tui_push(t, &view_marks, m);
}

/* --- from the reader --- */

static bool need_store(struct tui *t)
{
	if (!t->store)
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
	return t->store != NULL;
}

void marks_bookmark(struct tui *t, size_t fiche, int line, const char *label)
{
	struct adpa_error err = {0};
	if (!need_store(t))
		return;
	int64_t id =
	    adpa_store_bookmark_add(t->store, t->learner, course_id(t),
	                            t->course->fiches[fiche]->id, line, label, tui_now(), &err);
	if (progress_check(t, id < 0 ? -1 : 0, &err) == 0)
		tui_message(t, false, "Signet posé%s%s", *label ? " : " : "", label);
}

void marks_note_set(struct tui *t, size_t fiche, const char *text)
{
	struct adpa_error err = {0};
	int rc = adpa_store_note_set(t->store, t->learner, course_id(t),
	                             t->course->fiches[fiche]->id, text, tui_now(), &err);
	if (progress_check(t, rc, &err) == 0)
		tui_message(t, false, *text ? "Note enregistrée" : "Note supprimée");
}

void marks_note_edit(struct tui *t, size_t fiche, prompt_fn done, void *st)
{
	struct adpa_error err = {0};
	char *note = NULL;
	if (!need_store(t) ||
	    progress_check(t,
	                   adpa_store_note_get(t->store, t->learner, course_id(t),
	                                       t->course->fiches[fiche]->id, &note, &err),
	                   &err) < 0)
		return;
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (editor && *editor) {
		char *text = tui_edit_external(t, editor, note ? note : "");
		if (text && strcmp(text, note ? note : ""))
			marks_note_set(t, fiche, text);
		free(text);
	} else {
		tui_prompt(t, "Note (vide : supprimer) : ", done, st);
		if (note && !tui_prompt_fill(t, note)) {
			t->prompt.active = false;
			tui_message(t, true,
			            "Note trop longue ou sur plusieurs lignes pour la ligne "
			            "d’édition : définissez $VISUAL ou $EDITOR pour la modifier");
		}
	}
	free(note);
}
