/*
 * Text safety and cell widths: the one place where course text is made safe
 * for a terminal. Control characters are made visible rather than dropped, so
 * an author sees them and adpa check can point at them; nothing a course file
 * holds can reach the terminal as an escape sequence.
 */
#include "adpa/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util.h"

int adpa_utf8_decode(const char *s, size_t len, uint32_t *uc)
{
	ucs4_t c;
	int n = u8_mbtouc(&c, (const uint8_t *)s, len);
	if (n <= 0) {
		*uc = 0xFFFD;
		return 1;
	}
	/* u8_mbtouc maps an invalid sequence to U+FFFD and returns its length;
	 * a real U+FFFD is 3 bytes, so report invalid bytes one at a time. */
	if (c == 0xFFFD && !(n == 3 && (unsigned char)s[0] == 0xEF)) {
		*uc = 0xFFFD;
		return 1;
	}
	*uc = c;
	return n;
}

static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

bool adpa_text_has_controls(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += (size_t)adpa_utf8_decode(s + i, len - i, &c);
		if (is_control(c))
			return true;
	}
	return false;
}

char *adpa_text_clean(const char *s, size_t len, unsigned flags)
{
	struct buf b = {0};
	buf_add(&b, "", 0);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int n = adpa_utf8_decode(s + i, len - i, &c);
		if (!is_control(c)) {
			if (c == 0xFFFD && n == 1)
				buf_adds(&b, "\xEF\xBF\xBD");
			else
				buf_add(&b, s + i, (size_t)n);
		} else if (c == '\n' && (flags & ADPA_CLEAN_KEEP_NEWLINES)) {
			buf_addc(&b, '\n');
		} else if (c == '\n' || (c == '\t' && (flags & ADPA_CLEAN_TABS_TO_SPACE))) {
			buf_addc(&b, ' ');
		} else if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
			/* CRLF: the CR is a line-ending detail, not content */
		} else if (c < 0x20) {
			buf_addc(&b, '^');
			buf_addc(&b, (char)(c + 0x40));
		} else if (c == 0x7F) {
			buf_adds(&b, "^?");
		} else {
			buf_printf(&b, "<U+%04X>", (unsigned)c);
		}
		i += (size_t)n;
	}
	return buf_detach(&b);
}

int adpa_char_width(uint32_t uc)
{
	if (is_control(uc))
		return 0;
	int w = uc_width(uc, "UTF-8");
	return w < 0 ? 0 : w;
}

int adpa_text_width(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += (size_t)adpa_utf8_decode(s + i, len - i, &c);
		w += adpa_char_width(c);
	}
	return w;
}

size_t adpa_text_fit(const char *s, size_t len, int max_cells, int *used)
{
	int w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t c;
		int n = adpa_utf8_decode(s + i, len - i, &c);
		int cw = adpa_char_width(c);
		if (w + cw > max_cells)
			break;
		w += cw;
		i += (size_t)n;
	}
	if (used)
		*used = w;
	return i;
}

size_t adpa_utf8_invalid_at(const char *s, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, len);
	return bad ? (size_t)(bad - (const uint8_t *)s) : (size_t)-1;
}

int adpa_text_column(const char *s, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off;) {
		uint32_t c;
		i += (size_t)adpa_utf8_decode(s + i, off - i, &c);
		col++;
	}
	return col;
}

/* A copy where the typographic apostrophe U+2019 is the ASCII one: authors
 * write « droit d’accès » in prose and « droit d'accès » in a list. */
static char *fold_apostrophes(const char *s)
{
	char *d = xstrdup(s), *o = d;
	for (const char *p = s; *p;)
		if (!strncmp(p, "\xE2\x80\x99", 3))
			*o++ = '\'', p += 3;
		else
			*o++ = *p++;
	*o = '\0';
	return d;
}

bool adpa_text_equal_fold(const char *a, const char *b)
{
	char *x = fold_apostrophes(a), *y = fold_apostrophes(b);
	int r = 1;
	if (u8_casecmp((const uint8_t *)x, strlen(x), (const uint8_t *)y, strlen(y), NULL,
		       UNINORM_NFC, &r) < 0)
		r = strcmp(x, y);
	free(x);
	free(y);
	return r == 0;
}
