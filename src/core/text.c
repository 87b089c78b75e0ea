/*
 * Text safety and cell widths: the one place where text from data (course
 * files, progress files, file names, SQLite messages) is made safe for a
 * terminal. Control characters and bidi controls are made visible rather than
 * dropped, so an author sees them and adpa check can point at them; nothing
 * a data file holds can reach the terminal as an escape sequence or reorder
 * what is shown around it. Also the content hash (a change detector over
 * bytes) the store and search key their rows with.
 */
#include "adpa/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>
#include <uniwidth.h>

#include "internal.h"
#include <adpa/util.h>

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

bool adpa_is_bidi_control(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* What adpa_text_clean() makes visible. */
static bool is_unsafe(uint32_t c)
{
	return is_control(c) || adpa_is_bidi_control(c);
}

bool adpa_text_has_controls(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += (size_t)adpa_utf8_decode(s + i, len - i, &c);
		if (is_unsafe(c))
			return true;
	}
	return false;
}

/* True when a bidi control starts at p[i]: D8 9C (U+061C), E2 80 8E/8F,
 * E2 80 AA..AE or E2 81 A6..A9 (U+200E/F, U+202A..E, U+2066..9). */
static bool bidi_here(const unsigned char *p, size_t i, size_t len)
{
	if (p[i] == 0xD8)
		return i + 1 < len && p[i + 1] == 0x9C;
	if (p[i] != 0xE2 || i + 2 >= len)
		return false;
	unsigned char b = p[i + 1], d = p[i + 2];
	return (b == 0x80 && (d == 0x8E || d == 0x8F || (d >= 0xAA && d <= 0xAE))) ||
	       (b == 0x81 && d >= 0xA6 && d <= 0xA9);
}

size_t adpa_text_bidi_at(const char *s, size_t len)
{
	/* A byte scan: every bidi control starts with D8 or E2, bytes that
	 * never continue another sequence, so no decoding is needed (check
	 * calls this on every fiche body and front-matter scalar). */
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++)
		if (bidi_here(p, i, len))
			return i;
	return (size_t)-1;
}

/* True when the byte at p[i] starts something unsafe: a C0 control or DEL,
 * a C1 control (C2 80..C2 9F) or a bidi control (see bidi_here). */
static bool byte_unsafe(const unsigned char *p, size_t i, size_t len)
{
	unsigned char c = p[i];
	if (c < 0x20 || c == 0x7F)
		return true;
	if (c == 0xC2)
		return i + 1 < len && p[i + 1] < 0xA0;
	return bidi_here(p, i, len);
}

/* True when s needs no change at all: nothing unsafe (see byte_unsafe), valid
 * UTF-8. The common case, checked a word at a time: only words holding a
 * byte below 0x20, DEL or a non-ASCII byte are looked at closely. */
static bool already_clean(const char *s, size_t len, bool valid)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	const unsigned char *p = (const unsigned char *)s;
	bool ascii = true;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		uint64_t x7f = v ^ (ones * 0x7F);
		if (!((v & highs) | ((v - ones * 0x20) & ~v & highs) |
		      ((x7f - ones) & ~x7f & highs)))
			continue;
		for (size_t k = i; k < i + 8; k++) {
			ascii = ascii && p[k] < 0x80;
			if (byte_unsafe(p, k, len))
				return false;
		}
	}
	for (; i < len; i++) {
		ascii = ascii && p[i] < 0x80;
		if (byte_unsafe(p, i, len))
			return false;
	}
	return ascii || valid || !u8_check(p, len);
}

char *adpa_text_clean(const char *s, size_t len, unsigned flags)
{
	if (already_clean(s, len, false))
		return xstrndup(s, len);
	struct buf b = {0};
	buf_add(&b, "", 0);
	text_clean_append(&b, s, len, flags);
	return buf_detach(&b);
}

void text_clean_append(struct buf *out, const char *s, size_t len, unsigned flags)
{
	if (already_clean(s, len, flags & CLEAN_VALID_UTF8)) {
		buf_add(out, s, len);
		return;
	}
	struct buf b = *out;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int n = adpa_utf8_decode(s + i, len - i, &c);
		if (!is_unsafe(c)) {
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
	*out = b;
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
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* ASCII: one cell, controls none */
			w += b >= 0x20 && b != 0x7F;
			i++;
			continue;
		}
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
		unsigned char b = (unsigned char)s[i];
		int n = 1, cw;
		if (b < 0x80) {
			cw = b >= 0x20 && b != 0x7F;
		} else {
			n = adpa_utf8_decode(s + i, len - i, &c);
			cw = adpa_char_width(c);
		}
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
	/* ASCII runs a word at a time; each other sequence checked by
	 * libunistring, which knows overlongs and surrogates */
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < len) {
		uint64_t v;
		if (i + 8 <= len && (memcpy(&v, p + i, 8), !(v & 0x8080808080808080u))) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = p[i] >= 0xC2 && p[i] <= 0xDF   ? 2
		           : p[i] >= 0xE0 && p[i] <= 0xEF ? 3
		           : p[i] >= 0xF0 && p[i] <= 0xF4 ? 4
		                                          : 0;
		if (!n || i + n > len || u8_check(p + i, n))
			return i;
		i += n;
	}
	return (size_t)-1;
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

char *adpa_text_fold(const char *s)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &n);
	char *d = f ? xstrndup((const char *)f, n) : xstrdup(s);
	free(f);
	char *o = d;
	for (const char *p = d; *p;)
		if (!strncmp(p, "\xE2\x80\x99", 3))
			*o++ = '\'', p += 3;
		else
			*o++ = *p++;
	*o = '\0';
	return d;
}

bool adpa_text_equal_fold(const char *a, const char *b)
{
	char *x = adpa_text_fold(a), *y = adpa_text_fold(b);
	bool eq = !strcmp(x, y);
	free(x);
	free(y);
	return eq;
}

void adpa_content_hash(const char *data, size_t len, char out[17])
{
	uint64_t h = 14695981039346656037u; /* FNV-1a, 64 bits: a change detector */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211u;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
