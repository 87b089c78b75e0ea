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

#include "tui_internal.h"
#include <adpa/util.h>

struct rubric {
	struct tui *t;
	size_t r;
	struct list list;
	int y0, h;   /* the list's rows */
	int nsum;    /* rows of rubric summary shown above the list */
	int ndetail; /* rows of fiche summary shown below it */
	struct adpa_filter filter;
	size_t *shown; /* items -> course fiche indices (list.n of them) */
};

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
static const struct key_table rubric_keys = KEY_TABLE("Rubrique", rubric_defs);
static const struct key_table *const rubric_tables[] = {&keys_list, &rubric_keys, &keys_back, NULL};

static const struct adpa_rubric *rub(const struct rubric *v)
{
	return &v->t->course->rubrics[v->r];
}

static int row_height(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 1;
}

static void fiche_row(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct rubric *v = ctx;
	const struct adpa_fiche *f = t->course->fiches[v->shown[i]];
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_NORMAL;
	char dur[32], quiz[32];
	snprintf(dur, sizeof dur, "%d min", f->duration);
	const struct adpa_fiche_state *st = progress_of(t, v->shown[i]);
	quiz[0] = '\0';
	if (f->nquiz && st->p.best >= 0)
		snprintf(quiz, sizeof quiz, "quiz %d %%", st->p.best);
	else if (f->nquiz)
		snprintf(quiz, sizeof quiz, "quiz %s/%zu", t->g->dash, f->nquiz);
	const char *level = adpa_level_label(f->level);
	/* columns from the right: quiz (9 cells), level (13 + 2), duration (7 + 2) */
	int cols = tui_content_cols(t);
	bool show_level = cols >= 56, show_quiz = cols >= 72;
	int qx = cols - 10, lx = show_quiz ? qx - 15 : cols - 15;
	int dx = (show_level ? lx : cols - 1) - 9;
	draw_blank(y, 0, t->cols, a);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	const char *mark = progress_mark(t, st->status);
	draw_text(t, y, 3, mark, strlen(mark), a, 1);
	int tx = 5;
	if (st->updated) /* changed since read: said in words */
		tx += draw_text(t, y, 5, "maj ", 4, a | A_BOLD, 4);
	draw_fit(t, y, tx, f->title, sel ? a : a | A_BOLD, dx - 1 - tx);
	draw_text(t, y, dx + 7 - text_cells(dur), dur, strlen(dur), a, 7);
	if (show_level)
		draw_text(t, y, lx, level, strlen(level), a, 13);
	if (show_quiz)
		draw_text(t, y, qx, quiz, strlen(quiz), a, 9);
}

static void rubric_layout(struct rubric *v)
{
	struct tui *t = v->t;
	v->shown = xrealloc(v->shown, (rub(v)->nfiches + 1) * sizeof *v->shown);
	v->list.n = 0;
	for (size_t i = rub(v)->first; i < rub(v)->first + rub(v)->nfiches; i++)
		if (adpa_filter_match(&v->filter, t->course->fiches[i], progress_of(t, i)->status))
			v->shown[v->list.n++] = i;
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
	v->y0 = 1 + (v->nsum ? v->nsum + 2 : 1);
	v->h = t->rows - 1 - v->y0 - v->ndetail;
	if (v->list.n && (size_t)v->h > v->list.n) /* the summary follows a short list */
		v->h = (int)v->list.n;
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

static void rubric_draw(struct tui *t, void *st)
{
	struct rubric *v = st;
	rubric_layout(v);
	char right[32];
	snprintf(right, sizeof right, "rubrique %zu/%zu", v->r + 1, t->course->nrubrics);
	draw_header(t, rub(v)->title, right);
	draw_blank(1, 0, t->cols, A_NORMAL);
	if (v->nsum) {
		draw_para(t, 2, v->nsum, rub(v)->summary, theme_role(t, ROLE_DIM));
		draw_blank(2 + v->nsum, 0, t->cols, A_NORMAL);
	}
	list_draw(t, &v->list, v->y0, v->h);
	int y = v->y0 + v->h;
	if (v->ndetail && v->list.n) {
		const struct adpa_fiche *f = t->course->fiches[v->shown[v->list.sel]];
		draw_blank(y, 0, t->cols, A_NORMAL);
		draw_para(t, y + 1, v->ndetail - 1, f->summary, theme_role(t, ROLE_DIM));
		y += v->ndetail;
	}
	for (; y < t->rows - 1; y++)
		draw_blank(y, 0, t->cols, A_NORMAL);
}

static void rubric_open_fiche(struct tui *t, struct rubric *v)
{
	if (!v->list.n) {
		tui_message(t, false,
		            adpa_filter_empty(&v->filter)
		                ? "Cette rubrique n’a pas encore de fiche"
		                : "Aucune fiche ne correspond au filtre (f le change)");
		return;
	}
	view_reader_open(t, v->shown[v->list.sel], NULL);
}

static void filter_done(struct tui *t, void *st, const char *text)
{
	struct rubric *v = st;
	adpa_filter_clear(&v->filter);
	adpa_filter_parse(text, &v->filter);
	v->list.sel = v->list.top = 0;
	rubric_layout(v);
	if (!v->list.n)
		tui_message(t, false, "Aucune fiche ne correspond au filtre (f le change)");
}

static void rubric_key(struct tui *t, void *st, enum cmd cmd)
{
	struct rubric *v = st;
	rubric_layout(v);
	if (list_cmd(&v->list, cmd, v->h))
		return;
	if (list_opens(&v->list, t, cmd, v->y0, v->h)) {
		rubric_open_fiche(t, v);
		return;
	}
	size_t n = t->course->nrubrics;
	switch (cmd) {
	case CMD_NEXT:
	case CMD_PREV:
		v->r = (v->r + (cmd == CMD_NEXT ? 1 : n - 1)) % n;
		v->list.sel = v->list.top = 0;
		break;
	case CMD_QUIZ:
		if (v->list.n)
			view_quiz_open(t, v->shown[v->list.sel]);
		break;
	case CMD_PATH_ADD:
		if (v->list.n)
			paths_add_fiche(t, v->shown[v->list.sel]);
		break;
	case CMD_FILTER:
		tui_prompt(t, "Filtre (niveau, statut, durée, mot-clé) : ", filter_done, v);
		break;
	case CMD_SEARCH:
		view_search_prompt(t);
		break;
	case CMD_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}

static void rubric_enter(struct tui *t, void *st)
{
	struct rubric *v = st;
	progress_refresh(t, true);
	size_t f = t->last_fiche;
	rubric_layout(v);
	for (size_t i = 0; i < v->list.n; i++)
		if (v->shown[i] == f)
			v->list.sel = i;
}

static void rubric_status(struct tui *t, void *st, struct status *s)
{
	struct rubric *v = st;
	(void)t;
	char what[256];
	adpa_filter_describe(&v->filter, what, sizeof what);
	if (*what)
		snprintf(s->left, sizeof s->left, "filtre : %s — %zu/%zu fiches", what, v->list.n,
		         rub(v)->nfiches);
	else if (v->list.n)
		snprintf(s->left, sizeof s->left, "fiche %zu/%zu", v->list.sel + 1, v->list.n);
	snprintf(s->right, sizeof s->right, "Entrée lire  q retour  ? aide");
}

static void rubric_leave(struct tui *t, void *st)
{
	(void)t;
	struct rubric *v = st;
	adpa_filter_clear(&v->filter);
	free(v->shown);
	free(v);
}

static const struct view view_rubric = {
    .name = "Rubrique",
    .keys = rubric_tables,
    .notes = "Marques : ○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée (en ASCII : "
             "- ~ x *) ; « maj » : la fiche a changé depuis votre lecture. « quiz –/3 » : quiz "
             "pas encore fait ; « quiz 75 % » : votre meilleur score.",
    .enter = rubric_enter,
    .leave = rubric_leave,
    .draw = rubric_draw,
    .status = rubric_status,
    .key = rubric_key,
};

void view_rubric_open(struct tui *t, size_t r)
{
	struct rubric *v = xcalloc(1, sizeof *v);
	v->t = t;
	v->r = r;
	adpa_filter_parse("", &v->filter);
	v->list.height = row_height;
	v->list.draw = fiche_row;
	v->list.ctx = v;
	tui_push(t, &view_rubric, v);
}
