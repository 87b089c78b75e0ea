/*
 * « À propos »: the course's about file (about.md by default) in a pager,
 * under the course title. Its fiche: links open the reader on top of it;
 * back closes it. Read once when opened; re-rendered on resize.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct about {
	char *md; /* NULL when the file could not be read */
	size_t len;
	char *err;
	struct pager pg;
};

static const struct key_table *const about_tables[] = {&keys_back, &keys_scroll, &keys_pager, NULL};

static void about_render(struct tui *t, struct about *a)
{
	int w = tui_text_width(t);
	struct adpa_render_opts o = tui_render_opts(t, w, 0);
	const char *title = t->course->title ? t->course->title : "adpa";
	struct adpa_doc *body = a->md ? adpa_render(a->md, a->len, &o) : NULL;
	if (!body)
		body = adpa_render_text(a->err ? a->err : "", ADPA_STYLE_STRONG, &o);
	pager_set(&a->pg, adpa_render_text(title, ADPA_STYLE_H1, &o), NULL, body);
	pager_geometry(&a->pg, 1, t->rows - 2, 1, w);
}

static void about_follow(struct tui *t, struct about *a)
{
	const struct adpa_link *l = pager_link(&a->pg);
	if (!l) {
		tui_message(t, false, "Aucun lien choisi : Tab choisit le lien suivant");
	} else if (l->kind == ADPA_LINK_URL) {
		tui_message_url(t, "À ouvrir dans un navigateur : ", l->target);
	} else {
		const struct adpa_fiche *f = follow_fiche_link(t, l);
		if (f)
			view_reader_open(t, f->index, NULL);
	}
}

static void about_key(struct tui *t, void *st, enum cmd cmd)
{
	struct about *a = st;
	if (pager_cmd(t, &a->pg, cmd))
		return;
	switch (cmd) {
	case CMD_OPEN:
		about_follow(t, a);
		break;
	case CMD_CLICK:
		if (pager_click(&a->pg, t->mouse_y, t->mouse_x))
			about_follow(t, a);
		break;
	case CMD_ESCAPE:
		if (a->pg.pattern || a->pg.sel_link >= 0) {
			pager_clear_search(&a->pg);
			a->pg.sel_link = -1;
			break;
		}
		tui_pop(t);
		break;
	case CMD_BACK:
		tui_pop(t);
		break;
	case CMD_TOC:
		view_toc_open(t, &a->pg);
		break;
	case CMD_SEARCH:
		tui_prompt(t, "/", pager_prompt_search, &a->pg);
		break;
	default:
		break;
	}
}

static void about_draw(struct tui *t, void *st)
{
	struct about *a = st;
	draw_header(t, "À propos", NULL);
	pager_draw(t, &a->pg);
}

static void about_status(struct tui *t, void *st, struct status *s)
{
	struct about *a = st;
	pager_status(t, &a->pg, s);
	if (!s->right[0])
		snprintf(s->right, sizeof s->right, "? aide  q retour");
}

static void about_resize(struct tui *t, void *st)
{
	struct about *a = st;
	struct place pl = pager_place(&a->pg);
	about_render(t, a);
	pager_goto_place(&a->pg, pl);
}

static void about_leave(struct tui *t, void *st)
{
	struct about *a = st;
	(void)t;
	pager_free(&a->pg);
	free(a->md);
	free(a->err);
	free(a);
}

static const struct view view_about = {
    .name = "À propos",
    .keys = about_tables,
    .leave = about_leave,
    .draw = about_draw,
    .status = about_status,
    .key = about_key,
    .resize = about_resize,
};

void view_about_open(struct tui *t)
{
	struct about *a = xcalloc(1, sizeof *a);
	struct adpa_error err = {0};
	a->pg.sel_link = -1;
	a->md = adpa_course_read_about(t->course, &a->len, &err);
	if (!a->md)
		a->err = xasprintf("Impossible de lire la présentation du cours (%s : %s).",
		                   err.path, tui_reason(err.code));
	about_render(t, a);
	tui_push(t, &view_about, a);
}
