/* lrs.c: POST statements to a Learning Record Store (adpa sync only). */
#ifndef ADPA_LRS_H
#define ADPA_LRS_H

#include <stddef.h>

struct lrs;
struct buf;

/* The statements resource of an xAPI endpoint: endpoint + "statements"
 * (with a slash between when needed), or the URL as it is when it already
 * ends with "statements". Caller frees. */
char *lrs_statements_url(const char *endpoint);
/* A client for endpoint; user NULL: no authentication. NULL with why (in
 * French) when libcurl is not installed or cannot start: it is loaded here,
 * on first use, not linked. Free with lrs_close (NULL-safe). */
struct lrs *lrs_open(const char *endpoint, const char *user, const char *password, char *why,
                     size_t whysize);
void lrs_close(struct lrs *l);
/* The URL statements are posted to. */
const char *lrs_url(const struct lrs *l);
/* POSTs body[0..len) (a JSON array of statements): 0 with the HTTP status
 * and the response body (NUL-terminated, appended to response) when the
 * LRS answered; -1 with why (libcurl's words) when it could not be
 * reached. */
int lrs_post(struct lrs *l, const char *body, size_t len, long *status, struct buf *response,
             char *why, size_t whysize);

#endif
