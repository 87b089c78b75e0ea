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
	char **args; /* operands after the command */
	int nargs;
};

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_check(struct cli *cli);
int cmd_list(struct cli *cli);
int cmd_show(struct cli *cli);

/* locate.c: the course directory, by --course, $ADPA_COURSE, the installed
 * data dir, then the source tree when run from the build directory. */
const char *locate_course(const struct cli *cli);
/* Loads the course leniently, printing skipped fiches on stderr; NULL (with a
 * message printed) when the course cannot be used. */
struct adpa_course *open_course(const struct cli *cli, unsigned flags);
void print_diag(FILE *fp, const struct adpa_diag *d);

/* ansi.c */
bool use_color(const struct cli *cli, FILE *fp);
int output_width(const struct cli *cli, FILE *fp);
void ansi_print_line(FILE *fp, const struct adpa_line *l, bool color);
void ansi_print_doc(FILE *fp, const struct adpa_doc *d, bool color);

#endif
