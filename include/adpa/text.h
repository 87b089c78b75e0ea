/*
 * Text safety and terminal cell widths.
 *
 * adpa_text_clean() is the one text-safety function: every string adpa
 * prints from data (course files, file names in diagnostics, learner names,
 * SQLite error texts) goes through it before a front end shows it.
 *   - C0 controls (ESC among them) and DEL become caret notation (^[ , ^?);
 *   - C1 controls (U+0080..U+009F) become <U+0085>;
 *   - bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
 *     U+061C) become <U+202E>, so text can never be reordered on screen
 *     (« Trojan Source », CVE-2021-42574);
 *   - invalid UTF-8 becomes U+FFFD.
 * So data can never move the cursor, clear the screen, write to the
 * clipboard (OSC 52), make a hyperlink (OSC 8) or hide text behind a
 * direction change. Everything else, U+00A0 and U+202F included, is kept.
 *
 * Widths count terminal cells (wide characters 2, combining marks 0) through
 * libunistring, independently of the process locale.
 */
#ifndef ADPA_TEXT_H
#define ADPA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum adpa_clean_flags {
	ADPA_CLEAN_KEEP_NEWLINES = 1 << 0, /* keep \n (otherwise made a space) */
	ADPA_CLEAN_TABS_TO_SPACE = 1 << 1  /* a tab becomes one space (otherwise ^I) */
};

/* Returns a newly allocated, safe copy of s[0..len) (s need not be
 * NUL-terminated, may hold NUL bytes: they become ^@); the caller frees it.
 * flags: 0 for one-line text such as a name or a message (a newline becomes
 * a space, a tab ^I). Never fails. */
char *adpa_text_clean(const char *s, size_t len, unsigned flags);

/* True when s[0..len) holds a control or bidi character adpa_text_clean
 * would change. */
bool adpa_text_has_controls(const char *s, size_t len);

/* True for the bidi formatting characters adpa_text_clean makes visible. */
bool adpa_is_bidi_control(uint32_t c);

/* Byte offset of the first bidi control in s[0..len), or (size_t)-1. */
size_t adpa_text_bidi_at(const char *s, size_t len);

/* Decodes one UTF-8 character at s (at most len bytes); stores it in *uc and
 * returns its length (>= 1). An invalid sequence yields U+FFFD and length 1. */
int adpa_utf8_decode(const char *s, size_t len, uint32_t *uc);

/* Cells taken by one character (0, 1 or 2); controls count 0. */
int adpa_char_width(uint32_t uc);

/* Cells taken by s[0..len). */
int adpa_text_width(const char *s, size_t len);

/* Number of bytes of s[0..len) that fit in max_cells cells (whole characters,
 * combining marks kept with their base). *used gets the cells used. */
size_t adpa_text_fit(const char *s, size_t len, int max_cells, int *used);

/* Offset of the first invalid UTF-8 sequence in s[0..len), or (size_t)-1. */
size_t adpa_utf8_invalid_at(const char *s, size_t len);

/* 1-based character column of byte offset off within line s. */
int adpa_text_column(const char *s, size_t off);

/* A lookup key for s: Unicode case folding (NFC), with the typographic
 * apostrophe U+2019 made ASCII, since authors write « droit d’accès » in prose
 * and « droit d'accès » in a list. The caller frees it. */
char *adpa_text_fold(const char *s);

/* adpa_text_fold(a) equals adpa_text_fold(b). */
bool adpa_text_equal_fold(const char *a, const char *b);

/* A short hex digest (16 digits and a NUL) of data[0..len): FNV-1a on 64
 * bits, a change detector (a fiche changed since read, a question edited),
 * not a cryptographic hash. */
void adpa_content_hash(const char *data, size_t len, char out[17]);

#endif
