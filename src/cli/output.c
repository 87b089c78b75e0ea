/*
 * Everything the command line prints from data goes through here.
 *
 * Terminal: a learner name, a note, a file name or an SQLite message (which
 * quotes schema names) may hold ESC, OSC 52 or OSC 8 sequences; diagnostics
 * (cli_warn) and table cells (print_clean) pass through adpa_text_clean,
 * the core's one text-safety function.
 *
 * JSON: jansson refuses invalid UTF-8, and an unchecked json_pack then drops
 * the row. Strings go through json_text, which replaces each invalid byte by
 * U+FFFD and counts it per kind of field; json_print says so on stderr, one
 * line per kind. Every constructor result is checked (jok): the only failure
 * left is memory, which aborts like xmalloc. Every JSON output is an object
 * with "format": 1 first. The controls jansson writes raw (DEL, C1, bidi)
 * are written as \u escapes: the same JSON, safe to print on a terminal.
 *
 * CSV (RFC 4180): a cell that starts with = + - @ TAB or CR is a formula to a
 * spreadsheet; OWASP's neutralisation prefixes it with a quote ('). On a
 * terminal the cells are also cleaned of control characters. The separator
 * is ',' or, for French spreadsheets (--excel), ';'.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <adpa/util.h>

#include "cli.h"

void cli_warn(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *safe = adpa_text_clean(b.p ? b.p : "", b.len, 0);
	fprintf(stderr, "adpa: %s\n", safe);
	free(safe);
	buf_free(&b);
}

void print_clean(FILE *fp, const char *s)
{
	char *safe = adpa_text_clean(s, strlen(s), 0);
	fputs(safe, fp);
	free(safe);
}

char *text_clean(const char *s)
{
	return adpa_text_clean(s, strlen(s), 0);
}

json_t *jok(json_t *v)
{
	if (!v) {
		fputs("adpa: out of memory while writing JSON\n", stderr);
		abort();
	}
	return v;
}

void jset(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, jok(v)) < 0)
		jok(NULL);
}

void jpush(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, jok(v)) < 0)
		jok(NULL);
}

static const char *const kind_names[] = {
    [JSON_LEARNER] = "learner names", [JSON_NOTE] = "notes",
    [JSON_LABEL] = "bookmark labels", [JSON_ID] = "course or fiche ids",
    [JSON_TEXT] = "course texts",
};

json_t *json_text(struct json_out *out, enum json_kind kind, const char *s)
{
	size_t len = strlen(s);
	if (adpa_utf8_invalid_at(s, len) == (size_t)-1)
		return jok(json_stringn(s, len));
	struct buf b = {0};
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int n = adpa_utf8_decode(s + i, len - i, &c);
		if (c == 0xFFFD && n == 1)
			buf_adds(&b, "\xEF\xBF\xBD");
		else
			buf_add(&b, s + i, (size_t)n);
		i += (size_t)n;
	}
	out->repaired[kind]++;
	json_t *v = jok(json_stringn(b.p, b.len));
	buf_free(&b);
	return v;
}

json_t *json_text_or_null(struct json_out *out, enum json_kind kind, const char *s)
{
	return s ? json_text(out, kind, s) : jok(json_null());
}

json_t *json_time(int64_t t)
{
	char buf[32];
	format_time(t, buf, sizeof buf);
	return jok(*buf ? json_string(buf) : json_null());
}

json_t *json_score(int v)
{
	return jok(v >= 0 ? json_integer(v) : json_null());
}

json_t *json_root(void)
{
	json_t *o = jok(json_object());
	jset(o, "format", json_integer(ADPA_JSON_FORMAT));
	return o;
}

/* Writes JSON text with the characters jansson leaves raw but a terminal may
 * obey written as \u escapes, the same JSON value: DEL, the C1 controls
 * (U+0080..U+009F, CSI among them), the bidi controls (U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069) and the line separators U+2028, U+2029.
 * They can only occur inside strings, where \u is their JSON spelling. */
static int write_json_text(const char *s, FILE *fp)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		unsigned code = 0;
		int len = 0;
		if (p[0] == 0x7F)
			code = 0x7F, len = 1;
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			code = p[1], len = 2;
		else if (p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2]) {
			code = 0x2000 + ((unsigned)(p[1] & 0x3F) << 6) + (p[2] & 0x3Fu);
			bool bidi = code == 0x200E || code == 0x200F ||
			            (code >= 0x2028 && code <= 0x202E) ||
			            (code >= 0x2066 && code <= 0x2069);
			len = bidi ? 3 : 0;
		}
		if (len) {
			fprintf(fp, "\\u%04x", code);
			p += len - 1;
		} else {
			putc(*p, fp);
		}
	}
	return ferror(fp) ? -1 : 0;
}

int json_print(json_t *root, const struct json_out *out)
{
	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	int rc = text ? write_json_text(text, stdout) : -1;
	putchar('\n');
	free(text);
	for (size_t k = 0; out && k < JSON_NKINDS; k++)
		if (out->repaired[k])
			fprintf(stderr,
			        "adpa: invalid UTF-8 in %zu %s: each invalid byte written as "
			        "U+FFFD\n",
			        out->repaired[k], kind_names[k]);
	if (rc < 0 || fflush(stdout) == EOF) {
		fputs("adpa: cannot write the JSON output\n", stderr);
		return -1;
	}
	return 0;
}

void csv_cell(FILE *fp, const char *s, bool last, bool tty)
{
	csv_cell_sep(fp, s, last, tty, ',');
}

void csv_cell_sep(FILE *fp, const char *s, bool last, bool tty, char sep)
{
	char special[] = {sep, '"', '\r', '\n', '\0'};
	char *safe = tty ? adpa_text_clean(s, strlen(s), ADPA_CLEAN_KEEP_NEWLINES) : NULL;
	const char *v = safe ? safe : s;
	bool formula = strchr("=+-@\t\r", v[0]) && v[0];
	if (strpbrk(v, special) || formula) {
		fputc('"', fp);
		if (formula)
			fputc('\'', fp);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', fp);
			fputc(*v, fp);
		}
		fputc('"', fp);
	} else {
		fputs(v, fp);
	}
	if (last)
		fputs("\r\n", fp);
	else
		fputc(sep, fp);
	free(safe);
}
