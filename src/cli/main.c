/*
 * adpa's entry point and its two tables, in the manner of tmux's cmd_entry:
 * cli_commands[] (name, entry point, operand counts, synopsis) and
 * cli_options[] (long and short forms, argument, where the value goes in
 * struct cli, which commands take it, help). Parsing, the checks of options
 * and operand counts, the per-command help (usage.c) and the shells'
 * completion (complete.c) all read these tables: adding an option is one line
 * in cli_options[] and one field in struct cli.
 *
 * One getopt_long pass reads every option, so global options work before or
 * after the command; values are stored once the command is known, since the
 * same option may have different values per command.
 */
#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adpa/util.h>

#include "cli.h"

/* The tables are laid out by hand (clang-format leaves them alone). */
/* clang-format off */
const struct cli_command cli_commands[] = {
    {"list", cmd_list, 0, 0, "", COMPLETE_NONE, "list the fiches in rubric order"},
    {"show", cmd_show, 1, 1, "ID", COMPLETE_FICHE, "print a fiche, rendered for the terminal"},
    {"check", cmd_check, 0, 1, "[DIR]", COMPLETE_DIR,
     "validate a course strictly (PATH:LINE:COL: error: ...)"},
    {"quiz", cmd_quiz, 1, 1, "ID", COMPLETE_FICHE,
     "take a fiche's quiz in plain lines (screen readers, scripts)"},
    {"review", cmd_review, 0, 0, "", COMPLETE_NONE, "the questions due for review, in plain lines"},
    {"progress", cmd_progress, 0, 0, "", COMPLETE_NONE,
     "a learner's progress: per rubric, then per fiche"},
    {"export", cmd_export, 0, 0, "", COMPLETE_NONE, "one row per learner and fiche, for trainers"},
    {"report", cmd_report, 1, -1, "FILE...", COMPLETE_FILE,
     "a workshop's progress files: per learner, fiche and question"},
    {"snapshot", cmd_snapshot, 1, 1, "FILE", COMPLETE_FILE,
     "a consistent copy of the progress file, to collect (adpa may be running)"},
    {"learners", cmd_learners, 0, 0, "", COMPLETE_NONE,
     "the learners of a progress file: name, id, created, last activity"},
    {"sync", cmd_sync, 0, 0, "", COMPLETE_NONE,
     "send the xAPI statements to a Learning Record Store (the only network use)"},
    {"search", cmd_search, 1, -1, "QUERY...", COMPLETE_NONE,
     "the fiches matching words (accents ignored), best first"},
    {"glossary", cmd_glossary, 0, -1, "[TERM...]", COMPLETE_NONE,
     "the glossary: every entry, or one (by term or alias)"},
    {"help", cmd_help, 0, 1, "[COMMAND]", COMPLETE_COMMAND, "a command's usage and options"},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

static const char *const color_values[] = {"auto", "always", "never", NULL};
static const char *const format_values[] = {"csv", "json", "xapi", NULL};
static const char *const report_formats[] = {"text", "csv", "json", "html", NULL};
static const char *const by_values[] = {"learner", "fiche", "question", NULL};
/* in enum tui_theme and enum tui_hyperlinks order */
static const char *const theme_values[] = {"auto", "dark", "light", NULL};
static const char *const hyperlinks_values[] = {"auto", "always", "never", NULL};

#define FIELD(f) offsetof(struct cli, f)

/* Global options first (.commands NULL), then each command's. */
const struct cli_option cli_options[] = {
    {.name = "course",
     .arg = "DIR",
     .kind = OPT_STRING,
     .field = FIELD(course_dir),
     .complete = COMPLETE_DIR,
     .help = "the course directory (default: $ADPA_COURSE, then the bundled course)"},
    {.name = "db",
     .arg = "FILE",
     .kind = OPT_STRING,
     .field = FIELD(db),
     .complete = COMPLETE_FILE,
     .help = "the progress file (default: $ADPA_DB, then $XDG_DATA_HOME/adpa/progress.db)"},
    {.name = "learner",
     .arg = "NAME",
     .kind = OPT_STRING,
     .field = FIELD(learner),
     .complete = COMPLETE_LEARNER,
     .help = "whose progress (default: $ADPA_LEARNER, then the login name)"},
    {.name = "no-mouse",
     .kind = OPT_FLAG,
     .field = FIELD(no_mouse),
     .help = "leave the mouse to the terminal (text selection)"},
    {.name = "theme",
     .arg = "WHEN",
     .kind = OPT_ENUM,
     .field = FIELD(theme),
     .values = theme_values,
     .help = "the reader's colours for a dark or light background (auto: from $COLORFGBG or the "
             "terminal)"},
    {.name = "hyperlinks",
     .arg = "WHEN",
     .kind = OPT_ENUM,
     .field = FIELD(hyperlinks),
     .values = hyperlinks_values,
     .help = "the reader's OSC 8 links: auto (known terminals, not in tmux), always or never"},
    {.name = "help",
     .short_name = 'h',
     .kind = OPT_FLAG,
     .field = FIELD(help),
     .help = "show the help (of the command, after one)"},
    {.name = "version",
     .short_name = 'V',
     .kind = OPT_FLAG,
     .field = FIELD(version),
     .help = "show the version"},

    {.name = "rubric",
     .arg = "ID",
     .kind = OPT_STRING,
     .field = FIELD(rubric),
     .complete = COMPLETE_RUBRIC,
     .commands = "list",
     .help = "only the fiches of that rubric"},
    {.name = "width",
     .arg = "N",
     .kind = OPT_INT,
     .field = FIELD(width),
     .min = 10,
     .max = 1000,
     .commands = "show glossary",
     .help = "lines of at most N columns (default: the terminal's width, 80 off a terminal)"},
    {.name = "color",
     .alias = "colour",
     .arg = "WHEN",
     .kind = OPT_ENUM,
     .field = FIELD(color),
     .values = color_values,
     .commands = "show search glossary",
     .help = "ANSI colours: auto (on a terminal, not under NO_COLOR), always or never"},
    {.name = "json",
     .kind = OPT_FLAG,
     .field = FIELD(json),
     .commands = "list progress report learners search glossary",
     .help = "JSON on stdout (the vocabulary is in adpa(1))"},
    {.name = "all",
     .kind = OPT_FLAG,
     .field = FIELD(all),
     .commands = "export",
     .help = "every learner of the progress file (instead of --learner)"},
    {.name = "format",
     .arg = "FORMAT",
     .kind = OPT_STRING,
     .field = FIELD(format),
     .values = format_values,
     .commands = "export",
     .help = "csv (RFC 4180, for spreadsheets), json, or xapi (xAPI statements); required"},
    {.name = "force",
     .kind = OPT_FLAG,
     .field = FIELD(force),
     .commands = "snapshot",
     .help = "replace FILE when it exists"},
    {.name = "format",
     .arg = "FORMAT",
     .kind = OPT_STRING,
     .field = FIELD(format),
     .values = report_formats,
     .commands = "report",
     .help = "text (default), csv (one table: see --by), json or html (a printable page)"},
    {.name = "by",
     .arg = "WHAT",
     .kind = OPT_STRING,
     .field = FIELD(by),
     .values = by_values,
     .commands = "report",
     .help = "only the table per learner, fiche or question (CSV: learner by default)"},
    {.name = "excel",
     .kind = OPT_FLAG,
     .field = FIELD(excel),
     .commands = "report",
     .help = "CSV for French spreadsheets: UTF-8 BOM and ';' between cells"},
    {.name = "no-shuffle",
     .kind = OPT_FLAG,
     .field = FIELD(no_shuffle),
     .commands = "quiz review",
     .help = "choices in the order of the fiche"},
    {.name = "due",
     .kind = OPT_FLAG,
     .field = FIELD(due),
     .commands = "review",
     .help = "only print how many questions are due now"},
    {.name = "lrs",
     .arg = "URL",
     .kind = OPT_STRING,
     .field = FIELD(lrs),
     .commands = "sync",
     .help = "the Learning Record Store's xAPI endpoint (default: $ADPA_LRS_URL)"},
    {.name = "user",
     .arg = "ID",
     .kind = OPT_STRING,
     .field = FIELD(user),
     .commands = "sync",
     .help = "the LRS client's key, HTTP Basic (default: $ADPA_LRS_USER)"},
    {.name = "password",
     .arg = "PW",
     .kind = OPT_STRING,
     .field = FIELD(password),
     .commands = "sync",
     .help = "its secret (default: $ADPA_LRS_PASSWORD, which other users cannot see)"},
    {.name = "batch",
     .arg = "N",
     .kind = OPT_INT,
     .field = FIELD(batch),
     .min = 1,
     .max = 500,
     .commands = "sync",
     .help = "statements per request (default 50)"},
    {.name = "dry-run",
     .kind = OPT_FLAG,
     .field = FIELD(dry_run),
     .commands = "sync",
     .help = "list what would be sent: no connection, the file opened read-only"},
};
/* clang-format on */
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];

/* getopt_long's table, built from cli_options[]: val is 256 + the index of
 * the option's first line (the long name is what counts). */
static struct option *build_longopts(char *shorts)
{
	struct option *v = xcalloc(2 * cli_noptions + 1, sizeof *v);
	size_t n = 0, ns = 0;
	shorts[ns++] = ':';
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(v[k].name, o->name);
		if (seen)
			continue;
		int has = o->arg ? required_argument : no_argument;
		v[n++] = (struct option){o->name, has, NULL, 256 + (int)i};
		if (o->alias)
			v[n++] = (struct option){o->alias, has, NULL, 256 + (int)i};
		if (o->short_name) {
			shorts[ns++] = o->short_name;
			if (o->arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	return v;
}

/* Every command an option names exists: a misspelt name would silently
 * leave the option out of that command. Checked at every start (a few
 * string compares), so the test suite fails at once on a bad table. */
static void check_tables(void)
{
	for (size_t i = 0; i < cli_noptions; i++)
		for (const char *p = cli_options[i].commands; p && *p; p += strspn(p, " ")) {
			size_t n = strcspn(p, " ");
			char *name = xstrndup(p, n);
			if (!cli_command_find(name)) {
				fprintf(stderr,
				        "adpa: option table: --%s names no command \"%s\"\n",
				        cli_options[i].name, name);
				abort();
			}
			free(name);
			p += n;
		}
}

static const struct cli_option *short_option(int c)
{
	for (size_t i = 0; i < cli_noptions; i++)
		if (cli_options[i].short_name == c)
			return &cli_options[i];
	return NULL;
}

/* An unknown option, with the closest long name when it looks like a typo. */
static int unknown_option(const struct cli *cli, const char *arg)
{
	const char *cands[2 * sizeof cli_options / sizeof cli_options[0]];
	size_t n = 0;
	for (size_t i = 0; i < cli_noptions; i++) {
		cands[n++] = cli_options[i].name;
		if (cli_options[i].alias)
			cands[n++] = cli_options[i].alias;
	}
	const char *word = arg + strspn(arg, "-");
	char *bare = xstrndup(word, strcspn(word, "="));
	const char *near = closest_word(bare, cands, n);
	char *safe = adpa_text_clean(arg, strlen(arg), 0);
	int rc = near ? usage_error(cli, "unknown option \"%s\" (did you mean --%s?)", safe, near)
	              : usage_error(cli, "unknown option \"%s\"", safe);
	free(bare);
	free(safe);
	return rc;
}

struct given {
	const struct cli_option *opt; /* the first line of its long name */
	const char *arg;
};

struct parsed {
	struct given *v;
	size_t n;
	int bad;             /* the first error: ':' (no value) or '?' (unknown), else 0 */
	const char *bad_arg; /* the word it is about */
};

/* One getopt_long pass over the whole line; fills p and leaves optind on the
 * command. An error is kept to be reported once the command is known, so
 * that the usage error names the command's help. */
static void read_options(int argc, char **argv, struct parsed *p)
{
	char shorts[2 * sizeof cli_options / sizeof cli_options[0] + 2];
	struct option *longopts = build_longopts(shorts);
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		if (c >= 256)
			p->v[p->n++] = (struct given){&cli_options[c - 256], optarg};
		else if (c != ':' && c != '?' && short_option(c))
			p->v[p->n++] = (struct given){short_option(c), optarg};
		else if (!p->bad)
			p->bad = c == ':' ? ':' : '?', p->bad_arg = argv[optind - 1];
	}
	free(longopts);
}

/* Stores each option given, now that the command is known. */
static int apply_options(struct cli *cli, const struct parsed *p)
{
	if (p->bad == ':')
		return usage_error(cli, "option %s needs a value", p->bad_arg);
	if (p->bad)
		return unknown_option(cli, p->bad_arg);
	const struct given *given = p->v;
	for (size_t i = 0; i < p->n; i++) {
		const struct cli_option *o = cli_option_for(given[i].opt->name, cli->command);
		if (!o && !cli->command)
			return usage_error(cli, "--%s needs a command", given[i].opt->name);
		if (!o)
			return usage_error(cli, "--%s does not apply to %s", given[i].opt->name,
			                   cli->command);
		if (cli_option_set(cli, o, given[i].arg, true) < 0)
			return EXIT_USAGE;
	}
	return 0;
}

/* The command named at argv[optind], its options and its operands. */
static int dispatch(struct cli *cli, int argc, char **argv, const struct parsed *p)
{
	const struct cli_command *cmd = NULL;
	if (optind < argc) {
		const char *name = argv[optind];
		if (!(cmd = cli_command_find(name)))
			return usage_unknown_command(cli, name);
		cli->command = cmd->name;
	}
	int rc = apply_options(cli, p);
	if (rc)
		return rc;
	if (cli->version) {
		printf("adpa %s\n", adpa_version());
		return EXIT_OK;
	}
	if (cli->help) {
		if (cmd)
			usage_command(stdout, cli->argv0, cmd);
		else
			usage_main(stdout, cli->argv0);
		return EXIT_OK;
	}
	if (!cmd)
		return cmd_tui(cli);
	cli->args = argv + optind + 1;
	cli->nargs = argc - optind - 1;
	if (cli->nargs < cmd->min_args)
		return usage_error(cli, "%s needs %s", cmd->name, cmd->operands);
	if (cmd->max_args >= 0 && cli->nargs > cmd->max_args) {
		if (cmd->max_args == 0)
			return usage_error(cli, "%s takes no operand (\"%s\" given)", cmd->name,
			                   cli->args[0]);
		return usage_error(cli, "%s takes %s, not %d operands", cmd->name, cmd->operands,
		                   cli->nargs);
	}
	return cmd->run(cli);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* A fiche's parse tree is freed node by node; glibc's fastbins then
	 * make the next large free walk them all (malloc_consolidate), a tenth
	 * of adpa show's time on a large fiche. The tcache serves small blocks
	 * as well without that walk. */
	mallopt(M_MXFAST, 0);
	/* a rendered fiche can be a megabyte: into a pipe or a file, write it
	 * in large blocks (a terminal keeps its line buffering) */
	static char outbuf[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	struct cli cli = {.argv0 = "adpa"};
	check_tables();
	if (argc > 1 && !strcmp(argv[1], "__complete")) { /* its operands are a command line */
		cli.args = argv + 2;
		cli.nargs = argc - 2;
		return cmd_complete(&cli);
	}
	struct parsed p = {.v = xcalloc((size_t)argc + 1, sizeof *p.v)};
	read_options(argc, argv, &p);
	int rc = dispatch(&cli, argc, argv, &p);
	free(p.v);
	return rc;
}
