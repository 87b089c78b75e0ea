/*
 * Private file helpers of the core.
 *
 * Files it writes (the progress store, the search cache) are the learner's
 * own, so they are created private: the file 0600, its missing directories
 * 0700.
 *
 * Files it reads from a course are untrusted: only regular files are read
 * (a FIFO or a device would block or never end), at most ADPA_MAX_FILE_SIZE
 * bytes; a path the course names must resolve, symlinks followed, inside the
 * course directory; the one directory walker never follows a directory
 * symlink (a link to . made every command walk millions of directories).
 */
#ifndef ADPA_FILES_H
#define ADPA_FILES_H

#include <sys/stat.h>
#include <sys/types.h>

#include "adpa/error.h"

/* Opens path for reading when it is a regular file of at most
 * ADPA_MAX_FILE_SIZE bytes, and fills st; anything else is refused without
 * blocking (the open is O_NONBLOCK). Returns the descriptor, or -1 with err
 * filled. */
int file_open_regular(const char *path, struct stat *st, struct adpa_error *err);

/* read(2), retried when a signal interrupts it. */
ssize_t file_read_some(int fd, char *p, size_t n);

/* Reads a whole course file (as file_open_regular allows); NUL-terminated,
 * *len bytes. The caller frees it. */
char *file_read(const char *path, size_t *len, struct adpa_error *err);

/* "dir/rel" when it resolves (symlinks followed) to a file inside dir; NULL
 * with err filled when it is outside or cannot be resolved. The caller frees
 * it. */
char *file_confined(const char *dir, const char *rel, struct adpa_error *err);

/* Calls fn for every regular file below dir whose name ends with suffix,
 * with its path relative to dir and its status, in directory order (callers
 * sort). Dot files and directories are skipped, at most 8 levels deep;
 * directory symlinks are never followed, and a file symlink only when it
 * resolves inside dir. skip (may be NULL) hears of what is left out that
 * looks meant to be read: a directory symlink, a directory past the depth
 * limit, a file with the suffix that is not a regular file or a symlink
 * outside dir or to nothing; why says which, in a few words. */
typedef void (*file_walk_fn)(const char *rel, const struct stat *st, void *arg);
typedef void (*file_skip_fn)(const char *rel, const char *why, void *arg);
void file_walk(const char *dir, const char *suffix, file_walk_fn fn, file_skip_fn skip, void *arg);

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
