/* The theme table's contrast (WCAG 2 relative luminance), computed against
 * xterm's 256-colour palette: every colour the table gives for a dark
 * background reaches 4.5:1 on black (or on its own background colour), every
 * colour for a light background 4.5:1 on white, in the 8- and 256-colour
 * columns. It includes theme.c to read the table itself. TAP output; also
 * tests termbg's OSC 11 reply parsing. */
#include <math.h>

#include "../../src/tui/theme.c"
#undef OK /* curses has one */
#include "../unit/harness.h"

#define AA 4.5

/* xterm's default palette: 16 ANSI colours, the 6x6x6 cube, 24 greys. */
static void rgb(int i, double c[3])
{
	static const unsigned char base[16][3] = {
	    {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
	    {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	    {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
	    {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255}};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	for (int k = 0; k < 3; k++) {
		if (i < 16)
			c[k] = base[i][k];
		else if (i < 232)
			c[k] = level[k == 0   ? (i - 16) / 36
			             : k == 1 ? (i - 16) / 6 % 6
			                      : (i - 16) % 6];
		else
			c[k] = 8 + 10 * (i - 232);
	}
}

static double luminance(int i)
{
	double c[3], w[3] = {0.2126, 0.7152, 0.0722}, l = 0;
	rgb(i, c);
	for (int k = 0; k < 3; k++) {
		double v = c[k] / 255;
		l += w[k] * (v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4));
	}
	return l;
}

static double contrast(int a, int b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void check(const struct theme_entry *e, const struct pair *p, bool light, int colours)
{
	if (p->fg == NONE)
		return; /* the terminal's own text colour */
	int bg = p->bg != NONE ? p->bg : light ? 15 : 0;
	double r = contrast(p->fg, bg);
	char name[128];
	snprintf(name, sizeof name, "%s, %d colours, %s background: %.2f:1", e->name, colours,
	         light ? "light" : "dark", r);
	OK(r >= AA, name);
}

int main(void)
{
	OK(fabs(contrast(0, 15) - 21) < 0.01, "black on white is 21:1");
	for (int i = 0; i < NENTRIES; i++)
		for (int light = 0; light < 2; light++) {
			check(&table[i], &table[i].c8[light], light, 8);
			check(&table[i], &table[i].c256[light], light, 256);
		}
	INT_EQ(termbg_parse_osc11("\033]11;rgb:ffff/ffff/ffff\033\\\033[?62c"), 1, "OSC 11: white");
	INT_EQ(termbg_parse_osc11("\033]11;rgb:1e1e/1e1e/2e2e\007"), 0, "OSC 11: dark");
	INT_EQ(termbg_parse_osc11("\033]11;rgb:fd/f6/e3\033\\"), 1, "OSC 11: two digits (light)");
	INT_EQ(termbg_parse_osc11("\033[?62;22c"), -1, "no OSC 11 reply: unknown");
	INT_EQ(termbg_parse_osc11("\033]11;rgb:ff/ff\033\\"), -1, "a short reply: unknown");
	return done();
}
