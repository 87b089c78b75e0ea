/*
 * adpa snapshot FILE [--force]: a consistent copy of the learner's progress
 * file, for the trainer to collect (a USB stick), taken while adpa may be
 * running on it (adpa_store_snapshot). The progress file is opened read-only;
 * FILE is created 0600 and an existing one is kept unless --force.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_snapshot(struct cli *cli)
{
	struct adpa_store *s = open_store(cli, ADPA_STORE_READ_ONLY);
	if (!s)
		return EXIT_FAIL;
	struct adpa_error err = {0};
	int rc = adpa_store_snapshot(s, cli->args[0], cli->force, &err);
	if (rc < 0)
		cli_warn("%s: %s", cli->args[0], err.msg);
	adpa_store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
