/*
 * The full-screen interface: `adpa` with no command. One entry point; the
 * course is loaded (and freed) by the caller.
 */
#ifndef ADPA_TUI_H
#define ADPA_TUI_H

#include <stdbool.h>

#include "adpa/adpa.h"

/* The background the colours are chosen for (--theme). */
enum tui_theme { TUI_THEME_AUTO, TUI_THEME_DARK, TUI_THEME_LIGHT };
/* OSC 8 hyperlinks (--hyperlinks): auto writes them only to terminals known
 * to show them, never through a multiplexer. */
enum tui_hyperlinks { TUI_LINKS_AUTO, TUI_LINKS_ALWAYS, TUI_LINKS_NEVER };

struct tui_opts {
	bool mouse; /* false: --no-mouse, the terminal keeps its own text selection */
	/* auto: $COLORFGBG, else the terminal's answer to OSC 11, else dark */
	enum tui_theme theme;
	enum tui_hyperlinks hyperlinks;
	/* The progress store (the interface takes it and closes it), or NULL
	 * with store_error saying why progress is not saved. */
	struct adpa_store *store;
	const char *store_error;
	enum adpa_errcode store_errcode; /* the interface words it in French */
	const char *learner;             /* the learner's name */
	/* true: --learner or $ADPA_LEARNER named the learner; false: learner is
	 * the login name, not used until it is known to be the one reading
	 * (see progress_init: a file without it asks who is learning) */
	bool learner_given;
	const char *db_path; /* for messages */
	/* The search index's cache file, or NULL to keep the index in memory;
	 * the index is built on the first search, never at start-up. */
	const char *search_cache;
};

/* Runs the interface on stdin/stdout until the user quits. Returns the exit
 * status: 0, 1 when the terminal cannot host the interface (a message saying
 * why is printed on stderr), or 128 + N after signal N (SIGINT, SIGTERM,
 * SIGHUP). The terminal is restored on every path. */
int tui_run(struct adpa_course *c, const struct tui_opts *opts);

#endif
