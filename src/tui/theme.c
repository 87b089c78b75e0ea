/*
 * The one theme table: for each semantic style (the renderer's ADPA_STYLE_*
 * bits, then the interface's roles) the attributes in monochrome, on 8
 * colours and on 256 colours. Nothing else in the interface names a colour.
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

struct theme_entry {
	const char *name;
	attr_t mono;
	short fg8, bg8;
	attr_t a8;
	short fg256, bg256;
	attr_t a256;
};

#define NENTRIES (ADPA_STYLE_COUNT + ROLE_COUNT)

static const struct theme_entry table[NENTRIES] = {
    /* document styles, in ADPA_STYLE_* bit order */
    {"h1", A_BOLD | A_UNDERLINE, COLOR_MAGENTA, NONE, A_BOLD, 170, NONE, A_BOLD},
    {"h2", A_BOLD, COLOR_CYAN, NONE, A_BOLD, 38, NONE, A_BOLD},
    {"h3", A_BOLD, NONE, NONE, A_BOLD, NONE, NONE, A_BOLD},
    {"strong", A_BOLD, NONE, NONE, A_BOLD, NONE, NONE, A_BOLD},
    {"emph", A_ITALIC, NONE, NONE, A_ITALIC, NONE, NONE, A_ITALIC},
    {"code", A_BOLD, COLOR_YELLOW, NONE, 0, 179, NONE, 0},
    {"codeblock", 0, COLOR_YELLOW, NONE, 0, 179, NONE, 0},
    {"link", A_UNDERLINE, COLOR_BLUE, NONE, A_UNDERLINE, 75, NONE, A_UNDERLINE},
    {"quote", A_DIM, NONE, NONE, A_DIM, 245, NONE, 0},
    {"marker", A_BOLD, COLOR_CYAN, NONE, 0, 38, NONE, 0},
    {"rule", A_DIM, NONE, NONE, A_DIM, 242, NONE, 0},
    {"image", A_ITALIC, COLOR_MAGENTA, NONE, A_ITALIC, 140, NONE, A_ITALIC},
    {"html", A_DIM, NONE, NONE, A_DIM, 245, NONE, 0},
    {"ref", A_DIM, COLOR_BLUE, NONE, 0, 244, NONE, 0},
    {"cut", A_DIM, NONE, NONE, A_DIM, 242, NONE, 0},
    {"match", A_REVERSE, COLOR_BLACK, COLOR_YELLOW, 0, 16, 222, 0},
    /* interface roles, in enum role order */
    {"text", 0, NONE, NONE, 0, NONE, NONE, 0},
    {"header", A_REVERSE | A_BOLD, COLOR_WHITE, COLOR_BLUE, A_BOLD, 255, 24, A_BOLD},
    /* plain reverse in every mode: the OSC 8 rewrite of a URL relies on it */
    {"status", A_REVERSE, NONE, NONE, A_REVERSE, NONE, NONE, A_REVERSE},
    {"select", A_REVERSE, NONE, NONE, A_REVERSE, NONE, NONE, A_REVERSE},
    {"dim", 0, NONE, NONE, A_DIM, 246, NONE, 0},
    {"title", A_BOLD, COLOR_MAGENTA, NONE, A_BOLD, 170, NONE, A_BOLD},
    {"bar", A_BOLD, COLOR_GREEN, NONE, A_BOLD, 71, NONE, 0},
    {"error", A_BOLD, COLOR_RED, NONE, A_BOLD, 203, NONE, A_BOLD},
    {"link-selected", A_REVERSE | A_UNDERLINE, NONE, NONE, A_REVERSE | A_UNDERLINE, NONE, NONE,
     A_REVERSE | A_UNDERLINE},
    {"match-current", A_REVERSE | A_BOLD | A_UNDERLINE, COLOR_BLACK, COLOR_GREEN, A_BOLD, 16, 208,
     A_BOLD},
    {"key", A_BOLD, COLOR_CYAN, NONE, A_BOLD, 38, NONE, A_BOLD},
    {"section", A_BOLD | A_UNDERLINE, NONE, NONE, A_BOLD | A_UNDERLINE, NONE, NONE,
     A_BOLD | A_UNDERLINE},
    /* underlined in every mode: it shows inside a selected (reverse) row too */
    {"search-hit", A_BOLD | A_UNDERLINE, COLOR_BLACK, COLOR_YELLOW, A_UNDERLINE, 16, 222,
     A_UNDERLINE},
};

static bool has_colour(const struct theme_entry *e, enum theme_mode m)
{
	if (m == THEME_8)
		return e->fg8 != NONE || e->bg8 != NONE;
	if (m == THEME_256)
		return e->fg256 != NONE || e->bg256 != NONE;
	return false;
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
		if (!has_colour(e, t->theme))
			continue;
		short fg = t->theme == THEME_8 ? e->fg8 : e->fg256;
		short bg = t->theme == THEME_8 ? e->bg8 : e->bg256;
		if (!dflt) {
			fg = fg == NONE ? COLOR_WHITE : fg;
			bg = bg == NONE ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
	}
}

static attr_t entry_attr(const struct tui *t, int i, bool *coloured)
{
	const struct theme_entry *e = &table[i];
	attr_t a = t->theme == THEME_MONO ? e->mono : t->theme == THEME_8 ? e->a8 : e->a256;
	/* without italics the terminal would show emphasis as plain text */
	if ((a & A_ITALIC) && !t->italic)
		a = (a & ~A_ITALIC) | A_UNDERLINE;
	*coloured = has_colour(e, t->theme);
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
