/*
 * adpa's entry point: a table of commands, one getopt_long pass over every
 * option so that global options work before or after the command, then a
 * check that each option given belongs to the chosen command.
 */
#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum opt_bit {
	O_COURSE = 1 << 0,
	O_WIDTH = 1 << 1,
	O_COLOR = 1 << 2,
	O_RUBRIC = 1 << 3,
	O_JSON = 1 << 4,
	O_NOMOUSE = 1 << 5,
	O_DB = 1 << 6,
	O_LEARNER = 1 << 7,
	O_ALL = 1 << 8,
	O_FORMAT = 1 << 9,
	O_NOSHUFFLE = 1 << 10,
	O_DUE = 1 << 11,
};

struct command {
	const char *name;
	int (*run)(struct cli *);
	unsigned opts; /* options it accepts besides the global ones */
	const char *synopsis;
	const char *summary;
};

static const struct command commands[] = {
    {"list", cmd_list, O_RUBRIC | O_JSON, "list [--rubric ID] [--json]",
     "list the fiches in rubric order"},
    {"show", cmd_show, O_WIDTH | O_COLOR, "show ID [--width N] [--color auto|always|never]",
     "print a fiche, rendered for the terminal"},
    {"check", cmd_check, 0, "check [DIR]",
     "validate a course strictly (PATH:LINE:COL: error: ...)"},
    {"quiz", cmd_quiz, O_NOSHUFFLE, "quiz ID [--no-shuffle]",
     "take a fiche's quiz in plain lines (screen readers, scripts)"},
    {"review", cmd_review, O_DUE | O_NOSHUFFLE, "review [--due] [--no-shuffle]",
     "the questions due for review, in plain lines; --due: how many"},
    {"progress", cmd_progress, O_JSON, "progress [--learner NAME] [--json]",
     "a learner's progress: per rubric, then per fiche"},
    {"export", cmd_export, O_ALL | O_FORMAT, "export [--learner NAME | --all] --format csv|json",
     "one row per learner and fiche, for trainers"},
    {"report", cmd_report, O_JSON, "report FILE... [--json]",
     "several progress files in one table: learner x rubric"},
    {"search", cmd_search, O_JSON | O_COLOR, "search QUERY... [--json] [--color WHEN]",
     "the fiches matching words (accents ignored), best first"},
    {"glossary", cmd_glossary, O_JSON | O_WIDTH | O_COLOR,
     "glossary [TERM] [--json] [--width N] [--color WHEN]",
     "the glossary: every entry, or one (by term or alias)"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])
#define GLOBAL_OPTS (O_COURSE | O_NOMOUSE | O_DB | O_LEARNER)

static const struct option longopts[] = {
    {"course", required_argument, NULL, 'c'},  {"width", required_argument, NULL, 'w'},
    {"color", required_argument, NULL, 'C'},   {"colour", required_argument, NULL, 'C'},
    {"rubric", required_argument, NULL, 'r'},  {"json", no_argument, NULL, 'j'},
    {"no-mouse", no_argument, NULL, 'M'},      {"db", required_argument, NULL, 'd'},
    {"learner", required_argument, NULL, 'l'}, {"all", no_argument, NULL, 'a'},
    {"format", required_argument, NULL, 'f'},  {"no-shuffle", no_argument, NULL, 'S'},
    {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
    {"due", no_argument, NULL, 'D'},           {NULL, 0, NULL, 0}};

static void usage(FILE *fp, const char *argv0)
{
	fprintf(fp,
	        "usage: %s [--course DIR] [--no-mouse]            open the interactive reader\n"
	        "       %s [--course DIR] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n",
	        argv0, argv0);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-52s %s\n", commands[i].synopsis, commands[i].summary);
	fprintf(fp,
	        "\nglobal options:\n"
	        "  --course DIR   the course directory (default: $ADPA_COURSE, then the "
	        "bundled course)\n"
	        "  --db FILE      the progress file (default: $ADPA_DB, then\n"
	        "                 $XDG_DATA_HOME/adpa/progress.db)\n"
	        "  --learner NAME whose progress (default: $ADPA_LEARNER, then the login name)\n"
	        "  --no-mouse     leave the mouse to the terminal (text selection)\n"
	        "  --help         show this help\n"
	        "  --version      show the version\n"
	        "\nSee adpa(1) and adpa-course(5).\n");
}

static const struct {
	unsigned bit;
	const char *name;
} opt_names[] = {
    {O_COURSE, "--course"},
    {O_WIDTH, "--width"},
    {O_COLOR, "--color"},
    {O_RUBRIC, "--rubric"},
    {O_JSON, "--json"},
    {O_NOMOUSE, "--no-mouse"},
    {O_DB, "--db"},
    {O_LEARNER, "--learner"},
    {O_ALL, "--all"},
    {O_FORMAT, "--format"},
    {O_NOSHUFFLE, "--no-shuffle"},
    {O_DUE, "--due"},
};

static const char *opt_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof opt_names / sizeof opt_names[0]; i++)
		if (opt_names[i].bit == bit)
			return opt_names[i].name;
	return "?";
}

static int parse_width(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 10 || v > 1000)
		return -1;
	*out = (int)v;
	return 0;
}

static int bad_usage(const char *argv0, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", argv0);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr, argv0);
	return EXIT_USAGE;
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
	unsigned seen = 0;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cli.course_dir = optarg, seen |= O_COURSE;
			break;
		case 'w':
			if (parse_width(optarg, &cli.width) < 0)
				return bad_usage(
				    cli.argv0, "--width wants a number from 10 to 1000, not \"%s\"",
				    optarg);
			seen |= O_WIDTH;
			break;
		case 'C':
			if (!strcmp(optarg, "auto"))
				cli.color = COLOR_AUTO;
			else if (!strcmp(optarg, "always"))
				cli.color = COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				cli.color = COLOR_NEVER;
			else
				return bad_usage(cli.argv0,
				                 "--color wants auto, always or never, not \"%s\"",
				                 optarg);
			seen |= O_COLOR;
			break;
		case 'r':
			cli.rubric = optarg, seen |= O_RUBRIC;
			break;
		case 'j':
			cli.json = true, seen |= O_JSON;
			break;
		case 'd':
			cli.db = optarg, seen |= O_DB;
			break;
		case 'l':
			cli.learner = optarg, seen |= O_LEARNER;
			break;
		case 'a':
			cli.all = true, seen |= O_ALL;
			break;
		case 'f':
			cli.format = optarg, seen |= O_FORMAT;
			break;
		case 'S':
			cli.no_shuffle = true, seen |= O_NOSHUFFLE;
			break;
		case 'D':
			cli.due = true, seen |= O_DUE;
			break;
		case 'M':
			cli.no_mouse = true, seen |= O_NOMOUSE;
			break;
		case 'h':
			usage(stdout, cli.argv0);
			return EXIT_OK;
		case 'V':
			printf("adpa %s\n", adpa_version());
			return EXIT_OK;
		case ':':
			return bad_usage(cli.argv0, "option %s needs a value", argv[optind - 1]);
		default:
			return bad_usage(cli.argv0, "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		unsigned extra = seen & ~GLOBAL_OPTS;
		if (extra)
			return bad_usage(cli.argv0, "%s needs a command", opt_name(extra & -extra));
		return cmd_tui(&cli);
	}
	const char *name = argv[optind];
	const struct command *cmd = NULL;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			cmd = &commands[i];
	if (!cmd)
		return bad_usage(cli.argv0, "unknown command \"%s\"", name);
	unsigned extra = seen & ~(cmd->opts | GLOBAL_OPTS);
	for (unsigned bit = 1; extra; bit <<= 1)
		if (extra & bit) {
			fprintf(stderr, "%s: %s does not apply to %s\nusage: %s %s\n", cli.argv0,
			        opt_name(bit), cmd->name, cli.argv0, cmd->synopsis);
			return EXIT_USAGE;
		}
	cli.args = argv + optind + 1;
	cli.nargs = argc - optind - 1;
	return cmd->run(&cli);
}
