/*
 * The one main loop: it owns curses from newterm to endwin, the stack of
 * views, the status line (view status, message or prompt), resizing and
 * signals.
 *
 * Each turn draws the top view into stdscr and calls doupdate, which sends
 * only what differs from the screen; nothing ever calls clear() except
 * Ctrl-L. idlok lets ncurses scroll the terminal when rows moved (one line of
 * scrolling in the reader costs a scroll and one new line), and leaveok
 * spares cursor moves while no prompt is open.
 *
 * Signals: SIGINT, SIGTERM and SIGHUP only set `caught` (the one mutable
 * file-scope object); the loop sees it (a read interrupted, or the one-second
 * input timeout) and leaves through the normal path, so every view's leave
 * runs and endwin restores the terminal. Our handlers are installed before
 * newterm so ncurses keeps them; it still handles SIGTSTP and SIGWINCH. A
 * crash (SIGSEGV, SIGABRT...) calls endwin as a last resort and re-raises.
 * Input that ends without SIGHUP (reads failing at once) also ends the loop
 * the same way, rather than spinning.
 *
 * OSC 8: ncurses does not know hyperlinks, so a URL shown in the status line
 * is written a second time after doupdate, with the same characters and the
 * same (reverse) attribute, between OSC 8 open and close sequences and
 * inside DECSC/DECRC so that cursor and attributes are as ncurses believes.
 * Only on terminals known to support it (see osc8_supported), or when
 * ADPA_HYPERLINKS=1; ADPA_HYPERLINKS=0 turns it off.
 */
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui_draw.h"
#include "tui_views.h"
#include <adpa/util.h>
/* after: term.h defines macros (lines, columns) that would clash */
#include <term.h>

static volatile sig_atomic_t caught;

static const struct tui_glyphs utf8_glyphs = {"›", " › ", "○", "✓", "█", "░", "…", "→", "–"};
static const struct tui_glyphs ascii_glyphs = {">", " > ", "-", "x", "#", ".", "...", "->", "-"};

static void on_signal(int sig)
{
	caught = sig;
}

static void on_fatal(int sig)
{
	endwin(); /* not async-signal-safe, but the process is dying anyway */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static bool cap_ok(const char *name)
{
	char *s = tigetstr(name);
	return s && s != (char *)-1;
}

static bool env_is(const char *name, const char *value)
{
	const char *v = getenv(name);
	return v && !strcmp(v, value);
}

/* Terminals that render OSC 8 and are not a multiplexer in between. */
static bool osc8_supported(void)
{
	const char *force = getenv("ADPA_HYPERLINKS");
	if (force && *force)
		return strcmp(force, "0") != 0;
	const char *term = getenv("TERM"), *vte = getenv("VTE_VERSION");
	if (getenv("TMUX") || getenv("STY") ||
	    (term && (!strncmp(term, "screen", 6) || !strncmp(term, "tmux", 4))))
		return false;
	if (vte && atoi(vte) >= 5000)
		return true;
	return getenv("KITTY_WINDOW_ID") || getenv("WT_SESSION") ||
	       env_is("TERM_PROGRAM", "iTerm.app") || env_is("TERM_PROGRAM", "WezTerm") ||
	       env_is("TERM_PROGRAM", "vscode") || env_is("TERM_PROGRAM", "ghostty") ||
	       (term && (!strcmp(term, "xterm-kitty") || !strncmp(term, "foot", 4) ||
	                 !strcmp(term, "wezterm") || !strcmp(term, "xterm-ghostty")));
}

static int refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Why the interface cannot start, and what to use instead; returns -1. */
static int refuse(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("adpa : ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nPour lire sans elle : adpa list (les fiches), puis adpa show ID (une fiche).\n",
	      stderr);
	return -1;
}

static int screen_open(struct tui *t, SCREEN **scr, enum tui_theme theme)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return refuse("l’interface plein écran a besoin d’un terminal.");
	if (!term || !*term || !strcmp(term, "dumb"))
		return refuse("le terminal « %s » ne peut pas afficher l’interface plein écran.",
		              term && *term ? term : "(TERM vide)");
	/* ask terminfo first: a failed newterm leaks inside libtinfo */
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK)
		del_curterm(cur_term);
	if (err == 1 && theme == TUI_THEME_AUTO) /* a terminal that can answer, before curses */
		t->light = termbg_light(theme, STDIN_FILENO, STDOUT_FILENO);
	*scr = err == 1 ? newterm(NULL, stdout, stdin) : NULL;
	if (!*scr)
		return refuse("terminal « %s » inconnu : vérifiez TERM (par exemple "
		              "TERM=xterm-256color).",
		              term);
	if (!cap_ok("cup") || tigetflag("hc") > 0) {
		endwin();
		delscreen(*scr);
		return refuse("le terminal « %s » ne sait pas placer le curseur.", term);
	}
	t->italic = cap_ok("sitm");
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	if (!getenv("ESCDELAY")) /* Escape alone vs an arrow's sequence split by SSH */
		set_escdelay(100);
	wtimeout(stdscr, 1000);
	curs_set(0);
	if (t->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	return 0;
}

/* --- the view stack --- */

int tui_push(struct tui *t, const struct view *v, void *st)
{
	if (t->depth == TUI_MAX_DEPTH) {
		v->leave(t, st);
		tui_message(t, true, "Trop d’écrans ouverts : revenez en arrière d’abord");
		return -1;
	}
	t->stack[t->depth++] = (struct frame){v, st};
	if (v->enter)
		v->enter(t, st);
	return 0;
}

void tui_pop(struct tui *t)
{
	if (!t->depth)
		return;
	struct frame f = t->stack[--t->depth];
	f.v->leave(t, f.st);
	if (t->depth && !t->quit && t->stack[t->depth - 1].v->enter)
		t->stack[t->depth - 1].v->enter(t, t->stack[t->depth - 1].st);
}

/* --- status line --- */

int status_max_rows(const struct tui *t)
{
	return t->rows / 4 > 3 ? t->rows / 4 : 3;
}

void tui_busy(struct tui *t, const char *text)
{
	if (t->too_small)
		return;
	attr_t a = theme_role(t, ROLE_STATUS);
	draw_blank(t->rows - 1, 0, t->cols, a);
	draw_fit(t, t->rows - 1, 1, text, a, t->cols - 2);
	wnoutrefresh(stdscr);
	doupdate();
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	free(t->msg_url);
	t->msg_url = NULL;
}

void tui_message_url(struct tui *t, const char *text, const char *url)
{
	tui_message(t, false, "%s%s", text, url);
	t->msg_url = strdup(url);
	t->msg_url_off = strlen(text) < sizeof t->msg ? strlen(text) : 0;
}

struct osc8 {
	int y, x;
	char text[512];
	char url[2048];
};

/* Bytes of left drawn by draw_fit in room cells (ellipsis excluded). */
static size_t fitted(const struct tui *t, const char *left, int room)
{
	size_t len = strlen(left);
	if (adpa_text_width(left, len) <= room)
		return len;
	int ew = text_cells(t->g->ellipsis);
	size_t k = adpa_text_fit(left, len, room - ew > 0 ? room - ew : 0, NULL);
	while (k && left[k - 1] == ' ')
		k--;
	return k;
}

static void note_url(const struct tui *t, const char *left, const char *url, size_t off, int room,
                     struct osc8 *o)
{
	size_t k = fitted(t, left, room);
	if (!url || !t->osc8 || off >= k || strlen(url) >= sizeof o->url)
		return;
	for (const char *p = left; *p; p++)
		if ((unsigned char)*p >= 0x80 && !t->utf8)
			return;
	snprintf(o->text, sizeof o->text, "%.*s", (int)(k - off), left + off);
	snprintf(o->url, sizeof o->url, "%s", url);
	o->y = t->rows - 1;
	o->x = 1 + adpa_text_width(left, off);
}

/* A message wider than the status line takes up to a quarter of the screen
 * from the bottom (the view's last rows), wrapped at spaces; a URL in it
 * gets the last row to itself, whole, so that it can be selected and copied
 * over SSH. Returns false (nothing drawn) when the message fits one row. */
static bool draw_long_message(struct tui *t, const char *text, const char *url, size_t off,
                              attr_t a, struct osc8 *o)
{
	int room = t->cols - 2;
	if (text_cells(text) <= room)
		return false;
	char *head = url ? xasprintf("%.*s", (int)off, text) : xstrdup(text);
	int max = status_max_rows(t) - (url ? 1 : 0);
	draw_wrapped(t, t->rows - 1 - (url ? 1 : 0), head, a, room, max);
	if (url) {
		draw_blank(t->rows - 1, 0, t->cols, a);
		draw_text(t, t->rows - 1, 1, url, strlen(url), a, room);
		note_url(t, url, url, 0, room, o);
	}
	free(head);
	return true;
}

static void draw_status(struct tui *t, struct osc8 *o)
{
	struct status s;
	memset(&s, 0, sizeof s);
	attr_t a = theme_role(t, ROLE_STATUS);
	int y = t->rows - 1;
	const struct frame *top = &t->stack[t->depth - 1];
	if (top->v->status)
		top->v->status(t, top->st, &s);
	const char *left = s.left, *url = s.url;
	size_t off = s.url_off;
	if (t->msg[0]) {
		left = t->msg, url = t->msg_url, off = t->msg_url_off;
		a |= t->msg_error ? A_BOLD : 0;
		if (draw_long_message(t, left, url, off, a, o))
			return;
	} else if (url && draw_long_message(t, left, url, off, a, o)) {
		return; /* a link's URL, too long to share the row: on its own row */
	}
	draw_blank(y, 0, t->cols, a);
	/* the key hints yield to the text: a message, a position, a URL */
	int rw = text_cells(s.right), room = t->cols - 2;
	if (rw && rw + 20 <= room && rw + 2 + text_cells(left) <= room &&
	    !(t->msg[0] && t->msg_url)) {
		draw_text(t, y, t->cols - 1 - rw, s.right, strlen(s.right), a, rw);
		room -= rw + 2;
	}
	draw_fit(t, y, 1, left, a, room);
	note_url(t, left, url, off, room, o);
}

static void osc8_write(const struct osc8 *o)
{
	const char *cup = tigetstr("cup"), *rev = tigetstr("rev"), *sgr0 = tigetstr("sgr0");
	if (!cap_ok("cup") || !cap_ok("rev") || !cap_ok("sgr0"))
		return;
	fflush(stdout);
	printf("\0337%s%s%s\033]8;;%s\033\\%s\033]8;;\033\\\0338", tiparm(cup, o->y, o->x), sgr0,
	       rev, o->url, o->text);
	fflush(stdout);
}

/* --- drawing a frame --- */

static void draw_too_small(struct tui *t)
{
	char size[64];
	snprintf(size, sizeof size, "%d×%d : il faut au moins %d×%d.", t->cols, t->rows,
	         TUI_MIN_COLS, TUI_MIN_ROWS);
	const char *text[] = {"Terminal trop petit", size, "Agrandissez la fenêtre",
	                      "(Q : quitter)"};
	werase(stdscr);
	int y0 = t->rows > 4 ? (t->rows - 4) / 2 : 0;
	for (int i = 0; i < 4 && y0 + i < t->rows; i++) {
		int w = text_cells(text[i]);
		int x = w < t->cols ? (t->cols - w) / 2 : 0;
		draw_fit(t, y0 + i, x, text[i], i ? A_NORMAL : A_BOLD, t->cols - x);
	}
}

static void render(struct tui *t, struct osc8 *sent)
{
	struct osc8 o;
	memset(&o, 0, sizeof o);
	if (t->too_small) {
		draw_too_small(t);
	} else {
		const struct frame *top = &t->stack[t->depth - 1];
		top->v->draw(t, top->st);
		if (t->prompt.active)
			tui_prompt_draw(t);
		else
			draw_status(t, &o);
	}
	leaveok(stdscr, !t->prompt.active);
	curs_set(t->prompt.active ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
	if (o.url[0] && memcmp(&o, sent, sizeof o))
		osc8_write(&o);
	*sent = o;
}

/* --- input --- */

static void measure(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS;
}

static void on_resize(struct tui *t)
{
	measure(t);
	if (t->too_small)
		return;
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].v->resize)
			t->stack[i].v->resize(t, t->stack[i].st);
}

static enum cmd mouse_cmd(struct tui *t)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return CMD_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return CMD_WHEEL_UP;
	if (ev.bstate & BUTTON5_PRESSED)
		return CMD_WHEEL_DOWN;
	if (ev.bstate & BUTTON1_PRESSED) {
		t->mouse_y = ev.y;
		t->mouse_x = ev.x;
		return CMD_CLICK;
	}
	return CMD_NONE;
}

static void input(struct tui *t, int r, wint_t ch, struct osc8 *sent)
{
	if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
		on_resize(t);
		return;
	}
	if (t->prompt.active && !t->too_small) {
		tui_prompt_key(t, r, ch);
		return;
	}
	t->msg[0] = '\0';
	const struct frame *top = &t->stack[t->depth - 1];
	bool fn = r == KEY_CODE_YES;
	enum cmd cmd =
	    fn && ch == KEY_MOUSE ? mouse_cmd(t) : keys_lookup(top->v->keys, (int)ch, fn);
	if (t->too_small && cmd != CMD_QUIT && cmd != CMD_REDRAW)
		return;
	switch (cmd) {
	case CMD_QUIT:
		t->quit = true;
		break;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		memset(sent, 0, sizeof *sent);
		break;
	case CMD_HELP:
		view_help_open(t, top->v);
		break;
	case CMD_NONE:
		if (!(fn && ch == KEY_MOUSE))
			tui_message(t, false, "Touche sans effet ici : ? affiche l’aide");
		break;
	default:
		top->v->key(t, top->st, cmd);
		break;
	}
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Returns false when input is gone: reads keep failing at once instead of
 * after the one-second timeout (end of file on a terminal hung up without
 * SIGHUP); looping on would burn a processor forever. */
static bool loop(struct tui *t)
{
	struct osc8 sent;
	memset(&sent, 0, sizeof sent);
	bool dirty = true;
	int quick = 0;
	while (!t->quit && !caught && t->depth) {
		if (dirty)
			render(t, &sent);
		wint_t ch;
		long start = now_ms();
		int wait = tui_prompt_wait(t); /* results as you type: after a pause */
		wtimeout(stdscr, wait >= 0 && wait < 1000 ? wait : 1000);
		int r = wget_wch(stdscr, &ch);
		dirty = r != ERR;
		if (r == ERR && !caught && wait < 0 && now_ms() - start < 500 && ++quick >= 20)
			return false;
		if (r != ERR) {
			quick = 0;
			if (!caught)
				input(t, r, ch, &sent);
		}
		if (!caught && tui_prompt_tick(t))
			dirty = true;
	}
	return true;
}

int tui_run(struct adpa_course *c, const struct tui_opts *opts)
{
	struct tui t;
	memset(&t, 0, sizeof t);
	t.course = c;
	t.mouse = !opts || opts->mouse;
	const char *cs = nl_langinfo(CODESET);
	t.utf8 = cs && !strcmp(cs, "UTF-8");
	t.g = t.utf8 ? &utf8_glyphs : &ascii_glyphs;
	enum tui_hyperlinks hl = opts ? opts->hyperlinks : TUI_LINKS_AUTO;
	t.osc8 = hl == TUI_LINKS_AUTO ? osc8_supported() : hl == TUI_LINKS_ALWAYS;
	t.last_fiche = (size_t)-1;
	progress_init(&t, opts);
	t.search_cache = opts ? opts->search_cache : NULL;
	signals_install();
	t.light = opts && opts->theme == TUI_THEME_LIGHT; /* auto: asked in screen_open */
	SCREEN *scr = NULL;
	if (screen_open(&t, &scr, opts ? opts->theme : TUI_THEME_AUTO) < 0) {
		progress_fini(&t);
		return 1;
	}
	theme_init(&t);
	measure(&t);
	view_home_open(&t);
	if (t.welcome != WELCOME_NONE)
		view_welcome_open(&t, opts ? opts->learner : NULL);
	bool input_ok = loop(&t);
	tui_prompt_close(&t);
	t.quit = true;
	while (t.depth)
		tui_pop(&t);
	quiz_paused_free(&t);
	endwin();
	delscreen(scr);
	progress_fini(&t);
	view_search_free(&t);
	free(t.msg_url);
	return caught ? 128 + caught : input_ok ? 0 : 128 + SIGHUP;
}

/* --- helpers shared by the views --- */

/* A fiche's title by its id, for the « Liens » list. */
static const char *fiche_title(const char *id, void *course)
{
	const struct adpa_fiche *f = adpa_course_find(course, id);
	return f ? f->title : NULL;
}

const char *tui_course_id(const struct tui *t)
{
	return t->course->id ? t->course->id : "";
}

struct adpa_render_opts tui_render_opts(const struct tui *t, int w, int line_offset)
{
	return (struct adpa_render_opts){.width = w,
	                                 .line_offset = line_offset,
	                                 .ascii = !t->utf8,
	                                 .fiche_title = fiche_title,
	                                 .fiche_arg = t->course};
}

int tui_text_width(const struct tui *t)
{
	int w = t->cols - 2;
	return w > TUI_TEXT_WIDTH ? TUI_TEXT_WIDTH : w;
}

int tui_content_cols(const struct tui *t)
{
	return t->cols > TUI_TEXT_WIDTH + 2 ? TUI_TEXT_WIDTH + 2 : t->cols;
}

const struct adpa_fiche *follow_fiche_link(struct tui *t, const struct adpa_link *l)
{
	const struct adpa_fiche *f = adpa_course_find(t->course, l->target);
	if (!f)
		tui_message(t, true, "La fiche « %s » n’existe pas dans ce cours", l->target);
	return f;
}
