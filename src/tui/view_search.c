/*
 * Course search: / on Home or in a rubric opens a prompt in the status line;
 * Enter runs the query and shows the results view, one item per fiche, best
 * first: the title with its rubric on the right, then a snippet of two rows
 * at most whose matched words are drawn in the search-hit role (underlined
 * in every theme, so they never rest on colour alone). Enter opens the fiche
 * at its first match with the reader's own search already set to the query;
 * / searches again in place; q goes back.
 *
 * The index is opened on the first search of the session and kept in the
 * session (t->search) until the end: building it is the one slow step, said
 * in the status line while it runs. A query without hits stays on the screen
 * it came from, with a message. The view owns its query and hits; items are
 * the hits, in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include <adpa/util.h>

#define RESULT_LIMIT 100
#define SNIPPET_WORDS 16 /* about two rows of 80 columns */
#define SNIPPET_ROWS 2

struct results {
	char *query;
	struct adpa_hits hits;
	struct list list;
	int y0, h;
};

static const struct key_def results_defs[] = {
    {'/', false, CMD_SEARCH, "nouvelle recherche dans tout le cours"},
};
static const struct key_table results_keys = KEY_TABLE("Recherche", results_defs);
static const struct key_table *const results_tables[] = {&keys_list, &results_keys, &keys_back,
                                                         NULL};

static int item_height(const void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	return 2 + SNIPPET_ROWS;
}

/* Bytes of s[0..len) to put on a row of w cells: whole words when they fit. */
static size_t wrap_at(const char *s, size_t len, int w)
{
	size_t k = adpa_text_fit(s, len, w, NULL);
	if (k == len)
		return k;
	size_t sp = k;
	while (sp > 0 && s[sp] != ' ')
		sp--;
	return sp > 0 ? sp : k;
}

/* Draws s[from, to) at (y, x) in attribute a, the parts the marks cover
 * with the search-hit role added; returns the cells used. */
static int draw_marked(struct tui *t, int y, int x, const char *s, size_t from, size_t to,
                       const struct adpa_mark *m, size_t nm, attr_t a, int maxw)
{
	attr_t hit = (a & ~A_COLOR) | theme_role(t, ROLE_HIT);
	int used = 0;
	for (size_t k = 0, at = from; k <= nm && at < to; k++) {
		size_t ms = k < nm ? m[k].off : to, me = k < nm ? ms + m[k].len : to;
		if (me <= at)
			continue;
		ms = ms < at ? at : ms > to ? to : ms;
		me = me > to ? to : me;
		used += draw_text(t, y, x + used, s + at, ms - at, a, maxw - used);
		used += draw_text(t, y, x + used, s + ms, me - ms, hit, maxw - used);
		at = me;
	}
	return used;
}

/* The title with its marks, cut with an ellipsis when it does not fit. */
static void draw_title(struct tui *t, int y, const struct adpa_hit *h, attr_t a, int maxw)
{
	const char *s = h->title;
	size_t len = strlen(s), k = len;
	int ew = text_cells(t->g->ellipsis);
	if (adpa_text_width(s, len) > maxw)
		k = adpa_text_fit(s, len, maxw - ew > 0 ? maxw - ew : 0, NULL);
	int used = draw_marked(t, y, 3, s, 0, k, h->title_marks, h->ntitle_marks, a, maxw);
	if (k < len)
		draw_text(t, y, 3 + used, t->g->ellipsis, strlen(t->g->ellipsis), a, maxw - used);
}

static void draw_snippet(struct tui *t, int y, const struct adpa_hit *h)
{
	size_t len = strlen(h->snippet), at = 0;
	for (int r = 0; r < SNIPPET_ROWS; r++) {
		while (at < len && h->snippet[at] == ' ')
			at++;
		size_t n = wrap_at(h->snippet + at, len - at, t->cols - 6);
		draw_blank(y + r, 0, t->cols, A_NORMAL);
		draw_marked(t, y + r, 5, h->snippet, at, at + n, h->marks, h->nmarks, A_NORMAL,
		            t->cols - 6);
		at += n;
	}
}

static void draw_item(struct tui *t, const void *ctx, size_t i, int y, bool sel)
{
	const struct results *v = ctx;
	const struct adpa_hit *h = &v->hits.v[i];
	const char *rubric = h->rubric_title;
	attr_t a = sel ? theme_role(t, ROLE_SELECT) : A_BOLD;
	int cols = tui_content_cols(t), rw = text_cells(rubric);
	bool room = rw + 24 < cols;
	draw_blank(y, 0, t->cols, sel ? a : A_NORMAL);
	if (sel)
		draw_text(t, y, 1, t->g->sel, strlen(t->g->sel), a, 1);
	draw_title(t, y, h, a, room ? cols - rw - 6 : t->cols - 4);
	if (room)
		draw_text(t, y, cols - rw - 1, rubric, strlen(rubric),
		          sel ? a : theme_role(t, ROLE_DIM), rw);
	draw_snippet(t, y + 1, h);
	draw_blank(y + 1 + SNIPPET_ROWS, 0, t->cols, A_NORMAL);
}

static void results_layout(struct tui *t, struct results *v)
{
	v->y0 = 2;
	v->h = t->rows - 1 - v->y0;
}

static void results_draw(struct tui *t, void *st)
{
	struct results *v = st;
	results_layout(t, v);
	char *left = xasprintf("Recherche%s« %s »", t->g->sep, v->query);
	char right[64];
	if (v->hits.total > v->hits.n)
		snprintf(right, sizeof right, "%zu premières sur %zu", v->hits.n, v->hits.total);
	else
		snprintf(right, sizeof right, "%zu fiche%s", v->hits.n, v->hits.n > 1 ? "s" : "");
	draw_header(t, left, right);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
	list_draw(t, &v->list, v->y0, v->h);
}

static void open_hit(struct tui *t, struct results *v)
{
	if (!v->list.n)
		return;
	const struct adpa_hit *h = &v->hits.v[v->list.sel];
	const struct adpa_fiche *f = adpa_course_find(t->course, h->id);
	if (f) /* else the course changed on disk since adpa started */
		view_reader_open_search(t, f->index, v->query);
	else
		tui_message(t, true, "La fiche « %s » n’est plus dans ce cours", h->id);
}

static void results_key(struct tui *t, void *st, enum cmd cmd)
{
	struct results *v = st;
	results_layout(t, v);
	if (list_cmd(&v->list, cmd, v->h))
		return;
	if (list_opens(&v->list, t, cmd, v->y0, v->h)) {
		open_hit(t, v);
		return;
	}
	switch (cmd) {
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

static void results_status(struct tui *t, void *st, struct status *s)
{
	struct results *v = st;
	(void)t;
	if (v->list.n)
		snprintf(s->left, sizeof s->left, "résultat %zu/%zu", v->list.sel + 1, v->list.n);
	snprintf(s->right, sizeof s->right, "Entrée lire  / chercher  q retour");
}

static void results_leave(struct tui *t, void *st)
{
	struct results *v = st;
	(void)t;
	adpa_hits_clear(&v->hits);
	free(v->query);
	free(v);
}

static const struct view view_results = {
    .name = "Recherche",
    .keys = results_tables,
    /* no-break spaces inside the guillemets: a quote never ends a line */
    .notes = "La recherche ignore les majuscules et les accents (« donnees » trouve "
             "« données ») ; chaque mot tapé est un début de mot (« donn » trouve "
             "« données ») et tous doivent se trouver dans la fiche : titre, mots-clés, "
             "résumé, texte ou quiz. Un mot du titre ou des mots-clés compte plus qu’un mot "
             "du texte. Les mots trouvés sont soulignés ; Entrée ouvre la fiche à la "
             "première occurrence, et n, N continuent la recherche dans la fiche.",
    .leave = results_leave,
    .draw = results_draw,
    .status = results_status,
    .key = results_key,
};

static struct adpa_search *session_index(struct tui *t)
{
	if (!t->search) {
		struct adpa_search_opts o = {.cache = t->search_cache,
		                             .snippet_words = SNIPPET_WORDS};
		t->search = adpa_search_open(t->course->dir, &o);
	}
	if (!adpa_search_cached(t->search))
		tui_busy(t, "Préparation de la recherche (une fois pour ce cours)…");
	return t->search;
}

/* Runs query; the results replace a results view on top, else go above. */
static void run(struct tui *t, void *st, const char *query)
{
	(void)st;
	char *expr = adpa_search_expr(query);
	bool no_word = !expr;
	free(expr);
	if (no_word) {
		tui_message(t, false, "Tapez au moins un mot à chercher");
		return;
	}
	struct results *v = xcalloc(1, sizeof *v);
	struct adpa_error err = {0};
	if (adpa_search_query(session_index(t), t->course, query, RESULT_LIMIT, &v->hits, &err) < 0)
		tui_message(t, true, "Recherche impossible : %s", tui_reason(err.code));
	else if (!v->hits.n)
		tui_message(t, false, "« %s » : aucune fiche ne contient ces mots", query);
	if (!v->hits.n) {
		free(v);
		return;
	}
	v->query = xstrdup(query);
	v->list.n = v->hits.n;
	v->list.height = item_height;
	v->list.draw = draw_item;
	v->list.ctx = v;
	if (t->stack[t->depth - 1].v == &view_results)
		tui_pop(t);
	tui_push(t, &view_results, v);
}

void view_search_prompt(struct tui *t)
{
	tui_prompt(t, "Rechercher : ", run, NULL);
}
