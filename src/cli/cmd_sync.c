/*
 * adpa sync --lrs URL [--user KEY --password SECRET] [--batch N] [--dry-run]:
 * pushes the progress file's xAPI statements to a Learning Record Store.
 *
 * First every event not yet in the outbox is queued (xapi.h), then the
 * pending statements go out in batches, oldest first, each batch one POST;
 * a batch the LRS accepts is marked sent at once, so an interrupted sync
 * resends nothing that arrived. A batch refused as a whole (400 or 409) is
 * retried statement by statement so that one bad statement cannot hold the
 * others back; a refused statement stays pending with the LRS's reason. A
 * network error, a refused login or a server error stops the sync and
 * leaves the outbox as it is. --dry-run opens the file read-only and no
 * connection: it lists what would be sent.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "adpa/xapi.h"
#include "cli.h"
#include "lrs.h"

struct item {
	char *id, *statement;
};

struct sync {
	const struct cli *cli;
	struct adpa_store *s;
	struct lrs *lrs;
	int64_t now;
	size_t sent, refused;
	bool stop;          /* the LRS cannot be used any more in this run */
	char problem[1024]; /* why it stopped */
};

static const char *plural(size_t n)
{
	return n > 1 ? "s" : "";
}

/* The LRS's own message in a response body, cleaned for the terminal and
 * cut short; caller frees. */
static char *lrs_message(const char *body)
{
	json_t *j = json_loads(body, 0, NULL);
	const char *m = json_string_value(json_object_get(j, "message"));
	size_t n = strlen(m ? m : body);
	char *out = adpa_text_clean(m ? m : body, n > 200 ? 200 : n, 0);
	json_decref(j);
	return out;
}

static void mark(struct sync *y, struct item *v, size_t n, const char *error)
{
	const char **ids = xcalloc(n, sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].id;
	struct adpa_error err = {0};
	if (adpa_store_outbox_mark(y->s, ids, n, error, y->now, &err) < 0) {
		snprintf(y->problem, sizeof y->problem, "%s", err.msg);
		y->stop = true;
	}
	free(ids);
}

static void post(struct sync *y, struct item *v, size_t n);

/* The LRS answered status to a batch of n. */
static void answered(struct sync *y, struct item *v, size_t n, long status, const char *body)
{
	if (status >= 200 && status < 300) {
		mark(y, v, n, NULL);
		y->sent += y->stop ? 0 : n;
		return;
	}
	char *msg = lrs_message(body);
	char *why = xasprintf("refusée par le LRS (HTTP %ld)" NBSP ": %s", status, msg);
	if ((status == 400 || status == 409) && n > 1) {
		for (size_t i = 0; i < n && !y->stop; i++)
			post(y, &v[i], 1);
	} else if (status == 400 || status == 409) {
		mark(y, v, n, why);
		y->refused += n;
	} else {
		mark(y, v, n, why);
		snprintf(y->problem, sizeof y->problem, "le LRS répond HTTP %ld%s" NBSP ": %s",
		         status,
		         status == 401 || status == 403 ? " (identifiants refusés" NBSP
		                                          ": vérifiez --user et --password)"
		                                        : "",
		         msg);
		y->stop = true;
	}
	free(why);
	free(msg);
}

static void post(struct sync *y, struct item *v, size_t n)
{
	struct buf body = {0};
	buf_addc(&body, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&body, ',');
		buf_adds(&body, v[i].statement);
	}
	buf_addc(&body, ']');
	struct buf resp = {0};
	long status;
	char why[512];
	if (lrs_post(y->lrs, body.p, body.len, &status, &resp, why, sizeof why) < 0) {
		char *e = xasprintf("réseau" NBSP ": %s", why);
		mark(y, v, n, e);
		free(e);
		snprintf(y->problem, sizeof y->problem, "%s injoignable (%s)", lrs_url(y->lrs),
		         why);
		y->stop = true;
	} else {
		answered(y, v, n, status, resp.p);
	}
	buf_free(&resp);
	buf_free(&body);
}

struct batch {
	struct item *v;
	size_t n, cap;
};

static int take(const struct adpa_outbox_item *it, void *arg)
{
	struct batch *b = arg;
	XGROW(b->v, b->cap, b->n + 1);
	b->v[b->n++] = (struct item){xstrdup(it->id), xstrdup(it->statement)};
	return 0;
}

static void batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].id);
		free(b->v[i].statement);
	}
	b->n = 0;
}

/* Sends the pending statements, batch after batch; refused ones stay at
 * the head of the queue, so each next batch starts after them. */
static void push_all(struct sync *y, size_t size)
{
	struct batch b = {0};
	struct adpa_error err = {0};
	while (!y->stop) {
		batch_clear(&b);
		if (adpa_store_outbox_pending(y->s, y->refused, size, take, &b, &err) < 0) {
			snprintf(y->problem, sizeof y->problem, "%s", err.msg);
			y->stop = true;
		}
		if (b.n == 0)
			break;
		post(y, b.v, b.n);
	}
	batch_clear(&b);
	free(b.v);
}

/* One line of --dry-run: id, time, learner, verb, object. */
static int preview(const struct adpa_outbox_item *it, void *arg)
{
	size_t *n = arg;
	if (it->state == ADPA_OUTBOX_SENT)
		return 0;
	json_t *st = json_loads(it->statement, 0, NULL);
	const char *who = json_string_value(json_object_get(json_object_get(st, "actor"), "name"));
	const char *verb = json_string_value(json_object_get(json_object_get(st, "verb"), "id"));
	const char *obj = json_string_value(json_object_get(json_object_get(st, "object"), "id"));
	const char *when = json_string_value(json_object_get(st, "timestamp"));
	char *name = adpa_text_clean(who ? who : "", strlen(who ? who : ""), 0);
	const char *v = verb && strrchr(verb, '/') ? strrchr(verb, '/') + 1 : "?";
	printf("  %s  %s  %-12s %s  %s\n", it->id, when ? when : "", v, obj ? obj : "", name);
	free(name);
	json_decref(st);
	(*n)++;
	return 0;
}

static int dry_run(struct adpa_store *s, const struct adpa_course *c, const char *url, size_t size)
{
	struct adpa_error err = {0};
	size_t n = 0;
	char *target = lrs_statements_url(url);
	char *shown = adpa_text_clean(target, strlen(target), 0);
	printf("Simulation (--dry-run)" NBSP ": rien n’est envoyé ni écrit.\n");
	int rc = adpa_xapi_each(s, c, 0, preview, &n, &err);
	if (rc == 0)
		printf("%zu déclaration%s iraient à %s, en %zu lot%s de %zu au plus.\n", n,
		       plural(n), shown, (n + size - 1) / size, plural((n + size - 1) / size),
		       size);
	else
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
	free(shown);
	free(target);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

/* Queues the new statements and sends the pending ones. */
static int push(const struct cli *cli, struct adpa_store *s, const struct adpa_course *c,
                const char *url, const char *user, const char *password, size_t size)
{
	struct adpa_error err = {0};
	size_t added, pending, sent;
	if (adpa_store_outbox_fill(s, c, &added, &err) < 0 ||
	    adpa_store_outbox_count(s, &pending, &sent, &err) < 0) {
		cli_warn("%s: %s", adpa_store_path(s), err.msg);
		return EXIT_FAIL;
	}
	if (pending == 0) {
		printf("Rien à envoyer" NBSP
		       ": les %zu déclaration%s du fichier %s déjà acceptée%s "
		       "par le LRS.\n",
		       sent, plural(sent), sent > 1 ? "sont" : "est", plural(sent));
		return EXIT_OK;
	}
	struct sync y = {.cli = cli, .s = s, .now = now_seconds()};
	char why[256];
	y.lrs = lrs_open(url, user, password, why, sizeof why);
	if (!y.lrs) {
		cli_warn("sync" NBSP ": %s", why);
		return EXIT_FAIL;
	}
	char *shown = adpa_text_clean(lrs_url(y.lrs), strlen(lrs_url(y.lrs)), 0);
	printf("Envoi vers %s" NBSP ": %zu déclaration%s en attente (dont %zu nouvelle%s).\n",
	       shown, pending, plural(pending), added, plural(added));
	push_all(&y, size);
	lrs_close(y.lrs);
	adpa_store_outbox_count(s, &pending, &sent, &err);
	printf("%zu déclaration%s acceptée%s par le LRS, %zu refusée%s, %zu en attente.\n", y.sent,
	       plural(y.sent), plural(y.sent), y.refused, plural(y.refused), pending);
	if (y.stop) {
		cli_warn("sync" NBSP ": %s" NBSP "; %zu déclaration%s reste%s en attente, rien "
		         "n’est perdu" NBSP ": relancez adpa sync quand le LRS répond.",
		         y.problem, pending, plural(pending), pending > 1 ? "nt" : "");
	} else if (y.refused) {
		cli_warn("sync" NBSP ": %zu déclaration%s refusée%s par le LRS (la raison est "
		         "gardée dans le fichier)" NBSP "; elles restent en attente.",
		         y.refused, plural(y.refused), plural(y.refused));
	}
	free(shown);
	return y.stop || y.refused ? EXIT_FAIL : EXIT_OK;
}

static const char *setting(const char *opt, const char *env)
{
	if (opt)
		return opt;
	const char *v = getenv(env);
	return v && *v ? v : NULL;
}

int cmd_sync(struct cli *cli)
{
	const char *url = setting(cli->lrs, "ADPA_LRS_URL");
	const char *user = setting(cli->user, "ADPA_LRS_USER");
	const char *password = setting(cli->password, "ADPA_LRS_PASSWORD");
	if (!url)
		return usage_error(cli, "sync" NBSP ": l’adresse du LRS manque (--lrs URL ou "
		                        "$ADPA_LRS_URL)");
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
		return usage_error(cli, "sync" NBSP ": --lrs veut une adresse http:// ou https://");
	if (!user != !password)
		return usage_error(cli, "sync" NBSP ": --user et --password vont ensemble");
	size_t size = cli->batch > 0 ? (size_t)cli->batch : 50;
	struct adpa_course *c = open_course(cli, 0);
	if (!c)
		return EXIT_FAIL;
	struct adpa_store *s =
	    open_store(cli, cli->dry_run ? ADPA_STORE_READ_ONLY : ADPA_STORE_READ_WRITE);
	int rc = EXIT_FAIL;
	if (s)
		rc = cli->dry_run ? dry_run(s, c, url, size)
		                  : push(cli, s, c, url, user, password, size);
	adpa_store_close(s);
	adpa_course_free(c);
	return rc;
}
