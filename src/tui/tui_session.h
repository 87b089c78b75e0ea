/*
 * The state of a session (struct tui) and the view table every screen fills
 * in (tui.c), the status-line prompt (prompt.c), and the store seen from the
 * interface (progress.c).
 *
 * Screen layout, for every view: row 0 is the header bar, the last row is the
 * status line (drawn by tui.c from the view's status callback, a message or
 * a prompt), the rows between belong to the view. A message or a prompt too
 * long for one row takes a few more rows from the bottom of the view, for
 * as long as it is shown.
 *
 * struct tui holds what the whole session shares; a feature's own state
 * lives in its view (or in the prompt's st while a question is open).
 */
#ifndef ADPA_TUI_SESSION_H
#define ADPA_TUI_SESSION_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "adpa/adpa.h"
#include "tui.h"
#include "tui_keys.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 10
#define TUI_MAX_DEPTH 16   /* views stacked at most */
#define TUI_TEXT_WIDTH 100 /* a rendered fiche is never wider, for readability */

struct tui;

/* The status line a view asks for: text on the left, a key hint on the
 * right (dropped when there is no room). url, when set, names a URL shown at
 * byte url_off of left: it is then written as an OSC 8 hyperlink. */
struct status {
	char left[512];
	char right[128];
	const char *url;
	size_t url_off;
};

/* A screen. st is the view's own state, made by its open function and freed
 * by leave. Views draw on stdscr, never call refresh or endwin. */
struct view {
	const char *name;                       /* the help screen's title */
	const struct key_table *const *keys;    /* NULL-terminated; keys_global is implied */
	const char *notes;                      /* shown at the end of its help screen, or NULL */
	void (*enter)(struct tui *t, void *st); /* became the top view (pushed or uncovered) */
	void (*leave)(struct tui *t, void *st); /* popped: frees st */
	void (*draw)(struct tui *t, void *st);  /* rows 0 .. rows-2 */
	void (*status)(struct tui *t, void *st, struct status *s);
	void (*key)(struct tui *t, void *st, enum cmd cmd);
	void (*resize)(struct tui *t, void *st);
};

struct tui_glyphs {
	const char *sel; /* the selected row's mark */
	const char *sep; /* breadcrumb separator */
	const char *unread, *read;
	const char *bar_full, *bar_empty;
	const char *ellipsis;
	const char *arrow; /* "→" */
	const char *dash;  /* "–" in ranges */
};

enum theme_mode { THEME_MONO, THEME_8, THEME_256 };

struct frame {
	const struct view *v;
	void *st;
};

typedef void (*prompt_fn)(struct tui *t, void *st, const char *text);

/* Texts entered at a prompt, oldest first, for ↑ and ↓ (prompt.c). */
struct prompt_history {
	char **v;
	size_t n, cap;
};

/* What a prompt does besides done on Enter (any may be NULL). */
struct prompt_opts {
	prompt_fn done;
	/* the text changed and typing paused (TUI_PROMPT_PAUSE ms): results
	 * as you type */
	prompt_fn change;
	void (*cancel)(struct tui *t, void *st); /* Escape */
	void (*drop)(void *st);                  /* frees st when the prompt closes */
	struct prompt_history *history;          /* ↑ ↓ recall from it */
};

#define TUI_PROMPT_PAUSE 150 /* ms */

struct tui {
	struct adpa_course *course;
	const struct tui_glyphs *g;
	bool utf8, mouse, osc8;
	bool italic; /* the terminal can show italics (sitm) */
	bool light;  /* colours for a light background (--theme, termbg.c) */
	enum theme_mode theme;
	int rows, cols;
	bool too_small;

	struct frame stack[TUI_MAX_DEPTH];
	int depth;

	/* a message replacing the view's status until the next key */
	char msg[1024];
	bool msg_error;
	char *msg_url; /* a URL shown in msg, for OSC 8 */
	size_t msg_url_off;

	struct {
		bool active;
		char label[512];   /* a copy: the caller's text may go */
		wchar_t buf[1024]; /* room for a note */
		size_t len;
		void *st;
		struct prompt_opts o;
		size_t hpos; /* the history entry shown, or o.history->n: none */
		long due;    /* when o.change is to run (monotonic ms), or 0 */
	} prompt;

	int mouse_y, mouse_x; /* of the last CMD_CLICK */
	bool quit;

	/* the last fiche read, for « Reprendre » (from the store at start) */
	size_t last_fiche; /* (size_t)-1: none */
	int last_src;
	long last_delta;

	/* progress (progress.c) */
	struct adpa_store *store; /* NULL: not saved, store_error says why */
	char store_error[512];
	char learner_name[128];
	int64_t learner;
	bool many_learners; /* the file holds other learners: show who reads */
	/* the first launch (view_welcome.c): WELCOME_ASK, nobody is reading
	 * yet (t->learner 0) until a name is given; WELCOME_NEW, the learner
	 * named by --learner is new to the file */
	enum { WELCOME_NONE, WELCOME_NEW, WELCOME_ASK } welcome;
	const char *db_path;      /* the progress file, for messages */
	struct adpa_summary *sum; /* statuses and tallies, kept fresh */
	int64_t last_tick;        /* for active reading time */
	size_t tick_fiche;
	size_t review_due;   /* questions due for review (at the last refresh) */
	size_t review_total; /* questions in review, due or not */
	int64_t review_next; /* when the next one not yet due is due, or 0 */

	/* the question of a yes/no prompt */
	char ask[512];

	/* a quiz left before its end, to resume (view_quiz.c), or NULL */
	void *quiz_paused;

	/* search (view_search.c): the index, opened on the first search */
	struct tui_search *search; /* view_search.c's, NULL until the first search */
	const char *search_cache;  /* the index's cache file, or NULL: in memory */
};

/* Pushes a view whose state st is already made; its enter runs. Returns -1
 * (and frees st through leave) when the stack is full. */
int tui_push(struct tui *t, const struct view *v, void *st);
/* Pops the top view (leave runs) and enters the one below. */
void tui_pop(struct tui *t);
/* Shows text in the status line at once, before a long task (the next
 * frame replaces it). */
void tui_busy(struct tui *t, const char *text);
/* Sets the status message (printf-style). */
void tui_message(struct tui *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Shows url after text in the status line, as a hyperlink when enabled. */
void tui_message_url(struct tui *t, const char *text, const char *url);
/* Rows a long message or prompt may take at the bottom of the screen. */
int status_max_rows(const struct tui *t);
/* Opens the one-line prompt in the status line; done gets the text on Enter
 * (not called on Escape). */
void tui_prompt(struct tui *t, const char *label, prompt_fn done, void *st);
/* Same, the prompt owning st: drop(st) runs when it closes (Enter, Escape,
 * end of session), unless done opened a new prompt on the same st, which
 * then owns it. For a question asked in several steps (paths_add_fiche). */
void tui_prompt_owned(struct tui *t, const char *label, prompt_fn done, void *st,
                      void (*drop)(void *st));
/* The general form: o says what runs when (copied). */
void tui_prompt_with(struct tui *t, const char *label, const struct prompt_opts *o, void *st);
/* Closes the prompt without calling done (drop runs, not cancel). */
void tui_prompt_close(struct tui *t);
/* Milliseconds until a pending change callback is due, or -1: the loop
 * waits for a key no longer than that. */
int tui_prompt_wait(const struct tui *t);
/* Runs the change callback when due; true when it ran (redraw). */
bool tui_prompt_tick(struct tui *t);
/* Adds text to h (not twice in a row, not empty); at most 100 kept. */
void prompt_history_add(struct prompt_history *h, const char *text);
void prompt_history_free(struct prompt_history *h);
/* A yes to an (o/n) question: o, oui (or y). */
bool tui_yes(const char *text);
/* A key while the prompt is open (prompt.c). */
void tui_prompt_key(struct tui *t, int r, wint_t ch);
/* Draws the prompt in the status line and places the cursor (prompt.c). */
void tui_prompt_draw(struct tui *t);
/* Puts UTF-8 text in the prompt just opened (a value to edit); false, the
 * prompt left empty, when it does not fit or holds a line break. */
bool tui_prompt_fill(struct tui *t, const char *text);
/* Runs editor (a shell command line, from $VISUAL or $EDITOR) on a private
 * temporary file holding text, curses suspended meanwhile (editor.c).
 * Returns the file's text afterwards (caller frees; a final line break
 * dropped), or NULL after a message when the editor failed. */
char *tui_edit_external(struct tui *t, const char *editor, const char *text);

/* --- progress (progress.c): the store seen from the interface --- */

void progress_init(struct tui *t, const struct tui_opts *o);
void progress_fini(struct tui *t);
/* Recomputes t->sum (after a change, when a list comes back into view).
 * updates: also tell which read fiches changed since (it reads them: only
 * for the screens that show « maj », never at start-up). */
void progress_refresh(struct tui *t, bool updates);
/* The state of fiche i (course order). */
const struct adpa_fiche_state *progress_of(const struct tui *t, size_t i);
/* The mark of a status: one character, never colour alone. */
const char *progress_mark(const struct tui *t, enum adpa_status s);
/* Reading events; each is written at once. Failures show « progression non
 * enregistrée » with the reason, and reading goes on. */
void progress_opened(struct tui *t, size_t fiche);
void progress_position(struct tui *t, size_t fiche, int src);
void progress_tick(struct tui *t, size_t fiche); /* a key while reading: active time */
void progress_mark_read(struct tui *t, size_t fiche, bool read, const char *body, size_t len);
/* Switches to learner name (created when new); a half-done quiz stays its
 * learner's (view_quiz.c). false, after a message saying why, when the
 * name cannot be a learner's (adpa_learner_name_clean) or nothing is saved. */
bool progress_switch(struct tui *t, const char *name);
/* Reports a store failure (err) in the status line; returns rc. */
/* A core error's kind in French, for the screen (the core's messages are
 * English, for the command line and logs). */
const char *tui_reason(enum adpa_errcode code);
int progress_check(struct tui *t, int rc, const struct adpa_error *err);
/* When (a time in seconds) said in words from now: « demain »,
 * « après-demain », « le 5 décembre », « aujourd’hui à 15 h 20 ». */
void progress_when(const struct tui *t, int64_t when, char *buf, size_t n);
/* The time: $ADPA_NOW (tests) or the clock. */
int64_t tui_now(void);

/* The course's id for the store ("" when it has none). */
const char *tui_course_id(const struct tui *t);
/* Render options for text width w (ASCII in a non-UTF-8 locale). */
struct adpa_render_opts tui_render_opts(const struct tui *t, int w, int line_offset);
/* The width documents are laid out at for the current terminal. */
int tui_text_width(const struct tui *t);
/* Columns lists use for right-aligned figures: the screen, at most a
 * document's width (on a wide terminal, figures stay near their titles). */
int tui_content_cols(const struct tui *t);

#endif
