/*
 * Help (?): the keys of the view it was opened on, generated from that
 * view's key tables and keys_global, the very tables the loop dispatches
 * with. Keys bound to one command share a line; a key that an earlier table
 * already binds is left out, as the loop would never reach it. Then the
 * view's notes, if any. Wide terminals get a keys column; narrow ones put
 * the keys on their own row above the text.
 *
 * Rows are rebuilt on each draw from the tables (a few dozen), so a resize
 * needs nothing; top is the first row shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include <adpa/util.h>

enum row_kind { ROW_BLANK, ROW_SECTION, ROW_ENTRY, ROW_KEYS, ROW_TEXT, ROW_NOTE };

struct row {
	enum row_kind kind;
	char keys[160];
	char text[256];
};

struct help {
	const struct view *of;
	const struct key_table *tables[8];
	struct row *rows;
	size_t nrows, cap, top;
	int keyw;
};

static const struct key_def help_defs[] = {
    {'?', false, CMD_BACK, "fermer l’aide"},
    {KEY_F(1), true, CMD_BACK, NULL},
};
static const struct key_table help_keys = KEY_TABLE("Aide", help_defs);
static const struct key_table *const help_tables[] = {&help_keys, &keys_back, &keys_scroll, NULL};

/* Is key bound in a table before tables[j]? */
static bool shadowed(struct help *h, size_t j, const struct key_def *d)
{
	for (size_t k = 0; k < j; k++)
		for (size_t i = 0; i < h->tables[k]->n; i++)
			if (h->tables[k]->defs[i].key == d->key &&
			    h->tables[k]->defs[i].fn == d->fn)
				return true;
	return false;
}

static void key_names(struct tui *t, struct help *h, size_t j, enum cmd cmd, char *out, size_t n)
{
	const struct key_table *tb = h->tables[j];
	char seen[12][32];
	size_t nseen = 0;
	out[0] = '\0';
	for (size_t i = 0; i < tb->n && nseen < 12; i++) {
		if (tb->defs[i].cmd != cmd || shadowed(h, j, &tb->defs[i]))
			continue;
		char buf[32];
		const char *name =
		    keys_name(tb->defs[i].key, tb->defs[i].fn, t->utf8, buf, sizeof buf);
		bool dup = false; /* Entrée is both '\n' and KEY_ENTER: list it once */
		for (size_t k = 0; k < nseen; k++)
			dup |= !strcmp(seen[k], name);
		if (dup)
			continue;
		snprintf(seen[nseen], 32, "%s", name);
		nseen++;
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", len ? " " : "", name);
	}
}

static void add(struct help *h, enum row_kind kind, const char *keys, const char *text)
{
	XGROW(h->rows, h->cap, h->nrows + 1);
	struct row *r = &h->rows[h->nrows++];
	r->kind = kind;
	snprintf(r->keys, sizeof r->keys, "%s", keys ? keys : "");
	snprintf(r->text, sizeof r->text, "%s", text ? text : "");
}

/* Adds text wrapped at w cells: the first row as kind (with keys), the next
 * ones as ROW_TEXT under it. */
static void add_wrapped(struct tui *t, struct help *h, enum row_kind kind, const char *keys,
                        const char *text, int w)
{
	struct adpa_render_opts o = tui_render_opts(t, w, 0);
	struct adpa_doc *d = adpa_render_text(text, ADPA_STYLE_PLAIN, &o);
	for (size_t i = 0; i < d->nlines; i++)
		add(h, i && kind != ROW_NOTE ? ROW_TEXT : kind, keys, d->lines[i].text);
	adpa_doc_free(d);
}

static void add_table(struct tui *t, struct help *h, size_t j, bool wide)
{
	const struct key_table *tb = h->tables[j];
	if (h->nrows)
		add(h, ROW_BLANK, NULL, NULL);
	add(h, ROW_SECTION, NULL, tb->title);
	for (size_t i = 0; i < tb->n; i++) {
		if (!tb->defs[i].help)
			continue;
		char keys[160];
		key_names(t, h, j, tb->defs[i].cmd, keys, sizeof keys);
		if (!keys[0])
			continue;
		if (wide) {
			add_wrapped(t, h, ROW_ENTRY, keys, tb->defs[i].help, t->cols - 6 - h->keyw);
		} else {
			add(h, ROW_KEYS, keys, NULL);
			add_wrapped(t, h, ROW_TEXT, NULL, tb->defs[i].help, t->cols - 6);
		}
	}
}

/* The widest key list of the wide layout, at most half the screen. */
static int key_width(struct tui *t, struct help *h, size_t n)
{
	int w = 0;
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < h->tables[j]->n; i++) {
			char keys[160];
			if (!h->tables[j]->defs[i].help)
				continue;
			key_names(t, h, j, h->tables[j]->defs[i].cmd, keys, sizeof keys);
			if (text_cells(keys) > w)
				w = text_cells(keys);
		}
	return w > t->cols / 2 - 4 ? t->cols / 2 - 4 : w;
}

static void build(struct tui *t, struct help *h)
{
	size_t n = 0;
	for (const struct key_table *const *k = h->of->keys; k && *k && n < 6; k++)
		h->tables[n++] = *k;
	h->tables[n++] = &keys_global;
	h->tables[n] = NULL;
	h->nrows = 0;
	bool wide = t->cols >= 60;
	h->keyw = key_width(t, h, n);
	for (size_t j = 0; j < n; j++)
		add_table(t, h, j, wide);
	if (h->of->notes) {
		add(h, ROW_BLANK, NULL, NULL);
		add_wrapped(t, h, ROW_NOTE, NULL, h->of->notes, t->cols - 4);
	}
}

static void draw_row(struct tui *t, struct help *h, const struct row *r, int y)
{
	draw_blank(y, 0, t->cols, A_NORMAL);
	attr_t key = theme_role(t, ROLE_KEY);
	int x;
	switch (r->kind) {
	case ROW_SECTION:
		draw_fit(t, y, 1, r->text, theme_role(t, ROLE_SECTION), t->cols - 2);
		break;
	case ROW_ENTRY:
		draw_fit(t, y, 3, r->keys, key, h->keyw);
		draw_fit(t, y, 5 + h->keyw, r->text, A_NORMAL, t->cols - 6 - h->keyw);
		break;
	case ROW_KEYS:
		draw_fit(t, y, 3, r->keys, key, t->cols - 4);
		break;
	case ROW_TEXT:
		x = t->cols >= 60 ? 5 + h->keyw : 5;
		draw_fit(t, y, x, r->text, A_NORMAL, t->cols - x - 1);
		break;
	case ROW_NOTE:
		draw_fit(t, y, 3, r->text, A_NORMAL, t->cols - 4);
		break;
	case ROW_BLANK:
		break;
	}
}

static int body_rows(const struct tui *t)
{
	return t->rows - 2;
}

static void help_draw(struct tui *t, void *st)
{
	struct help *h = st;
	build(t, h);
	size_t hh = (size_t)body_rows(t);
	if (h->top + hh > h->nrows)
		h->top = h->nrows > hh ? h->nrows - hh : 0;
	char title[128];
	snprintf(title, sizeof title, "Aide%s%s", t->g->sep, h->of->name);
	draw_header(t, title, NULL);
	for (size_t r = 0; r < hh; r++) {
		if (h->top + r < h->nrows)
			draw_row(t, h, &h->rows[h->top + r], 1 + (int)r);
		else
			draw_blank(1 + (int)r, 0, t->cols, A_NORMAL);
	}
}

static void help_key(struct tui *t, void *st, enum cmd cmd)
{
	struct help *h = st;
	size_t hh = (size_t)body_rows(t), page = hh > 1 ? hh - 1 : 1;
	switch (cmd) {
	case CMD_DOWN:
	case CMD_WHEEL_DOWN:
		h->top++;
		break;
	case CMD_UP:
	case CMD_WHEEL_UP:
		h->top = h->top ? h->top - 1 : 0;
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_DOWN:
		h->top += cmd == CMD_PAGE_DOWN ? page : hh / 2;
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_UP: {
		size_t d = cmd == CMD_PAGE_UP ? page : hh / 2;
		h->top = h->top > d ? h->top - d : 0;
		break;
	}
	case CMD_TOP:
		h->top = 0;
		break;
	case CMD_BOTTOM:
		h->top = h->nrows; /* clamped when drawn */
		break;
	case CMD_BACK:
		tui_pop(t);
		break;
	default:
		break;
	}
}

static void help_status(struct tui *t, void *st, struct status *s)
{
	struct help *h = st;
	(void)t;
	size_t hh = (size_t)body_rows(t);
	if (h->nrows > hh)
		snprintf(s->left, sizeof s->left, "%s pour défiler", t->utf8 ? "↑ ↓" : "Haut Bas");
	snprintf(s->right, sizeof s->right, "q ou ? fermer l’aide");
}

static void help_leave(struct tui *t, void *st)
{
	struct help *h = st;
	(void)t;
	free(h->rows);
	free(h);
}

static const struct view view_help = {
    .name = "Aide",
    .keys = help_tables,
    .leave = help_leave,
    .draw = help_draw,
    .status = help_status,
    .key = help_key,
};

void view_help_open(struct tui *t, const struct view *of)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->of = of;
	tui_push(t, &view_help, h);
}
