/*
 * Home: the course title, « Reprendre » when a fiche was read (the store
 * remembers the last one across sessions), « Révision » when questions are
 * due for review (r starts it too), the rubrics (title, fiche count,
 * summary, progress bar of fiches read), « Progression », « Rechercher »
 * and « À propos ». The items are computed from the session each time (no
 * copy to keep in step): item 0 is « Reprendre » when there is one, then
 * « Révision » when there is one, then one item per rubric, then the
 * progress screen, « Parcours » (c), « Signets et notes » (s), the search,
 * « Lexique » (x) and « À propos ». When the progress file
 * holds several learners, the header says who is reading; L switches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include <adpa/util.h>

enum item {
	IT_RESUME,
	IT_REVIEW,
	IT_RUBRIC,
	IT_PROGRESS,
	IT_PATHS,
	IT_MARKS,
	IT_SEARCH,
	IT_GLOSSARY,
	IT_ABOUT
};

struct home {
	struct tui *t;
	struct list list;
	int y0, h; /* the list's rows, for mouse hits */
	bool had_resume, had_review;
};

static const struct key_def home_defs[] = {
    {'a', false, CMD_ABOUT, "à propos du cours"},
    {'p', false, CMD_PROGRESS, "votre progression"},
    {'c', false, CMD_PATHS, "vos parcours (et ceux que le cours suggère)"},
    {'r', false, CMD_REVIEW, "réviser les questions à revoir aujourd’hui, ou en avance"},
    {'s', false, CMD_MARKS, "vos signets et notes"},
    {'/', false, CMD_SEARCH, "rechercher dans tout le cours (sans tenir compte des accents)"},
    {'x', false, CMD_GLOSSARY, "le lexique : les termes du cours et leurs fiches"},
    {'L', false, CMD_LEARNER, "changer d’apprenant (un nom nouveau en crée un)"},
    {'q', false, CMD_BACK, "quitter adpa"},
};
static const struct key_table home_keys = KEY_TABLE("Accueil", home_defs);
static const struct key_table *const home_tables[] = {&home_keys, &keys_list, NULL};

static bool has_resume(const struct tui *t)
{
	return t->last_fiche < t->course->nfiches;
}

/* « Révision » is offered while questions are in review, due or not (then
 * it says when, and offers to review ahead): after « Reprendre ». */
static bool has_review(const struct tui *t)
{
	return t->review_total > 0;
}

static void review_later(const struct tui *t, char *label, size_t n)
{
	char when[64];
	progress_when(t, t->review_next, when, sizeof when);
	snprintf(label, n, "Révision : prochaine %s (ou en avance)", when);
}

static enum item kind(const struct tui *t, size_t i, size_t *rubric)
{
	size_t r = i - has_resume(t) - has_review(t);
	if (has_resume(t) && i == 0)
		return IT_RESUME;
	if (has_review(t) && i == (size_t)has_resume(t))
		return IT_REVIEW;
	*rubric = r;
	size_t n = t->course->nrubrics;
	return r < n        ? IT_RUBRIC
	       : r == n     ? IT_PROGRESS
	       : r == n + 1 ? IT_PATHS
	       : r == n + 2 ? IT_MARKS
	       : r == n + 3 ? IT_SEARCH
	       : r == n + 4 ? IT_GLOSSARY
	                    : IT_ABOUT;
}

static int base_height(const void *ctx, size_t i);

/* The blank row above « Progression » goes when every item would not fit
 * otherwise (Home grew: paths, bookmarks, glossary), so that the whole of
 * Home stays on an 80x24 screen. */
static bool compact(const struct tui *t)
{
	int need = 0, room = t->rows - 1 - (t->store ? 2 : 3);
	size_t r;
	for (size_t i = 0;; i++) {
		need += base_height(t, i);
		if (kind(t, i, &r) == IT_ABOUT)
			break;
	}
	return need > room;
}

static int item_height(const void *ctx, size_t i)
{
	size_t r;
	if (kind(ctx, i, &r) == IT_PROGRESS && compact(ctx))
		return 1;
	return base_height(ctx, i);
}

static int base_height(const void *ctx, size_t i)
{
	size_t r;
	enum item k = kind(ctx, i, &r);
	return k == IT_RUBRIC ? 3
	       : k == IT_ABOUT || k == IT_SEARCH || k == IT_PATHS || k == IT_MARKS ||
	               k == IT_GLOSSARY
	           ? 1
	           : 2;
}

/* A whole row, selected or not, with label cut at maxw cells. */
static void draw_row_label(struct tui *t, int y, const char *label, bool sel, int maxw)
{
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	draw_fit(t, y, 3, label, a, maxw);
}

static void draw_rubric(struct tui *t, size_t r, int y, bool sel)
{
	const struct adpa_rubric *rb = &t->course->rubrics[r];
	char count[32], pct[64];
	snprintf(count, sizeof count, "%zu fiche%s", rb->nfiches, rb->nfiches > 1 ? "s" : "");
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	int cw = text_cells(count), cols = tui_content_cols(t);
	bool room = cw + 20 < cols; /* for the count, right-aligned */
	draw_row_label(t, y, rb->title, sel, room ? cols - cw - 7 : t->cols - 4);
	if (room)
		draw_text(t, y, cols - cw - 1, count, strlen(count), a, cw);
	draw_blank(y + 1, 0, t->cols, A_NORMAL);
	draw_fit(t, y + 1, 5, rb->summary ? rb->summary : "", theme_role(t, ROLE_DIM), cols - 6);
	draw_blank(y + 2, 0, t->cols, A_NORMAL);
	int bw = cols - 24 > 20 ? 20 : cols - 24;
	const struct adpa_tally *ta = &t->sum->rubrics[r];
	draw_bar(t, y + 2, 5, bw, ta->read, rb->nfiches);
	snprintf(pct, sizeof pct, "  %zu %% lu (%zu/%zu)",
	         rb->nfiches ? ta->read * 100 / rb->nfiches : 0, ta->read, rb->nfiches);
	if (ta->mastered)
		snprintf(pct + strlen(pct), sizeof pct - strlen(pct), ", %zu maîtrisée%s",
		         ta->mastered, ta->mastered > 1 ? "s" : "");
	draw_fit(t, y + 2, 5 + bw, pct, theme_role(t, ROLE_DIM), cols - 6 - bw);
}

static void draw_item(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	(void)ctx;
	size_t r = 0;
	char label[512];
	switch (kind(t, i, &r)) {
	case IT_RESUME:
		snprintf(label, sizeof label, "Reprendre : %s",
		         t->course->fiches[t->last_fiche]->title);
		draw_row_label(t, y, label, sel, t->cols - 4);
		draw_blank(y + 1, 0, t->cols, A_NORMAL);
		break;
	case IT_REVIEW:
		if (t->review_due)
			snprintf(label, sizeof label,
			         "Révision : %zu question%s à revoir aujourd’hui", t->review_due,
			         t->review_due > 1 ? "s" : "");
		else
			review_later(t, label, sizeof label);
		draw_row_label(t, y, label, sel, t->cols - 4);
		draw_blank(y + 1, 0, t->cols, A_NORMAL);
		break;
	case IT_RUBRIC:
		draw_rubric(t, r, y, sel);
		break;
	case IT_PROGRESS:
		if (!compact(t))
			draw_blank(y++, 0, t->cols, A_NORMAL);
		snprintf(label, sizeof label,
		         "Progression (p) : %zu/%zu fiches lues, %zu maîtrisées",
		         t->sum->total.read, t->sum->total.fiches, t->sum->total.mastered);
		draw_row_label(t, y, label, sel, t->cols - 4);
		break;
	case IT_PATHS:
		draw_row_label(t, y, "Parcours (c)", sel, t->cols - 4);
		break;
	case IT_MARKS:
		draw_row_label(t, y, "Signets et notes (s)", sel, t->cols - 4);
		break;
	case IT_SEARCH:
		draw_row_label(t, y, "Rechercher dans le cours (/)", sel, t->cols - 4);
		break;
	case IT_GLOSSARY:
		draw_row_label(t, y, "Lexique : les termes du cours (x)", sel, t->cols - 4);
		break;
	case IT_ABOUT:
		draw_row_label(t, y, "À propos (a)", sel, t->cols - 4);
		break;
	}
}

static void home_layout(struct home *h)
{
	h->list.n = (has_resume(h->t) ? 1 : 0) + has_review(h->t) + h->t->course->nrubrics + 6;
	h->y0 = h->t->store ? 2 : 3;
	h->h = h->t->rows - 1 - h->y0;
}

static void home_draw(struct tui *t, void *st)
{
	struct home *h = st;
	home_layout(h);
	const char *title = t->course->title ? t->course->title : "adpa";
	char who[160];
	snprintf(who, sizeof who, "apprenant : %s", t->learner_name);
	draw_header(t, title, t->many_learners ? who : NULL);
	draw_blank(1, 0, t->cols, A_NORMAL);
	if (!t->store) { /* said on the screen itself, not only once in the status line */
		char why[640];
		snprintf(why, sizeof why, "Progression non enregistrée : %s", t->store_error);
		draw_blank(2, 0, t->cols, A_NORMAL);
		draw_fit(t, 1, 1, why, theme_role(t, ROLE_ERROR), t->cols - 2);
	}
	list_draw(t, &h->list, h->y0, h->h);
}

static void open_item(struct tui *t, struct home *h)
{
	size_t r = 0;
	switch (kind(t, h->list.sel, &r)) {
	case IT_RESUME: {
		struct place pl = {t->last_src, t->last_delta};
		view_reader_open(t, t->last_fiche, &pl);
		break;
	}
	case IT_REVIEW:
		view_review_open(t);
		break;
	case IT_PROGRESS:
		view_progress_open(t);
		break;
	case IT_RUBRIC:
		view_rubric_open(t, r);
		break;
	case IT_PATHS:
		view_paths_open(t);
		break;
	case IT_MARKS:
		view_marks_open(t);
		break;
	case IT_SEARCH:
		view_search_prompt(t);
		break;
	case IT_GLOSSARY:
		view_glossary_open(t);
		break;
	case IT_ABOUT:
		view_about_open(t);
		break;
	}
}

/* Keeps the selection on its item when « Reprendre » or « Révision »
 * came or went above it (after a fiche, a review, another learner). */
static void home_sync(struct tui *t, struct home *h)
{
	if (h->list.n && has_resume(t) && !h->had_resume) /* items moved down by one */
		h->list.sel++;
	size_t at = has_resume(t); /* where « Révision » is, or was */
	if (h->list.n && has_review(t) && !h->had_review && h->list.sel >= at)
		h->list.sel++;
	else if (h->list.n && !has_review(t) && h->had_review && h->list.sel > at)
		h->list.sel--;
	h->had_resume = has_resume(t);
	h->had_review = has_review(t);
	home_layout(h);
}

static void switch_learner(struct tui *t, void *st, const char *name)
{
	progress_switch(t, name);
	home_sync(t, st);
}

static void home_key(struct tui *t, void *st, enum cmd cmd)
{
	struct home *h = st;
	home_layout(h);
	if (list_cmd(&h->list, cmd, h->h))
		return;
	if (list_opens(&h->list, t, cmd, h->y0, h->h)) {
		open_item(t, h);
		return;
	}
	switch (cmd) {
	case CMD_ABOUT:
		view_about_open(t);
		break;
	case CMD_PROGRESS:
		view_progress_open(t);
		break;
	case CMD_PATHS:
		view_paths_open(t);
		break;
	case CMD_REVIEW:
		view_review_open(t);
		break;
	case CMD_MARKS:
		view_marks_open(t);
		break;
	case CMD_SEARCH:
		view_search_prompt(t);
		break;
	case CMD_GLOSSARY:
		view_glossary_open(t);
		break;
	case CMD_LEARNER:
		tui_prompt(t, "Apprenant : ", switch_learner, h);
		break;
	case CMD_BACK:
		t->quit = true;
		break;
	default:
		break;
	}
}

static void home_enter(struct tui *t, void *st)
{
	struct home *h = st;
	progress_refresh(t, false);
	home_sync(t, h);
}

static void home_status(struct tui *t, void *st, struct status *s)
{
	(void)st;
	snprintf(s->left, sizeof s->left, "%zu rubriques, %zu fiches", t->course->nrubrics,
	         t->course->nfiches);
	snprintf(s->right, sizeof s->right, "Entrée ouvrir  ? aide  q quitter");
}

static void home_leave(struct tui *t, void *st)
{
	(void)t;
	free(st);
}

static const struct view view_home = {
    .name = "Accueil",
    .keys = home_tables,
    .enter = home_enter,
    .leave = home_leave,
    .draw = home_draw,
    .status = home_status,
    .key = home_key,
};

void view_home_open(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->t = t;
	h->list.height = item_height;
	h->list.draw = draw_item;
	h->list.ctx = t;
	tui_push(t, &view_home, h);
}
