/*
 * The one network client in adpa: POST /statements to a Learning Record
 * Store (xAPI 1.0.3), through libcurl. Only adpa sync uses it; nothing else
 * in adpa opens a connection.
 *
 * One easy handle per sync, so that batches reuse the connection. HTTP and
 * HTTPS only (certificates verified, libcurl's default), no redirects
 * (a POST is not replayed elsewhere), Basic authentication when a user is
 * given, bounded connect and transfer times. The response body is kept up
 * to a limit, for the LRS's error message.
 *
 * libcurl is loaded when sync starts (dlopen of its stable soname), not
 * linked: linked, it and its thirty libraries were mapped and relocated by
 * every command, which doubled the start-up time and memory of `adpa list`
 * (bench/run). systemd loads its optional libraries the same way.
 */
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"
#include "lrs.h"

#define RESPONSE_MAX (1L << 20)

struct lrs {
	CURL *curl;
	struct curl_slist *headers;
	char *statements; /* the endpoint's statements resource */
	char error[CURL_ERROR_SIZE];
};

#define LIBCURL "libcurl.so.4"

/* The libcurl functions sync uses, resolved by name on first use. */
static struct {
	void *handle;
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *curl);
	CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode);
	void (*easy_cleanup)(CURL *curl);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);
} lib;

/* Resolves one symbol into a function pointer (POSIX allows the cast). */
#define SYM(field, name) (*(void **)&lib.field = dlsym(lib.handle, name)) != NULL

static int load_curl(char *why, size_t whysize)
{
	if (lib.handle)
		return 0;
	lib.handle = dlopen(LIBCURL, RTLD_NOW | RTLD_LOCAL);
	if (!lib.handle) {
		snprintf(why, whysize,
		         "libcurl introuvable (%s)" NBSP ": installez le paquet libcurl4", LIBCURL);
		return -1;
	}
	if (SYM(global_init, "curl_global_init") && SYM(global_cleanup, "curl_global_cleanup") &&
	    SYM(easy_init, "curl_easy_init") && SYM(easy_setopt, "curl_easy_setopt") &&
	    SYM(easy_perform, "curl_easy_perform") && SYM(easy_getinfo, "curl_easy_getinfo") &&
	    SYM(easy_strerror, "curl_easy_strerror") && SYM(easy_cleanup, "curl_easy_cleanup") &&
	    SYM(slist_append, "curl_slist_append") && SYM(slist_free_all, "curl_slist_free_all"))
		return 0;
	snprintf(why, whysize, "%s ne fournit pas les fonctions attendues", LIBCURL);
	dlclose(lib.handle);
	lib.handle = NULL;
	return -1;
}

char *lrs_statements_url(const char *endpoint)
{
	size_t n = strlen(endpoint);
	if (n >= 10 && !strcmp(endpoint + n - 10, "statements"))
		return xstrdup(endpoint);
	return xasprintf("%s%sstatements", endpoint, n && endpoint[n - 1] == '/' ? "" : "/");
}

struct lrs *lrs_open(const char *endpoint, const char *user, const char *password, char *why,
                     size_t whysize)
{
	if (load_curl(why, whysize) < 0)
		return NULL;
	if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, whysize, "libcurl ne démarre pas");
		return NULL;
	}
	struct lrs *l = xcalloc(1, sizeof *l);
	l->curl = lib.easy_init();
	if (!l->curl) {
		free(l);
		lib.global_cleanup();
		snprintf(why, whysize, "libcurl ne démarre pas");
		return NULL;
	}
	l->statements = lrs_statements_url(endpoint);
	l->headers = lib.slist_append(NULL, "X-Experience-API-Version: 1.0.3");
	l->headers = lib.slist_append(l->headers, "Content-Type: application/json; charset=utf-8");
	l->headers = lib.slist_append(l->headers, "Accept: application/json");
	CURL *c = l->curl;
	lib.easy_setopt(c, CURLOPT_URL, l->statements);
	lib.easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
	lib.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	lib.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	lib.easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	lib.easy_setopt(c, CURLOPT_ERRORBUFFER, l->error);
	lib.easy_setopt(c, CURLOPT_USERAGENT, "adpa/" ADPA_VERSION);
	if (user) {
		lib.easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		lib.easy_setopt(c, CURLOPT_USERNAME, user);
		lib.easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
	}
	return l;
}

void lrs_close(struct lrs *l)
{
	if (!l)
		return;
	lib.easy_cleanup(l->curl);
	lib.slist_free_all(l->headers);
	free(l->statements);
	free(l);
	lib.global_cleanup();
}

const char *lrs_url(const struct lrs *l)
{
	return l->statements;
}

static size_t keep(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t len = size * n;
	if (b->len + len <= RESPONSE_MAX)
		buf_add(b, data, len);
	return len;
}

int lrs_post(struct lrs *l, const char *body, size_t len, long *status, struct buf *response,
             char *why, size_t whysize)
{
	*status = 0;
	l->error[0] = '\0';
	lib.easy_setopt(l->curl, CURLOPT_POSTFIELDS, body);
	lib.easy_setopt(l->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	lib.easy_setopt(l->curl, CURLOPT_WRITEFUNCTION, keep);
	lib.easy_setopt(l->curl, CURLOPT_WRITEDATA, response);
	CURLcode rc = lib.easy_perform(l->curl);
	if (rc != CURLE_OK) {
		snprintf(why, whysize, "%s", *l->error ? l->error : lib.easy_strerror(rc));
		return -1;
	}
	lib.easy_getinfo(l->curl, CURLINFO_RESPONSE_CODE, status);
	buf_add(response, "", 0); /* NUL-terminated, even when empty */
	return 0;
}
