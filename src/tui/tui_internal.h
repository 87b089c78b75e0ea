/*
 * What the files of the interface share: the state of a session (struct tui),
 * the view table every screen fills in, key tables, the theme, drawing
 * helpers, and two widgets (a list and a document pager).
 *
 * Screen layout, for every view: row 0 is the header bar, the last row is the
 * status line (drawn by tui.c from the view's status callback, a message or
 * a prompt), the rows between belong to the view. A message or a prompt too
 * long for one row takes a few more rows from the bottom of the view, for
 * as long as it is shown.
 */
#ifndef ADPA_TUI_INTERNAL_H
#define ADPA_TUI_INTERNAL_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "adpa/adpa.h"
#include "tui.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 10
#define TUI_MAX_DEPTH 16   /* views stacked at most */
#define TUI_TEXT_WIDTH 100 /* a rendered fiche is never wider, for readability */

/* --- commands and key tables (keys.c) --- */

enum cmd {
	CMD_NONE,
	CMD_QUIT,
	CMD_HELP,
	CMD_REDRAW,
	CMD_UP,
	CMD_DOWN,
	CMD_HALF_UP,
	CMD_HALF_DOWN,
	CMD_PAGE_UP,
	CMD_PAGE_DOWN,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_OPEN,
	CMD_BACK,
	CMD_ESCAPE,
	CMD_NEXT,
	CMD_PREV,
	CMD_TOC,
	CMD_LINK_NEXT,
	CMD_LINK_PREV,
	CMD_SEARCH,
	CMD_MATCH_NEXT,
	CMD_MATCH_PREV,
	CMD_ABOUT,
	CMD_QUIZ,     /* take the quiz of the fiche */
	CMD_MARK,     /* mark read / not read */
	CMD_PROGRESS, /* the progress screen */
	CMD_LEARNER,  /* switch learner */
	CMD_SHUFFLE,  /* shuffle quiz choices or not */
	CMD_REVIEW,   /* a review session: the questions due */
	CMD_PATHS,    /* the learner's paths (« Parcours ») */
	CMD_PATH_ADD, /* add the fiche to a path */
	CMD_CONTINUE, /* open a path's next unfinished fiche */
	CMD_NEW,      /* a new path */
	CMD_REMOVE,   /* remove the fiche from the path */
	CMD_MOVE_UP,  /* move the fiche up in the path */
	CMD_MOVE_DOWN,
	CMD_RENAME,
	CMD_DELETE,
	CMD_FILTER,   /* filter a list */
	CMD_BOOKMARK, /* bookmark the place read */
	CMD_NOTE,     /* write the fiche's note */
	CMD_MARKS,    /* the bookmarks and notes screen */
	CMD_GLOSSARY, /* the glossary (« Lexique ») */
	CMD_KEYWORDS, /* the fiche's keywords, to their glossary entries */
	CMD_SELECT,   /* choose (or tick) the quiz choice under the cursor */
	CMD_RETRY,    /* take the quiz again */
	CMD_CHOICE_1, /* ... to CMD_CHOICE_1 + 8: a quiz choice by its number */
	CMD_CHOICE_9 = CMD_CHOICE_1 + 8,
	/* made by the loop from mouse events, never bound to a key */
	CMD_CLICK,
	CMD_WHEEL_UP,
	CMD_WHEEL_DOWN
};

/* One binding. help is NULL on the second and later keys of a command: the
 * help screen lists every key of a command on the line of its first one. */
struct key_def {
	int key; /* a character, or a KEY_* code when fn */
	bool fn;
	enum cmd cmd;
	const char *help;
};

struct key_table {
	const char *title; /* section title in the help screen */
	const struct key_def *defs;
	size_t n;
};

#define KEY_TABLE(title, defs)                                                                     \
	{                                                                                          \
		title, defs, sizeof defs / sizeof defs[0]                                          \
	}
#define CTRL_KEY(c) ((c)&0x1f)

extern const struct key_table keys_global;
extern const struct key_table keys_list;
extern const struct key_table keys_scroll;
extern const struct key_table keys_pager;
extern const struct key_table keys_back;
extern const struct key_table keys_page;

/* The command bound to a key in tables (NULL-terminated), then in keys_global. */
enum cmd keys_lookup(const struct key_table *const *tables, int key, bool fn);
/* How the help screen names a key: "↓", "Ctrl-D", "Espace". */
const char *keys_name(int key, bool fn, bool utf8, char *buf, size_t n);

/* --- the session and its views (tui.c) --- */

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

struct glyphs {
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

struct tui {
	struct adpa_course *course;
	const struct glyphs *g;
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
		const char *label;
		wchar_t buf[1024]; /* room for a note */
		size_t len;
		prompt_fn done;
		void *st;
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
	bool many_learners;       /* the file holds other learners: show who reads */
	struct adpa_summary *sum; /* statuses and tallies, kept fresh */
	int64_t last_tick;        /* for active reading time */
	size_t tick_fiche;
	size_t review_due;   /* questions due for review (at the last refresh) */
	size_t review_total; /* questions in review, due or not */
	int64_t review_next; /* when the next one not yet due is due, or 0 */

	/* adding a fiche to a path (view_paths.c), kept across its prompts */
	struct {
		size_t fiche;
		int64_t path;
		char label[512];
	} padd;

	/* the question of a yes/no prompt (the prompt keeps a pointer to it) */
	char ask[512];

	/* a quiz left before its end, to resume (view_quiz.c), or NULL */
	void *quiz_paused;

	/* search (view_search.c): the index, opened on the first search */
	struct adpa_search *search;
	const char *search_cache; /* its cache file, or NULL: in memory */
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
/* True for a yes typed at an (o/n) prompt: o, oui (or y). */
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

/* --- theme (theme.c) --- */

enum role {
	ROLE_TEXT,
	ROLE_HEADER,
	ROLE_STATUS,
	ROLE_SELECT,
	ROLE_DIM,
	ROLE_TITLE,
	ROLE_BAR,
	ROLE_ERROR,
	ROLE_LINK_SEL,
	ROLE_MATCH_CUR,
	ROLE_KEY,
	ROLE_SECTION,
	ROLE_HIT, /* a matched word in a search result: never colour alone */
	ROLE_COUNT
};

/* Picks the mode (NO_COLOR, has_colors, COLORS) and sets up colour pairs. */
void theme_init(struct tui *t);
/* Attributes for a set of ADPA_STYLE_* bits. */
attr_t theme_style(const struct tui *t, unsigned styles);
attr_t theme_role(const struct tui *t, enum role r);

/* --- the terminal's background (termbg.c) --- */

/* True when the colours should suit a light background: theme when it is
 * not auto, else $COLORFGBG, else the terminal's answer to OSC 11 (asked on
 * in/out before curses starts, at most 200 ms), else false. */
bool termbg_light(enum tui_theme theme, int in, int out);
/* 1 (light), 0 (dark) or -1 (none) for a reply holding "]11;rgb:R/G/B". */
int termbg_parse_osc11(const char *reply);

/* --- drawing on stdscr (draw.c) --- */

/* Draws s[0..len) at (y, x) in at most maxw cells; returns the cells used.
 * In a non-UTF-8 locale every character is drawn as one ASCII one. */
int draw_text(const struct tui *t, int y, int x, const char *s, size_t len, attr_t a, int maxw);
/* Same for a C string, ending with an ellipsis when it does not fit. */
int draw_fit(const struct tui *t, int y, int x, const char *s, attr_t a, int maxw);
/* n blanks in attribute a. */
void draw_blank(int y, int x, int n, attr_t a);
/* The header bar: left is cut with an ellipsis, right kept when room. */
void draw_header(const struct tui *t, const char *left, const char *right);
/* A progress bar of w cells, done out of total. */
void draw_bar(const struct tui *t, int y, int x, int w, size_t done, size_t total);

/* Byte ranges of a line drawn over its own styles (search matches). */
struct hl {
	size_t off, len;
	attr_t attr;
};

/* A rendered line at (y, x), clipped to maxw, cleared to the end of the row.
 * Spans of link sel_link (or -1) are drawn selected. */
void draw_line(const struct tui *t, int y, int x, const struct adpa_line *l, int maxw, int sel_link,
               const struct hl *hl, size_t nhl);

/* text wrapped at spaces in rows of w cells from column 1, in attribute a
 * over whole rows, its last row at y_last; at most max rows (the last one
 * ends with an ellipsis when text needs more). Returns the rows used. */
int draw_wrapped(const struct tui *t, int y_last, const char *text, attr_t a, int w, int max);
/* The rows draw_wrapped would use. */
int wrapped_rows(const struct tui *t, const char *text, int w, int max);

/* Display width of a C string (cells). */
int text_cells(const char *s);

/* --- list widget (list.c) --- */

struct list {
	size_t n, sel, top;
	int (*height)(const void *ctx, size_t i); /* rows of item i (>= 1) */
	void (*draw)(struct tui *t, const void *ctx, size_t i, int y, bool sel);
	const void *ctx;
};

/* Moves the selection for a movement command; false when cmd is not one. */
bool list_cmd(struct list *l, enum cmd cmd, int h);
/* Draws the items from row y0, h rows; keeps the selection visible. */
void list_draw(struct tui *t, struct list *l, int y0, int h);
/* The item at screen row y (after list_draw at y0, h), or (size_t)-1. */
size_t list_hit(const struct list *l, int y0, int h, int y);
/* True when cmd opens the selected item: Enter, or a click on an item
 * (which selects it first). */
bool list_opens(struct list *l, const struct tui *t, enum cmd cmd, int y0, int h);

/* --- document pager (pager.c): a scrolling view of rendered lines --- */

struct place {
	int src;    /* a source line (0: the lines before the body) */
	long delta; /* rows from the first screen line of src */
};

/* A match from byte off of line to byte end_off of end_line (a phrase can
 * wrap onto the next rows). */
struct match {
	size_t line, off;
	size_t end_line, end_off;
};

struct pager {
	struct adpa_doc *pre[2]; /* title and meta lines, owned; may be NULL */
	struct adpa_doc *body;   /* owned; links and headings come from it */
	const struct adpa_line **lines;
	size_t nlines, base; /* base: index of the body's first line */
	size_t top;
	int sel_link; /* index in body->links, or -1 */
	int y0, h, x0, w;

	char *pattern; /* the last search, or NULL */
	struct match *m;
	size_t nm, cur; /* cur: the current match, (size_t)-1 when none */
};

/* Takes ownership of the documents (any may be NULL) and keeps the search. */
void pager_set(struct pager *p, struct adpa_doc *title, struct adpa_doc *meta,
               struct adpa_doc *body);
void pager_free(struct pager *p);
void pager_geometry(struct pager *p, int y0, int h, int x0, int w);
void pager_draw(struct tui *t, struct pager *p);
/* Scrolling, links and matches; false when cmd is not one of those. */
bool pager_cmd(struct tui *t, struct pager *p, enum cmd cmd);
void pager_search(struct tui *t, struct pager *p, const char *pattern);
void pager_clear_search(struct pager *p);
/* A prompt_fn searching the pager given as st: tui_prompt(t, "/", pager_prompt_search, p). */
void pager_prompt_search(struct tui *t, void *pager, const char *text);
struct place pager_place(const struct pager *p);
void pager_goto_place(struct pager *p, struct place pl);
/* Puts doc line (index in p->lines) at the top, as far as the end allows. */
void pager_goto_line(struct pager *p, size_t line);
void pager_status(const struct tui *t, const struct pager *p, struct status *s);
/* True when the last line of the document is on screen. */
bool pager_at_end(const struct pager *p);
/* The selected link, or NULL. */
const struct adpa_link *pager_link(const struct pager *p);
/* Selects the link drawn at screen (y, x); false when there is none. */
bool pager_click(struct pager *p, int y, int x);

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
/* Switches to learner name (created when new). */
void progress_switch(struct tui *t, const char *name);
/* A core error's kind in French, for the screen (the core's messages are
 * English, for the command line and logs). */
const char *tui_reason(enum adpa_errcode code);
/* Reports a store failure (err) in the status line; returns rc. */
int progress_check(struct tui *t, int rc, const struct adpa_error *err);
/* When (a time in seconds) said in words from now: « demain »,
 * « après-demain », « le 5 décembre », « aujourd’hui à 15 h 20 ». */
void progress_when(const struct tui *t, int64_t when, char *buf, size_t n);
/* The time: $ADPA_NOW (tests) or the clock. */
int64_t tui_now(void);

/* --- a scrolling page of prepared lines (page.c): quiz, progress --- */

struct page_line {
	char *text;
	attr_t attr;
	int indent;
	size_t fiche; /* a fiche the line opens on Enter, or (size_t)-1 */
};

struct page {
	struct page_line *v;
	size_t n, cap, top, sel; /* sel: a line with a fiche, (size_t)-1 when none */
	int width;
};

/* Adds text wrapped to the page width less indent (each wrapped line keeps
 * attr and fiche). */
void page_add(struct page *pg, const struct tui *t, const char *text, attr_t attr, int indent,
              size_t fiche);
void page_clear(struct page *pg);
/* page_clear, and the lines' storage too. */
void page_free(struct page *pg);
void page_draw(struct tui *t, struct page *pg, int y0, int h);
/* Scrolling and moving between fiche lines; false when cmd is not one. */
bool page_cmd(struct page *pg, enum cmd cmd, int h);
/* "l. 3–22/40" when the page is longer than h rows, else "". */
void page_position(const struct tui *t, const struct page *pg, int h, char *buf, size_t n);

/* --- views --- */

void view_home_open(struct tui *t);
void view_rubric_open(struct tui *t, size_t rubric);
/* Opens the reader on fiche index i of course->fiches, at place pl (or the
 * top when pl is NULL). */
void view_reader_open(struct tui *t, size_t i, const struct place *pl);
/* The reader on fiche i, in place of the reader on top (if that is one). */
void view_reader_goto(struct tui *t, size_t i);
/* Opens the reader on fiche i from its top, with the in-fiche search set to
 * query (or to its first word found when the whole query is not) and the
 * first match on screen. */
void view_reader_open_search(struct tui *t, size_t i, const char *query);
void view_about_open(struct tui *t);
void view_toc_open(struct tui *t, struct pager *p);
void view_help_open(struct tui *t, const struct view *of);
/* The quiz of fiche i, one question per screen; a quiz of i left unfinished
 * in this session resumes at the question left. */
void view_quiz_open(struct tui *t, size_t i);
/* Frees the quiz left unfinished, if any (at the end, or another learner). */
void quiz_paused_free(struct tui *t);
/* A review session: the questions due, one per screen, as in a quiz. */
void view_review_open(struct tui *t);
void view_progress_open(struct tui *t);
/* « Signets et notes »: the learner's bookmarks and notes in the course. */
void view_marks_open(struct tui *t);
/* From the reader (view_marks.c): a bookmark of fiche i at source line
 * line, and its note set (text "" deletes) or edited, in $VISUAL/$EDITOR
 * when set, else in the prompt (done gets the text, with st). */
void marks_bookmark(struct tui *t, size_t fiche, int line, const char *label);
void marks_note_set(struct tui *t, size_t fiche, const char *text);
void marks_note_edit(struct tui *t, size_t fiche, prompt_fn done, void *st);
/* The learner's paths and the course's suggested ones (view_paths.c). */
void view_paths_open(struct tui *t);
/* Adds fiche i to one of the learner's paths: asks which (or a name for a
 * new one), then offers to add its missing prerequisites before it. */
void paths_add_fiche(struct tui *t, size_t i);
/* The course search (Home and rubric: /): a prompt, then the results view. */
void view_search_prompt(struct tui *t);
/* The glossary (view_glossary.c): every term, or (from the reader) the
 * glossary entries of fiche i's keywords. */
void view_glossary_open(struct tui *t);
void view_glossary_keywords(struct tui *t, size_t i);

/* The link's fiche, after a message when it is unknown (reader and about). */
const struct adpa_fiche *follow_fiche_link(struct tui *t, const struct adpa_link *l);
/* Render options for text width w (ASCII in a non-UTF-8 locale). */
struct adpa_render_opts tui_render_opts(const struct tui *t, int w, int line_offset);
/* The width documents are laid out at for the current terminal. */
int tui_text_width(const struct tui *t);
/* Columns lists use for right-aligned figures: the screen, at most a
 * document's width (on a wide terminal, figures stay near their titles). */
int tui_content_cols(const struct tui *t);

#endif
