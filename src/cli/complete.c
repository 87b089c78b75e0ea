/*
 * adpa __complete CWORD WORD...: what the shells' completion scripts
 * (completions/adpa.bash, completions/_adpa) offer. WORD... is the command
 * line being typed (WORD 0 is adpa itself), CWORD the index of the word under
 * the cursor. The answer reads the same tables as the parser (main.c):
 * commands, the options the command takes, an option's values, fiche ids,
 * rubric ids and learner names (from the course and progress file the line
 * names with --course/--db, else the defaults), one candidate a line,
 * starting with the word typed. When the shell should complete file or
 * directory names itself, the answer is the single line ":file" or ":dir".
 * Nothing is ever written to stderr (a completion must stay silent), and
 * names that hold control characters are never offered.
 */
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

struct line {
	const char *command;          /* the command typed, or NULL */
	const struct cli_option *opt; /* the option whose value is under the cursor */
	int operands;                 /* operands typed before the cursor */
};

static const struct cli_option *option_named(const char *word)
{
	if (word[0] == '-' && word[1] && word[1] != '-' && !word[2]) {
		for (size_t i = 0; i < cli_noptions; i++)
			if (cli_options[i].short_name == word[1])
				return &cli_options[i];
		return NULL;
	}
	if (strncmp(word, "--", 2))
		return NULL;
	size_t n = strcspn(word + 2, "=");
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if ((strlen(o->name) == n && !strncmp(o->name, word + 2, n)) ||
		    (o->alias && strlen(o->alias) == n && !strncmp(o->alias, word + 2, n)))
			return o;
	}
	return NULL;
}

/* Reads words[1..cword): the command, and the settings that say where the
 * course and the progress file are. */
static void read_line(struct cli *cli, char **words, int cword, struct line *l)
{
	*l = (struct line){0};
	const struct cli_option *pending = NULL;
	for (int i = 1; i < cword; i++) {
		const char *w = words[i];
		if (pending && !strcmp(w, "=")) /* bash splits --color=x at the = */
			continue;
		if (pending) {
			if (pending->kind == OPT_STRING && !pending->values)
				cli_option_set(cli, pending, w, false);
			pending = NULL;
			continue;
		}
		const struct cli_option *o = w[0] == '-' ? option_named(w) : NULL;
		if (o && o->arg && !strchr(w, '='))
			pending = o;
		else if (o && o->arg && o->kind == OPT_STRING && !o->values)
			cli_option_set(cli, o, strchr(w, '=') + 1, false);
		else if (w[0] == '-')
			continue;
		else if (!l->command)
			l->command = w;
		else
			l->operands++;
	}
	l->opt = pending;
}

static void offer(const char *cand, const char *cur)
{
	if (!strncmp(cand, cur, strlen(cur)) && !adpa_text_has_controls(cand, strlen(cand)))
		printf("%s\n", cand);
}

static void offer_course(const struct cli *cli, enum cli_complete what, const char *cur)
{
	const char *dir = locate_course(cli);
	struct adpa_diags diags = {0};
	struct adpa_error err = {0};
	struct adpa_course *c = dir ? adpa_course_load(dir, 0, &diags, &err) : NULL;
	adpa_diags_clear(&diags);
	if (!c)
		return;
	if (what == COMPLETE_FICHE)
		for (size_t i = 0; i < c->nfiches; i++)
			offer(c->fiches[i]->id, cur);
	else
		for (size_t i = 0; i < c->nrubrics; i++)
			offer(c->rubrics[i].id, cur);
	adpa_course_free(c);
}

static void offer_learners(const struct cli *cli, const char *cur)
{
	char *path = db_path(cli);
	struct adpa_error err = {0};
	struct adpa_store *s = adpa_store_open(path, ADPA_STORE_READ_ONLY, &err);
	char **names = NULL;
	size_t n = 0;
	if (s && adpa_store_learners(s, &names, &n, &err) == 0)
		for (size_t i = 0; i < n; i++)
			offer(names[i], cur);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	adpa_store_close(s);
	free(path);
}

static void offer_kind(const struct cli *cli, enum cli_complete what, const char *cur)
{
	switch (what) {
	case COMPLETE_FICHE:
	case COMPLETE_RUBRIC:
		offer_course(cli, what, cur);
		break;
	case COMPLETE_LEARNER:
		offer_learners(cli, cur);
		break;
	case COMPLETE_COMMAND:
		for (size_t i = 0; i < cli_ncommands; i++)
			offer(cli_commands[i].name, cur);
		break;
	case COMPLETE_FILE:
		printf(":file\n");
		break;
	case COMPLETE_DIR:
		printf(":dir\n");
		break;
	case COMPLETE_NONE:
		break;
	}
}

static void offer_options(const char *command, const char *cur)
{
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *o = &cli_options[i];
		if (!cli_option_applies(o, command) || cli_option_for(o->name, command) != o)
			continue;
		char *w = xasprintf("--%s", o->name);
		offer(w, cur);
		free(w);
	}
}

int cmd_complete(struct cli *cli)
{
	if (cli->nargs < 2)
		return EXIT_USAGE;
	char *end;
	long cword = strtol(cli->args[0], &end, 10);
	char **words = cli->args + 1;
	int nwords = cli->nargs - 1;
	if (*end || cword < 1 || cword > nwords)
		return EXIT_USAGE;
	const char *cur = cword < nwords ? words[cword] : "";
	struct line l;
	read_line(cli, words, (int)cword, &l);
	const struct cli_command *cmd = l.command ? cli_command_find(l.command) : NULL;
	if (l.opt) {
		const struct cli_option *o = cli_option_for(l.opt->name, cmd ? cmd->name : NULL);
		o = o ? o : l.opt;
		for (size_t i = 0; o->values && o->values[i]; i++)
			offer(o->values[i], cur);
		if (!o->values)
			offer_kind(cli, o->complete, cur);
	} else if (cur[0] == '-') {
		offer_options(cmd ? cmd->name : NULL, cur);
	} else if (!l.command) {
		offer_kind(cli, COMPLETE_COMMAND, cur);
	} else if (cmd && (cmd->max_args < 0 || l.operands < cmd->max_args)) {
		offer_kind(cli, cmd->complete, cur);
	}
	return EXIT_OK;
}
