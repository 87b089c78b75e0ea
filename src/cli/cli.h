/* The command line: shared options and the commands' entry points. */
#ifndef ADPA_CLI_H
#define ADPA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "adpa/adpa.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The settings of one run, filled from the option table (main.c). Adding an
 * option: one field here, one line in cli_options[]. */
struct cli {
	const char *argv0;
	const char *command;    /* the command's name; NULL: the full-screen reader */
	const char *course_dir; /* --course */
	int width;              /* --width, 0 = terminal's */
	int color;              /* --color: an enum color_mode */
	const char *rubric;     /* --rubric */
	bool json;
	const char *db;       /* --db */
	const char *learner;  /* --learner */
	bool all;             /* --all */
	const char *format;   /* --format */
	bool force;           /* --force */
	const char *by;       /* --by */
	bool excel;           /* --excel */
	bool no_shuffle;      /* --no-shuffle */
	bool due;             /* --due */
	bool no_mouse;        /* --no-mouse: the interface leaves the mouse to the terminal */
	bool help;            /* --help */
	bool version;         /* --version */
	int theme;            /* --theme: enum tui_theme */
	int hyperlinks;       /* --hyperlinks: enum tui_hyperlinks */
	const char *lrs;      /* sync --lrs */
	const char *user;     /* sync --user */
	const char *password; /* sync --password */
	bool dry_run;         /* sync --dry-run */
	int batch;            /* sync --batch, 0: the default */
	char **args;          /* operands after the command */
	int nargs;
};

/* How an option's value is stored, at offset field of struct cli. */
enum cli_opt_kind {
	OPT_FLAG,   /* bool, set to true */
	OPT_STRING, /* const char *: the argument (one of values when there are values) */
	OPT_INT,    /* int: a decimal number from min to max */
	OPT_ENUM    /* int: the index of the argument in values */
};

/* What completes a value or an operand (adpa __complete, the shell scripts). */
enum cli_complete {
	COMPLETE_NONE,
	COMPLETE_FICHE,   /* a fiche id of the course */
	COMPLETE_RUBRIC,  /* a rubric id */
	COMPLETE_LEARNER, /* a learner of the progress file */
	COMPLETE_COMMAND, /* a command name */
	COMPLETE_FILE,    /* a file name (the shell completes it) */
	COMPLETE_DIR      /* a directory name (the shell completes it) */
};

/* One option. The same long name may appear on several lines for different
 * commands (each with its own values, help or field): the line that lists
 * the command wins. Such lines must agree on taking an argument or not
 * (getopt_long reads the first one). main.c checks at start-up that every
 * command an option names exists. */
struct cli_option {
	const char *name;  /* the long form, without "--" */
	const char *alias; /* a second long form, or NULL */
	char short_name;   /* 0: none */
	const char *arg;   /* the value's placeholder; NULL for a flag */
	enum cli_opt_kind kind;
	size_t field;              /* offsetof(struct cli, ...) */
	const char *const *values; /* NULL-terminated accepted values, or NULL */
	int min, max;              /* OPT_INT's range */
	const char *commands;      /* the commands that take it, space-separated; NULL: all */
	enum cli_complete complete;
	const char *help;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *);
	int min_args, max_args; /* operand counts; max_args -1: no limit */
	const char *operands;   /* as the synopsis shows them: "ID", "[DIR]", "FILE..." */
	enum cli_complete complete;
	const char *summary;
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;
extern const struct cli_option cli_options[];
extern const size_t cli_noptions;

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
/* export_xapi.c: export --format xapi, for learner who (NULL: all). */
int export_xapi(struct cli *cli, struct adpa_store *s, const char *who);
int cmd_report(struct cli *cli);
/* cmd_learners.c: the learners of a progress file, with their identity. */
int cmd_learners(struct cli *cli);
/* cmd_sync.c: push the xAPI statements to a Learning Record Store. */
int cmd_sync(struct cli *cli);
int cmd_snapshot(struct cli *cli);
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
/* True when --learner or $ADPA_LEARNER names the learner (not the login name). */
bool learner_given(const struct cli *cli);
/* Opens the store, or prints why not (file and reason) and returns NULL. */
struct adpa_store *open_store(const struct cli *cli, enum adpa_store_mode mode);
/* The time: $ADPA_NOW when set (tests), else the clock. */
int64_t now_seconds(void);
/* "adpa: unknown learner « NAME »" with the known names (cleaned) on stderr;
 * returns EXIT_FAIL. */
int unknown_learner(const char *name, const char *const *known, size_t n);
/* The same for a store: EXIT_FAIL (said) when name is not a learner of s,
 * else EXIT_OK; *id gets its id. */
int learner_known(struct adpa_store *s, const char *name, int64_t *id);
/* ISO 8601 UTC, or "" for 0. */
void format_time(int64_t t, char *buf, size_t size);

/* usage.c: help generated from the tables, usage errors, suggestions. */
const struct cli_command *cli_command_find(const char *name);
/* The option line for long name that cmd takes (cmd NULL: the reader, which
 * takes the global options only); NULL when cmd does not take it. */
const struct cli_option *cli_option_for(const char *name, const char *cmd);
bool cli_option_applies(const struct cli_option *o, const char *cmd);
void usage_main(FILE *fp, const char *argv0);
void usage_command(FILE *fp, const char *argv0, const struct cli_command *c);
/* Prints "argv0: MESSAGE" and "Try 'adpa CMD --help'." on stderr; returns
 * EXIT_USAGE. */
int usage_error(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The candidate closest to word by Damerau-Levenshtein distance, when close
 * enough to be a typo; NULL otherwise. */
const char *closest_word(const char *word, const char *const *cands, size_t n);
/* The fiche id of c closest to id (a typo), or NULL. */
const char *closest_fiche(const struct adpa_course *c, const char *id);
/* Appends "a, b or c" (last_sep " or ") to b. */
struct buf;
void buf_choices(struct buf *b, const char *const *values, const char *last_sep);
/* The operands as one string, joined by spaces; caller frees. */
char *join_args(char **args, int n);
int cmd_help(struct cli *cli);
/* "unknown command", with the closest command; returns EXIT_USAGE. */
int usage_unknown_command(const struct cli *cli, const char *name);
/* complete.c: adpa __complete CWORD WORD... (hidden, read before any option
 * parsing): the candidates for the shells' completion. */
int cmd_complete(struct cli *cli);
/* Stores opt's value arg into cli; -1 (with a usage error printed when
 * report) when arg is not a valid value. */
int cli_option_set(struct cli *cli, const struct cli_option *o, const char *arg, bool report);

/* output.c: what the command line prints from data (see its comment). */
#define ADPA_JSON_FORMAT 1 /* "format" of every JSON output (adpa(1)) */
#define NBSP "\xC2\xA0"    /* U+00A0, before : ; ! ? and inside « » in French */
/* "adpa: MESSAGE" on stderr, control characters made visible. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_clean(FILE *fp, const char *s);
char *text_clean(const char *s); /* caller frees */

enum json_kind { JSON_LEARNER, JSON_NOTE, JSON_LABEL, JSON_ID, JSON_TEXT, JSON_NKINDS };
/* The strings repaired while building one JSON output, per kind. */
struct json_out {
	size_t repaired[JSON_NKINDS];
};
json_t *jok(json_t *v); /* v, or abort (out of memory) */
void jset(json_t *obj, const char *key, json_t *v);
void jpush(json_t *arr, json_t *v);
/* A JSON string of s, invalid UTF-8 bytes replaced by U+FFFD (counted). */
json_t *json_text(struct json_out *out, enum json_kind kind, const char *s);
json_t *json_text_or_null(struct json_out *out, enum json_kind kind, const char *s);
json_t *json_time(int64_t t); /* ISO 8601 UTC, or null for 0 */
json_t *json_score(int v);    /* v, or null when negative */
json_t *json_root(void);      /* {"format": 1} */
/* Prints root (and frees it), then one line on stderr per kind of field
 * repaired; -1 when stdout cannot be written. */
int json_print(json_t *root, const struct json_out *out);
/* One CSV cell (RFC 4180, formulas neutralised), then "," or CRLF. */
void csv_cell(FILE *fp, const char *s, bool last, bool tty);
/* The same with another separator (';' for --excel), which is then quoted. */
void csv_cell_sep(FILE *fp, const char *s, bool last, bool tty, char sep);

/* ansi.c */
bool use_color(const struct cli *cli, FILE *fp);
int output_width(const struct cli *cli, FILE *fp);
void ansi_print_line(FILE *fp, const struct adpa_line *l, bool color);
void ansi_print_doc(FILE *fp, const struct adpa_doc *d, bool color);

#endif
