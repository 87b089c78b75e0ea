/*
 * Commands and key tables (keys.c): what a key does in a view, with the
 * help text the ? screen shows and the word the status line's hints use.
 * Dispatch, help and hints read the same tables, so none can drift.
 */
#ifndef ADPA_TUI_KEYS_H
#define ADPA_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum cmd {
	CMD_NONE,
	CMD_QUIT,
	CMD_HELP,
	CMD_REDRAW,
	CMD_UP,
	CMD_DOWN,
	CMD_HALF_UP,
	CMD_HALF_DOWN,
	CMD_PAGE_UP,
	CMD_PAGE_DOWN,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_OPEN,
	CMD_BACK,
	CMD_ESCAPE,
	CMD_NEXT,
	CMD_PREV,
	CMD_TOC,
	CMD_LINK_NEXT,
	CMD_LINK_PREV,
	CMD_SEARCH,
	CMD_MATCH_NEXT,
	CMD_MATCH_PREV,
	CMD_ABOUT,
	CMD_QUIZ,     /* take the quiz of the fiche */
	CMD_MARK,     /* mark read / not read */
	CMD_PROGRESS, /* the progress screen */
	CMD_LEARNER,  /* switch learner */
	CMD_SHUFFLE,  /* shuffle quiz choices or not */
	CMD_REVIEW,   /* a review session: the questions due */
	CMD_PATHS,    /* the learner's paths (« Parcours ») */
	CMD_PATH_ADD, /* add the fiche to a path */
	CMD_CONTINUE, /* open a path's next unfinished fiche */
	CMD_NEW,      /* a new path */
	CMD_REMOVE,   /* remove the fiche from the path */
	CMD_MOVE_UP,  /* move the fiche up in the path */
	CMD_MOVE_DOWN,
	CMD_RENAME,
	CMD_DELETE,
	CMD_FILTER,   /* filter a list */
	CMD_BOOKMARK, /* bookmark the place read */
	CMD_NOTE,     /* write the fiche's note */
	CMD_MARKS,    /* the bookmarks and notes screen */
	CMD_GLOSSARY, /* the glossary (« Lexique ») */
	CMD_KEYWORDS, /* the fiche's keywords, to their glossary entries */
	CMD_SELECT,   /* choose (or tick) the quiz choice under the cursor */
	CMD_RETRY,    /* take the quiz again */
	CMD_CHOICE_1, /* ... to CMD_CHOICE_1 + 8: a quiz choice by its number */
	CMD_CHOICE_9 = CMD_CHOICE_1 + 8,
	/* made by the loop from mouse events, never bound to a key */
	CMD_CLICK,
	CMD_WHEEL_UP,
	CMD_WHEEL_DOWN
};

/* One binding. help is NULL on the second and later keys of a command: the
 * help screen lists every key of a command on the line of its first one. */
struct key_def {
	int key; /* a character, or a KEY_* code when fn */
	bool fn;
	enum cmd cmd;
	const char *help;
};

/* The status line's word for a key of the table ("Entrée ouvrir"): the
 * key's name is the help screen's, so a hint never names a key that does
 * something else. */
struct key_hint {
	int key;
	bool fn;
	const char *word;
};

struct key_table {
	const char *title; /* section title in the help screen */
	const struct key_def *defs;
	size_t n;
	const struct key_hint *hints; /* for the status line, or NULL */
	size_t nhints;
};

#define KEY_TABLE(title_, defs_)                                                                   \
	{                                                                                          \
		.title = title_, .defs = defs_, .n = sizeof defs_ / sizeof defs_[0]                \
	}
#define KEY_TABLE_HINTS(title_, defs_, hints_)                                                     \
	{                                                                                          \
		.title = title_, .defs = defs_, .n = sizeof defs_ / sizeof defs_[0],               \
		.hints = hints_, .nhints = sizeof hints_ / sizeof hints_[0]                        \
	}
#define CTRL_KEY(c) ((c)&0x1f)

extern const struct key_table keys_global;
extern const struct key_table keys_list;
extern const struct key_table keys_scroll;
extern const struct key_table keys_pager;
extern const struct key_table keys_back;
extern const struct key_table keys_page;

/* The command bound to a key in tables (NULL-terminated), then in keys_global. */
enum cmd keys_lookup(const struct key_table *const *tables, int key, bool fn);
/* The status line's key hints of a view with these tables (NULL-
 * terminated), then keys_global's: those whose key the view binds to the
 * command of the hint's table, in table order, in at most w cells (the
 * global ones kept, the others while they fit), two spaces apart. */
void keys_hints(const struct key_table *const *tables, bool utf8, int w, char *out, size_t n);
/* How the help screen names a key: "↓", "Ctrl-D", "Espace". */
const char *keys_name(int key, bool fn, bool utf8, char *buf, size_t n);

#endif
