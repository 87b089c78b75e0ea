/*
 * The prompt in the status line (search, names, questions). A label too
 * long to leave room for typing takes the rows above, wrapped, and the text
 * typed gets the last row: the question and its (o/n) stay readable. It
 * edits wide characters as the locale delivers them and hands the view
 * UTF-8 on Enter. Escape, or
 * Backspace on an empty line, closes it without calling the view back; the
 * view that opened it stays the top view while it is open.
 */
#include <string.h>
#include <unistr.h>

#include "tui_internal.h"

void tui_prompt(struct tui *t, const char *label, prompt_fn done, void *st)
{
	t->prompt.active = true;
	t->prompt.label = label;
	t->prompt.len = 0;
	t->prompt.done = done;
	t->prompt.st = st;
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
	t->prompt.active = false;
	t->prompt.done(t, t->prompt.st, text);
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
		t->prompt.active = false;
	} else if ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))) {
		if (!t->prompt.len)
			t->prompt.active = false;
		else
			t->prompt.len--;
	} else if (!fn && ch == CTRL_KEY('U')) {
		t->prompt.len = 0;
	} else if (!fn && ch >= 32 && ch != 127 && t->prompt.len < max) {
		t->prompt.buf[t->prompt.len++] = (wchar_t)ch;
	}
}

/* Cells left for typing before a label yields its row to the text. */
#define PROMPT_MIN_TYPING 16

void tui_prompt_draw(struct tui *t)
{
	int y = t->rows - 1, x;
	const char *label = t->prompt.label;
	if (text_cells(label) + PROMPT_MIN_TYPING <= t->cols - 1) {
		draw_blank(y, 0, t->cols, A_NORMAL);
		x = draw_text(t, y, 0, label, strlen(label), A_BOLD, t->cols - 1);
	} else { /* the label on the rows above, whole; the text on its own row */
		draw_wrapped(t, y - 1, label, A_BOLD, t->cols - 2, status_max_rows(t) - 1);
		draw_blank(y, 0, t->cols, A_NORMAL);
		x = 1;
	}
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

bool tui_yes(const char *text)
{
	static const char *const yes[] = {"o", "O", "oui", "Oui", "OUI", "y", "Y"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(text, yes[i]))
			return true;
	return false;
}
