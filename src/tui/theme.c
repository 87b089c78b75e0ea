/*
 * The one theme table: for each semantic style (the renderer's ADPA_STYLE_*
 * bits, then the interface's roles) the attributes in monochrome, on 8
 * colours and on 256 colours, with colours for a dark and for a light
 * background (--theme; t->light). Nothing else in the interface names a
 * colour.
 *
 * Meaning never rests on colour alone: every entry keeps a non-colour
 * attribute (bold, underline, reverse) or goes with a visible mark, so the
 * monochrome column is the reference and colour only adds. NO_COLOR (set and
 * not empty, see no-color.org) selects monochrome. Colours keep the
 * terminal's own background (use_default_colors); pair n+1 is entry n.
 */
#include <stdlib.h>
#include <string.h>

#include "tui_draw.h"

#define NONE (-1)
#define K COLOR_BLACK
#define R COLOR_RED
#define G COLOR_GREEN
#define Y COLOR_YELLOW
#define B COLOR_BLUE
#define M COLOR_MAGENTA
#define C COLOR_CYAN
#define W COLOR_WHITE

/* A colour pair: foreground and background (NONE: the terminal's own). */
struct pair {
	short fg, bg;
};

/* [0] for a dark background, [1] for a light one. Every colour given is
 * at least 4.5:1 (WCAG AA) against the background it is drawn on (its own,
 * or black for [0] and white for [1]) in xterm's palette: tests/tui/theme_contrast.c
 * checks this table. */
struct theme_entry {
	const char *name;
	attr_t mono, a8, a256;
	struct pair c8[2], c256[2];
};

#define NENTRIES (ADPA_STYLE_COUNT + ROLE_COUNT)
#define DEF                                                                                        \
	{                                                                                          \
		NONE, NONE                                                                         \
	}

static const struct theme_entry table[NENTRIES] = {
    /* document styles, in ADPA_STYLE_* bit order */
    {"h1",
     A_BOLD | A_UNDERLINE,
     A_BOLD,
     A_BOLD,
     {{C, NONE}, {M, NONE}},
     {{170, NONE}, {127, NONE}}},
    {"h2", A_BOLD, A_BOLD, A_BOLD, {{G, NONE}, {B, NONE}}, {{38, NONE}, {25, NONE}}},
    {"h3", A_BOLD, A_BOLD, A_BOLD, {DEF, DEF}, {DEF, DEF}},
    {"strong", A_BOLD, A_BOLD, A_BOLD, {DEF, DEF}, {DEF, DEF}},
    {"emph", A_ITALIC, A_ITALIC, A_ITALIC, {DEF, DEF}, {DEF, DEF}},
    {"code", A_BOLD, 0, 0, {{Y, NONE}, {M, NONE}}, {{179, NONE}, {94, NONE}}},
    {"codeblock", 0, 0, 0, {{Y, NONE}, {M, NONE}}, {{179, NONE}, {94, NONE}}},
    {"link",
     A_UNDERLINE,
     A_UNDERLINE,
     A_UNDERLINE,
     {{C, NONE}, {B, NONE}},
     {{75, NONE}, {26, NONE}}},
    {"quote", A_DIM, A_DIM, 0, {DEF, DEF}, {{245, NONE}, {241, NONE}}},
    {"marker", A_BOLD, 0, 0, {{C, NONE}, {B, NONE}}, {{38, NONE}, {25, NONE}}},
    {"rule", A_DIM, A_DIM, 0, {DEF, DEF}, {{244, NONE}, {243, NONE}}},
    {"image", A_ITALIC, A_ITALIC, A_ITALIC, {{G, NONE}, {M, NONE}}, {{140, NONE}, {91, NONE}}},
    {"html", A_DIM, A_DIM, 0, {DEF, DEF}, {{245, NONE}, {241, NONE}}},
    {"ref", A_DIM, A_DIM, 0, {DEF, {B, NONE}}, {{244, NONE}, {241, NONE}}},
    {"cut", A_DIM, A_DIM, 0, {DEF, DEF}, {{244, NONE}, {243, NONE}}},
    {"match", A_REVERSE, 0, 0, {{K, Y}, {K, Y}}, {{16, 222}, {16, 222}}},
    /* interface roles, in enum role order */
    {"text", 0, 0, 0, {DEF, DEF}, {DEF, DEF}},
    {"header", A_REVERSE | A_BOLD, A_BOLD, A_BOLD, {{W, B}, {W, B}}, {{255, 24}, {255, 24}}},
    /* plain reverse in every mode: the OSC 8 rewrite of a URL relies on it */
    {"status", A_REVERSE, A_REVERSE, A_REVERSE, {DEF, DEF}, {DEF, DEF}},
    {"select", A_REVERSE, A_REVERSE, A_REVERSE, {DEF, DEF}, {DEF, DEF}},
    {"dim", 0, A_DIM, 0, {DEF, DEF}, {{246, NONE}, {241, NONE}}},
    {"title", A_BOLD, A_BOLD, A_BOLD, {{C, NONE}, {M, NONE}}, {{170, NONE}, {127, NONE}}},
    {"bar", A_BOLD, A_BOLD, 0, {{G, NONE}, {B, NONE}}, {{71, NONE}, {28, NONE}}},
    {"error", A_BOLD, A_BOLD, A_BOLD, {{W, R}, {R, NONE}}, {{203, NONE}, {160, NONE}}},
    {"link-selected",
     A_REVERSE | A_UNDERLINE,
     A_REVERSE | A_UNDERLINE,
     A_REVERSE | A_UNDERLINE,
     {DEF, DEF},
     {DEF, DEF}},
    {"match-current",
     A_REVERSE | A_BOLD | A_UNDERLINE,
     A_BOLD,
     A_BOLD,
     {{K, G}, {K, G}},
     {{16, 208}, {16, 208}}},
    {"key", A_BOLD, A_BOLD, A_BOLD, {{C, NONE}, {B, NONE}}, {{38, NONE}, {25, NONE}}},
    {"section",
     A_BOLD | A_UNDERLINE,
     A_BOLD | A_UNDERLINE,
     A_BOLD | A_UNDERLINE,
     {DEF, DEF},
     {DEF, DEF}},
    /* underlined in every mode: it shows inside a selected (reverse) row too */
    {"search-hit",
     A_BOLD | A_UNDERLINE,
     A_UNDERLINE,
     A_UNDERLINE,
     {{K, Y}, {K, Y}},
     {{16, 222}, {16, 222}}},
};

static const struct pair *colours(const struct theme_entry *e, enum theme_mode m, bool light)
{
	return m == THEME_8 ? &e->c8[light] : m == THEME_256 ? &e->c256[light] : NULL;
}

static bool has_colour(const struct theme_entry *e, enum theme_mode m, bool light)
{
	const struct pair *c = colours(e, m, light);
	return c && (c->fg != NONE || c->bg != NONE);
}

void theme_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	t->theme = THEME_MONO;
	if ((nc && *nc) || !has_colors() || start_color() == ERR)
		return;
	t->theme = COLORS >= 256 ? THEME_256 : THEME_8;
	bool dflt = use_default_colors() == OK;
	for (int i = 0; i < NENTRIES; i++) {
		const struct theme_entry *e = &table[i];
		if (!has_colour(e, t->theme, t->light))
			continue;
		struct pair c = *colours(e, t->theme, t->light);
		if (!dflt) {
			c.fg = c.fg == NONE ? (t->light ? COLOR_BLACK : COLOR_WHITE) : c.fg;
			c.bg = c.bg == NONE ? (t->light ? COLOR_WHITE : COLOR_BLACK) : c.bg;
		}
		init_pair((short)(i + 1), c.fg, c.bg);
	}
}

static attr_t entry_attr(const struct tui *t, int i, bool *coloured)
{
	const struct theme_entry *e = &table[i];
	attr_t a = t->theme == THEME_MONO ? e->mono : t->theme == THEME_8 ? e->a8 : e->a256;
	/* without italics the terminal would show emphasis as plain text */
	if ((a & A_ITALIC) && !t->italic)
		a = (a & ~A_ITALIC) | A_UNDERLINE;
	*coloured = has_colour(e, t->theme, t->light);
	return a;
}

attr_t theme_style(const struct tui *t, unsigned styles)
{
	attr_t a = 0;
	int pair = 0;
	for (int i = 0; i < ADPA_STYLE_COUNT; i++) {
		if (!(styles & (1u << i)))
			continue;
		bool coloured;
		a |= entry_attr(t, i, &coloured);
		if (coloured) /* later bits win: a match over a link shows as a match */
			pair = i + 1;
	}
	return a | (attr_t)COLOR_PAIR(pair);
}

attr_t theme_role(const struct tui *t, enum role r)
{
	bool coloured;
	int i = ADPA_STYLE_COUNT + (int)r;
	attr_t a = entry_attr(t, i, &coloured);
	return a | (attr_t)COLOR_PAIR(coloured ? i + 1 : 0);
}
