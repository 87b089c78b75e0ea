/*
 * The theme (theme.c: semantic roles and styles to curses attributes, the
 * only place that knows colours) and drawing on stdscr (draw.c).
 */
#ifndef ADPA_TUI_DRAW_H
#define ADPA_TUI_DRAW_H

#include "tui_session.h"

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

#endif
