/*
 * Learners: who is learning, and how a learner is told apart from another.
 *
 * A learner has a display name (what people type and read) and a stable
 * identity: a random UUID (version 4) created with the learner and kept in
 * the progress file, so that two people who share a name on two laptops
 * stay two people when a trainer gathers the files, and so that an xAPI
 * Learning Record Store sees one agent per person (xapi.h).
 *
 * Names are normalised in one place, here: Unicode NFC, no control or
 * invisible formatting characters (they are dropped), every run of
 * white space made one space, trimmed. An empty name, or one that is not
 * UTF-8, is an error.
 */
#ifndef ADPA_LEARNER_H
#define ADPA_LEARNER_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

#define ADPA_LEARNER_NAME_MAX 80 /* characters, after normalisation */
#define ADPA_UUID_LEN 36         /* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */

/* The normalised form of name, newly allocated (caller frees); NULL with err
 * filled (ADPA_EFORMAT, a French message) when nothing is left of it, when it
 * is not UTF-8 or is longer than ADPA_LEARNER_NAME_MAX characters. */
char *adpa_learner_name_clean(const char *name, struct adpa_error *err);

/* A new random (version 4) UUID, lowercase, in out. */
void adpa_uuid_random(char out[ADPA_UUID_LEN + 1]);
/* The name-based (version 5, SHA-1) UUID of name[0..len) in adpa's
 * namespace: the same name always gives the same UUID. */
void adpa_uuid_name(const char *name, size_t len, char out[ADPA_UUID_LEN + 1]);
/* True when s is a UUID in the lowercase form above. */
int adpa_uuid_valid(const char *s);

/* A learner of a progress file. */
struct adpa_learner_info {
	int64_t id;                     /* the row: valid in this file only */
	char name[256];                 /* display name, as stored */
	char uuid[ADPA_UUID_LEN + 1];   /* the stable identity */
	int64_t created, last_activity; /* seconds; last_activity 0 without any */
};

/* The learners of s, by name, in *out (caller frees the array; NULL when
 * *n is 0). last_activity is the latest of readings, answers and quizzes. */
int adpa_store_learner_list(struct adpa_store *s, struct adpa_learner_info **out, size_t *n,
                            struct adpa_error *err);

/* The learner with row id learner, into *out; ADPA_ENOTFOUND when absent. */
int adpa_store_learner_get(struct adpa_store *s, int64_t learner, struct adpa_learner_info *out,
                           struct adpa_error *err);

#endif
