/*
 * adpa snapshot: a consistent single-file copy of a progress store, taken
 * while other adpa processes may be writing it. Copying progress.db with cp
 * misses what sits in its -wal; VACUUM INTO reads one transaction's view of
 * the store (WAL included) and writes it as a standalone file, with the
 * schema, application_id and user_version, so adpa report reads it as any
 * collected file.
 *
 * Invariants: the copy is created 0600 (created empty with O_EXCL, or as a
 * temporary file renamed over the target when overwriting is allowed); an
 * existing target is never touched unless overwrite is true, and never when
 * it is the store itself (or its -wal, -shm); a failed copy leaves no file
 * of ours behind. The source is only read.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/store.h"
#include "files.h"
#include "store_internal.h"
#include <adpa/util.h>

static int fail_errno(const char *path, int e, struct adpa_error *err)
{
	adpa_error_set(err, ADPA_EIO, path, 0, 0, "impossible d’écrire la copie (%s)",
	               file_errno_words(e));
	return -1;
}

/* Creates the empty file the copy goes into, 0600: target itself (O_EXCL),
 * or a temporary file beside it when overwriting. *made gets its name. */
static int make_empty(const char *target, bool overwrite, char **made, struct adpa_error *err)
{
	int fd;
	if (overwrite) {
		*made = xasprintf("%s.tmp-XXXXXX", target);
		fd = mkstemp(*made); /* 0600 */
	} else {
		*made = xstrdup(target);
		fd = open(*made, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	}
	if (fd < 0) {
		int e = errno;
		free(*made);
		*made = NULL;
		if (e == EEXIST)
			adpa_error_set(err, ADPA_EIO, target, 0, 0,
			               "le fichier existe déjà ; choisissez un autre nom (ou "
			               "--force pour le remplacer)");
		else
			fail_errno(target, e, err);
		return -1;
	}
	close(fd);
	return 0;
}

/* The copy itself: VACUUM INTO, the file name bound as a parameter. */
static int vacuum_into(struct adpa_store *s, const char *path, struct adpa_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "VACUUM INTO ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "impossible de copier la progression");
	return 0;
}

/* Flushes path to the disk (a USB stick pulled out right after). */
static int sync_file(const char *path, struct adpa_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return fail_errno(path, e, err);
	}
	close(fd);
	return 0;
}

/* True when target is the store's own file (or its -wal or -shm): replacing
 * it would cut off the adpa processes still writing the old one. */
static bool is_source(const struct adpa_store *s, const char *target)
{
	struct stat t;
	if (stat(target, &t) != 0)
		return false;
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		char *p = xasprintf("%s%s", s->path, suffix[i]);
		struct stat st;
		bool same = stat(p, &st) == 0 && st.st_dev == t.st_dev && st.st_ino == t.st_ino;
		free(p);
		if (same)
			return true;
	}
	return false;
}

int adpa_store_snapshot(struct adpa_store *s, const char *target, bool overwrite,
                        struct adpa_error *err)
{
	if (is_source(s, target)) {
		adpa_error_set(err, ADPA_EIO, target, 0, 0,
		               "c’est le fichier de progression lui-même ; copiez-le ailleurs");
		return -1;
	}
	char *made = NULL;
	if (make_empty(target, overwrite, &made, err) < 0)
		return -1;
	int rc = vacuum_into(s, made, err);
	if (rc == 0)
		rc = sync_file(made, err);
	if (rc == 0 && overwrite && rename(made, target) != 0)
		rc = fail_errno(target, errno, err);
	if (rc < 0)
		unlink(made);
	free(made);
	return rc;
}
