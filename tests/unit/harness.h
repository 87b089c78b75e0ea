/*
 * A minimal TAP harness (after cmark's api_test/harness.h): each check prints
 * "ok N - name" or "not ok N - name" with the values that differed, and
 * done() prints the plan and returns the exit status meson reads.
 */
#ifndef ADPA_HARNESS_H
#define ADPA_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

static void t_result(int ok, const char *name)
{
	t_count++;
	if (!ok)
		t_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", t_count, name);
}

#define OK(cond, name) t_result(!!(cond), name)

#define INT_EQ(got, want, name)                                                                    \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		t_result(g_ == w_, name);                                                          \
		if (g_ != w_)                                                                      \
			printf("#   got %lld, want %lld\n", g_, w_);                               \
	} while (0)

#define STR_EQ(got, want, name)                                                                    \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		int ok_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;                               \
		t_result(ok_, name);                                                               \
		if (!ok_)                                                                          \
			printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)",           \
			       w_ ? w_ : "(null)");                                                \
	} while (0)

static int done(void)
{
	printf("1..%d\n", t_count);
	return t_failed ? 1 : 0;
}

#endif
