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
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "lrs.h"

#define RESPONSE_MAX (1L << 20)

struct lrs {
	CURL *curl;
	struct curl_slist *headers;
	char *statements; /* the endpoint's statements resource */
	char error[CURL_ERROR_SIZE];
};

char *lrs_statements_url(const char *endpoint)
{
	size_t n = strlen(endpoint);
	if (n >= 10 && !strcmp(endpoint + n - 10, "statements"))
		return xstrdup(endpoint);
	return xasprintf("%s%sstatements", endpoint, n && endpoint[n - 1] == '/' ? "" : "/");
}

struct lrs *lrs_open(const char *endpoint, const char *user, const char *password)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return NULL;
	struct lrs *l = xcalloc(1, sizeof *l);
	l->curl = curl_easy_init();
	if (!l->curl) {
		free(l);
		curl_global_cleanup();
		return NULL;
	}
	l->statements = lrs_statements_url(endpoint);
	l->headers = curl_slist_append(NULL, "X-Experience-API-Version: 1.0.3");
	l->headers = curl_slist_append(l->headers, "Content-Type: application/json; charset=utf-8");
	l->headers = curl_slist_append(l->headers, "Accept: application/json");
	CURL *c = l->curl;
	curl_easy_setopt(c, CURLOPT_URL, l->statements);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, l->error);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "adpa/" ADPA_VERSION);
	if (user) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
	}
	return l;
}

void lrs_close(struct lrs *l)
{
	if (!l)
		return;
	curl_easy_cleanup(l->curl);
	curl_slist_free_all(l->headers);
	free(l->statements);
	free(l);
	curl_global_cleanup();
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
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(l->curl, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(l->curl, CURLOPT_WRITEDATA, response);
	CURLcode rc = curl_easy_perform(l->curl);
	if (rc != CURLE_OK) {
		snprintf(why, whysize, "%s", *l->error ? l->error : curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(l->curl, CURLINFO_RESPONSE_CODE, status);
	buf_add(response, "", 0); /* NUL-terminated, even when empty */
	return 0;
}
