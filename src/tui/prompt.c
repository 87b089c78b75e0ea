/*
 * The one-line prompt in the status line (search). It edits wide characters
 * as the locale delivers them and hands the view UTF-8 on Enter. Escape, or
 * Backspace on an empty line, closes it without calling the view back; the
 * view that opened it stays the top view while it is open.
 *
 * The label is copied: a caller may build it in a buffer of its own and let
 * it go. The state st is borrowed (the view's, alive while it is the top
 * view) unless opened with tui_prompt_owned: then the prompt frees it when
 * it closes, whichever way.
 */
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "tui_draw.h"

void tui_prompt_owned(struct tui *t, const char *label, prompt_fn done, void *st,
                      void (*drop)(void *st))
{
	t->prompt.active = true;
	snprintf(t->prompt.label, sizeof t->prompt.label, "%s", label);
	t->prompt.len = 0;
	t->prompt.done = done;
	t->prompt.st = st;
	t->prompt.drop = drop;
}

void tui_prompt(struct tui *t, const char *label, prompt_fn done, void *st)
{
	tui_prompt_owned(t, label, done, st, NULL);
}

bool tui_yes(const char *text)
{
	return !strcmp(text, "o") || !strcmp(text, "oui") || !strcmp(text, "y") ||
	       !strcmp(text, "O") || !strcmp(text, "Y");
}

void tui_prompt_close(struct tui *t)
{
	if (t->prompt.active && t->prompt.drop)
		t->prompt.drop(t->prompt.st);
	t->prompt.active = false;
	t->prompt.drop = NULL;
}

static void finish(struct tui *t)
{
	char text[sizeof t->prompt.buf / sizeof t->prompt.buf[0] * 4 + 1];
	size_t n = 0;
	for (size_t i = 0; i < t->prompt.len; i++) {
		int k = u8_uctomb((uint8_t *)text + n, (ucs4_t)t->prompt.buf[i], 4);
		if (k > 0)
			n += (size_t)k;
	}
	text[n] = '\0';
	void *st = t->prompt.st;
	void (*drop)(void *) = t->prompt.drop;
	t->prompt.active = false;
	t->prompt.drop = NULL;
	t->prompt.done(t, st, text);
	if (drop && !(t->prompt.active && t->prompt.st == st))
		drop(st); /* else done asked again with st: the new prompt has it */
	else if (drop)
		t->prompt.drop = drop;
}

void tui_prompt_key(struct tui *t, int r, wint_t ch)
{
	size_t max = sizeof t->prompt.buf / sizeof t->prompt.buf[0] - 1;
	bool fn = r == KEY_CODE_YES;
	if (fn && ch == KEY_MOUSE) {
		MEVENT ev;
		getmouse(&ev);
		return;
	}
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == KEY_ENTER)) {
		finish(t);
	} else if (!fn && ch == 27) {
		tui_prompt_close(t);
	} else if ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))) {
		if (!t->prompt.len)
			tui_prompt_close(t);
		else
			t->prompt.len--;
	} else if (!fn && ch == CTRL_KEY('U')) {
		t->prompt.len = 0;
	} else if (!fn && ch >= 32 && ch != 127 && t->prompt.len < max) {
		t->prompt.buf[t->prompt.len++] = (wchar_t)ch;
	}
}

void tui_prompt_draw(struct tui *t)
{
	int y = t->rows - 1;
	draw_blank(y, 0, t->cols, A_NORMAL);
	int x = draw_text(t, y, 0, t->prompt.label, strlen(t->prompt.label), A_BOLD, t->cols - 1);
	/* show the end of a text longer than the row */
	size_t from = 0;
	int w = wcswidth(t->prompt.buf, t->prompt.len);
	while (from < t->prompt.len && w > t->cols - 1 - x) {
		int cw = wcwidth(t->prompt.buf[from++]);
		w -= cw > 0 ? cw : 0;
	}
	wattrset(stdscr, A_NORMAL);
	mvwaddnwstr(stdscr, y, x, t->prompt.buf + from, (int)(t->prompt.len - from));
	wmove(stdscr, y, x + (w > 0 ? w : 0));
}

bool tui_prompt_fill(struct tui *t, const char *text)
{
	size_t max = sizeof t->prompt.buf / sizeof t->prompt.buf[0] - 1, len = 0;
	const uint8_t *p = (const uint8_t *)text, *end = p + strlen(text);
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if (c == '\n' || c == '\r' || len == max)
			return false; /* the line cannot hold it: leave it whole in the store */
		t->prompt.buf[len++] = (wchar_t)c;
		p += k;
	}
	t->prompt.len = len;
	return true;
}
