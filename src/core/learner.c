/*
 * Learner names and identities (see learner.h): the one normalisation of a
 * display name, and the UUIDs that identify learners and xAPI statements.
 *
 * Normalisation works on code points after NFC: white space (Unicode's
 * White_Space property, which holds tab, line breaks and the no-break
 * spaces) separates words, and a run of it becomes one ASCII space; control
 * (Cc) and format (Cf: bidirectional overrides, zero-width characters, soft
 * hyphen) characters are dropped, so a name can neither drive a terminal nor
 * look like another one. UUIDs come from libuuid: version 4 from the
 * system's random source, version 5 under a namespace of adpa's own.
 */
#include "adpa/learner.h"

#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uuid/uuid.h>

#include <adpa/util.h>

/* b560c829-5e75-4c69-b6db-c728d847fa03: drawn once, never to change, since
 * every statement id derives from it. */
static const uuid_t adpa_namespace = {0xb5, 0x60, 0xc8, 0x29, 0x5e, 0x75, 0x4c, 0x69,
                                      0xb6, 0xdb, 0xc7, 0x28, 0xd8, 0x47, 0xfa, 0x03};

static int name_error(struct adpa_error *err, const char *msg)
{
	adpa_error_set(err, ADPA_EFORMAT, "", 0, 0, "%s", msg);
	return -1;
}

/* Appends the words of nfc[0..len) to b, one space between two; the count
 * of characters kept. */
static size_t collapse(const uint8_t *nfc, size_t len, struct buf *b)
{
	size_t chars = 0;
	bool space = false;
	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int n = u8_mbtouc(&c, nfc + i, len - i);
		if (uc_is_property_white_space(c) || uc_is_general_category(c, UC_LINE_SEPARATOR) ||
		    uc_is_general_category(c, UC_PARAGRAPH_SEPARATOR)) {
			space = b->len > 0;
		} else if (!uc_is_general_category(c, UC_CONTROL) &&
		           !uc_is_general_category(c, UC_FORMAT)) {
			if (space)
				buf_addc(b, ' '), chars++;
			space = false;
			buf_add(b, (const char *)nfc + i, (size_t)n);
			chars++;
		}
		i += (size_t)n;
	}
	return chars;
}

char *adpa_learner_name_clean(const char *name, struct adpa_error *err)
{
	size_t len = strlen(name);
	if (u8_check((const uint8_t *)name, len)) {
		name_error(err, "le nom d’apprenant n’est pas du texte UTF-8 valide");
		return NULL;
	}
	size_t nlen = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)name, len, NULL, &nlen);
	if (!nfc)
		abort();
	struct buf b = {0};
	size_t chars = collapse(nfc, nlen, &b);
	free(nfc);
	if (chars == 0 || chars > ADPA_LEARNER_NAME_MAX) {
		buf_free(&b);
		if (chars == 0)
			name_error(err, "le nom d’apprenant est vide");
		else
			adpa_error_set(err, ADPA_EFORMAT, "", 0, 0,
			               "le nom d’apprenant est trop long (%zu caractères, %d au "
			               "plus)",
			               chars, ADPA_LEARNER_NAME_MAX);
		return NULL;
	}
	return buf_detach(&b);
}

void adpa_uuid_random(char out[ADPA_UUID_LEN + 1])
{
	uuid_t u;
	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

void adpa_uuid_name(const char *name, size_t len, char out[ADPA_UUID_LEN + 1])
{
	uuid_t u;
	uuid_generate_sha1(u, adpa_namespace, name, len);
	uuid_unparse_lower(u, out);
}

int adpa_uuid_valid(const char *s)
{
	if (strlen(s) != ADPA_UUID_LEN)
		return 0;
	for (int i = 0; i < ADPA_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]) || !s[i])
			return 0;
	}
	return 1;
}
