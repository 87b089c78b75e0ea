/*
 * The progress screen: per rubric the fiches read and mastered, the quiz
 * average and the time spent, then every fiche with its status mark and
 * words, its scores and time. The arrows move between fiches; Enter opens
 * the selected one where it was left. The same figures as adpa progress:
 * both come from adpa_summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

static void minutes(char *buf, size_t n, int64_t seconds)
{
	snprintf(buf, n, "%lld min", (long long)(seconds + 59) / 60);
}

static void tally_line(struct tui *t, struct page *pg, const char *title,
                       const struct adpa_tally *ta, attr_t a)
{
	char line[512], q[32], m[32];
	if (ta->quiz_mean >= 0)
		snprintf(q, sizeof q, "%d %%", ta->quiz_mean);
	else
		snprintf(q, sizeof q, "%s", t->g->dash);
	minutes(m, sizeof m, ta->seconds);
	snprintf(line, sizeof line,
	         "%s : %zu/%zu lues, %zu/%zu maîtrisées, moyenne des quiz %s, %s", title, ta->read,
	         ta->fiches, ta->mastered, ta->with_quiz, q, m);
	page_add(pg, t, line, a, 0, (size_t)-1);
}

static void fiche_line(struct tui *t, struct page *pg, size_t i)
{
	const struct adpa_fiche_state *st = progress_of(t, i);
	char line[1024], quiz[96] = "", m[32];
	if (st->fiche->nquiz && st->p.best >= 0)
		snprintf(quiz, sizeof quiz, " · quiz : meilleur %d %%, dernier %d %%, %d essai%s",
		         st->p.best, st->p.last, st->p.attempts, st->p.attempts > 1 ? "s" : "");
	else if (st->fiche->nquiz)
		snprintf(quiz, sizeof quiz, " · quiz à faire");
	minutes(m, sizeof m, st->p.seconds);
	snprintf(line, sizeof line, "%s %s — %s%s%s · %s", progress_mark(t, st->status),
	         st->fiche->title, adpa_status_label(st->status),
	         st->updated ? ", mise à jour" : "", quiz, m);
	page_add(pg, t, line, A_NORMAL, 2, i);
}

static void build(struct tui *t, void *st)
{
	struct list_view *v = st;
	size_t keep = v->pg.sel != (size_t)-1 ? v->pg.v[v->pg.sel].fiche : (size_t)-1;
	page_clear(&v->pg);
	v->pg.width = tui_text_width(t);
	char line[768];
	snprintf(line, sizeof line, "Apprenant : %s. Une fiche est maîtrisée à %d %% au quiz.",
	         t->learner_name, t->course->mastery);
	page_add(&v->pg, t, line, A_NORMAL, 0, (size_t)-1);
	if (!t->store) {
		snprintf(line, sizeof line, "Progression non enregistrée : %s", t->store_error);
		page_add(&v->pg, t, line, theme_role(t, ROLE_ERROR), 0, (size_t)-1);
	}
	page_add(&v->pg, t, "", A_NORMAL, 0, (size_t)-1);
	for (size_t r = 0; r < t->course->nrubrics; r++)
		tally_line(t, &v->pg, t->course->rubrics[r].title, &t->sum->rubrics[r], A_NORMAL);
	tally_line(t, &v->pg, "Ensemble", &t->sum->total, A_BOLD);
	for (size_t r = 0; r < t->course->nrubrics; r++) {
		const struct adpa_rubric *rb = &t->course->rubrics[r];
		page_add(&v->pg, t, "", A_NORMAL, 0, (size_t)-1);
		page_add(&v->pg, t, rb->title, theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
		for (size_t i = rb->first; i < rb->first + rb->nfiches; i++)
			fiche_line(t, &v->pg, i);
	}
	for (size_t i = 0; keep != (size_t)-1 && i < v->pg.n; i++)
		if (v->pg.v[i].fiche == keep) {
			v->pg.sel = i;
			break;
		}
}

static void progress_frame(struct tui *t, void *st)
{
	(void)st;
	char *left = xasprintf("Progression de %s", t->learner_name);
	draw_header(t, left, t->course->title);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
}

static void open_fiche(struct tui *t, void *st, size_t fiche)
{
	(void)st;
	view_reader_open(t, fiche, NULL);
}

static void progress_status(struct tui *t, void *st, struct status *s)
{
	(void)st;
	snprintf(s->left, sizeof s->left, "%zu/%zu fiches lues, %zu maîtrisées", t->sum->total.read,
	         t->sum->total.fiches, t->sum->total.mastered);
}

static void progress_enter(struct tui *t, void *st)
{
	(void)st;
	progress_refresh(t, true);
}

static const struct key_table *const progress_tables[] = {&keys_page, &keys_back, NULL};

static const struct list_screen progress_screen = {
    .view = LIST_SCREEN_VIEW(
        "Progression", progress_tables,
        "Marques : ○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée (en ASCII : - ~ x *). "
        "« Mise à jour » : la fiche a changé depuis votre lecture."),
    .page = true,
    .load = build,
    .draw_frame = progress_frame,
    .status = progress_status,
    .open = open_fiche,
    .enter = progress_enter,
};

void view_progress_open(struct tui *t)
{
	list_screen_push(t, &progress_screen, xcalloc(1, sizeof(struct list_view)));
}
