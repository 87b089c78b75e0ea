/*
 * adpa learners [--json] [--db FILE]: the learners of a progress file, with
 * their stable identity (a UUID), when they were created and when they last
 * did something. The file is opened read-only: a collected file is never
 * changed. Names come from the file, so they are cleaned for the terminal.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adpa/learner.h"
#include "cli.h"

static void print_text(const char *path, const struct adpa_learner_info *v, size_t n)
{
	int w = (int)strlen("Apprenant");
	char **names = calloc(n + 1, sizeof *names);
	if (!names)
		abort();
	for (size_t i = 0; i < n; i++) {
		names[i] = text_clean(v[i].name);
		int cw = adpa_text_width(names[i], strlen(names[i]));
		w = cw > w ? cw : w;
	}
	/* widths in cells: "Créé le" is 7 characters, 9 bytes */
	printf("Apprenant%*s  Identifiant%*s  Créé le%*s  Dernière activité\n", w - 9, "",
	       ADPA_UUID_LEN - 11, "", 20 - 7, "");
	for (size_t i = 0; i < n; i++) {
		char created[32], last[32];
		format_time(v[i].created, created, sizeof created);
		format_time(v[i].last_activity, last, sizeof last);
		printf("%s%*s  %-36s  %-20s  %s\n", names[i],
		       w - adpa_text_width(names[i], strlen(names[i])), "", v[i].uuid,
		       *created ? created : "—", *last ? last : "—");
		free(names[i]);
	}
	free(names);
	printf("\n%zu apprenant%s dans ", n, n > 1 ? "s" : "");
	print_clean(stdout, path);
	printf(".\n");
}

static int print_json(const char *path, const struct adpa_learner_info *v, size_t n)
{
	struct json_out out = {0};
	json_t *a = jok(json_array());
	for (size_t i = 0; i < n; i++) {
		json_t *o = jok(json_object());
		jset(o, "learner", json_text(&out, JSON_LEARNER, v[i].name));
		jset(o, "learner_id", json_text(&out, JSON_ID, v[i].uuid));
		jset(o, "created", json_time(v[i].created));
		jset(o, "last_activity", json_time(v[i].last_activity));
		jpush(a, o);
	}
	json_t *root = json_root();
	jset(root, "file", json_text(&out, JSON_TEXT, path));
	jset(root, "learners", a);
	return json_print(root, &out);
}

int cmd_learners(struct cli *cli)
{
	struct adpa_store *s = open_store(cli, ADPA_STORE_READ_ONLY);
	if (!s)
		return EXIT_FAIL;
	struct adpa_error err = {0};
	struct adpa_learner_info *v;
	size_t n;
	int rc = adpa_store_learner_list(s, &v, &n, &err);
	if (rc < 0)
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
	else if (cli->json)
		rc = print_json(adpa_store_path(s), v, n);
	else
		print_text(adpa_store_path(s), v, n);
	free(v);
	adpa_store_close(s);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
