/*
 * A vertical list of items of varying heights with one selected item: the
 * home screen, a rubric's fiches, the table of contents. The list owns the
 * selection and the first item shown (top); the view owns the items and
 * draws each one through a callback. Invariant after list_draw: sel < n
 * (when n > 0) and the selected item is on screen.
 */
#include "tui_widgets.h"

/* Items from top that fit in h rows (at least one). */
static size_t visible(const struct list *l, int h)
{
	size_t k = 0;
	int used = 0;
	for (size_t i = l->top; i < l->n; i++) {
		used += l->height(l->ctx, i);
		if (used > h && k)
			break;
		k++;
	}
	return k ? k : 1;
}

static void keep_visible(struct list *l, int h)
{
	if (!l->n) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
	while (l->top < l->sel && l->sel >= l->top + visible(l, h))
		l->top++;
}

static void move_by(struct list *l, long d)
{
	long s = (long)l->sel + d;
	if (s < 0)
		s = 0;
	if (l->n && s >= (long)l->n)
		s = (long)l->n - 1;
	l->sel = (size_t)s;
}

bool list_cmd(struct list *l, enum cmd cmd, int h)
{
	long page = (long)visible(l, h);
	switch (cmd) {
	case CMD_DOWN:
	case CMD_WHEEL_DOWN:
		move_by(l, 1);
		break;
	case CMD_UP:
	case CMD_WHEEL_UP:
		move_by(l, -1);
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_DOWN:
		move_by(l, cmd == CMD_PAGE_DOWN ? page : (page + 1) / 2);
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_UP:
		move_by(l, -(cmd == CMD_PAGE_UP ? page : (page + 1) / 2));
		break;
	case CMD_TOP:
		l->sel = 0;
		break;
	case CMD_BOTTOM:
		l->sel = l->n ? l->n - 1 : 0;
		break;
	default:
		return false;
	}
	keep_visible(l, h);
	return true;
}

void list_draw(struct tui *t, struct list *l, int y0, int h)
{
	keep_visible(l, h);
	int y = y0;
	for (size_t i = l->top; i < l->n; i++) {
		int ih = l->height(l->ctx, i);
		if (y + ih > y0 + h && i != l->top)
			break;
		l->draw(t, l->ctx, i, y, i == l->sel);
		y += ih;
	}
	for (; y < y0 + h; y++) {
		wmove(stdscr, y, 0);
		wattrset(stdscr, A_NORMAL);
		wclrtoeol(stdscr);
	}
}

size_t list_hit(const struct list *l, int y0, int h, int y)
{
	int row = y0;
	for (size_t i = l->top; i < l->n && row < y0 + h; i++) {
		int ih = l->height(l->ctx, i);
		if (y >= row && y < row + ih)
			return i;
		row += ih;
	}
	return (size_t)-1;
}

bool list_opens(struct list *l, const struct tui *t, enum cmd cmd, int y0, int h)
{
	if (cmd == CMD_OPEN)
		return l->n > 0;
	if (cmd != CMD_CLICK)
		return false;
	size_t i = list_hit(l, y0, h, t->mouse_y);
	if (i == (size_t)-1)
		return false;
	l->sel = i;
	return true;
}
