/*
 * The glossary (« Lexique »): two views.
 *
 * The terms view lists glossary entries, two rows each: the term with its
 * aliases, then the start of its definition. / or f opens a filter prompt:
 * the entries whose term, aliases or definition contain the text, case and
 * accents ignored (adpa_glossary_matches); an empty filter shows them all
 * again. The same view lists a fiche's keywords (K in the reader), with
 * the fiche's title in the header: there its items are the glossary entries
 * of the keywords, in the fiche's order. Enter opens an entry.
 *
 * The entry view is a page: the term, its aliases, its definition, then the
 * fiches that use it (adpa_glossary_fiches), each with its reading mark;
 * the arrows move between fiches and Enter opens the selected one.
 *
 * The glossary is loaded on first use (adpa_course_load_glossary keeps it
 * in the course). Items are indices into course->terms: the terms view owns
 * only that array and its filter; the shown array is rebuilt on each filter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include <adpa/util.h>

struct terms {
	size_t *all, nall; /* the view's terms, indices in course->terms */
	size_t *shown;     /* those that pass the filter; list.n of them */
	char *filter;      /* NULL: none */
	char *title;       /* header; NULL: « Lexique » */
	struct list list;
	int y0, h;
};

struct entry {
	size_t term;
	struct page pg;
};

static const struct key_def terms_defs[] = {
    {'/', false, CMD_FILTER, "filtrer les termes (accents ignorés)"},
    {'f', false, CMD_FILTER, NULL},
};
static const struct key_table terms_keys = KEY_TABLE("Lexique", terms_defs);
static const struct key_table *const terms_tables[] = {&terms_keys, &keys_list, &keys_back, NULL};

static const struct key_table *const entry_tables[] = {&keys_page, &keys_back, NULL};

/* Loads the glossary once; false (with a message) when it has none. */
static bool glossary_ready(struct tui *t)
{
	struct adpa_error err = {0};
	if (adpa_course_load_glossary(t->course, NULL, &err) < 0)
		tui_message(t, true, "Lexique incomplet : %s (adpa check en dit plus)",
		            tui_reason(err.code));
	if (!t->course->nterms) {
		tui_message(t, false, "Ce cours n’a pas de lexique");
		return false;
	}
	return true;
}

/* --- the entry --- */

static void entry_build(struct tui *t, struct entry *v)
{
	const struct adpa_term *e = &t->course->terms[v->term];
	page_clear(&v->pg);
	v->pg.width = tui_text_width(t);
	char *line;
	page_add(&v->pg, t, e->term, theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
	if (e->naliases) {
		struct buf b = {0};
		buf_adds(&b, "Aussi : ");
		for (size_t k = 0; k < e->naliases; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", e->aliases[k]);
		line = buf_detach(&b);
		page_add(&v->pg, t, line, theme_style(t, ADPA_STYLE_EMPH), 0, (size_t)-1);
		free(line);
	}
	page_add(&v->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&v->pg, t, e->definition, A_NORMAL, 0, (size_t)-1);
	page_add(&v->pg, t, "", A_NORMAL, 0, (size_t)-1);
	const struct adpa_fiche **f;
	size_t n = adpa_glossary_fiches(t->course, e, &f);
	page_add(&v->pg, t, n ? "Fiches qui l’utilisent :" : "Aucune fiche ne l’utilise.",
	         theme_style(t, ADPA_STYLE_H3), 0, (size_t)-1);
	for (size_t i = 0; i < n; i++) {
		const struct adpa_rubric *rb = &t->course->rubrics[f[i]->rubric_index];
		line =
		    xasprintf("%s %s — %s", progress_mark(t, progress_of(t, f[i]->index)->status),
		              f[i]->title, rb->title);
		page_add(&v->pg, t, line, A_NORMAL, 2, f[i]->index);
		free(line);
	}
	free(f);
}

static void entry_enter(struct tui *t, void *st)
{
	struct entry *v = st;
	size_t keep = v->pg.sel != (size_t)-1 ? v->pg.sel : (size_t)-1;
	progress_refresh(t, false);
	entry_build(t, v);
	if (keep != (size_t)-1 && keep < v->pg.n && v->pg.v[keep].fiche != (size_t)-1)
		v->pg.sel = keep;
	else /* the first fiche, selected at once: Enter reads it */
		page_cmd(&v->pg, CMD_DOWN, t->rows - 3);
}

static void entry_key(struct tui *t, void *st, enum cmd cmd)
{
	struct entry *v = st;
	if (page_cmd(&v->pg, cmd, t->rows - 3))
		return;
	if (cmd == CMD_OPEN && v->pg.sel != (size_t)-1)
		view_reader_open(t, v->pg.v[v->pg.sel].fiche, NULL);
	else if (cmd == CMD_OPEN)
		tui_message(t, false, "Aucune fiche choisie");
	else if (cmd == CMD_BACK)
		tui_pop(t);
}

static void entry_draw(struct tui *t, void *st)
{
	struct entry *v = st;
	char *left = xasprintf("Lexique%s%s", t->g->sep, t->course->terms[v->term].term);
	draw_header(t, left, NULL);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
	page_draw(t, &v->pg, 2, t->rows - 3);
}

static void entry_status(struct tui *t, void *st, struct status *s)
{
	(void)t;
	(void)st;
	snprintf(s->right, sizeof s->right, "Entrée lire  q retour  ? aide");
}

static void entry_leave(struct tui *t, void *st)
{
	struct entry *v = st;
	(void)t;
	page_free(&v->pg);
	free(v);
}

static const struct view view_entry = {
    .name = "Terme du lexique",
    .keys = entry_tables,
    .notes = "Les fiches qui utilisent un terme sont celles qui l’ont parmi leurs mots-clés "
             "(lui ou un de ses alias) et celles que le lexique cite pour lui.",
    .enter = entry_enter,
    .leave = entry_leave,
    .draw = entry_draw,
    .status = entry_status,
    .key = entry_key,
    .resize = entry_enter,
};

static void entry_open(struct tui *t, size_t term)
{
	struct entry *v = xcalloc(1, sizeof *v);
	v->term = term;
	v->pg.sel = (size_t)-1;
	tui_push(t, &view_entry, v);
}

/* --- the terms --- */

static int item_height(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 2;
}

static void draw_item(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct terms *v = ctx;
	const struct adpa_term *e = &t->course->terms[v->shown[i]];
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	int used = draw_fit(t, y, 3, e->term, a, t->cols - 4);
	if (e->naliases && used + 8 < t->cols - 4) {
		struct buf b = {0};
		buf_adds(&b, "(");
		for (size_t k = 0; k < e->naliases; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", e->aliases[k]);
		buf_adds(&b, ")");
		char *al = buf_detach(&b);
		draw_fit(t, y, 4 + used, al, sel ? a : theme_role(t, ROLE_DIM), t->cols - 5 - used);
		free(al);
	}
	draw_blank(y + 1, 0, t->cols, A_NORMAL);
	draw_fit(t, y + 1, 5, e->definition ? e->definition : "", theme_role(t, ROLE_DIM),
	         t->cols - 6);
}

static void apply(struct tui *t, struct terms *v)
{
	char *key = v->filter ? adpa_glossary_key(v->filter) : NULL;
	v->list.n = 0;
	for (size_t i = 0; i < v->nall; i++)
		if (adpa_glossary_matches(&t->course->terms[v->all[i]], key))
			v->shown[v->list.n++] = v->all[i];
	v->list.sel = v->list.top = 0;
	free(key);
}

static void filter_done(struct tui *t, void *st, const char *text)
{
	struct terms *v = st;
	free(v->filter);
	v->filter = text && *text ? xstrdup(text) : NULL;
	apply(t, v);
}

static void terms_layout(struct tui *t, struct terms *v)
{
	v->y0 = 2;
	v->h = t->rows - 1 - v->y0;
}

static void terms_draw(struct tui *t, void *st)
{
	struct terms *v = st;
	terms_layout(t, v);
	char right[160];
	if (v->filter)
		snprintf(right, sizeof right, "« %s » : %zu/%zu", v->filter, v->list.n, v->nall);
	else
		snprintf(right, sizeof right, "%zu terme%s", v->nall, v->nall > 1 ? "s" : "");
	draw_header(t, v->title ? v->title : "Lexique", right);
	draw_blank(1, 0, t->cols, A_NORMAL);
	list_draw(t, &v->list, v->y0, v->h);
	if (!v->list.n)
		draw_fit(t, v->y0, 3, "Aucun terme ne correspond au filtre (/ pour le changer)",
		         theme_role(t, ROLE_DIM), t->cols - 4);
}

static void terms_key(struct tui *t, void *st, enum cmd cmd)
{
	struct terms *v = st;
	terms_layout(t, v);
	if (list_cmd(&v->list, cmd, v->h))
		return;
	if (list_opens(&v->list, t, cmd, v->y0, v->h)) {
		if (v->list.n)
			entry_open(t, v->shown[v->list.sel]);
		return;
	}
	if (cmd == CMD_FILTER)
		tui_prompt(t, "Filtrer : ", filter_done, v);
	else if (cmd == CMD_BACK)
		tui_pop(t);
}

static void terms_status(struct tui *t, void *st, struct status *s)
{
	struct terms *v = st;
	(void)t;
	if (v->list.n)
		snprintf(s->left, sizeof s->left, "terme %zu/%zu", v->list.sel + 1, v->list.n);
	snprintf(s->right, sizeof s->right, "Entrée ouvrir  / filtrer  q retour");
}

static void terms_leave(struct tui *t, void *st)
{
	struct terms *v = st;
	(void)t;
	free(v->all);
	free(v->shown);
	free(v->filter);
	free(v->title);
	free(v);
}

static const struct view view_terms = {
    .name = "Lexique",
    .keys = terms_tables,
    .notes = "Le filtre ignore les majuscules et les accents (« donnee » trouve « Donnée ») "
             "et cherche dans les termes, leurs alias et leurs définitions ; un filtre vide "
             "montre de nouveau tous les termes.",
    .leave = terms_leave,
    .draw = terms_draw,
    .status = terms_status,
    .key = terms_key,
};

/* Pushes the terms view on v->all[0..nall), which it takes. */
static void terms_push(struct tui *t, struct terms *v)
{
	v->shown = xcalloc(v->nall ? v->nall : 1, sizeof *v->shown);
	v->list.height = item_height;
	v->list.draw = draw_item;
	v->list.ctx = v;
	apply(t, v);
	tui_push(t, &view_terms, v);
}

void view_glossary_open(struct tui *t)
{
	if (!glossary_ready(t))
		return;
	struct terms *v = xcalloc(1, sizeof *v);
	v->nall = t->course->nterms;
	v->all = xcalloc(v->nall, sizeof *v->all);
	for (size_t i = 0; i < v->nall; i++)
		v->all[i] = i;
	terms_push(t, v);
}

void view_glossary_keywords(struct tui *t, size_t fiche)
{
	const struct adpa_fiche *f = t->course->fiches[fiche];
	if (!f->nkeywords) {
		tui_message(t, false, "Cette fiche n’a pas de mots-clés");
		return;
	}
	if (!glossary_ready(t))
		return;
	struct terms *v = xcalloc(1, sizeof *v);
	v->all = xcalloc(f->nkeywords, sizeof *v->all);
	for (size_t k = 0; k < f->nkeywords; k++) {
		const struct adpa_term *e = adpa_course_term(t->course, f->keywords[k].s);
		bool seen = false; /* two keywords can be the same term (an alias) */
		for (size_t j = 0; e && j < v->nall; j++)
			seen |= v->all[j] == (size_t)(e - t->course->terms);
		if (e && !seen)
			v->all[v->nall++] = (size_t)(e - t->course->terms);
	}
	if (!v->nall) {
		tui_message(t, false, "Aucun mot-clé de cette fiche n’est dans le lexique");
		free(v->all);
		free(v);
		return;
	}
	v->title = xasprintf("Mots-clés%s%s", t->g->sep, f->title);
	terms_push(t, v);
}
