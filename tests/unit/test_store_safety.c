/*
 * Unit tests: the store when things go wrong. Disk full (a VFS wrapped
 * around the default one refuses writes past a budget with SQLITE_FULL, as a
 * full disk does), the work budget and limits of a collected file, a
 * genuine file read as a collected one, empty inputs (for ASan/UBSan: no NULL
 * reaches memcpy or qsort), and the learner's file made private.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/core/store_internal.h"
#include "adpa/progress.h"
#include "adpa/store.h"
#include "harness.h"

static char dir[256];

static char *tmp(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* --- a disk that fills up: writes past the budget fail with SQLITE_FULL --- */

static long long budget = -1; /* bytes left; -1: no limit */
static sqlite3_vfs *real_vfs;

struct full_file {
	sqlite3_file base;
	sqlite3_file *real; /* allocated after this struct */
};

#define REAL(f) (((struct full_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), b, n, off);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	if (budget >= 0 && budget < n)
		return SQLITE_FULL;
	if (budget >= 0)
		budget -= n;
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int f_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_caps(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, p);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static const sqlite3_io_methods full_methods = {
    .iVersion = 2,
    .xClose = f_close,
    .xRead = f_read,
    .xWrite = f_write,
    .xTruncate = f_truncate,
    .xSync = f_sync,
    .xFileSize = f_size,
    .xLock = f_lock,
    .xUnlock = f_unlock,
    .xCheckReservedLock = f_reserved,
    .xFileControl = f_control,
    .xSectorSize = f_sector,
    .xDeviceCharacteristics = f_caps,
    .xShmMap = f_shm_map,
    .xShmLock = f_shm_lock,
    .xShmBarrier = f_shm_barrier,
    .xShmUnmap = f_shm_unmap,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct full_file *ff = (struct full_file *)f;
	ff->real = (sqlite3_file *)(ff + 1);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	f->pMethods = rc == SQLITE_OK ? &full_methods : NULL;
	return rc;
}

#define PASS(name, args, call)                                                                     \
	static int name args                                                                       \
	{                                                                                          \
		(void)vfs;                                                                         \
		return call;                                                                       \
	}
PASS(v_delete, (sqlite3_vfs * vfs, const char *n, int sync), real_vfs->xDelete(real_vfs, n, sync))
PASS(v_access, (sqlite3_vfs * vfs, const char *n, int flags, int *out),
     real_vfs->xAccess(real_vfs, n, flags, out))
PASS(v_full, (sqlite3_vfs * vfs, const char *n, int size, char *out),
     real_vfs->xFullPathname(real_vfs, n, size, out))
PASS(v_random, (sqlite3_vfs * vfs, int n, char *out), real_vfs->xRandomness(real_vfs, n, out))
PASS(v_sleep, (sqlite3_vfs * vfs, int us), real_vfs->xSleep(real_vfs, us))
PASS(v_time, (sqlite3_vfs * vfs, double *out), real_vfs->xCurrentTime(real_vfs, out))
PASS(v_error, (sqlite3_vfs * vfs, int n, char *out), real_vfs->xGetLastError(real_vfs, n, out))

static sqlite3_vfs full_vfs = {
    .iVersion = 1,
    .zName = "full",
    .xOpen = v_open,
    .xDelete = v_delete,
    .xAccess = v_access,
    .xFullPathname = v_full,
    .xRandomness = v_random,
    .xSleep = v_sleep,
    .xCurrentTime = v_time,
    .xGetLastError = v_error,
};

static void install_full_disk(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	full_vfs.szOsFile = (int)sizeof(struct full_file) + real_vfs->szOsFile;
	full_vfs.mxPathname = real_vfs->mxPathname;
	sqlite3_vfs_register(&full_vfs, 1);
}

static bool english(const char *msg)
{
	return strstr(msg, "rollback") || strstr(msg, "transaction") || strstr(msg, "database") ||
	       strstr(msg, "disk");
}

static void test_disk_full(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("full.db"), ADPA_STORE_READ_WRITE, &e);
	OK(s != NULL, "a store on the filling disk");
	if (!s)
		return;
	int64_t l = adpa_store_learner(s, "ana", true, 10, &e);
	OK(adpa_store_opened(s, l, "c", "f1", 100, &e) == 0, "a first action saved");
	budget = 0; /* the disk is full: the COMMIT cannot write */
	memset(&e, 0, sizeof e);
	OK(adpa_store_position(s, l, "c", "f1", 42, 200, &e) < 0, "disk full: the action fails");
	OK(strstr(e.msg, "disque plein") != NULL, "disk full: the real cause is said");
	OK(!english(e.msg), "disk full: no « cannot rollback - no transaction is active »");
	if (!strstr(e.msg, "disque plein") || english(e.msg))
		printf("# %s\n", e.msg);
	OK(strncmp(e.msg, "impossible d’enregistrer la position", 37) == 0,
	   "disk full: what was not saved");
	memset(&e, 0, sizeof e);
	OK(adpa_store_bookmark_add(s, l, "c", "f1", 3, "x", 210, &e) < 0 &&
	       strstr(e.msg, "disque plein"),
	   "disk full: a second action fails the same way");
	budget = -1; /* space again */
	OK(adpa_store_position(s, l, "c", "f1", 7, 300, &e) == 0, "space again: the store works");
	struct adpa_progress p;
	OK(adpa_store_progress(s, l, "c", "f1", &p, &e) == 0 && p.known && p.position == 7 &&
	       p.first_opened == 100,
	   "space again: earlier progress intact, the failed action absent");
	adpa_store_close(s);
	budget = 0;
	OK(adpa_store_open(tmp("full-new.db"), ADPA_STORE_READ_WRITE, &e) == NULL &&
	       strstr(e.msg, "disque plein") && !english(e.msg),
	   "disk full at creation: said as such");
	budget = -1;
}

/* --- collected files --- */

static void make_genuine(const char *path)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(path, ADPA_STORE_READ_WRITE, &e);
	int64_t l = adpa_store_learner(s, "ana", true, 10, &e);
	adpa_store_completed(s, l, "c", "f1", true, "h", 100, &e);
	adpa_store_close(s);
}

static void test_foreign(void)
{
	struct adpa_error e = {0};
	make_genuine(tmp("genuine.db"));
	struct adpa_store *s = adpa_store_open_foreign(tmp("genuine.db"), &e);
	OK(s != NULL, "a genuine file (WAL mode) opens as a collected one");
	if (!s) {
		printf("# %s\n", e.msg);
		return;
	}
	char **names;
	size_t n;
	OK(adpa_store_learners(s, &names, &n, &e) == 0 && n == 1 && !strcmp(names[0], "ana"),
	   "its learners are read");
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	int64_t l = adpa_store_learner(s, "ana", false, 0, &e);
	struct adpa_progress p;
	OK(adpa_store_progress(s, l, "c", "f1", &p, &e) == 0 && p.completed == 100,
	   "its progress is read");
	OK(adpa_store_learner(s, "bob", true, 0, &e) < 0, "a collected file is never written");
	/* a query that never ends: interrupted by the work budget */
	int ok = 1;
	store_query_int(s, 0, &ok,
	                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
	                " SELECT count(*) FROM c",
	                "");
	memset(&e, 0, sizeof e);
	store_fail(s, &e, "lecture");
	OK(!ok && strstr(e.msg, "trop complexe"), "a runaway query is interrupted, and said so");
	/* values are bounded */
	store_query_int(s, 0, &ok, "SELECT length(zeroblob(2000000))", "");
	store_fail(s, &e, "lecture");
	OK(!ok && strstr(e.msg, "trop gros"), "a value past the length limit is refused");
	adpa_store_close(s);
	/* the sanctioned learner's store keeps no such limit */
	s = adpa_store_open(tmp("genuine.db"), ADPA_STORE_READ_WRITE, &e);
	OK(store_query_int(s, 0, &ok, "SELECT length(zeroblob(2000000))", "") == 2000000 && ok,
	   "the learner's own store is not limited");
	adpa_store_close(s);
	OK(adpa_store_open_foreign(tmp("none.db"), &e) == NULL && strstr(e.msg, "fichier absent") &&
	       access(tmp("none.db"), F_OK) != 0,
	   "a missing collected file: said, never created");
}

/* --- empty inputs: nothing NULL reaches memcpy or qsort (ASan/UBSan) --- */

static int count_row(const void *row, void *arg)
{
	(void)row;
	++*(int *)arg;
	return 0;
}

static void test_empty(void)
{
	struct adpa_error e = {0};
	struct adpa_store *s = adpa_store_open(tmp("empty.db"), ADPA_STORE_READ_WRITE, &e);
	char **names = (char **)&e;
	size_t n = 99;
	OK(adpa_store_learners(s, &names, &n, &e) == 0 && n == 0 && names == NULL,
	   "no learner: an empty list");
	int rows = 0;
	OK(adpa_store_export(s, NULL, (adpa_export_fn)count_row, &rows, &e) == 0 && rows == 0,
	   "no learner: export has no row");
	int64_t l = adpa_store_learner(s, "ana", true, 10, &e);
	int64_t p = adpa_store_path_new(s, l, "c", "vide", NULL, 0, 20, &e);
	OK(p > 0 && adpa_store_path_add(s, p, NULL, 0, &e) == 0, "a path with no fiche");
	struct adpa_store_path *paths = NULL;
	OK(adpa_store_paths(s, l, "c", &paths, &n, &e) == 0 && n == 1 && paths[0].nfiches == 0 &&
	       paths[0].fiches == NULL,
	   "a path with no fiche reads back empty");
	adpa_store_paths_free(paths, n);
	OK(adpa_store_paths(s, l, "autre", &paths, &n, &e) == 0 && n == 0 && paths == NULL,
	   "no path: an empty list");
	adpa_store_paths_free(NULL, 0);
	rows = 0;
	OK(adpa_store_bookmarks(s, l, NULL, (adpa_bookmark_fn)count_row, &rows, &e) == 0 &&
	       adpa_store_notes(s, l, NULL, (adpa_note_fn)count_row, &rows, &e) == 0 &&
	       adpa_store_review(s, l, "c", 1000, (adpa_review_fn)count_row, &rows, &e) == 0 &&
	       rows == 0,
	   "no bookmark, note or review: no row");
	struct adpa_course c = {.id = "c", .mastery = 80};
	struct adpa_summary *sum = adpa_summary_new(&c, s, l, false, &e);
	OK(sum && sum->total.fiches == 0, "a course with no fiche: an empty summary");
	adpa_summary_free(sum);
	adpa_store_close(s);
}

/* --- the learner's file: made private, never through a link --- */

static void test_modes(void)
{
	struct adpa_error e = {0};
	make_genuine(tmp("mode.db"));
	chmod(tmp("mode.db"), 0644);
	struct adpa_store *s = adpa_store_open(tmp("mode.db"), ADPA_STORE_READ_WRITE, &e);
	struct stat st;
	OK(s && stat(tmp("mode.db"), &st) == 0 && (st.st_mode & 0777) == 0600,
	   "a file readable by others is made 0600");
	OK(adpa_store_warning(s) && strstr(adpa_store_warning(s), "0600"), "and the store says so");
	adpa_store_close(s);
	s = adpa_store_open(tmp("mode.db"), ADPA_STORE_READ_WRITE, &e);
	OK(s && adpa_store_warning(s) == NULL, "no warning once private");
	adpa_store_close(s);
	char target[512];
	snprintf(target, sizeof target, "%s", tmp("mode.db"));
	OK(symlink(target, tmp("link.db")) == 0 &&
	       adpa_store_open(tmp("link.db"), ADPA_STORE_READ_WRITE, &e) == NULL &&
	       strstr(e.msg, "lien symbolique"),
	   "a symbolic link is refused");
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/adpa-safety-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	install_full_disk();
	test_disk_full();
	test_foreign();
	test_empty();
	test_modes();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return done();
}
