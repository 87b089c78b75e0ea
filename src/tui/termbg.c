/*
 * Is the terminal's background light or dark? For --theme auto, before
 * curses starts: $COLORFGBG first (rxvt, Konsole and others set it to
 * "fg;bg" in the 16 ANSI colours), else the terminal's answer to OSC 11
 * ("rgb:RRRR/GGGG/BBBB"). The OSC 11 query is followed by a primary device
 * attributes query (DA1), which every terminal answers: its reply ends the
 * wait at once on a terminal that ignores OSC 11, and a short timeout covers
 * one that answers neither. Input is read only up to the end of those
 * replies, so keys typed ahead stay for the interface.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tui_draw.h"

#define QUERY_MS 200

/* $COLORFGBG's last field (the background): 1 light, 0 dark, -1 unknown. */
static int from_colorfgbg(const char *v)
{
	if (!v || !*v)
		return -1;
	const char *bg = strrchr(v, ';');
	bg = bg ? bg + 1 : v;
	char *end;
	long n = strtol(bg, &end, 10);
	if (end == bg || *end || n < 0 || n > 15)
		return -1;
	return n == 7 || n >= 9; /* white and the bright colours but dark grey */
}

/* One hexadecimal component of "rgb:" (1 to 4 digits) as 0..1, or -1. */
static double component(const char *s, const char **next)
{
	unsigned v = 0;
	int n = 0;
	while (n < 4 &&
	       ((s[n] >= '0' && s[n] <= '9') || ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'f'))) {
		int c = s[n] | 0x20;
		v = v * 16 + (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
		n++;
	}
	*next = s + n;
	return n ? (double)v / (double)((1u << (4 * n)) - 1) : -1;
}

int termbg_parse_osc11(const char *reply)
{
	const char *p = strstr(reply, "]11;rgb:");
	if (!p)
		return -1;
	p += 8;
	double rgb[3];
	for (int i = 0; i < 3; i++) {
		rgb[i] = component(p, &p);
		if (rgb[i] < 0 || (i < 2 && *p++ != '/'))
			return -1;
	}
	/* perceived brightness (Rec. 601 weights) */
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 0.5;
}

static long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads the replies until DA1's (ESC [ ? ... c) or the timeout. */
static void read_replies(int in, char *buf, size_t size)
{
	size_t n = 0;
	long end = ms_now() + QUERY_MS;
	buf[0] = '\0';
	while (n + 1 < size) {
		long left = end - ms_now();
		struct pollfd pfd = {in, POLLIN, 0};
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			break;
		ssize_t k = read(in, buf + n, 1); /* byte by byte: never past the replies */
		if (k <= 0)
			break;
		buf[++n] = '\0';
		char *da = strstr(buf, "\033[?");
		if (da && buf[n - 1] == 'c')
			break;
	}
}

static int from_osc11(int in, int out)
{
	struct termios saved, raw;
	if (!isatty(in) || !isatty(out) || tcgetattr(in, &saved) < 0)
		return -1;
	raw = saved;
	raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) < 0)
		return -1;
	static const char query[] = "\033]11;?\033\\\033[c";
	char buf[256];
	buf[0] = '\0';
	if (write(out, query, sizeof query - 1) == (ssize_t)(sizeof query - 1))
		read_replies(in, buf, sizeof buf);
	tcsetattr(in, TCSANOW, &saved);
	return termbg_parse_osc11(buf);
}

bool termbg_light(enum tui_theme theme, int in, int out)
{
	if (theme != TUI_THEME_AUTO)
		return theme == TUI_THEME_LIGHT;
	int v = from_colorfgbg(getenv("COLORFGBG"));
	if (v < 0)
		v = from_osc11(in, out);
	return v == 1;
}
