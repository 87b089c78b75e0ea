/*
 * Home: the course title, then its items, a table (home_items): « Reprendre »
 * when a fiche was read (the store remembers the last one across sessions),
 * « Révision » while questions are in review (due, or when next), one item per rubric
 * (title, fiche count, summary, progress bar of fiches read), then
 * « Progression », « Parcours », « Signets et notes », the search,
 * « Lexique » and « À propos ». An item with a key of Home's table opens
 * with that key too, and its label names the key (generated from the key
 * table, so that the two cannot drift).
 *
 * The rows are computed from the session each time (no copy to keep in
 * step): an array of (item, rubric) made at each layout. When they do not
 * all fit (an 80x24 screen with « Reprendre » and « Révision »), the gap
 * above « Progression » goes, then the blank row under « Reprendre » and
 * « Révision », then the rubrics' summaries; below that the list scrolls,
 * with its marks of more above or below. When the progress
 * file holds several learners, the header says who is reading; L lists them
 * (view_learners.c) and switches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct home_item {
	const char *title;
	enum cmd cmd;                       /* its key on Home, or CMD_NONE */
	bool key_unsaid;                    /* the label does not name the key */
	bool (*shown)(const struct tui *t); /* NULL: always */
	int rows;                           /* rows it takes */
	int tight, squeeze_at;              /* rows it takes from squeeze level squeeze_at */
	bool gap;                           /* a blank row above it, when there is room */
	/* what follows the title after « : », or NULL */
	void (*detail)(const struct tui *t, char *buf, size_t n);
	void (*open)(struct tui *t); /* NULL: one item per rubric, each opening it */
};

struct row {
	const struct home_item *it;
	size_t rubric;
};

struct home {
	struct list_view lv;
	struct tui *t;
	struct row *rows;
	size_t nrows;
	int squeeze; /* 0: room for all; 1 the gaps go, 2 and 3 the items shrink */
	bool had_resume, had_review;
};

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

static void resume_detail(const struct tui *t, char *buf, size_t n)
{
	snprintf(buf, n, "%s", t->course->fiches[t->last_fiche]->title);
}

static void review_detail(const struct tui *t, char *buf, size_t n)
{
	if (!t->review_due) {
		char when[64];
		progress_when(t, t->review_next, when, sizeof when);
		snprintf(buf, n, "prochaine %s (ou en avance)", when);
		return;
	}
	snprintf(buf, n, "%zu question%s à revoir aujourd’hui", t->review_due,
	         t->review_due > 1 ? "s" : "");
}

static void progress_detail(const struct tui *t, char *buf, size_t n)
{
	snprintf(buf, n, "%zu/%zu fiches lues, %zu maîtrisées", t->sum->total.read,
	         t->sum->total.fiches, t->sum->total.mastered);
}

static void open_resume(struct tui *t)
{
	struct place pl = {t->last_src, t->last_delta};
	view_reader_open(t, t->last_fiche, &pl);
}

static const struct home_item home_items[] = {
    {.title = "Reprendre",
     .shown = has_resume,
     .rows = 2,
     .tight = 1,
     .squeeze_at = 2,
     .detail = resume_detail,
     .open = open_resume},
    {.title = "Révision",
     .cmd = CMD_REVIEW,
     .key_unsaid = true,
     .shown = has_review,
     .rows = 2,
     .tight = 1,
     .squeeze_at = 2,
     .detail = review_detail,
     .open = view_review_open},
    {.rows = 3, .tight = 2, .squeeze_at = 3}, /* the rubrics; tight: without their summary */
    {.title = "Progression",
     .cmd = CMD_PROGRESS,
     .rows = 1,
     .gap = true,
     .detail = progress_detail,
     .open = view_progress_open},
    {.title = "Parcours", .cmd = CMD_PATHS, .rows = 1, .open = view_paths_open},
    {.title = "Signets et notes", .cmd = CMD_MARKS, .rows = 1, .open = view_marks_open},
    {.title = "Rechercher dans le cours", .cmd = CMD_SEARCH, .rows = 1, .open = view_search_prompt},
    {.title = "Lexique : les termes du cours",
     .cmd = CMD_GLOSSARY,
     .rows = 1,
     .open = view_glossary_open},
    {.title = "À propos", .cmd = CMD_ABOUT, .rows = 1, .open = view_about_open},
};
#define NITEMS (sizeof home_items / sizeof home_items[0])

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
static const struct key_hint home_hints[] = {{'q', false, "quitter"}};
static const struct key_table home_keys = KEY_TABLE_HINTS("Accueil", home_defs, home_hints);
static const struct key_table *const home_tables[] = {&home_keys, &keys_list, NULL};

static int rows_at(const struct row *r, int squeeze)
{
	const struct home_item *it = r->it;
	if (it->tight && squeeze >= it->squeeze_at)
		return it->tight;
	return it->rows + (it->gap && !squeeze);
}

static int item_rows(const struct home *h, const struct row *r)
{
	return rows_at(r, h->squeeze);
}

static void home_load(struct tui *t, void *st)
{
	struct home *h = st;
	h->rows = xrealloc(h->rows, (NITEMS + t->course->nrubrics) * sizeof *h->rows);
	h->nrows = 0;
	for (size_t i = 0; i < NITEMS; i++) {
		const struct home_item *it = &home_items[i];
		if (it->shown && !it->shown(t))
			continue;
		for (size_t r = 0; r < (it->open ? 1 : t->course->nrubrics); r++)
			h->rows[h->nrows++] = (struct row){it, r};
	}
	h->lv.list.n = h->nrows;
}

static void home_layout(struct tui *t, void *st)
{
	struct home *h = st;
	home_load(t, h);
	h->lv.y0 = t->store ? 2 : 3;
	h->lv.h = t->rows - 1 - h->lv.y0;
	/* the least squeezed layout that shows every item; at the most
	 * squeezed, the list scrolls (and says so) */
	for (h->squeeze = 0; h->squeeze < 3; h->squeeze++) {
		int need = 0;
		for (size_t i = 0; i < h->nrows; i++)
			need += item_rows(h, &h->rows[i]);
		if (need <= h->lv.h)
			break;
	}
}

static int home_height(const void *st, size_t i)
{
	const struct home *h = st;
	return item_rows(h, &h->rows[i]);
}

/* « Parcours (c) », « Progression (p) : 2/7 fiches lues... » */
static void label(const struct tui *t, const struct home_item *it, char *buf, size_t n)
{
	char key[32] = "", detail[320] = "";
	for (size_t i = 0; i < home_keys.n && it->cmd != CMD_NONE && !it->key_unsaid; i++)
		if (home_defs[i].cmd == it->cmd) {
			char name[32];
			snprintf(key, sizeof key, " (%s)",
			         keys_name(home_defs[i].key, home_defs[i].fn, t->utf8, name,
			                   sizeof name));
			break;
		}
	if (it->detail)
		it->detail(t, detail, sizeof detail);
	snprintf(buf, n, "%s%s%s%s", it->title, key, *detail ? " : " : "", detail);
}

/* A rubric: title and count, its summary (not when tight), its bar. */
static void draw_rubric(struct tui *t, size_t r, int y, bool sel, bool tight)
{
	const struct adpa_rubric *rb = &t->course->rubrics[r];
	char count[32], pct[64];
	snprintf(count, sizeof count, "%zu fiche%s", rb->nfiches, rb->nfiches > 1 ? "s" : "");
	attr_t a = list_row(t, y, sel, true);
	int cw = text_cells(count), cols = tui_content_cols(t);
	bool room = cw + 20 < cols; /* for the count, right-aligned */
	draw_fit(t, y, 3, rb->title, a, room ? cols - cw - 7 : t->cols - 4);
	if (room)
		draw_text(t, y, cols - cw - 1, count, strlen(count), a, cw);
	if (!tight) {
		y++;
		draw_blank(y, 0, t->cols, A_NORMAL);
		draw_fit(t, y, 5, rb->summary ? rb->summary : "", theme_role(t, ROLE_DIM),
		         cols - 6);
	}
	y++;
	draw_blank(y, 0, t->cols, A_NORMAL);
	int bw = cols - 24 > 20 ? 20 : cols - 24;
	const struct adpa_tally *ta = &t->sum->rubrics[r];
	draw_bar(t, y, 5, bw, ta->read, rb->nfiches);
	snprintf(pct, sizeof pct, "  %zu %% lu (%zu/%zu)",
	         rb->nfiches ? ta->read * 100 / rb->nfiches : 0, ta->read, rb->nfiches);
	if (ta->mastered)
		snprintf(pct + strlen(pct), sizeof pct - strlen(pct), ", %zu maîtrisée%s",
		         ta->mastered, ta->mastered > 1 ? "s" : "");
	draw_fit(t, y, 5 + bw, pct, theme_role(t, ROLE_DIM), cols - 6 - bw);
}

static void draw_item(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct home *h = st;
	const struct row *r = &h->rows[i];
	int rows = item_rows(h, r);
	if (!r->it->open) {
		draw_rubric(t, r->rubric, y, sel, rows < r->it->rows);
		return;
	}
	if (r->it->gap && !h->squeeze)
		draw_blank(y++, 0, t->cols, A_NORMAL);
	char text[512];
	label(t, r->it, text, sizeof text);
	draw_fit(t, y, 3, text, list_row(t, y, sel, true), t->cols - 4);
	for (int k = 1; k < rows - (r->it->gap && !h->squeeze); k++)
		draw_blank(y + k, 0, t->cols, A_NORMAL);
}

static void home_frame(struct tui *t, void *st)
{
	(void)st;
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
}

static void open_row(struct tui *t, void *st, size_t i)
{
	struct home *h = st;
	if (h->rows[i].it->open)
		h->rows[i].it->open(t);
	else
		view_rubric_open(t, h->rows[i].rubric);
}

/* Keeps the selection on its item when « Reprendre » or « Révision »
 * came or went above it (after a fiche, a review, another learner). */
static void home_sync(struct tui *t, struct home *h)
{
	struct list *l = &h->lv.list;
	if (l->n && has_resume(t) && !h->had_resume) /* items moved down by one */
		l->sel++;
	size_t at = has_resume(t); /* where « Révision » is, or was */
	if (l->n && has_review(t) && !h->had_review && l->sel >= at)
		l->sel++;
	else if (l->n && !has_review(t) && h->had_review && l->sel > at)
		l->sel--;
	h->had_resume = has_resume(t);
	h->had_review = has_review(t);
	home_load(t, h);
}

/* A key of Home's table: the item it names, else L and q. */
static bool home_key(struct tui *t, void *st, enum cmd cmd)
{
	(void)st;
	for (size_t i = 0; i < NITEMS; i++)
		if (home_items[i].cmd == cmd) {
			home_items[i].open(t);
			return true;
		}
	if (cmd == CMD_LEARNER)
		view_learners_open(t);
	else if (cmd == CMD_BACK)
		t->quit = true;
	return cmd == CMD_LEARNER || cmd == CMD_BACK;
}

static void home_enter(struct tui *t, void *st)
{
	progress_refresh(t, false);
	home_sync(t, st);
}

static void home_status(struct tui *t, void *st, struct status *s)
{
	(void)st;
	snprintf(s->left, sizeof s->left, "%zu rubriques, %zu fiches", t->course->nrubrics,
	         t->course->nfiches);
}

static void home_free(void *st)
{
	struct home *h = st;
	free(h->rows);
	free(h);
}

static const struct list_screen home_screen = {
    .view = LIST_SCREEN_VIEW("Accueil", home_tables, NULL),
    .load = home_load,
    .layout = home_layout,
    .draw_frame = home_frame,
    .height = home_height,
    .draw_item = draw_item,
    .status = home_status,
    .open = open_row,
    .key = home_key,
    .enter = home_enter,
    .free = home_free,
};

void view_home_open(struct tui *t)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->t = t;
	list_screen_push(t, &home_screen, h);
}
