/*
 * Course search: / on Home or in a rubric opens a prompt in the status line.
 * Results show as you type (after a pause, TUI_PROMPT_PAUSE): the results
 * view, one item per fiche, best first: the title with its rubric on the
 * right, then a snippet of two rows at most whose matched words are drawn
 * in the search-hit role (underlined in every theme, so they never rest on
 * colour alone). Enter opens the best fiche at its first match with the
 * reader's own search set to the query; q there comes back to the results,
 * where Enter opens another. Escape while typing leaves the screen as it
 * was. / in the results searches again in place; an empty line repeats the
 * last search (less, vim), and ↑ ↓ recall the earlier searches (the last
 * 100 of the learner, kept in the progress file).
 *
 * The index is opened on the first search of the session and kept in the
 * session (t->search, with the history) until the end: building it is the
 * one slow step, said in the status line while it runs. A query without
 * hits leaves the screen it came from, with a message. The view owns its
 * query and hits; items are the hits, in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

#define RESULT_LIMIT 100
#define SNIPPET_WORDS 16 /* about two rows of 80 columns */
#define SNIPPET_ROWS 2

struct results {
	struct list_view lv;
	char *query;
	struct adpa_hits hits;
};

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

static void draw_item(struct tui *t, const void *st, size_t i, int y, bool sel)
{
	const struct results *v = st;
	const struct adpa_hit *h = &v->hits.v[i];
	const char *rubric = h->rubric_title;
	attr_t a = list_row(t, y, sel, true);
	int cols = tui_content_cols(t), rw = text_cells(rubric);
	bool room = rw + 24 < cols;
	draw_title(t, y, h, a, room ? cols - rw - 6 : t->cols - 4);
	if (room)
		draw_text(t, y, cols - rw - 1, rubric, strlen(rubric),
		          sel ? a : theme_role(t, ROLE_DIM), rw);
	draw_snippet(t, y + 1, h);
	draw_blank(y + 1 + SNIPPET_ROWS, 0, t->cols, A_NORMAL);
}

static void results_frame(struct tui *t, void *st)
{
	struct results *v = st;
	char *left = xasprintf("Recherche%s« %s »", t->g->sep, v->query);
	char right[64];
	if (v->hits.total > v->hits.n)
		snprintf(right, sizeof right, "%zu premières sur %zu", v->hits.n, v->hits.total);
	else
		snprintf(right, sizeof right, "%zu fiche%s", v->hits.n, v->hits.n > 1 ? "s" : "");
	draw_header(t, left, right);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

static void open_hit(struct tui *t, void *st, size_t i)
{
	struct results *v = st;
	const struct adpa_hit *h = &v->hits.v[i];
	const struct adpa_fiche *f = adpa_course_find(t->course, h->id);
	if (f) /* else the course changed on disk since adpa started */
		view_reader_open_search(t, f->index, v->query);
	else
		tui_message(t, true, "La fiche « %s » n’est plus dans ce cours", h->id);
}

static void act_search(struct tui *t, void *st, size_t i)
{
	(void)st, (void)i;
	view_search_prompt(t);
}

static const struct list_action results_actions[] = {{CMD_SEARCH, false, act_search}};

/* The hits are the items: loaded once, by run. */
static void results_load(struct tui *t, void *st)
{
	struct results *v = st;
	(void)t;
	v->lv.list.n = v->hits.n;
}

static void results_free(void *st)
{
	struct results *v = st;
	adpa_hits_clear(&v->hits);
	free(v->query);
	free(v);
}

static const struct key_def results_defs[] = {
    {'/', false, CMD_SEARCH, "nouvelle recherche dans tout le cours"},
};
static const struct key_hint results_hints[] = {{'/', false, "chercher"}};
static const struct key_table results_keys =
    KEY_TABLE_HINTS("Recherche", results_defs, results_hints);
static const struct key_table *const results_tables[] = {&keys_list, &results_keys, &keys_back,
                                                         NULL};

/* no-break spaces inside the guillemets: a quote never ends a line */
static const struct list_screen results_screen = {
    .view = LIST_SCREEN_VIEW(
        "Recherche", results_tables,
        "La recherche ignore les majuscules et les accents (« donnees » trouve "
        "« données ») ; chaque mot tapé est un début de mot (« donn » trouve "
        "« données ») et tous doivent se trouver dans la fiche : titre, mots-clés, "
        "résumé, texte ou quiz. Un mot du titre ou des mots-clés compte plus qu’un mot "
        "du texte. Les mots trouvés sont soulignés ; Entrée ouvre la fiche à la "
        "première occurrence, et n, N continuent la recherche dans la fiche. Les résultats "
        "s’affichent pendant la frappe ; à l’invite, Entrée ouvre la meilleure fiche, "
        "Échap laisse l’écran comme il était, une ligne vide refait la dernière recherche "
        "et ↑ ↓ rappellent les recherches précédentes."),
    .load = results_load,
    .draw_frame = results_frame,
    .rows = 2 + SNIPPET_ROWS,
    .draw_item = draw_item,
    .empty = "Aucune fiche ne contient ces mots",
    .noun = "résultat",
    .open = open_hit,
    LIST_ACTIONS(results_actions),
    .free = results_free,
};

/* The session's search: the index (opened on the first search, kept to the
 * end), the queries the learner entered (kept in the progress file, a
 * learner's setting, so that ↑ finds them in the next session too), and
 * whether the results view on top was pushed by the prompt open now (live:
 * Escape takes it away). */
struct tui_search {
	struct adpa_search *index;
	struct prompt_history history;
	int64_t learner; /* whose history it is */
	bool loaded;
	bool live;
};

#define HISTORY_KEY "search-history" /* queries, one a line, oldest first */

static struct tui_search *session(struct tui *t)
{
	if (!t->search)
		t->search = xcalloc(1, sizeof *t->search);
	return t->search;
}

static struct adpa_search *session_index(struct tui *t)
{
	struct tui_search *s = session(t);
	if (!s->index) {
		struct adpa_search_opts o = {.cache = t->search_cache,
		                             .snippet_words = SNIPPET_WORDS};
		s->index = adpa_search_open(t->course->dir, &o);
	}
	if (!adpa_search_cached(s->index))
		tui_busy(t, "Préparation de la recherche (une fois pour ce cours)…");
	return s->index;
}

/* The learner's history from the store, when not loaded for them yet. */
static void history_load(struct tui *t, struct tui_search *s)
{
	if (s->loaded && s->learner == t->learner)
		return;
	prompt_history_free(&s->history);
	s->loaded = true;
	s->learner = t->learner;
	struct adpa_error err = {0};
	char *v = t->store ? adpa_store_get(t->store, t->learner, HISTORY_KEY, &err) : NULL;
	char *save = NULL;
	for (char *q = v ? strtok_r(v, "\n", &save) : NULL; q; q = strtok_r(NULL, "\n", &save))
		prompt_history_add(&s->history, q);
	free(v);
}

/* Adds query to the history and writes it back. */
static void history_add(struct tui *t, struct tui_search *s, const char *query)
{
	prompt_history_add(&s->history, query);
	if (!t->store)
		return;
	struct buf b = {0};
	for (size_t i = 0; i < s->history.n; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", s->history.v[i]);
	char *v = buf_detach(&b);
	struct adpa_error err = {0};
	progress_check(t, adpa_store_set(t->store, t->learner, HISTORY_KEY, v, &err), &err);
	free(v);
}

void view_search_free(struct tui *t)
{
	if (!t->search)
		return;
	adpa_search_free(t->search->index);
	prompt_history_free(&t->search->history);
	free(t->search);
	t->search = NULL;
}

/* The hits of query in hits; -1 (hits empty) when it has no word or fails:
 * *why then says so, for a message. */
static int query_hits(struct tui *t, const char *query, struct adpa_hits *hits,
                      struct adpa_error *err, const char **why)
{
	char *expr = adpa_search_expr(query);
	bool no_word = !expr;
	free(expr);
	*hits = (struct adpa_hits){0};
	*why = "Tapez au moins un mot à chercher";
	if (no_word)
		return -1;
	*why = NULL;
	return adpa_search_query(session_index(t), t->course, query, RESULT_LIMIT, hits, err);
}

/* Shows hits for query in the results view on top, or a new one above;
 * returns it (NULL when the stack is full). Takes the hits. */
static struct results *show(struct tui *t, const char *query, struct adpa_hits *hits)
{
	struct results *v = list_screen_top(t, &results_screen);
	if (v) {
		adpa_hits_clear(&v->hits);
		free(v->query);
		v->lv.list.sel = v->lv.list.top = 0;
	} else {
		v = xcalloc(1, sizeof *v);
		if (list_screen_push(t, &results_screen, v) < 0) {
			adpa_hits_clear(hits);
			return NULL;
		}
		session(t)->live = t->prompt.active;
	}
	v->query = xstrdup(query);
	v->hits = *hits;
	v->lv.list.n = v->hits.n;
	return v;
}

/* Typing paused: the results of what is typed so far. */
static void live(struct tui *t, void *st, const char *query)
{
	(void)st;
	struct adpa_hits hits;
	struct adpa_error err = {0};
	const char *why;
	if (query_hits(t, query, &hits, &err, &why) == 0)
		show(t, query, &hits);
}

/* Escape: the results shown while typing go, the screen is as it was. */
static void cancel(struct tui *t, void *st)
{
	(void)st;
	if (session(t)->live && list_screen_top(t, &results_screen))
		tui_pop(t);
	session(t)->live = false;
}

/* Enter: the best fiche opens (the results stay under it); an empty line
 * repeats the last search. Without hits, the screen is as it was. */
static void run(struct tui *t, void *st, const char *query)
{
	struct tui_search *s = session(t);
	if (!*query && s->history.n)
		query = s->history.v[s->history.n - 1];
	struct adpa_hits hits;
	struct adpa_error err = {0};
	const char *why;
	int rc = query_hits(t, query, &hits, &err, &why);
	if (rc == 0 && hits.n) {
		char *q = xstrdup(query); /* query may be an entry the history drops */
		history_add(t, s, q);
		s->live = false;
		struct results *v = show(t, q, &hits);
		if (v)
			open_hit(t, v, 0);
		free(q);
		return;
	}
	adpa_hits_clear(&hits);
	cancel(t, st);
	if (why)
		tui_message(t, false, "%s", why);
	else if (rc < 0)
		tui_message(t, true, "Recherche impossible : %s", tui_reason(err.code));
	else
		tui_message(t, false, "« %s » : aucune fiche ne contient ces mots", query);
}

void view_search_prompt(struct tui *t)
{
	struct tui_search *s = session(t);
	s->live = false;
	history_load(t, s);
	struct prompt_opts o = {
	    .done = run, .change = live, .cancel = cancel, .history = &s->history};
	tui_prompt_with(t, "Rechercher : ", &o, NULL);
}
