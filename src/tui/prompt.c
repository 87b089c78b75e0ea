/*
 * The prompt in the status line (search, filters, names, questions). A
 * label too long to leave room for typing takes the rows above, wrapped,
 * and the text typed gets the last row: the question and its (o/n) stay
 * readable. It edits wide characters as the locale delivers them and hands the view UTF-8 on
 * Enter. Escape, or Backspace on an empty line, closes it without calling
 * done (cancel runs, when given); the view that opened it stays the top
 * view while it is open, unless its own callbacks push or pop views.
 *
 * The label is copied: a caller may build it in a buffer of its own and let
 * it go. The state st is borrowed (the view's, alive while it is the top
 * view) unless given a drop function (tui_prompt_owned): then the prompt
 * frees it when it closes, whichever way.
 *
 * Results as you type: with a change callback, each edit sets a due time
 * TUI_PROMPT_PAUSE ms ahead; the loop (tui.c) waits for a key no longer than
 * that and then calls tui_prompt_tick, so a burst of typing costs one call.
 * With a history, ↑ and ↓ put its older and newer texts in the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "tui_draw.h"
#include <adpa/util.h>

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tui_prompt_with(struct tui *t, const char *label, const struct prompt_opts *o, void *st)
{
	t->prompt.active = true;
	snprintf(t->prompt.label, sizeof t->prompt.label, "%s", label);
	t->prompt.len = 0;
	t->prompt.st = st;
	t->prompt.o = *o;
	t->prompt.hpos = o->history ? o->history->n : 0;
	t->prompt.due = 0;
}

void tui_prompt_owned(struct tui *t, const char *label, prompt_fn done, void *st,
                      void (*drop)(void *st))
{
	tui_prompt_with(t, label, &(struct prompt_opts){.done = done, .drop = drop}, st);
}

void tui_prompt(struct tui *t, const char *label, prompt_fn done, void *st)
{
	tui_prompt_owned(t, label, done, st, NULL);
}

bool tui_yes(const char *text)
{
	static const char *const yes[] = {"o", "O", "oui", "Oui", "OUI", "y", "Y"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(text, yes[i]))
			return true;
	return false;
}

void tui_prompt_close(struct tui *t)
{
	if (t->prompt.active && t->prompt.o.drop)
		t->prompt.o.drop(t->prompt.st);
	t->prompt.active = false;
	t->prompt.o = (struct prompt_opts){0};
	t->prompt.due = 0;
}

static void cancel(struct tui *t)
{
	void *st = t->prompt.st;
	void (*fn)(struct tui *, void *) = t->prompt.o.cancel;
	tui_prompt_close(t);
	if (fn)
		fn(t, st);
}

/* The line as UTF-8, in text (room for the whole buffer). */
static void utf8(const struct tui *t, char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < t->prompt.len; i++) {
		int k = u8_uctomb((uint8_t *)text + n, (ucs4_t)t->prompt.buf[i], 4);
		if (k > 0)
			n += (size_t)k;
	}
	text[n] = '\0';
}

#define TEXT_MAX (sizeof((struct tui *)0)->prompt.buf / sizeof(wchar_t) * 4 + 1)

static void finish(struct tui *t)
{
	char text[TEXT_MAX];
	utf8(t, text);
	void *st = t->prompt.st;
	struct prompt_opts o = t->prompt.o;
	t->prompt.active = false;
	t->prompt.o = (struct prompt_opts){0};
	t->prompt.due = 0;
	o.done(t, st, text);
	if (o.drop && !(t->prompt.active && t->prompt.st == st))
		o.drop(st); /* else done asked again with st: the new prompt has it */
	else if (o.drop)
		t->prompt.o.drop = o.drop;
}

int tui_prompt_wait(const struct tui *t)
{
	if (!t->prompt.active || !t->prompt.due)
		return -1;
	long left = t->prompt.due - now_ms();
	return left > 0 ? (int)left : 0;
}

bool tui_prompt_tick(struct tui *t)
{
	if (!t->prompt.active || !t->prompt.due || now_ms() < t->prompt.due)
		return false;
	t->prompt.due = 0;
	char text[TEXT_MAX];
	utf8(t, text);
	t->prompt.o.change(t, t->prompt.st, text);
	return true;
}

/* ↑ (dir -1) and ↓ (1) in the history; past the newest, an empty line. */
static void recall(struct tui *t, int dir)
{
	const struct prompt_history *h = t->prompt.o.history;
	if (!h || (dir < 0 && !t->prompt.hpos) || (dir > 0 && t->prompt.hpos >= h->n))
		return;
	t->prompt.hpos += (size_t)dir;
	t->prompt.len = 0;
	if (t->prompt.hpos < h->n)
		tui_prompt_fill(t, h->v[t->prompt.hpos]);
}

void tui_prompt_key(struct tui *t, int r, wint_t ch)
{
	size_t max = sizeof t->prompt.buf / sizeof t->prompt.buf[0] - 1, len = t->prompt.len;
	bool fn = r == KEY_CODE_YES, edited = false;
	if (fn && ch == KEY_MOUSE) {
		MEVENT ev;
		getmouse(&ev);
		return;
	}
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == KEY_ENTER)) {
		finish(t);
		return;
	}
	if ((!fn && ch == 27) ||
	    (!len && ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))))) {
		cancel(t);
		return;
	}
	if ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))) {
		t->prompt.len--;
	} else if (!fn && ch == CTRL_KEY('U')) {
		t->prompt.len = 0;
	} else if (fn && (ch == KEY_UP || ch == KEY_DOWN)) {
		recall(t, ch == KEY_UP ? -1 : 1);
		edited = true;
	} else if (!fn && ch >= 32 && ch != 127 && t->prompt.len < max) {
		t->prompt.buf[t->prompt.len++] = (wchar_t)ch;
	}
	edited |= t->prompt.len != len;
	if (edited && t->prompt.o.change)
		t->prompt.due = now_ms() + TUI_PROMPT_PAUSE;
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

void prompt_history_add(struct prompt_history *h, const char *text)
{
	if (!*text || (h->n && !strcmp(h->v[h->n - 1], text)))
		return;
	if (h->n == 100) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, --h->n * sizeof *h->v);
	}
	XGROW(h->v, h->cap, h->n + 1);
	h->v[h->n++] = xstrdup(text);
}

void prompt_history_free(struct prompt_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	*h = (struct prompt_history){0};
}
