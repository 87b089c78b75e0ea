/*
 * Creating the core's private files and directories (see files.h). The
 * modes are given at creation (mkdir 0700, open O_EXCL 0600), never fixed
 * afterwards with chmod, so there is no moment when another user could open
 * the file; an existing file or directory is used as it is.
 */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
