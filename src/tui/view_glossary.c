/*
 * The glossary (« Lexique »): two views.
 *
 * The terms view lists glossary entries, two rows each: the term with its
 * aliases, then the start of its definition. / or f opens a filter prompt:
 * the entries whose term, aliases or definition contain the text, case and
 * accents ignored (adpa_glossary_matches), those whose term or an alias
 * starts with it first; an empty filter shows them all again. The same view lists a fiche's
 * keywords (K in the reader), with the fiche's title in the header: there its items are the
 * glossary entries of the keywords, in the fiche's order. Enter opens an entry.
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

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct terms {
	struct list_view lv;
	size_t *all, nall; /* the view's terms, indices in course->terms */
	size_t *shown;     /* those that pass the filter; list.n of them */
	char *filter;      /* NULL: none */
	char *title;       /* header; NULL: « Lexique » */
};

struct entry {
	struct list_view lv;
	size_t term;
};

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

/* The page of the entry; the fiche chosen stays chosen, else the first
 * one is, at once: Enter reads it. */
static void entry_build(struct tui *t, void *st)
{
	struct entry *v = st;
	struct page *pg = &v->lv.pg;
	const struct adpa_term *e = &t->course->terms[v->term];
	size_t keep = pg->sel;
	page_clear(pg);
	pg->width = tui_text_width(t);
	char *line;
	page_add(pg, t, e->term, theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
	if (e->naliases) {
		struct buf b = {0};
		buf_adds(&b, "Aussi : ");
		for (size_t k = 0; k < e->naliases; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", e->aliases[k]);
		line = buf_detach(&b);
		page_add(pg, t, line, theme_style(t, ADPA_STYLE_EMPH), 0, (size_t)-1);
		free(line);
	}
	page_add(pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(pg, t, e->definition, A_NORMAL, 0, (size_t)-1);
	page_add(pg, t, "", A_NORMAL, 0, (size_t)-1);
	const struct adpa_fiche **f;
	size_t n = adpa_glossary_fiches(t->course, e, &f);
	page_add(pg, t, n ? "Fiches qui l’utilisent :" : "Aucune fiche ne l’utilise.",
	         theme_style(t, ADPA_STYLE_H3), 0, (size_t)-1);
	for (size_t i = 0; i < n; i++) {
		const struct adpa_rubric *rb = &t->course->rubrics[f[i]->rubric_index];
		line =
		    xasprintf("%s %s — %s", progress_mark(t, progress_of(t, f[i]->index)->status),
		              f[i]->title, rb->title);
		page_add(pg, t, line, A_NORMAL, 2, f[i]->index);
		free(line);
	}
	free(f);
	if (keep != (size_t)-1 && keep < pg->n && pg->v[keep].fiche != (size_t)-1)
		pg->sel = keep;
	else
		page_cmd(pg, CMD_DOWN, t->rows - 3);
}

static void entry_enter(struct tui *t, void *st)
{
	(void)st;
	progress_refresh(t, false);
}

static void open_fiche(struct tui *t, void *st, size_t fiche)
{
	(void)st;
	view_reader_open(t, fiche, NULL);
}

static void entry_frame(struct tui *t, void *st)
{
	struct entry *v = st;
	char *left = xasprintf("Lexique%s%s", t->g->sep, t->course->terms[v->term].term);
	draw_header(t, left, NULL);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

static const struct key_table *const entry_tables[] = {&keys_page, &keys_back, NULL};

static const struct list_screen entry_screen = {
    .view = LIST_SCREEN_VIEW(
        "Terme du lexique", entry_tables,
        "Les fiches qui utilisent un terme sont celles qui l’ont parmi leurs mots-clés "
        "(lui ou un de ses alias) et celles que le lexique cite pour lui."),
    .page = true,
    .load = entry_build,
    .draw_frame = entry_frame,
    .open = open_fiche,
    .enter = entry_enter,
};

static void entry_open(struct tui *t, size_t term)
{
	struct entry *v = xcalloc(1, sizeof *v);
	v->term = term;
	list_screen_push(t, &entry_screen, v);
}

/* --- the terms --- */

static void draw_item(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct terms *v = st;
	const struct adpa_term *e = &t->course->terms[v->shown[i]];
	attr_t a = list_row(t, y, sel, true);
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

/* Does term e or one of its aliases start with key (a glossary key)? */
static bool starts_with(const struct adpa_term *e, const char *key)
{
	size_t n = strlen(key);
	bool yes = false;
	for (size_t k = 0; k <= e->naliases && !yes; k++) {
		char *name = adpa_glossary_key(k ? e->aliases[k - 1] : e->term);
		yes = !strncmp(name, key, n);
		free(name);
	}
	return yes;
}

/* The terms passing the filter, those that start with it first (then the
 * others, each group in the view's order); the list is not reloaded
 * otherwise. */
static void apply(struct tui *t, struct terms *v)
{
	char *key = v->filter ? adpa_glossary_key(v->filter) : NULL;
	v->lv.list.n = 0;
	for (int pass = key ? 0 : 1; pass < 2; pass++)
		for (size_t i = 0; i < v->nall; i++) {
			const struct adpa_term *e = &t->course->terms[v->all[i]];
			if (adpa_glossary_matches(e, key) &&
			    (pass == 1) != (key && starts_with(e, key)))
				v->shown[v->lv.list.n++] = v->all[i];
		}
	v->lv.list.sel = v->lv.list.top = 0;
	free(key);
}

static void terms_load(struct tui *t, void *st)
{
	(void)t, (void)st;
}

static void filter_done(struct tui *t, void *st, const char *text)
{
	struct terms *v = st;
	free(v->filter);
	v->filter = text && *text ? xstrdup(text) : NULL;
	apply(t, v);
}

static void terms_frame(struct tui *t, void *st)
{
	struct terms *v = st;
	char right[160];
	if (v->filter)
		snprintf(right, sizeof right, "« %s » : %zu/%zu", v->filter, v->lv.list.n, v->nall);
	else
		snprintf(right, sizeof right, "%zu terme%s", v->nall, v->nall > 1 ? "s" : "");
	draw_header(t, v->title ? v->title : "Lexique", right);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

static void open_term(struct tui *t, void *st, size_t i)
{
	struct terms *v = st;
	entry_open(t, v->shown[i]);
}

static void act_filter(struct tui *t, void *st, size_t i)
{
	(void)i;
	tui_prompt(t, "Filtrer : ", filter_done, st);
}

static const struct list_action terms_actions[] = {{CMD_FILTER, false, act_filter}};

static void terms_free(void *st)
{
	struct terms *v = st;
	free(v->all);
	free(v->shown);
	free(v->filter);
	free(v->title);
	free(v);
}

static const struct key_def terms_defs[] = {
    {'/', false, CMD_FILTER, "filtrer les termes (accents ignorés)"},
    {'f', false, CMD_FILTER, NULL},
};
static const struct key_hint terms_hints[] = {{'/', false, "filtrer"}};
static const struct key_table terms_keys = KEY_TABLE_HINTS("Lexique", terms_defs, terms_hints);
static const struct key_table *const terms_tables[] = {&terms_keys, &keys_list, &keys_back, NULL};

static const struct list_screen terms_screen = {
    .view = LIST_SCREEN_VIEW(
        "Lexique", terms_tables,
        "Le filtre ignore les majuscules et les accents (« donnee » trouve « Donnée ») "
        "et cherche dans les termes, leurs alias et leurs définitions ; un filtre vide "
        "montre de nouveau tous les termes."),
    .load = terms_load,
    .draw_frame = terms_frame,
    .rows = 2,
    .draw_item = draw_item,
    .empty = "Aucun terme ne correspond au filtre (/ pour le changer)",
    .noun = "terme",
    .open = open_term,
    LIST_ACTIONS(terms_actions),
    .free = terms_free,
};

/* Pushes the terms view on v->all[0..nall), which it takes. */
static void terms_push(struct tui *t, struct terms *v)
{
	v->shown = xcalloc(v->nall ? v->nall : 1, sizeof *v->shown);
	apply(t, v);
	list_screen_push(t, &terms_screen, v);
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
