/*
 * Quiz logic: order of choices per attempt, grading by identity, and the
 * answers typed in line mode. Pure functions: no clock, no randomness of
 * their own (the seed comes from the caller).
 */
#include "adpa/quiz.h"

#include <stdio.h>
#include <string.h>

/* splitmix64: a small, good generator for shuffling a handful of choices */
static uint64_t next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

void adpa_quiz_order(size_t n, uint64_t seed, bool shuffle, size_t *order)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (!shuffle)
		return;
	uint64_t x = seed;
	for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
		size_t j = (size_t)(next(&x) % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

bool adpa_quiz_grade(const struct adpa_question *q, const bool *chosen)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (q->choices[i].correct != chosen[i])
			return false;
	return true;
}

int adpa_quiz_parse(const char *line, size_t nshown, bool multiple, bool *picked, char *msg,
                    size_t msgsize)
{
	memset(picked, 0, nshown * sizeof *picked);
	int count = 0;
	for (const char *p = line; *p; p++) {
		if (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p < '1' || *p > '9' || (size_t)(*p - '0') > nshown ||
		    (p[1] >= '0' && p[1] <= '9')) {
			snprintf(msg, msgsize, "tapez un numéro de 1 à %zu%s", nshown,
			         multiple ? ", ou plusieurs séparés par des espaces" : "");
			return -1;
		}
		if (!picked[*p - '1'])
			count++;
		picked[*p - '1'] = true;
	}
	if (!multiple && count > 1) {
		snprintf(msg, msgsize, "une seule réponse est attendue ici");
		return -1;
	}
	return count;
}

void adpa_quiz_encode(const bool *chosen, size_t n, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len + 4 < size; i++)
		if (chosen[i])
			len += (size_t)snprintf(buf + len, size - len, "%s%zu", len ? "," : "", i);
}

int adpa_quiz_percent(int correct, int total)
{
	return total > 0 ? correct * 100 / total : 0;
}
