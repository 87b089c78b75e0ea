/*
 * « Signets et notes »: the learner's bookmarks (by fiche, then line) and
 * notes (by fiche) in this course, under a heading each. Enter opens the
 * fiche at the bookmark's line, or where it was left for a note; x deletes
 * the chosen bookmark, or the note after a confirmation (o/n). The items are read from the store
 * again each time the screen comes into view (the reader opened from here may have added some), so
 * there is no copy to keep in step.
 *
 * Also here, for the reader: bookmarking a place and editing a fiche's
 * note, in the status-line field or in $VISUAL / $EDITOR when set (the
 * front end reads the environment; the core never does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
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
	struct list_view lv;
	struct tui *t;
	struct mark *v;
	size_t n, cap, nbook; /* bookmarks first, then notes */
};

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

static void marks_load(struct tui *t, void *st)
{
	struct marks *m = st;
	marks_clear(m);
	struct adpa_error err = {0};
	m->lv.list.n = 0;
	if (!t->store)
		return;
	if (progress_check(
	        t,
	        adpa_store_bookmarks(t->store, t->learner, tui_course_id(t), add_bookmark, m, &err),
	        &err) == 0)
		m->nbook = m->n;
	progress_check(
	    t, adpa_store_notes(t->store, t->learner, tui_course_id(t), add_note, m, &err), &err);
	m->lv.list.n = m->n;
}

/* The first bookmark and the first note carry their section's heading. */
static int item_height(const void *st, size_t i)
{
	const struct marks *m = st;
	return i == 0 || i == m->nbook ? 2 : 1;
}

static void draw_item(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct marks *m = st;
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
	draw_fit(t, y, 3, label, list_row(t, y, sel, false), t->cols - 4);
	free(label);
	free(first);
}

static void open_item(struct tui *t, void *st, size_t i)
{
	struct marks *m = st;
	const struct mark *k = &m->v[i];
	if (k->fiche == (size_t)-1) {
		tui_message(t, true, "La fiche « %s » n’est plus dans le cours", k->fiche_id);
		return;
	}
	struct place pl = {k->line, 0};
	view_reader_open(t, k->fiche, k->note ? NULL : &pl);
}

static void delete_now(struct tui *t, struct marks *m, size_t i)
{
	const struct mark *k = &m->v[i];
	struct adpa_error err = {0};
	int rc = k->note ? adpa_store_note_set(t->store, t->learner, tui_course_id(t), k->fiche_id,
	                                       NULL, tui_now(), &err)
	                 : adpa_store_bookmark_delete(t->store, t->learner, k->id, &err);
	bool note = k->note;
	if (progress_check(t, rc, &err) == 0)
		tui_message(t, false, note ? "Note supprimée" : "Signet supprimé");
	marks_load(t, m);
}

static void confirm_done(struct tui *t, void *st, const char *text)
{
	struct marks *m = st;
	if (tui_yes(text) && m->lv.list.sel < m->n && m->v[m->lv.list.sel].note)
		delete_now(t, m, m->lv.list.sel);
	else
		tui_message(t, false, "Note gardée");
}

/* A bookmark goes at once (B puts it back); a note, the learner's own
 * writing, after a confirmation, as a path does. */
static void delete_item(struct tui *t, void *st, size_t i)
{
	struct marks *m = st;
	const struct mark *k = &m->v[i];
	if (!k->note) {
		delete_now(t, m, i);
		return;
	}
	const char *title =
	    k->fiche != (size_t)-1 ? t->course->fiches[k->fiche]->title : k->fiche_id;
	char *label = xasprintf("Supprimer la note de « %s » ? (o/n) ", title);
	tui_prompt(t, label, confirm_done, m);
	free(label);
}

static const struct list_action marks_actions[] = {{CMD_DELETE, true, delete_item}};

/* Without any item, a line says how to make some: the list then starts
 * under it (and only blanks rows). */
static void marks_layout(struct tui *t, void *st)
{
	struct marks *m = st;
	m->lv.y0 = m->n ? 1 : 3;
	m->lv.h = t->rows - 1 - m->lv.y0;
}

static void marks_frame(struct tui *t, void *st)
{
	struct marks *m = st;
	draw_header(t, "Signets et notes", t->many_learners ? t->learner_name : NULL);
	if (m->n)
		return;
	draw_blank(1, 0, t->cols, A_NORMAL);
	draw_blank(2, 0, t->cols, A_NORMAL);
	draw_fit(t, 2, 1,
	         t->store ? "Aucun signet ni note : dans une fiche, B pose un signet, a écrit la "
	                    "note."
	                  : "Progression non enregistrée : pas de signets ni de notes.",
	         theme_role(t, ROLE_DIM), t->cols - 2);
}

static void marks_status(struct tui *t, void *st, struct status *s)
{
	struct marks *m = st;
	(void)t;
	snprintf(s->left, sizeof s->left, "%zu signet%s, %zu note%s", m->nbook,
	         m->nbook > 1 ? "s" : "", m->n - m->nbook, m->n - m->nbook > 1 ? "s" : "");
}

static void marks_free(void *st)
{
	struct marks *m = st;
	marks_clear(m);
	free(m->v);
	free(m);
}

static const struct key_def marks_defs[] = {
    {'x', false, CMD_DELETE, "supprimer le signet choisi, ou la note (après confirmation)"},
    {KEY_DC, true, CMD_DELETE, NULL},
};
static const struct key_hint marks_hints[] = {{'x', false, "supprimer"}};
static const struct key_table marks_keys =
    KEY_TABLE_HINTS("Signets et notes", marks_defs, marks_hints);
static const struct key_table *const marks_tables[] = {&marks_keys, &keys_list, &keys_back, NULL};

static const struct list_screen marks_screen = {
    .view = LIST_SCREEN_VIEW(
        "Signets et notes", marks_tables,
        "Dans une fiche, B pose un signet à la ligne lue (avec un libellé facultatif) et a écrit "
        "la note de la fiche, dans la ligne d’état ou dans $VISUAL / $EDITOR s’il est défini."),
    .load = marks_load,
    .layout = marks_layout,
    .draw_frame = marks_frame,
    .height = item_height,
    .draw_item = draw_item,
    .status = marks_status,
    .open = open_item,
    LIST_ACTIONS(marks_actions),
    .free = marks_free,
};

void view_marks_open(struct tui *t)
{
	struct marks *m = xcalloc(1, sizeof *m);
	m->t = t;
	list_screen_push(t, &marks_screen, m);
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
	    adpa_store_bookmark_add(t->store, t->learner, tui_course_id(t),
	                            t->course->fiches[fiche]->id, line, label, tui_now(), &err);
	if (progress_check(t, id < 0 ? -1 : 0, &err) == 0)
		tui_message(t, false, "Signet posé%s%s", *label ? " : " : "", label);
}

void marks_note_set(struct tui *t, size_t fiche, const char *text)
{
	struct adpa_error err = {0};
	int rc = adpa_store_note_set(t->store, t->learner, tui_course_id(t),
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
	                   adpa_store_note_get(t->store, t->learner, tui_course_id(t),
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
			tui_prompt_close(t);
			tui_message(t, true,
			            "Note trop longue ou sur plusieurs lignes pour la ligne "
			            "d’édition : définissez $VISUAL ou $EDITOR pour la modifier");
		}
	}
	free(note);
}
