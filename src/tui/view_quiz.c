/*
 * A quiz, one question per screen. Digits choose an answer (single-answer
 * question) or tick and untick one (multiple answers); Enter validates, and
 * an answer once validated cannot be changed: it is written to the store at
 * once. Feedback marks every choice right or wrong with a sign and in words,
 * then gives the explanation. After the last question: the score, whether
 * the fiche is mastered, and a review of the attempt.
 *
 * Choices are shown in an order drawn for this attempt (unless the learner
 * turned shuffling off) and graded by identity: chosen[k][c] is indexed by
 * the course's order of choices, order[k][i] maps shown position i to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "tui_internal.h"

struct quiz {
	size_t fiche;
	int64_t attempt; /* 0: answers are not saved */
	size_t k;        /* the question shown */
	bool answered;   /* feedback is shown for question k */
	bool done;       /* the summary is shown */
	bool picked[ADPA_MAX_CHOICES]; /* shown positions ticked, question k */
	size_t (*order)[ADPA_MAX_CHOICES];
	bool (*chosen)[ADPA_MAX_CHOICES];
	bool *right;
	struct page pg;
};

static const struct key_def quiz_defs[] = {
	{'1', false, CMD_CHOICE_1, "1 à 9 : choisir cette réponse, ou la cocher et la décocher"},
	{'2', false, CMD_CHOICE_1 + 1, NULL},
	{'3', false, CMD_CHOICE_1 + 2, NULL},
	{'4', false, CMD_CHOICE_1 + 3, NULL},
	{'5', false, CMD_CHOICE_1 + 4, NULL},
	{'6', false, CMD_CHOICE_1 + 5, NULL},
	{'7', false, CMD_CHOICE_1 + 6, NULL},
	{'8', false, CMD_CHOICE_1 + 7, NULL},
	{'9', false, CMD_CHOICE_1 + 8, NULL},
	{'\n', false, CMD_OPEN, "valider la réponse ; puis question suivante"},
	{'\r', false, CMD_OPEN, NULL},
	{KEY_ENTER, true, CMD_OPEN, NULL},
	{'s', false, CMD_SHUFFLE, "mélanger ou non les réponses (aux prochains quiz)"},
	{KEY_DOWN, true, CMD_DOWN, "faire défiler"},
	{'j', false, CMD_DOWN, NULL},
	{KEY_UP, true, CMD_UP, NULL},
	{'k', false, CMD_UP, NULL},
	{KEY_NPAGE, true, CMD_PAGE_DOWN, NULL},
	{' ', false, CMD_PAGE_DOWN, NULL},
	{KEY_PPAGE, true, CMD_PAGE_UP, NULL},
};
static const struct key_table quiz_keys = KEY_TABLE("Quiz", quiz_defs);
static const struct key_table *const quiz_tables[] = {&quiz_keys, &keys_back, NULL};

static const struct adpa_fiche *qf(const struct tui *t, const struct quiz *q)
{
	return t->course->fiches[q->fiche];
}

static const char *sign(const struct tui *t, bool ok)
{
	return ok ? (t->utf8 ? "✓" : "[v]") : (t->utf8 ? "✗" : "[x]");
}

static void add_choices(struct tui *t, struct quiz *q, const struct adpa_question *qu)
{
	char line[1024];
	for (size_t i = 0; i < qu->nchoices; i++) {
		size_t c = q->order[q->k][i];
		if (!q->answered) {
			const char *box = qu->ncorrect > 1 ? (q->picked[i] ? "[x]" : "[ ]")
							   : (q->picked[i] ? "(o)" : "( )");
			snprintf(line, sizeof line, "%s %zu) %s", box, i + 1, qu->choices[c].text);
			page_add(&q->pg, t, line, q->picked[i] ? A_BOLD : A_NORMAL, 2, (size_t)-1);
			continue;
		}
		bool ok = qu->choices[c].correct, took = q->chosen[q->k][c];
		snprintf(line, sizeof line, "%s %zu) %s — %s%s", sign(t, ok), i + 1,
			 qu->choices[c].text, ok ? "bonne réponse" : "mauvaise réponse",
			 took ? ", votre choix" : "");
		page_add(&q->pg, t, line, took ? A_BOLD : A_NORMAL, 2, (size_t)-1);
	}
}

static void build_question(struct tui *t, struct quiz *q)
{
	const struct adpa_question *qu = &qf(t, q)->quiz[q->k];
	page_add(&q->pg, t,
		 qu->ncorrect > 1 ? "Plusieurs réponses possibles : cochez-les, puis Entrée."
				  : "Une seule réponse : choisissez-la, puis Entrée.",
		 theme_role(t, ROLE_DIM), 0, (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, qu->question, A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	add_choices(t, q, qu);
	if (!q->answered)
		return;
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, q->right[q->k] ? "Juste." : "Pas tout à fait.", A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, "Explication :", A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, qu->explanation, A_NORMAL, 2, (size_t)-1);
}

static void build_summary(struct tui *t, struct quiz *q)
{
	const struct adpa_fiche *f = qf(t, q);
	int correct = 0;
	for (size_t k = 0; k < f->nquiz; k++)
		correct += q->right[k];
	int pct = adpa_quiz_percent(correct, (int)f->nquiz);
	char line[1024];
	snprintf(line, sizeof line, "Score : %d/%zu (%d %%). %s (seuil de maîtrise : %d %%).", correct,
		 f->nquiz, pct, pct >= t->course->mastery ? "Fiche maîtrisée" : "Pas encore maîtrisée",
		 t->course->mastery);
	page_add(&q->pg, t, line, A_BOLD, 0, (size_t)-1);
	if (!q->attempt)
		page_add(&q->pg, t, "Ce résultat n'est pas enregistré.", theme_role(t, ROLE_DIM), 0,
			 (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, "Récapitulatif", theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
	for (size_t k = 0; k < f->nquiz; k++) {
		const struct adpa_question *qu = &f->quiz[k];
		page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
		snprintf(line, sizeof line, "%zu. %s %s — %s", k + 1, sign(t, q->right[k]),
			 q->right[k] ? "juste" : "faux", qu->question);
		page_add(&q->pg, t, line, A_BOLD, 0, (size_t)-1);
		for (size_t c = 0; c < qu->nchoices; c++)
			if (qu->choices[c].correct || q->chosen[k][c]) {
				snprintf(line, sizeof line, "%s %s%s", sign(t, qu->choices[c].correct),
					 qu->choices[c].text, q->chosen[k][c] ? " (votre choix)" : "");
				page_add(&q->pg, t, line, A_NORMAL, 3, (size_t)-1);
			}
	}
}

static void build(struct tui *t, struct quiz *q)
{
	page_clear(&q->pg);
	q->pg.width = tui_text_width(t);
	if (q->done)
		build_summary(t, q);
	else
		build_question(t, q);
}

static void validate(struct tui *t, struct quiz *q)
{
	const struct adpa_question *qu = &qf(t, q)->quiz[q->k];
	size_t n = 0;
	for (size_t i = 0; i < qu->nchoices; i++) {
		q->chosen[q->k][q->order[q->k][i]] = q->picked[i];
		n += q->picked[i];
	}
	if (!n) {
		tui_message(t, false, "Choisissez d'abord une réponse avec son numéro");
		return;
	}
	q->right[q->k] = adpa_quiz_grade(qu, q->chosen[q->k]);
	q->answered = true;
	if (q->attempt) {
		char enc[64];
		struct adpa_error err = {0};
		adpa_quiz_encode(q->chosen[q->k], qu->nchoices, enc, sizeof enc);
		if (progress_check(t, adpa_store_answer(t->store, q->attempt, (int)q->k, enc,
							q->right[q->k], tui_now(), &err),
				   &err) < 0)
			q->attempt = 0;
	}
}

static void next(struct tui *t, struct quiz *q)
{
	const struct adpa_fiche *f = qf(t, q);
	if (q->k + 1 < f->nquiz) {
		q->k++;
		q->answered = false;
		memset(q->picked, 0, sizeof q->picked);
		return;
	}
	q->done = true;
	if (q->attempt) {
		struct adpa_error err = {0};
		progress_check(t, adpa_store_finish(t->store, q->attempt, tui_now(), &err), &err);
	}
	progress_refresh(t);
}

static void pick(struct tui *t, struct quiz *q, size_t i)
{
	const struct adpa_question *qu = &qf(t, q)->quiz[q->k];
	if (q->answered) {
		tui_message(t, false, "Réponse déjà validée : Entrée pour continuer");
		return;
	}
	if (i >= qu->nchoices) {
		tui_message(t, false, "Il n'y a que %zu réponses", qu->nchoices);
		return;
	}
	if (qu->ncorrect > 1) {
		q->picked[i] = !q->picked[i];
	} else {
		memset(q->picked, 0, sizeof q->picked);
		q->picked[i] = true;
	}
}

static void toggle_shuffle(struct tui *t)
{
	if (!t->store) {
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
		return;
	}
	struct adpa_error err = {0};
	char *v = adpa_store_get(t->store, t->learner, "shuffle", &err);
	bool off = !v || strcmp(v, "off") != 0; /* the new value */
	free(v);
	if (progress_check(t, adpa_store_set(t->store, t->learner, "shuffle", off ? "off" : NULL, &err),
			   &err) == 0)
		tui_message(t, false, "Réponses mélangées aux prochains quiz : %s", off ? "non" : "oui");
}

static void quiz_key(struct tui *t, void *st, enum cmd cmd)
{
	struct quiz *q = st;
	int h = t->rows - 2;
	if ((cmd == CMD_OPEN && q->done) || cmd == CMD_BACK) {
		tui_pop(t); /* q is freed */
		return;
	}
	if (cmd >= CMD_CHOICE_1 && cmd <= CMD_CHOICE_9 && !q->done)
		pick(t, q, (size_t)(cmd - CMD_CHOICE_1));
	else if (cmd == CMD_OPEN && q->answered)
		next(t, q);
	else if (cmd == CMD_OPEN)
		validate(t, q);
	else if (cmd == CMD_SHUFFLE)
		toggle_shuffle(t);
	else if (page_cmd(&q->pg, cmd, h - 1))
		return;
	build(t, q);
}

static void quiz_draw(struct tui *t, void *st)
{
	struct quiz *q = st;
	const struct adpa_fiche *f = qf(t, q);
	char right[48], *left = xasprintf("Quiz%s%s", t->g->sep, f->title);
	if (q->done)
		snprintf(right, sizeof right, "résultat");
	else
		snprintf(right, sizeof right, "question %zu/%zu", q->k + 1, f->nquiz);
	draw_header(t, left, right);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
	page_draw(t, &q->pg, 2, t->rows - 3);
}

static void quiz_status(struct tui *t, void *st, struct status *s)
{
	struct quiz *q = st;
	const char *hint = q->done	   ? "Entrée ou q : revenir"
			   : q->answered ? "Entrée : suivante"
					 : "1–9 : choisir  Entrée : valider";
	snprintf(s->left, sizeof s->left, "%s", q->attempt || q->done ? "" : "réponses non enregistrées");
	snprintf(s->right, sizeof s->right, "%s  ? aide", hint);
	if (!t->utf8)
		for (char *p = s->right; *p; p++) /* "1–9" */
			if ((unsigned char)*p >= 0x80)
				*p = '-';
}

static void quiz_resize(struct tui *t, void *st)
{
	build(t, st);
}

static void quiz_leave(struct tui *t, void *st)
{
	struct quiz *q = st;
	(void)t;
	page_clear(&q->pg);
	free(q->pg.v);
	free(q->order);
	free(q->chosen);
	free(q->right);
	free(q);
}

static const struct view view_quiz = {
	.name = "Quiz",
	.keys = quiz_tables,
	.notes = "Chaque réponse validée est enregistrée aussitôt : quitter un quiz en cours garde "
		 "les réponses déjà données. Une réponse validée ne se change pas ; refaites le "
		 "quiz pour améliorer votre score (le meilleur et le dernier sont gardés).",
	.leave = quiz_leave,
	.draw = quiz_draw,
	.status = quiz_status,
	.key = quiz_key,
	.resize = quiz_resize,
};

void view_quiz_open(struct tui *t, size_t i)
{
	const struct adpa_fiche *f = t->course->fiches[i];
	if (!f->nquiz) {
		tui_message(t, false, "Cette fiche n'a pas de quiz");
		return;
	}
	struct quiz *q = xcalloc(1, sizeof *q);
	q->fiche = i;
	q->order = xcalloc(f->nquiz, sizeof *q->order);
	q->chosen = xcalloc(f->nquiz, sizeof *q->chosen);
	q->right = xcalloc(f->nquiz, sizeof *q->right);
	q->pg.sel = (size_t)-1;
	bool shuffle = true;
	if (t->store) {
		struct adpa_error err = {0};
		char *v = adpa_store_get(t->store, t->learner, "shuffle", &err);
		shuffle = !v || strcmp(v, "off") != 0;
		free(v);
		int64_t a = adpa_store_attempt(t->store, t->learner, t->course->id, f->id,
					       (int)f->nquiz, tui_now(), &err);
		q->attempt = progress_check(t, a < 0 ? -1 : 0, &err) == 0 ? a : 0;
	}
	uint64_t seed = (uint64_t)tui_now() * 2654435761u ^ (uint64_t)q->attempt ^ (uint64_t)i;
	for (size_t k = 0; k < f->nquiz; k++)
		adpa_quiz_order(f->quiz[k].nchoices, seed + k, shuffle, q->order[k]);
	build(t, q);
	tui_push(t, &view_quiz, q);
}
