/* Unit tests: text safety, widths, UTF-8, case folding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "adpa/text.h"
#include "harness.h"

static void clean(const char *in, const char *want, unsigned flags, const char *name)
{
	char *got = adpa_text_clean(in, strlen(in), flags);
	STR_EQ(got, want, name);
	free(got);
}

int main(void)
{
	clean("plain é ü", "plain é ü", 0, "clean keeps text");
	clean("a\x1b[2Jb", "a^[[2Jb", 0, "clean: ESC made visible");
	clean("\x1b]52;c;cHduZWQ=\x07", "^[]52;c;cHduZWQ=^G", 0, "clean: OSC 52 neutralised");
	clean("x\xc2\x9by", "x<U+009B>y", 0, "clean: C1 CSI made visible");
	clean("del\x7f", "del^?", 0, "clean: DEL");
	clean("a\tb", "a b", ADPA_CLEAN_TABS_TO_SPACE, "clean: tab to space");
	clean("a\tb", "a^Ib", 0, "clean: tab visible by default");
	clean("a\nb", "a b", 0, "clean: newline to space");
	clean("a\nb", "a\nb", ADPA_CLEAN_KEEP_NEWLINES, "clean: newline kept");
	clean("a\r\nb", "a b", 0, "clean: CRLF");
	clean("caf\xe9", "caf\xef\xbf\xbd", 0, "clean: invalid UTF-8 to U+FFFD");
	clean("a\xe2\x80\xae"
	      "b\xe2\x80\xac"
	      "c",
	      "a<U+202E>b<U+202C>c", 0, "clean: RLO/PDF visible");
	clean("\xe2\x81\xa6"
	      "x\xe2\x81\xa9",
	      "<U+2066>x<U+2069>", 0, "clean: LRI/PDI visible");
	clean("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "<U+200E><U+200F><U+061C>", 0,
	      "clean: LRM, RLM, ALM visible");
	clean("\xe2\x80\xaf;\xe2\x80\x99\xe2\x80\xa6\xe2\x80\xa9",
	      "\xe2\x80\xaf;\xe2\x80\x99\xe2\x80\xa6\xe2\x80\xa9", 0,
	      "clean keeps U+202F, U+2019, U+2026, U+2029");
	clean("aaaaaaaaaaaaaaa\x1b", "aaaaaaaaaaaaaaa^[", 0, "clean: ESC after a clean word");
	clean("aaaaaaaa\xe2\x80\xae", "aaaaaaaa<U+202E>", 0, "clean: bidi at a word's end");
	clean("a\0b", "a", 0, "clean stops at the C string's NUL"); /* strlen() in clean() */
	{
		char *g = adpa_text_clean("a\0b", 3, 0);
		STR_EQ(g, "a^@b", "clean: NUL byte made visible");
		free(g);
	}
	OK(adpa_text_has_controls("a\xe2\x80\xae", 4), "has_controls finds RLO");
	INT_EQ(adpa_text_bidi_at("ab\xe2\x81\xa7", 5), 2, "bidi_at: offset of RLI");
	INT_EQ(adpa_text_bidi_at("\xe2\x80\xaf", 3), -1, "bidi_at: U+202F is not bidi");
	{
		/* The byte scan agrees with decoding, for every code point written
		 * after a stray lead byte (which must not swallow it) and at a
		 * buffer's end (truncated sequences are not controls). */
		int bad = 0;
		for (uint32_t c = 0x80; c < 0x110000 && !bad; c++) {
			unsigned char b[8] = {0xF0, 'x'};
			size_t n = 2;
			if (c < 0x800) {
				b[n++] = (unsigned char)(0xC0 | (c >> 6));
			} else if (c < 0x10000) {
				b[n++] = (unsigned char)(0xE0 | (c >> 12));
				b[n++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			} else {
				b[n++] = (unsigned char)(0xF0 | (c >> 18));
				b[n++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
				b[n++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			}
			b[n++] = (unsigned char)(0x80 | (c & 0x3F));
			size_t want = adpa_is_bidi_control(c) ? 2 : (size_t)-1;
			bad = adpa_text_bidi_at((const char *)b, n) != want ||
			      adpa_text_bidi_at((const char *)b, n - 1) != (size_t)-1;
			if (bad)
				fprintf(stderr, "bidi_at disagrees at U+%04X\n", (unsigned)c);
		}
		OK(!bad, "bidi_at: byte scan agrees with decoding for every code point");
	}
	OK(adpa_is_bidi_control(0x202A) && adpa_is_bidi_control(0x2069) &&
	       !adpa_is_bidi_control(0x2065) && !adpa_is_bidi_control(0x202F),
	   "is_bidi_control: ranges");
	OK(adpa_text_has_controls("a\x1b", 2), "has_controls finds ESC");
	OK(!adpa_text_has_controls("abc é", 6), "has_controls: none");

	INT_EQ(adpa_text_width("abc", 3), 3, "width ascii");
	INT_EQ(adpa_text_width("été", strlen("été")), 3, "width accents");
	INT_EQ(adpa_text_width("e\xcc\x81", 3), 1, "width combining mark is 0");
	INT_EQ(adpa_text_width("日本", strlen("日本")), 4, "width wide chars");
	INT_EQ(adpa_text_width("«\xc2\xa0mot\xc2\xa0»", strlen("«\xc2\xa0mot\xc2\xa0»")), 7,
	       "width guillemets and NBSP");

	int used;
	size_t n = adpa_text_fit("日本語", strlen("日本語"), 5, &used);
	INT_EQ(n, 6, "fit never splits a wide char");
	INT_EQ(used, 4, "fit cells used");
	n = adpa_text_fit("e\xcc\x81x", 4, 1, &used);
	INT_EQ(n, 3, "fit keeps combining mark with base");

	INT_EQ(adpa_utf8_invalid_at("ok", 2), -1, "valid UTF-8");
	INT_EQ(adpa_utf8_invalid_at("ab\xff", 3), 2, "invalid byte offset");
	INT_EQ(adpa_text_column("été x", strlen("été ")), 5, "column counts characters");

	OK(adpa_text_equal_fold("RGPD", "rgpd"), "fold: ASCII case");
	OK(adpa_text_equal_fold("Donnée", "DONNÉE"), "fold: accented case");
	OK(adpa_text_equal_fold("Droit d’accès", "droit d'accès"), "fold: apostrophes");
	OK(!adpa_text_equal_fold("Donnée", "Donnees"), "fold: different words");

	uint32_t c;
	INT_EQ(adpa_utf8_decode("\xef\xbf\xbd", 3, &c), 3, "decode real U+FFFD length");
	INT_EQ(c, 0xFFFD, "decode real U+FFFD");
	INT_EQ(adpa_utf8_decode("\xe9", 1, &c), 1, "decode invalid length");
	return done();
}
