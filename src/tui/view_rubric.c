/*
 * A rubric: its summary, then its fiches in order, one row each: a status
 * mark, the title, the duration, the level and the quiz score. Marks are
 * characters (○ not started, ◐ in progress, ✓ read, ★ mastered, « maj » when
 * the fiche changed since it was read; "quiz –/3" not taken, "quiz 75 %"
 * the best score), never colour alone.
 * Under the list, when the screen is tall enough, the selected fiche's
 * summary. Columns drop from the right as the terminal narrows: quiz first,
 * then level; title and duration stay.
 *
 * The fiches of a rubric are contiguous in course->fiches (first, nfiches),
 * so item i is fiche first + i, unless a filter (f: level, keyword,
 * duration, status; see adpa_filter_parse) hides some: then shown[] maps
 * items to fiches, recomputed at each layout (a rubric holds few fiches) and
 * the filter is said in the status line. + adds the chosen fiche to a path.
 * Coming back from the reader selects the
 * fiche last read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct rubric {
	struct list_view lv;
	struct tui *t;
	size_t r;
	int nsum;    /* rows of rubric summary shown above the list */
	int ndetail; /* rows of fiche summary shown below it */
	struct adpa_filter filter;
	size_t *shown; /* items -> course fiche indices (list.n of them) */
};

static const struct adpa_rubric *rub(const struct rubric *v)
{
	return &v->t->course->rubrics[v->r];
}

/* --- the columns: mark, title, duration, level, quiz --- */

static const char *col_mark(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	const struct rubric *v = st;
	(void)buf, (void)n, (void)a;
	return progress_mark(t, progress_of(t, v->shown[i])->status);
}

static const char *col_title(struct tui *t, const void *st, size_t i, char *buf, size_t n,
                             attr_t *a)
{
	const struct rubric *v = st;
	(void)a;
	/* changed since read: said in words */
	snprintf(buf, n, "%s%s", progress_of(t, v->shown[i])->updated ? "maj " : "",
	         t->course->fiches[v->shown[i]]->title);
	return buf;
}

static const char *col_duration(struct tui *t, const void *st, size_t i, char *buf, size_t n,
                                attr_t *a)
{
	const struct rubric *v = st;
	(void)a;
	snprintf(buf, n, "%d min", t->course->fiches[v->shown[i]]->duration);
	return buf;
}

static const char *col_level(struct tui *t, const void *st, size_t i, char *buf, size_t n,
                             attr_t *a)
{
	const struct rubric *v = st;
	(void)buf, (void)n, (void)a;
	return adpa_level_label(t->course->fiches[v->shown[i]]->level);
}

static const char *col_quiz(struct tui *t, const void *st, size_t i, char *buf, size_t n, attr_t *a)
{
	const struct rubric *v = st;
	const struct adpa_fiche *f = t->course->fiches[v->shown[i]];
	int best = progress_of(t, v->shown[i])->p.best;
	(void)a;
	buf[0] = '\0';
	if (f->nquiz && best >= 0)
		snprintf(buf, n, "quiz %d %%", best);
	else if (f->nquiz)
		snprintf(buf, n, "quiz %s/%zu", t->g->dash, f->nquiz);
	return buf;
}

/* columns drop from the right as the terminal narrows: quiz, then level */
static const struct list_col rubric_cols[] = {
    {.width = 1, .gap = 1, .text = col_mark},
    {.gap = 1, .strong = true, .text = col_title},
    {.width = 7, .gap = 2, .right = true, .text = col_duration},
    {.width = 13, .gap = 2, .min_cols = 56, .text = col_level},
    {.width = 9, .min_cols = 72, .text = col_quiz},
};

/* --- the screen --- */

static void rubric_load(struct tui *t, void *st)
{
	struct rubric *v = st;
	v->shown = xrealloc(v->shown, (rub(v)->nfiches + 1) * sizeof *v->shown);
	v->lv.list.n = 0;
	for (size_t i = rub(v)->first; i < rub(v)->first + rub(v)->nfiches; i++)
		if (adpa_filter_match(&v->filter, t->course->fiches[i], progress_of(t, i)->status))
			v->shown[v->lv.list.n++] = i;
}

static void rubric_layout(struct tui *t, void *st)
{
	struct rubric *v = st;
	rubric_load(t, v); /* statuses can change what the filter shows */
	v->nsum = t->rows >= 20 ? 3 : t->rows >= 14 ? 1 : 0;
	if (v->nsum) { /* no blank rows under a short summary */
		struct adpa_render_opts o = tui_render_opts(t, t->cols - 4, 0);
		struct adpa_doc *d =
		    adpa_render_text(rub(v)->summary ? rub(v)->summary : "", ADPA_STYLE_PLAIN, &o);
		if ((int)d->nlines < v->nsum)
			v->nsum = (int)d->nlines;
		adpa_doc_free(d);
	}
	v->ndetail = t->rows >= 20 ? 3 : 0;
	v->lv.y0 = 1 + (v->nsum ? v->nsum + 2 : 1);
	v->lv.h = t->rows - 1 - v->lv.y0 - v->ndetail;
	if (v->lv.list.n && (size_t)v->lv.h > v->lv.list.n) /* the summary follows a short list */
		v->lv.h = (int)v->lv.list.n;
}

/* Wrapped text from row y, at most n rows, then blank rows to y + n. */
static void draw_para(struct tui *t, int y, int n, const char *text, attr_t a)
{
	struct adpa_render_opts o = tui_render_opts(t, t->cols - 4, 0);
	struct adpa_doc *d = adpa_render_text(text ? text : "", ADPA_STYLE_PLAIN, &o);
	for (int i = 0; i < n; i++) {
		draw_blank(y + i, 0, t->cols, A_NORMAL);
		if ((size_t)i >= d->nlines)
			continue;
		const struct adpa_line *l = &d->lines[i];
		bool last = i == n - 1 && (size_t)n < d->nlines;
		if (last)
			draw_fit(t, y + i, 2, l->text, a, text_cells(l->text) - 1);
		else
			draw_text(t, y + i, 2, l->text, l->len, a, t->cols - 4);
	}
	adpa_doc_free(d);
}

static void rubric_frame(struct tui *t, void *st)
{
	struct rubric *v = st;
	char right[32];
	snprintf(right, sizeof right, "rubrique %zu/%zu", v->r + 1, t->course->nrubrics);
	draw_header(t, rub(v)->title, right);
	draw_blank(1, 0, t->cols, A_NORMAL);
	if (v->nsum) {
		draw_para(t, 2, v->nsum, rub(v)->summary, theme_role(t, ROLE_DIM));
		draw_blank(2 + v->nsum, 0, t->cols, A_NORMAL);
	}
	int y = v->lv.y0 + v->lv.h;
	if (v->ndetail && v->lv.list.n) {
		const struct adpa_fiche *f = t->course->fiches[v->shown[v->lv.list.sel]];
		draw_blank(y, 0, t->cols, A_NORMAL);
		draw_para(t, y + 1, v->ndetail - 1, f->summary, theme_role(t, ROLE_DIM));
		y += v->ndetail;
	}
	for (; y < t->rows - 1; y++)
		draw_blank(y, 0, t->cols, A_NORMAL);
}

static void open_fiche(struct tui *t, void *st, size_t i)
{
	struct rubric *v = st;
	view_reader_open(t, v->shown[i], NULL);
}

static void filter_done(struct tui *t, void *st, const char *text)
{
	struct rubric *v = st;
	adpa_filter_clear(&v->filter);
	adpa_filter_parse(text, &v->filter);
	v->lv.list.sel = v->lv.list.top = 0;
	rubric_load(t, v);
	if (!v->lv.list.n)
		tui_message(t, false, "Aucune fiche ne correspond au filtre (f le change)");
}

static void step(struct tui *t, struct rubric *v, size_t by)
{
	v->r = (v->r + by) % t->course->nrubrics;
	v->lv.list.sel = v->lv.list.top = 0;
	rubric_load(t, v);
}

static void act_next(struct tui *t, void *st, size_t i)
{
	(void)i;
	step(t, st, 1);
}

static void act_prev(struct tui *t, void *st, size_t i)
{
	(void)i;
	step(t, st, t->course->nrubrics - 1);
}

static void act_quiz(struct tui *t, void *st, size_t i)
{
	struct rubric *v = st;
	view_quiz_open(t, v->shown[i]);
}

static void act_path_add(struct tui *t, void *st, size_t i)
{
	struct rubric *v = st;
	paths_add_fiche(t, v->shown[i]);
}

static void act_filter(struct tui *t, void *st, size_t i)
{
	(void)i;
	tui_prompt(t, "Filtre (niveau, statut, durée, mot-clé) : ", filter_done, st);
}

static void act_search(struct tui *t, void *st, size_t i)
{
	(void)st, (void)i;
	view_search_prompt(t);
}

static const struct list_action rubric_actions[] = {
    {CMD_NEXT, false, act_next},     {CMD_PREV, false, act_prev},
    {CMD_QUIZ, true, act_quiz},      {CMD_PATH_ADD, true, act_path_add},
    {CMD_FILTER, false, act_filter}, {CMD_SEARCH, false, act_search},
};

/* Coming back from the reader selects the fiche last read. */
static void rubric_enter(struct tui *t, void *st)
{
	struct rubric *v = st;
	progress_refresh(t, true);
	rubric_load(t, v);
	for (size_t i = 0; i < v->lv.list.n; i++)
		if (v->shown[i] == t->last_fiche)
			v->lv.list.sel = i;
}

static void rubric_status(struct tui *t, void *st, struct status *s)
{
	struct rubric *v = st;
	(void)t;
	char what[256];
	adpa_filter_describe(&v->filter, what, sizeof what);
	if (*what)
		snprintf(s->left, sizeof s->left, "filtre : %s — %zu/%zu fiches", what,
		         v->lv.list.n, rub(v)->nfiches);
	else if (v->lv.list.n)
		snprintf(s->left, sizeof s->left, "fiche %zu/%zu", v->lv.list.sel + 1,
		         v->lv.list.n);
}

static void rubric_free(void *st)
{
	struct rubric *v = st;
	adpa_filter_clear(&v->filter);
	free(v->shown);
	free(v);
}

static const struct key_def rubric_defs[] = {
    {']', false, CMD_NEXT, "rubrique suivante"},
    {'[', false, CMD_PREV, "rubrique précédente"},
    {'e', false, CMD_QUIZ, "faire le quiz de la fiche choisie"},
    {'+', false, CMD_PATH_ADD, "ajouter la fiche choisie à un de vos parcours (et ses prérequis)"},
    {'f', false, CMD_FILTER,
     "filtrer : niveau (débutant…), statut (nouvelle, en cours, lue, maîtrisée), durée "
     "maximale (10), mot-clé ; vide : tout"},
    {'/', false, CMD_SEARCH, "rechercher dans tout le cours (sans tenir compte des accents)"},
};
static const struct key_hint rubric_hints[] = {{'f', false, "filtrer"}};
static const struct key_table rubric_keys = KEY_TABLE_HINTS("Rubrique", rubric_defs, rubric_hints);
static const struct key_table *const rubric_tables[] = {&keys_list, &rubric_keys, &keys_back, NULL};

static const struct list_screen rubric_screen = {
    .view = LIST_SCREEN_VIEW(
        "Rubrique", rubric_tables,
        "Marques : ○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée (en ASCII : - ~ x "
        "*) ; « maj » : la fiche a changé depuis votre lecture. « quiz –/3 » : quiz pas encore "
        "fait ; « quiz 75 % » : votre meilleur score."),
    .load = rubric_load,
    .layout = rubric_layout,
    .draw_frame = rubric_frame,
    LIST_COLS(rubric_cols),
    .status = rubric_status,
    .open = open_fiche,
    LIST_ACTIONS(rubric_actions),
    .enter = rubric_enter,
    .free = rubric_free,
};

void view_rubric_open(struct tui *t, size_t r)
{
	struct rubric *v = xcalloc(1, sizeof *v);
	v->t = t;
	v->r = r;
	adpa_filter_parse("", &v->filter);
	list_screen_push(t, &rubric_screen, v);
}
