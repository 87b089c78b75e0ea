/*
 * The first launch (progress.c decides when): a short page above Home that
 * says what the course is, where to start (the course's first suggested
 * path, « Premiers pas » in the bundled course) and who the learner is.
 *
 * WELCOME_ASK: nobody is reading yet. The name prompt is open in the status
 * line, filled with the login name when the progress file holds nobody,
 * empty when it holds others (a shared lab account: ↑ recalls their names,
 * or a new one is typed), so no one is ever recorded under another's name.
 * Nothing is recorded until a name is given; q on the page (the prompt
 * closed with Escape) quits adpa.
 * WELCOME_NEW: --learner named someone new to the file; the page says who.
 *
 * Enter (on a new name, or on the page) opens the suggested path, or Home
 * when the course has none; a name the file knows goes to Home, where that
 * learner left off. q goes to Home once someone is reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"
#include "tui_views.h"
#include "tui_widgets.h"
#include <adpa/util.h>

struct welcome {
	struct pager pg;
	struct prompt_history known; /* the file's learners, for ↑ */
	char login[128];             /* the name suggested when the file holds nobody */
};

/* Course text inside the page's Markdown, taken literally: ASCII
 * punctuation escaped, line breaks as spaces. */
static void md_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r')
			buf_addc(b, ' ');
		else if ((*s >= '!' && *s <= '/') || (*s >= ':' && *s <= '@') ||
		         (*s >= '[' && *s <= '`') || (*s >= '{' && *s <= '~')) {
			char e[2] = {'\\', *s};
			buf_add(b, e, 2);
		} else
			buf_addc(b, *s);
	}
}

/* « 45 min », « 1 h », « 1 h 30 ». */
static void duration(int min, char *out, size_t n)
{
	if (min < 60)
		snprintf(out, n, "%d min", min);
	else if (min % 60 == 0)
		snprintf(out, n, "%d h", min / 60);
	else
		snprintf(out, n, "%d h %02d", min / 60, min % 60);
}

static const struct adpa_path *first_path(const struct tui *t)
{
	return t->course->npaths ? &t->course->paths[0] : NULL;
}

static void where_to_start(const struct tui *t, struct buf *b)
{
	const struct adpa_path *p = first_path(t);
	buf_adds(b, "**Par où commencer ?** ");
	if (!p) {
		buf_adds(b, "Par la première rubrique, « ");
		md_text(b, t->course->nrubrics ? t->course->rubrics[0].title : "");
		buf_adds(b, " », puis dans l’ordre qui vous convient.\n\n");
		return;
	}
	int min = 0;
	size_t n = 0;
	for (size_t i = 0; i < p->nfiches; i++) {
		const struct adpa_fiche *f = adpa_course_find(t->course, p->fiches[i].s);
		if (f) {
			min += f->duration;
			n++;
		}
	}
	char d[32];
	duration(min, d, sizeof d);
	buf_adds(b, "Par le parcours suggéré « ");
	md_text(b, p->title);
	buf_printf(b, " » : %zu fiche%s, environ %s. ", n, n > 1 ? "s" : "", d);
	md_text(b, p->description);
	buf_adds(b, "\n\nChaque personne construit ensuite son propre parcours : "
	            "d’autres sont proposés sous « Parcours » à l’accueil, "
	            "et vous pouvez composer le vôtre.\n\n");
}

static void who(const struct tui *t, const struct welcome *w, struct buf *b)
{
	if (t->welcome != WELCOME_ASK) {
		buf_adds(b, "**Apprenant :** ");
		md_text(b, t->learner_name);
		buf_adds(b, ". Votre progression est enregistrée à ce nom.\n\n");
		return;
	}
	buf_adds(b, "**Qui apprend ?** Tapez votre nom en bas de l’écran, puis Entrée : "
	            "il garde votre progression à part de celle des autres personnes qui "
	            "utilisent cet ordinateur.");
	if (w->known.n) {
		buf_adds(b, " Déjà enregistrés ici : ");
		for (size_t i = 0; i < w->known.n; i++) {
			if (i)
				buf_adds(b, ", ");
			md_text(b, w->known.v[i]);
		}
		buf_adds(b, " (↑ rappelle leurs noms).");
	}
	buf_adds(b, "\n\n");
}

static void welcome_render(struct tui *t, struct welcome *w)
{
	struct buf b = {0};
	buf_adds(&b, "Le cours se lit par fiches courtes, à votre rythme ; la touche ? "
	             "affiche l’aide de chaque écran.\n\n");
	who(t, w, &b);
	where_to_start(t, &b);
	if (t->db_path) {
		buf_adds(&b, "Votre progression reste sur cet ordinateur, dans le fichier ");
		md_text(&b, t->db_path);
		buf_adds(&b, ".\n");
	}
	int width = tui_text_width(t);
	struct adpa_render_opts o = tui_render_opts(t, width, 0);
	const char *title = t->course->title ? t->course->title : "adpa";
	struct adpa_doc *body = adpa_render(b.p ? b.p : "", b.len, &o);
	if (!body)
		body = adpa_render_text("", ADPA_STYLE_PLAIN, &o);
	pager_set(&w->pg, adpa_render_text(title, ADPA_STYLE_H1, &o), NULL, body);
	pager_geometry(&w->pg, 1, t->rows - 2, 1, width);
	buf_free(&b);
}

/* Someone is reading: their path, or Home. */
static void welcome_start(struct tui *t)
{
	const struct adpa_path *p = first_path(t);
	char name[sizeof t->learner_name];
	snprintf(name, sizeof name, "%s", t->learner_name);
	t->welcome = WELCOME_NONE;
	tui_pop(t); /* frees the page */
	if (p) {
		view_path_suggested(t, p);
		tui_message(t, false,
		            "Bienvenue, %s : Entrée ouvre la fiche choisie, q mène à l’accueil",
		            name);
	} else
		tui_message(t, false, "Bienvenue, %s : choisissez une rubrique pour commencer",
		            name);
}

static void ask(struct tui *t, struct welcome *w, const char *fill);

static void name_done(struct tui *t, void *st, const char *text)
{
	struct welcome *w = st;
	while (*text == ' ')
		text++;
	if (!*text) {
		tui_message(t, true, "Un nom, s’il vous plaît.");
		ask(t, w, NULL);
		return;
	}
	struct adpa_error err = {0};
	bool known = adpa_store_learner(t->store, text, false, 0, &err) > 0;
	if (progress_switch(t, text) && known) { /* back again: Home, with « Reprendre » */
		t->welcome = WELCOME_NONE;
		tui_pop(t);
	} else if (t->learner > 0)
		welcome_start(t);
	else
		ask(t, w, text); /* the message says why; the name stays to correct */
}

static void ask(struct tui *t, struct welcome *w, const char *fill)
{
	/* why the last name was refused goes in the label: the prompt takes the
	 * status line where the message would have been */
	char label[sizeof t->msg + 32];
	snprintf(label, sizeof label, "%s%sVotre nom : ", t->msg, t->msg[0] ? " " : "");
	t->msg[0] = '\0';
	struct prompt_opts o = {.done = name_done, .history = &w->known};
	tui_prompt_with(t, label, &o, w);
	if (fill && *fill)
		tui_prompt_fill(t, fill);
}

static void welcome_key(struct tui *t, void *st, enum cmd cmd)
{
	struct welcome *w = st;
	if (pager_cmd(t, &w->pg, cmd))
		return;
	switch (cmd) {
	case CMD_OPEN:
		if (t->welcome == WELCOME_ASK)
			ask(t, w, w->known.n ? NULL : w->login);
		else
			welcome_start(t);
		break;
	case CMD_BACK:
	case CMD_ESCAPE:
		if (t->welcome == WELCOME_ASK)
			t->quit = true; /* nobody to record anything for */
		else {
			t->welcome = WELCOME_NONE;
			tui_pop(t);
		}
		break;
	default:
		break;
	}
}

static void welcome_draw(struct tui *t, void *st)
{
	struct welcome *w = st;
	draw_header(t, "Bienvenue", NULL);
	pager_draw(t, &w->pg);
}

static void welcome_status(struct tui *t, void *st, struct status *s)
{
	const struct adpa_path *p = first_path(t);
	(void)st;
	if (t->welcome == WELCOME_ASK) {
		snprintf(s->left, sizeof s->left, "Entrée : donner votre nom");
		snprintf(s->right, sizeof s->right, "? aide  q quitter");
		return;
	}
	if (p)
		snprintf(s->left, sizeof s->left, "Entrée : commencer par « %s »", p->title);
	else
		snprintf(s->left, sizeof s->left, "Entrée : aller à l’accueil");
	snprintf(s->right, sizeof s->right, "? aide  q accueil");
}

static void welcome_resize(struct tui *t, void *st)
{
	struct welcome *w = st;
	struct place pl = pager_place(&w->pg);
	welcome_render(t, w);
	pager_goto_place(&w->pg, pl);
}

static void welcome_leave(struct tui *t, void *st)
{
	struct welcome *w = st;
	(void)t;
	pager_free(&w->pg);
	prompt_history_free(&w->known);
	free(w);
}

static const struct key_def welcome_defs[] = {
    {'\n', false, CMD_OPEN, "donner son nom, puis commencer par le parcours suggéré"},
    {'\r', false, CMD_OPEN, NULL},
    {KEY_ENTER, true, CMD_OPEN, NULL},
};
static const struct key_table welcome_keys = KEY_TABLE("Bienvenue", welcome_defs);
static const struct key_table *const welcome_tables[] = {&welcome_keys, &keys_scroll, &keys_back,
                                                         NULL};

static const struct view view_welcome = {
    .name = "Bienvenue",
    .keys = welcome_tables,
    .notes = "Tant qu’aucun nom n’est donné, q quitte adpa sans rien enregistrer. "
             "Ensuite, q mène à l’accueil, et L y change d’apprenant.",
    .leave = welcome_leave,
    .draw = welcome_draw,
    .status = welcome_status,
    .key = welcome_key,
    .resize = welcome_resize,
};

void view_welcome_open(struct tui *t, const char *login)
{
	struct welcome *w = xcalloc(1, sizeof *w);
	w->pg.sel_link = -1;
	snprintf(w->login, sizeof w->login, "%s", login ? login : "");
	if (t->welcome == WELCOME_ASK && t->store) {
		char **names = NULL;
		size_t n = 0;
		struct adpa_error err = {0};
		if (adpa_store_learners(t->store, &names, &n, &err) == 0)
			for (size_t i = 0; i < n; i++)
				prompt_history_add(&w->known, names[i]);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	}
	welcome_render(t, w);
	if (tui_push(t, &view_welcome, w) == 0 && t->welcome == WELCOME_ASK)
		ask(t, w, w->known.n ? NULL : w->login);
}
