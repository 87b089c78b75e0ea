/*
 * The glossary seen from the fiches: which fiches use a term, and loose
 * matching for people typing a term (filters, the command line).
 *
 * Terms come from adpa_course_load_glossary() (course.h); call it first.
 * A fiche uses a term when one of its keywords is the term or one of its
 * aliases (as adpa_course_term() resolves it), or when the term's `see`
 * list names it.
 */
#ifndef ADPA_GLOSSARY_H
#define ADPA_GLOSSARY_H

#include <stdbool.h>
#include <stddef.h>

#include "course.h"

/* The fiches that use term t, each once, in course order. *out gets an
 * array the caller frees (the fiches stay borrowed from c), or NULL when
 * there are none. Returns how many. */
size_t adpa_glossary_fiches(const struct adpa_course *c, const struct adpa_term *t,
                            const struct adpa_fiche ***out);

/* A loose key for s: case folded, accents removed (« Données » and
 * « donnees » give the same key), typographic apostrophe made ASCII.
 * The caller frees it. */
char *adpa_glossary_key(const char *s);

/* The entry whose term or alias is word, ignoring case, apostrophes and
 * accents (an exact adpa_course_term() match first), or NULL. */
const struct adpa_term *adpa_glossary_find(const struct adpa_course *c, const char *word);

/* True when key (from adpa_glossary_key) is a substring of t's term, one
 * of its aliases or its definition, compared by their keys. An empty key
 * matches every term. */
bool adpa_glossary_matches(const struct adpa_term *t, const char *key);

/* Up to max terms close to word (a key containing the other's, or at most
 * two edits apart), in glossary order, for « did you mean ». Returns how
 * many were stored in out. */
size_t adpa_glossary_near(const struct adpa_course *c, const char *word,
                          const struct adpa_term **out, size_t max);

#endif
