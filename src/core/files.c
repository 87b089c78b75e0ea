/*
 * The core's file helpers (see files.h): creating its private files, reading
 * course files safely, and walking a course directory.
 *
 * Private modes are given at creation (mkdir 0700, open O_EXCL 0600), never
 * fixed afterwards with chmod, so there is no moment when another user could
 * open the file; an existing file or directory is used as it is.
 */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adpa/course.h"
#include <adpa/util.h>

const char *file_errno_words(int e)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return "disque plein";
	case EACCES:
	case EPERM:
		return "permission refusée";
	case EROFS:
		return "système de fichiers en lecture seule";
	case ENOENT:
		return "fichier absent";
	case ENOTDIR:
		return "un élément du chemin n’est pas un dossier";
	case EISDIR:
		return "c’est un dossier";
	case ELOOP:
		return "trop de liens symboliques";
	case ENAMETOOLONG:
		return "chemin trop long";
	case EIO:
		return "erreur d’entrée-sortie";
	default:
		return "erreur système";
	}
}

int file_make_parent(const char *path, struct adpa_error *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto fail;
	free(dir);
	return 0;
fail:
	adpa_error_set(err, ADPA_EIO, path, 0, 0, "impossible de créer le dossier %s (%s)", dir,
	               file_errno_words(errno));
	free(dir);
	return -1;
}

int file_make_private(const char *path, const char *what, struct adpa_error *err)
{
	if (access(path, F_OK) == 0)
		return 0;
	if (file_make_parent(path, err) < 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno != EEXIST) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "impossible de créer %s (%s)", what,
		               file_errno_words(errno));
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

int file_open_regular(const char *path, struct stat *st, struct adpa_error *err)
{
	/* O_NONBLOCK keeps open() from waiting on a FIFO; it has no effect on
	 * reading a regular file */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "cannot open: not a regular file");
		close(fd);
		return -1;
	}
	if (st->st_size > ADPA_MAX_FILE_SIZE) {
		adpa_error_set(err, ADPA_EFORMAT, path, 1, 1,
		               "file is larger than 1 MiB (%lld bytes)", (long long)st->st_size);
		close(fd);
		return -1;
	}
	return fd;
}

ssize_t file_read_some(int fd, char *p, size_t n)
{
	ssize_t got;
	while ((got = read(fd, p, n)) < 0 && errno == EINTR)
		;
	return got;
}

char *file_read(const char *path, size_t *len, struct adpa_error *err)
{
	struct stat st;
	int fd = file_open_regular(path, &st, err);
	if (fd < 0)
		return NULL;
	/* sized from fstat: one allocation and two reads (the second sees the
	 * end) in the usual case; the loop still copes with a file that grows
	 * while it is read. No stdio: its buffer and checks cost three system
	 * calls per file, which check and search pay for every fiche. */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *data = xmalloc(cap + 1);
	ssize_t got;
	while ((got = file_read_some(fd, data + n, cap - n)) > 0) {
		n += (size_t)got;
		if (n > ADPA_MAX_FILE_SIZE) {
			adpa_error_set(err, ADPA_EFORMAT, path, 1, 1, "file is larger than 1 MiB");
			free(data);
			close(fd);
			return NULL;
		}
		if (n == cap)
			data = xrealloc(data, (cap *= 2) + 1);
	}
	if (got < 0) {
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "read error: %s", strerror(errno));
		free(data);
		close(fd);
		return NULL;
	}
	close(fd);
	data[n] = '\0';
	*len = n;
	return data;
}

/* True when real (a resolved path) is root or below it. */
static bool below(const char *root, const char *real)
{
	size_t n = strlen(root);
	return !strncmp(real, root, n) && (real[n] == '/' || real[n] == '\0' || n == 1);
}

/* True when path resolves inside the directory whose real path is root. */
static bool inside(const char *root, const char *path)
{
	char *real = realpath(path, NULL);
	bool in = real && below(root, real);
	free(real);
	return in;
}

char *file_confined(const char *dir, const char *rel, struct adpa_error *err)
{
	char *path = xasprintf("%s/%s", dir, rel);
	char *root = realpath(dir, NULL);
	char *real = root ? realpath(path, NULL) : NULL;
	int e = errno;
	bool ok = real && below(root, real) && strcmp(real, root) != 0;
	if (!ok && real)
		adpa_error_set(err, ADPA_EFORMAT, path, 0, 0,
		               "\"%s\" is outside the course directory", rel);
	else if (!ok)
		adpa_error_set(err, ADPA_EIO, path, 0, 0, "cannot open: %s", strerror(e));
	free(root);
	free(real);
	if (!ok) {
		free(path);
		return NULL;
	}
	return path;
}

struct walk {
	const char *dir, *suffix;
	char *root; /* realpath of dir, computed at the first symlink */
	file_walk_fn fn;
	file_skip_fn skip;
	void *arg;
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

static void skipped(struct walk *w, const char *rel, const char *why)
{
	if (w->skip)
		w->skip(rel, why, w->arg);
}

/* One entry: a directory is walked, never through a symlink; a symlinked
 * file counts when it resolves inside the course. */
static void walk_dir(struct walk *w, const char *rel, int depth);

static void walk_link(struct walk *w, const char *p, const char *r)
{
	struct stat st;
	if (stat(p, &st) != 0) {
		if (has_suffix(r, w->suffix))
			skipped(w, r, "a symbolic link to nothing");
	} else if (S_ISDIR(st.st_mode)) {
		skipped(w, r, "a symbolic link to a directory, not followed");
	} else if (!has_suffix(r, w->suffix)) {
		/* not a course file */
	} else if (!S_ISREG(st.st_mode)) {
		skipped(w, r, "a symbolic link to something that is not a regular file");
	} else {
		if (!w->root)
			w->root = realpath(w->dir, NULL);
		if (w->root && inside(w->root, p))
			w->fn(r, &st, w->arg);
		else
			skipped(w, r, "a symbolic link to outside the course directory");
	}
}

static void walk_entry(struct walk *w, const char *r, int depth)
{
	char *p = xasprintf("%s/%s", w->dir, r);
	struct stat st;
	if (lstat(p, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			walk_dir(w, r, depth + 1);
		else if (S_ISLNK(st.st_mode))
			walk_link(w, p, r);
		else if (!has_suffix(r, w->suffix))
			; /* not a course file */
		else if (S_ISREG(st.st_mode))
			w->fn(r, &st, w->arg);
		else
			skipped(w, r, "not a regular file");
	}
	free(p);
}

static void walk_dir(struct walk *w, const char *rel, int depth)
{
	if (depth > 8) {
		skipped(w, rel, "directories nested deeper than 8 levels are not read");
		return;
	}
	char *full = rel ? xasprintf("%s/%s", w->dir, rel) : xstrdup(w->dir);
	DIR *d = opendir(full);
	free(full);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *r = rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		walk_entry(w, r, depth);
		free(r);
	}
	if (d)
		closedir(d);
}

void file_walk(const char *dir, const char *suffix, file_walk_fn fn, file_skip_fn skip, void *arg)
{
	struct walk w = {dir, suffix, NULL, fn, skip, arg};
	walk_dir(&w, NULL, 0);
	free(w.root);
}
