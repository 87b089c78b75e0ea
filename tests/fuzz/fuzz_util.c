/*
 * The scratch directory of a harness: one per process, made with mkdtemp(),
 * removed at exit. Inputs that the core reads from files (courses, progress
 * files) are written there before each call, always under the same names, so
 * a run depends only on its input.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static char dir[4096];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (dir[0])
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fuzz: %s %s: %s\n", what, path, strerror(errno));
	abort();
}

const char *fuzz_dir(void)
{
	if (dir[0])
		return dir;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/adpa-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		die("cannot create", dir);
	atexit(cleanup);
	return dir;
}

static void make_parents(char *path)
{
	for (char *p = path + strlen(fuzz_dir()) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			die("cannot create", path);
		*p = '/';
	}
}

void fuzz_write(const char *name, const void *data, size_t len)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	make_parents(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		die("cannot write", path);
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("cannot write", path);
		p += w;
		len -= (size_t)w;
	}
	close(fd);
}

void fuzz_remove(const char *name)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	if (unlink(path) != 0 && errno != ENOENT)
		die("cannot remove", path);
}
