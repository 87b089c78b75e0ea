/*
 * Private helpers of the core for the files it writes (the progress store,
 * the search cache): both are the learner's own, so they are created private,
 * the file 0600 and its missing directories 0700.
 */
#ifndef ADPA_FILES_H
#define ADPA_FILES_H

#include "adpa/error.h"

/* Creates the missing directories of path's parent, mode 0700. */
int file_make_parent(const char *path, struct adpa_error *err);

/* Creates path empty (mode 0600, with its directories) when it does not
 * exist; an existing file is left as it is. what names the file in the
 * message: « impossible de créer WHAT (RAISON) ». */
int file_make_private(const char *path, const char *what, struct adpa_error *err);

/* The French words for an errno from the file system (« disque plein »,
 * « permission refusée », …), for messages the learner reads. */
const char *file_errno_words(int e);

#endif
