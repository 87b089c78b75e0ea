/*
 * A quiz, one question per screen. Digits choose an answer (single-answer
 * question) or tick and untick one (multiple answers); Enter validates, and
 * an answer once validated cannot be changed: it is written to the store at
 * once. Feedback marks every choice right or wrong with a sign and in words,
 * then gives the explanation. After the last question: the score, whether
 * the fiche is mastered, and a review of the attempt.
 *
 * The same screens run a review session (« Révision »): the questions due,
 * from any fiche, asked and answered the same way; each answer moves its
 * question in the Leitner boxes (adpa/review.h), and no quiz attempt is
 * made. Both modes go through one list of items (fiche, question).
 *
 * Choices are shown in an order drawn for this attempt (unless the learner
 * turned shuffling off) and graded by identity: chosen[k][c] is indexed by
 * the course's order of choices, order[k][i] maps shown position i to it.
 *
 * A choice is picked by its number, by the arrows and Space (a cursor in
 * reverse video), or by a click. Leaving a quiz before its end keeps it
 * aside (t->quiz_paused): opening the same fiche's quiz again in the session
 * resumes it at the question left. The summary offers to take the quiz
 * again (r) or to go on to the next fiche (]).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct item {
	size_t fiche;    /* index in course->fiches */
	size_t question; /* index in the fiche's quiz */
};

struct quiz {
	bool review; /* a review session, else the quiz of one fiche */
	struct item *items;
	size_t n;
	int64_t attempt; /* the quiz's attempt; 0 in review */
	bool saved;      /* answers are written (false without a store or after a failure) */
	size_t k;        /* the item shown */
	bool answered;   /* feedback is shown for question k */
	bool done;       /* the summary is shown */
	bool picked[ADPA_MAX_CHOICES]; /* shown positions ticked, question k */
	size_t (*order)[ADPA_MAX_CHOICES];
	bool (*chosen)[ADPA_MAX_CHOICES];
	bool *right;
	struct page pg;
	size_t verdict; /* the page line of « Juste. », to bring it into view */
	size_t cursor;  /* the shown position under the cursor, question k */
	size_t cline[ADPA_MAX_CHOICES + 1]; /* page lines of each shown choice */
	int64_t learner;                    /* whose answers */
};

static const struct key_def quiz_defs[] = {
    {'1', false, CMD_CHOICE_1, "1 à 9 : choisir cette réponse, ou la cocher et la décocher"},
    {'2', false, CMD_CHOICE_1 + 1, NULL},
    {'3', false, CMD_CHOICE_1 + 2, NULL},
    {'4', false, CMD_CHOICE_1 + 3, NULL},
    {'5', false, CMD_CHOICE_1 + 4, NULL},
    {'6', false, CMD_CHOICE_1 + 5, NULL},
    {'7', false, CMD_CHOICE_1 + 6, NULL},
    {'8', false, CMD_CHOICE_1 + 7, NULL},
    {'9', false, CMD_CHOICE_1 + 8, NULL},
    {KEY_DOWN, true, CMD_DOWN, "réponse suivante (après la réponse : défiler)"},
    {'j', false, CMD_DOWN, NULL},
    {KEY_UP, true, CMD_UP, "réponse précédente (après la réponse : défiler)"},
    {'k', false, CMD_UP, NULL},
    {' ', false, CMD_SELECT, "choisir ou cocher la réponse sous le curseur (ou un clic)"},
    {'\n', false, CMD_OPEN, "valider la réponse ; puis question suivante"},
    {'\r', false, CMD_OPEN, NULL},
    {KEY_ENTER, true, CMD_OPEN, NULL},
    {'r', false, CMD_RETRY, "à la fin : refaire le quiz"},
    {']', false, CMD_NEXT, "à la fin : fiche suivante"},
    {'s', false, CMD_SHUFFLE, "mélanger ou non les réponses (aux prochains quiz)"},
    {KEY_NPAGE, true, CMD_PAGE_DOWN, "page suivante"},
    {KEY_PPAGE, true, CMD_PAGE_UP, "page précédente"},
    {KEY_HOME, true, CMD_TOP, "aller au début"},
    {'g', false, CMD_TOP, NULL},
    {KEY_END, true, CMD_BOTTOM, "aller à la fin"},
    {'G', false, CMD_BOTTOM, NULL},
};
static const struct key_table quiz_keys = KEY_TABLE("Quiz", quiz_defs);
static const struct key_table *const quiz_tables[] = {&quiz_keys, &keys_back, NULL};

/* The fiche and the question of item k. */
static const struct adpa_fiche *qf(const struct tui *t, const struct quiz *q, size_t k)
{
	return t->course->fiches[q->items[k].fiche];
}

static const struct adpa_question *qq(const struct tui *t, const struct quiz *q, size_t k)
{
	return &qf(t, q, k)->quiz[q->items[k].question];
}

static const char *sign(const struct tui *t, bool ok)
{
	/* in ASCII, never "[x]": that is a ticked box */
	return ok ? (t->utf8 ? "✓" : "[+]") : (t->utf8 ? "✗" : "[-]");
}

static void add_choices(struct tui *t, struct quiz *q, const struct adpa_question *qu)
{
	char line[1024];
	for (size_t i = 0; i < qu->nchoices; i++) {
		size_t c = q->order[q->k][i];
		q->cline[i] = q->pg.n;
		if (!q->answered) {
			const char *box = qu->ncorrect > 1 ? (q->picked[i] ? "[x]" : "[ ]")
			                                   : (q->picked[i] ? "(o)" : "( )");
			snprintf(line, sizeof line, "%s %zu) %s", box, i + 1, qu->choices[c].text);
			attr_t a = q->picked[i] ? A_BOLD : A_NORMAL;
			page_add(&q->pg, t, line,
			         i == q->cursor ? a | theme_role(t, ROLE_SELECT) : a, 2,
			         (size_t)-1);
			continue;
		}
		bool ok = qu->choices[c].correct, took = q->chosen[q->k][c];
		snprintf(line, sizeof line, "%s %zu) %s — %s%s", sign(t, ok), i + 1,
		         qu->choices[c].text, ok ? "bonne réponse" : "mauvaise réponse",
		         took ? ", votre choix" : "");
		page_add(&q->pg, t, line, took ? A_BOLD : A_NORMAL, 2, (size_t)-1);
	}
	q->cline[qu->nchoices] = q->pg.n;
}

static void build_question(struct tui *t, struct quiz *q)
{
	const struct adpa_question *qu = qq(t, q, q->k);
	page_add(&q->pg, t,
	         qu->ncorrect > 1 ? "Plusieurs réponses possibles : cochez-les, puis Entrée."
	                          : "Une seule réponse : choisissez-la, puis Entrée.",
	         theme_role(t, ROLE_DIM), 0, (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, qu->question, A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	add_choices(t, q, qu);
	if (!q->answered)
		return;
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	q->verdict = q->pg.n;
	page_add(&q->pg, t, q->right[q->k] ? "Juste." : "Pas tout à fait.", A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, "Explication :", A_BOLD, 0, (size_t)-1);
	page_add(&q->pg, t, qu->explanation, A_NORMAL, 2, (size_t)-1);
}

/* The first line of the summary: the quiz's score, or the review's count. */
static void add_result(struct tui *t, struct quiz *q, int correct)
{
	char line[1024];
	int pct = adpa_quiz_percent(correct, (int)q->n);
	if (q->review)
		snprintf(line, sizeof line,
		         "Révision terminée : %d/%zu juste%s. Les questions manquées reviennent "
		         "demain, les justes plus tard.",
		         correct, q->n, correct > 1 ? "s" : "");
	else
		snprintf(line, sizeof line,
		         "Score : %d/%zu (%d %%). %s (seuil de maîtrise : %d %%).", correct, q->n,
		         pct,
		         pct >= t->course->mastery ? "Fiche maîtrisée" : "Pas encore maîtrisée",
		         t->course->mastery);
	page_add(&q->pg, t, line, A_BOLD, 0, (size_t)-1);
}

/* What to do after a quiz: again, the next fiche, or back. */
static void add_next_steps(struct tui *t, struct quiz *q)
{
	if (q->review)
		return;
	size_t i = q->items[0].fiche;
	char line[1024];
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, "Et maintenant ?", theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
	page_add(&q->pg, t, "r : refaire le quiz", A_NORMAL, 2, (size_t)-1);
	if (i + 1 < t->course->nfiches) {
		snprintf(line, sizeof line, "] : fiche suivante, « %s »",
		         t->course->fiches[i + 1]->title);
		page_add(&q->pg, t, line, A_NORMAL, 2, (size_t)-1);
	}
	page_add(&q->pg, t, "Entrée ou q : revenir", A_NORMAL, 2, (size_t)-1);
}

static void build_summary(struct tui *t, struct quiz *q)
{
	int correct = 0;
	for (size_t k = 0; k < q->n; k++)
		correct += q->right[k];
	add_result(t, q, correct);
	char line[1024];
	if (!q->saved)
		page_add(&q->pg, t, "Ce résultat n’est pas enregistré.", theme_role(t, ROLE_DIM), 0,
		         (size_t)-1);
	page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
	page_add(&q->pg, t, "Récapitulatif", theme_style(t, ADPA_STYLE_H2), 0, (size_t)-1);
	for (size_t k = 0; k < q->n; k++) {
		const struct adpa_question *qu = qq(t, q, k);
		page_add(&q->pg, t, "", A_NORMAL, 0, (size_t)-1);
		snprintf(line, sizeof line, "%zu. %s %s — %s", k + 1, sign(t, q->right[k]),
		         q->right[k] ? "juste" : "faux", qu->question);
		page_add(&q->pg, t, line, A_BOLD, 0, (size_t)-1);
		for (size_t c = 0; c < qu->nchoices; c++)
			if (qu->choices[c].correct || q->chosen[k][c]) {
				snprintf(line, sizeof line, "%s %s%s",
				         sign(t, qu->choices[c].correct), qu->choices[c].text,
				         q->chosen[k][c] ? " (votre choix)" : "");
				page_add(&q->pg, t, line, A_NORMAL, 3, (size_t)-1);
			}
	}
	add_next_steps(t, q);
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
	const struct adpa_question *qu = qq(t, q, q->k);
	size_t n = 0;
	for (size_t i = 0; i < qu->nchoices; i++) {
		q->chosen[q->k][q->order[q->k][i]] = q->picked[i];
		n += q->picked[i];
	}
	if (!n) {
		tui_message(t, false, "Choisissez d’abord une réponse : son numéro, ou Espace");
		return;
	}
	q->right[q->k] = adpa_quiz_grade(qu, q->chosen[q->k]);
	q->answered = true;
	if (q->saved) {
		struct adpa_error err = {0};
		int rc = adpa_review_record(t->store, t->learner, t->course->id, qf(t, q, q->k),
		                            q->items[q->k].question, q->attempt, q->chosen[q->k],
		                            q->right[q->k], tui_now(), &err);
		q->saved = progress_check(t, rc, &err) == 0;
	}
}

static void next(struct tui *t, struct quiz *q)
{
	if (q->k + 1 < q->n) {
		q->k++;
		q->answered = false;
		q->cursor = 0;
		memset(q->picked, 0, sizeof q->picked);
		return;
	}
	q->done = true;
	if (q->saved && q->attempt) {
		struct adpa_error err = {0};
		progress_check(t, adpa_store_finish(t->store, q->attempt, tui_now(), &err), &err);
	}
	progress_refresh(t, false);
}

static void pick(struct tui *t, struct quiz *q, size_t i)
{
	const struct adpa_question *qu = qq(t, q, q->k);
	if (q->answered) {
		tui_message(t, false, "Réponse déjà validée : Entrée pour continuer");
		return;
	}
	if (i >= qu->nchoices) {
		tui_message(t, false, "Il n’y a que %zu réponses", qu->nchoices);
		return;
	}
	q->cursor = i;
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
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
		return;
	}
	struct adpa_error err = {0};
	char *v = adpa_store_get(t->store, t->learner, "shuffle", &err);
	bool off = !v || strcmp(v, "off") != 0; /* the new value */
	free(v);
	if (progress_check(
	        t, adpa_store_set(t->store, t->learner, "shuffle", off ? "off" : NULL, &err),
	        &err) == 0)
		tui_message(t, false, "Réponses mélangées aux prochains quiz : %s",
		            off ? "non" : "oui");
}

/* The shown choice on screen row y, or (size_t)-1. */
static size_t choice_at(const struct tui *t, const struct quiz *q, int y)
{
	const struct adpa_question *qu = qq(t, q, q->k);
	size_t line = q->pg.top + (size_t)(y - 2);
	if (y < 2 || q->answered || q->done)
		return (size_t)-1;
	for (size_t i = 0; i < qu->nchoices; i++)
		if (line >= q->cline[i] && line < q->cline[i + 1])
			return i;
	return (size_t)-1;
}

/* Arrows, Space and clicks on the choices of a question not yet answered;
 * false when cmd is not one of those here. */
static bool choice_cmd(struct tui *t, struct quiz *q, enum cmd cmd)
{
	if (q->done || q->answered)
		return false;
	size_t n = qq(t, q, q->k)->nchoices;
	if (cmd == CMD_DOWN || cmd == CMD_UP) {
		q->cursor = cmd == CMD_DOWN ? (q->cursor + 1 < n ? q->cursor + 1 : q->cursor)
		                            : (q->cursor ? q->cursor - 1 : 0);
		build(t, q);
		size_t h = t->rows > 3 ? (size_t)t->rows - 3 : 1; /* keep the cursor in view */
		if (q->cline[q->cursor + 1] > q->pg.top + h)
			q->pg.top = q->cline[q->cursor + 1] - h;
		if (q->cline[q->cursor] < q->pg.top)
			q->pg.top = q->cline[q->cursor];
		return true;
	}
	if (cmd == CMD_SELECT || cmd == CMD_CLICK) {
		size_t i = cmd == CMD_SELECT ? q->cursor : choice_at(t, q, t->mouse_y);
		if (i != (size_t)-1)
			pick(t, q, i);
		build(t, q);
		return true;
	}
	return false;
}

/* After the summary: the quiz again (r), or the next fiche (]). */
static void after_cmd(struct tui *t, struct quiz *q, enum cmd cmd)
{
	size_t i = q->items[0].fiche;
	if (!q->done || q->review) {
		tui_message(t, false, "À la fin du quiz seulement");
		return;
	}
	if (cmd == CMD_NEXT && i + 1 >= t->course->nfiches) {
		tui_message(t, false, "C’est la dernière fiche du cours");
		return;
	}
	tui_pop(t); /* q is freed */
	if (cmd == CMD_RETRY)
		view_quiz_open(t, i);
	else
		view_reader_goto(t, i + 1);
}

static void quiz_key(struct tui *t, void *st, enum cmd cmd)
{
	struct quiz *q = st;
	int h = t->rows - 2;
	if ((cmd == CMD_OPEN && q->done) || cmd == CMD_BACK) {
		tui_pop(t); /* q is freed, or kept aside to resume */
		return;
	}
	if (cmd == CMD_RETRY || cmd == CMD_NEXT) {
		after_cmd(t, q, cmd);
		return;
	}
	if (choice_cmd(t, q, cmd))
		return;
	if (cmd == CMD_OPEN && !q->answered) {
		validate(t, q);
		build(t, q);
		size_t rows = t->rows > 3 ? (size_t)t->rows - 3 : 1;
		if (q->answered && q->verdict >= q->pg.top + rows) /* a short screen */
			q->pg.top = q->verdict - rows / 3;
		return;
	}
	if (cmd == CMD_SELECT)
		cmd = CMD_PAGE_DOWN;
	if (cmd >= CMD_CHOICE_1 && cmd <= CMD_CHOICE_9 && !q->done)
		pick(t, q, (size_t)(cmd - CMD_CHOICE_1));
	else if (cmd == CMD_OPEN)
		next(t, q);
	else if (cmd == CMD_SHUFFLE)
		toggle_shuffle(t);
	else if (page_cmd(&q->pg, cmd, h - 1))
		return;
	build(t, q);
}

static void quiz_draw(struct tui *t, void *st)
{
	struct quiz *q = st;
	char right[48], *left = q->review && q->done
	                            ? xstrdup("Révision")
	                            : xasprintf("%s%s%s", q->review ? "Révision" : "Quiz",
	                                        t->g->sep, qf(t, q, q->k)->title);
	if (q->done)
		snprintf(right, sizeof right, "résultat");
	else
		snprintf(right, sizeof right, "question %zu/%zu", q->k + 1, q->n);
	draw_header(t, left, right);
	free(left);
	draw_blank(1, 0, t->cols, A_NORMAL);
	page_draw(t, &q->pg, 2, t->rows - 3);
}

static void quiz_status(struct tui *t, void *st, struct status *s)
{
	struct quiz *q = st;
	const char *hint = q->done && !q->review ? "r refaire  ] suivante  Entrée revenir"
	                   : q->done             ? "Entrée ou q : revenir"
	                   : q->answered         ? "Entrée : suivante"
	                                         : "1–9 ou Espace : choisir  Entrée : valider";
	char pos[64];
	page_position(t, &q->pg, t->rows - 3, pos, sizeof pos);
	snprintf(s->left, sizeof s->left, "%s%s%s", pos,
	         pos[0] && !(q->saved || q->done) ? "  " : "",
	         q->saved || q->done ? "" : "réponses non enregistrées");
	snprintf(s->right, sizeof s->right, "%s  ? aide", hint);
}

static void quiz_resize(struct tui *t, void *st)
{
	build(t, st);
}

static void quiz_free(struct quiz *q)
{
	if (!q)
		return;
	page_free(&q->pg);
	free(q->items);
	free(q->order);
	free(q->chosen);
	free(q->right);
	free(q);
}

void quiz_paused_free(struct tui *t)
{
	quiz_free(t->quiz_paused);
	t->quiz_paused = NULL;
}

/* A quiz left before its end (not at quitting) is kept aside to resume. */
static void quiz_leave(struct tui *t, void *st)
{
	struct quiz *q = st;
	if (q->review || q->done || t->quit || (!q->k && !q->answered)) {
		quiz_free(q);
		return;
	}
	quiz_paused_free(t);
	t->quiz_paused = q;
}

/* The quiz and the review: one set of callbacks, a name and notes each. */
#define QUIZ_VIEW(title, text)                                                                     \
	{                                                                                          \
		.name = title, .keys = quiz_tables, .notes = text, .leave = quiz_leave,            \
		.draw = quiz_draw, .status = quiz_status, .key = quiz_key, .resize = quiz_resize,  \
	}

static const struct view view_quiz = QUIZ_VIEW(
    "Quiz", "Chaque réponse validée est enregistrée aussitôt : quitter un quiz en cours garde "
            "les réponses déjà données. Une réponse validée ne se change pas ; refaites le "
            "quiz pour améliorer votre score (le meilleur et le dernier sont gardés).");

static const struct view view_review = QUIZ_VIEW(
    "Révision", "La révision repose les questions manquées, dans un quiz ou une révision, selon "
                "des boîtes de Leitner : une réponse fausse ramène la question au lendemain ; une "
                "réponse juste l’espace davantage (2, 4, 8 puis 16 jours), et après la cinquième "
                "boîte elle quitte la révision. Chaque réponse est enregistrée aussitôt.");

static struct quiz *quiz_new(size_t n)
{
	struct quiz *q = xcalloc(1, sizeof *q);
	q->n = n;
	q->items = xcalloc(n, sizeof *q->items);
	q->order = xcalloc(n, sizeof *q->order);
	q->chosen = xcalloc(n, sizeof *q->chosen);
	q->right = xcalloc(n, sizeof *q->right);
	q->pg.sel = (size_t)-1;
	return q;
}

/* Draws the order of every question's choices, then shows the first. */
static void quiz_start(struct tui *t, struct quiz *q, const struct view *v, uint64_t salt)
{
	bool shuffle = true;
	if (t->store) {
		struct adpa_error err = {0};
		char *s = adpa_store_get(t->store, t->learner, "shuffle", &err);
		shuffle = !s || strcmp(s, "off") != 0;
		free(s);
	}
	q->learner = t->learner;
	uint64_t seed = (uint64_t)tui_now() * 2654435761u ^ (uint64_t)q->attempt ^ salt;
	for (size_t k = 0; k < q->n; k++)
		adpa_quiz_order(qq(t, q, k)->nchoices, seed + k, shuffle, q->order[k]);
	build(t, q);
	tui_push(t, v, q);
}

void view_quiz_open(struct tui *t, size_t i)
{
	const struct adpa_fiche *f = t->course->fiches[i];
	if (!f->nquiz) {
		tui_message(t, false, "Cette fiche n’a pas de quiz");
		return;
	}
	struct quiz *q = t->quiz_paused;
	if (q && q->items[0].fiche == i && q->learner == t->learner) {
		t->quiz_paused = NULL;
		build(t, q);
		if (tui_push(t, &view_quiz, q) == 0)
			tui_message(t, false, "Quiz repris à la question %zu sur %zu", q->k + 1,
			            q->n);
		return;
	}
	q = quiz_new(f->nquiz);
	for (size_t k = 0; k < f->nquiz; k++)
		q->items[k] = (struct item){i, k};
	if (t->store) {
		struct adpa_error err = {0};
		int64_t a = adpa_store_attempt(t->store, t->learner, t->course->id, f->id,
		                               (int)f->nquiz, tui_now(), &err);
		q->attempt = progress_check(t, a < 0 ? -1 : 0, &err) == 0 ? a : 0;
	}
	q->saved = q->attempt > 0;
	quiz_start(t, q, &view_quiz, i);
}

/* A review of items (taken over), or a message when there are none. */
static void review_start(struct tui *t, struct adpa_review_item *items, size_t n)
{
	struct quiz *q = quiz_new(n);
	for (size_t k = 0; k < n; k++)
		q->items[k] = (struct item){items[k].fiche->index, items[k].question};
	free(items);
	q->review = q->saved = true;
	quiz_start(t, q, &view_review, n);
}

static void ahead_done(struct tui *t, void *st, const char *text)
{
	(void)st;
	if (!tui_yes(text))
		return;
	struct adpa_review_item *all = NULL;
	size_t n = 0;
	struct adpa_error err = {0};
	if (progress_check(t, adpa_review_all(t->course, t->store, t->learner, &all, &n, &err),
	                   &err) < 0)
		return;
	if (n)
		review_start(t, all, n);
	else
		free(all);
}

/* Nothing due: says when the next questions are, and offers them now. */
static void review_ahead(struct tui *t)
{
	progress_refresh(t, false);
	if (!t->review_total) {
		tui_message(t, false,
		            "Aucune question en révision : une réponse manquée dans un "
		            "quiz y entre, pour revenir le lendemain.");
		return;
	}
	char when[64];
	progress_when(t, t->review_next, when, sizeof when);
	snprintf(t->ask, sizeof t->ask,
	         "Aucune question à revoir aujourd’hui ; prochaine révision %s (%zu question%s). "
	         "Réviser en avance ? (o/n) ",
	         when, t->review_total, t->review_total > 1 ? "s" : "");
	tui_prompt(t, t->ask, ahead_done, NULL);
}

void view_review_open(struct tui *t)
{
	if (!t->store) {
		tui_message(t, true, "Progression non enregistrée : %s", t->store_error);
		return;
	}
	struct adpa_review_item *due = NULL;
	size_t n = 0;
	struct adpa_error err = {0};
	if (progress_check(
	        t, adpa_review_due(t->course, t->store, t->learner, tui_now(), &due, &n, &err),
	        &err) < 0)
		return;
	if (n)
		review_start(t, due, n);
	else
		review_ahead(t);
}
