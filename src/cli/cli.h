/* The command line: shared options and the commands' entry points. */
#ifndef ADPA_CLI_H
#define ADPA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "adpa/adpa.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli {
	const char *argv0;
	const char *course_dir; /* --course */
	int width;              /* --width, 0 = terminal's */
	enum color_mode color;
	const char *rubric; /* --rubric */
	bool json;
	const char *db;      /* --db */
	const char *learner; /* --learner */
	bool all;            /* --all */
	const char *format;  /* --format */
	bool no_shuffle;     /* --no-shuffle */
	bool due;            /* --due */
	bool no_mouse;       /* --no-mouse: the interface leaves the mouse to the terminal */
	char **args;         /* operands after the command */
	int nargs;
};

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_check(struct cli *cli);
int cmd_list(struct cli *cli);
int cmd_show(struct cli *cli);
/* adpa with no command: the full-screen interface (src/tui). */
int cmd_tui(struct cli *cli);

/* locate.c: the course directory, by --course, $ADPA_COURSE, the installed
 * data dir, then the source tree when run from the build directory. */
const char *locate_course(const struct cli *cli);
/* Loads the course leniently, printing skipped fiches on stderr; NULL (with a
 * message printed) when the course cannot be used. */
struct adpa_course *open_course(const struct cli *cli, unsigned flags);
void print_diag(FILE *fp, const struct adpa_diag *d);

int cmd_progress(struct cli *cli);
int cmd_export(struct cli *cli);
int cmd_report(struct cli *cli);
int cmd_quiz(struct cli *cli);
int cmd_review(struct cli *cli);
int cmd_search(struct cli *cli);
/* cmd_glossary.c: the glossary, or one entry. */
int cmd_glossary(struct cli *cli);
/* cmd_search.c: the search index cache of a course directory,
 * $XDG_CACHE_HOME/adpa/search-HASH.db (else ~/.cache/adpa/...); caller frees. */
char *search_cache_path(const char *course_dir);

/* learner.c: the progress file and the learner, from options and environment. */
char *db_path(const struct cli *cli); /* caller frees */
const char *learner_name(const struct cli *cli);
/* Opens the store, or prints why not (file and reason) and returns NULL. */
struct adpa_store *open_store(const struct cli *cli, enum adpa_store_mode mode);
/* The time: $ADPA_NOW when set (tests), else the clock. */
int64_t now_seconds(void);
/* ISO 8601 UTC, or "" for 0. */
void format_time(int64_t t, char *buf, size_t size);

/* ansi.c */
bool use_color(const struct cli *cli, FILE *fp);
int output_width(const struct cli *cli, FILE *fp);
void ansi_print_line(FILE *fp, const struct adpa_line *l, bool color);
void ansi_print_doc(FILE *fp, const struct adpa_doc *d, bool color);

#endif
