/*
 * The learner's own editor ($VISUAL or $EDITOR, read by the view that asks:
 * the core never reads the environment) on a temporary file. The file is
 * made by mkstemp (0600, in $TMPDIR or /tmp) and removed afterwards. Curses
 * is suspended the way a shell escape does it (def_prog_mode, endwin, then
 * reset_prog_mode and a full repaint), which keeps the main loop the only
 * owner of the terminal's modes: this runs from a key, inside the loop.
 * The command line goes through sh -c as git runs it ("$EDITOR" "$1"), so
 * "vim -u NONE" or "code --wait" work; the file's path is passed as $1,
 * never spliced into the command.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui_session.h"
#include <adpa/util.h>

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Runs editor on path with curses suspended; its exit status, or -1. */
static int run_editor(const char *editor, const char *path)
{
	struct sigaction ign = {0}, old_int, old_quit;
	ign.sa_handler = SIG_IGN;
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ign, &old_int); /* Ctrl-C is the editor's, as with system() */
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		char *cmd = xasprintf("%s \"$1\"", editor); /* the learner's own command line */
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE); /* the editor drew over everything */
	refresh();
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *read_back(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	char *s = buf_detach(&b);
	size_t len = strlen(s); /* a NUL typed in the editor ends the note */
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	return s;
}

char *tui_edit_external(struct tui *t, const char *editor, const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/adpa-note-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0 || write_all(fd, text, strlen(text)) < 0 ||
	    (text[0] && write_all(fd, "\n", 1) < 0)) {
		tui_message(t, true, "Impossible de préparer la note pour l’éditeur : %s",
		            strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	close(fd);
	int rc = run_editor(editor, path);
	char *out = rc == 0 ? read_back(path) : NULL;
	unlink(path);
	free(path);
	if (!out)
		tui_message(t, true, "L’éditeur « %s » a échoué : note inchangée", editor);
	return out;
}
