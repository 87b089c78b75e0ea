/*
 * Replays saved inputs through a harness without libFuzzer, so the normal
 * suite (gcc, and gcc with ASan/UBSan) runs every regression input found by
 * fuzzing. Arguments are files or directories (their files, sorted by name,
 * hidden ones skipped: .gitkeep). A missing argument is an error, so a typo
 * cannot turn the test into one that replays nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, n = 0;
	unsigned char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0)
		if ((n += r) == cap)
			buf = realloc(buf, cap *= 2);
	fclose(f);
	if (!buf)
		abort();
	/* libFuzzer hands the harness a buffer of exactly the input's size */
	unsigned char *exact = malloc(n ? n : 1);
	if (!exact)
		abort();
	memcpy(exact, buf, n);
	free(buf);
	printf("replay %s (%zu bytes)\n", path, n);
	fflush(stdout);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *path, size_t *count)
{
	struct dirent **list;
	int n = scandir(path, &list, NULL, NULL);
	if (n < 0) {
		perror(path);
		return -1;
	}
	char **names = calloc((size_t)n + 1, sizeof *names);
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' && names)
			names[k++] = strdup(list[i]->d_name);
		free(list[i]);
	}
	free(list);
	if (!names)
		abort();
	qsort(names, k, sizeof *names, cmp_name);
	int rc = 0;
	for (size_t i = 0; i < k; i++) {
		char *full = malloc(strlen(path) + strlen(names[i]) + 2);
		if (!full)
			abort();
		sprintf(full, "%s/%s", path, names[i]);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			rc |= replay_file(full);
			++*count;
		}
		free(full);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc |= replay_dir(argv[i], &count);
		} else {
			rc |= replay_file(argv[i]);
			count++;
		}
	}
	printf("%zu inputs replayed\n", count);
	return rc ? 1 : 0;
}
