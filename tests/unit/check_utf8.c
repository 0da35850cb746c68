/*
 * Unit tests for utf8.c: pogo_utf8_valid() against a plain decoder written
 * from Unicode's definition (decode the code point, then refuse overlong
 * forms, surrogates and anything past U+10FFFF), on every sequence of up to
 * two bytes, every lead and second byte of longer ones, sequences at every
 * offset of the word-at-a-time ASCII path, and random strings.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* The reference: one code point at a time, no shortcut. */
static bool reference_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t more;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			more = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			more = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			more = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (len - i <= more) {
			return false;
		}
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			return false;
		}
		i += more + 1;
	}
	return true;
}

/* Buffers of exactly n bytes, so that a read past a string's end is one past its block (valgrind,
 * ASan). */
#define MAX_LEN 256
static unsigned char *exact[MAX_LEN + 1];

static const unsigned char *exactly(const unsigned char *s, size_t len)
{
	/* No ck_assert() on this path: each one costs libcheck a write to its pipe. */
	if (len > MAX_LEN) {
		ck_abort_msg("%zu bytes: longer than MAX_LEN", len);
	}
	if (exact[len] == NULL && (exact[len] = malloc(len > 0 ? len : 1)) == NULL) {
		ck_abort_msg("out of memory");
	}
	memcpy(exact[len], s, len);
	return exact[len];
}

static void check_one(const unsigned char *s, size_t len)
{
	bool want = reference_valid(s, len), got = pogo_utf8_valid(s, len);

	if (want != got) {
		char hex[3 * 64 + 1] = "";

		for (size_t h = 0; h < len && h < 64; h++) {
			snprintf(hex + 3 * h, 4, "%02X ", s[h]);
		}
		ck_abort_msg("%zu bytes [%s]: valid %d, the reference says %d", len, hex, got, want);
	}
}

/*
 * Checks the len bytes at s against the reference, in a block of exactly
 * that size; then the string cut one byte short, with the cut byte still
 * after it in memory (a continuation byte there must not complete a
 * sequence that the length cuts).
 */
static void check_same(const unsigned char *s, size_t len)
{
	check_one(exactly(s, len), len);
	if (len > 0) {
		check_one(s, len - 1);
	}
}

static const struct {
	const char *name;
	const char *bytes;
	size_t len;
	bool valid;
} known[] = {
    {"empty", "", 0, true},
    {"ASCII", "plain text", 10, true},
    {"NUL", "a\0b", 3, true},
    {"U+0080", "\xC2\x80", 2, true},
    {"U+07FF", "\xDF\xBF", 2, true},
    {"U+0800", "\xE0\xA0\x80", 3, true},
    {"U+D7FF", "\xED\x9F\xBF", 3, true},
    {"U+E000", "\xEE\x80\x80", 3, true},
    {"U+FFFF", "\xEF\xBF\xBF", 3, true},
    {"U+10000", "\xF0\x90\x80\x80", 4, true},
    {"U+10FFFF", "\xF4\x8F\xBF\xBF", 4, true},
    {"text", "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x8D\xAE", 14, true},
    {"lone continuation", "\x80", 1, false},
    {"C0 overlong", "\xC0\xAF", 2, false},
    {"C1 overlong", "\xC1\xBF", 2, false},
    {"E0 overlong", "\xE0\x9F\xBF", 3, false},
    {"surrogate D800", "\xED\xA0\x80", 3, false},
    {"surrogate DFFF", "\xED\xBF\xBF", 3, false},
    {"F0 overlong", "\xF0\x8F\xBF\xBF", 4, false},
    {"past U+10FFFF", "\xF4\x90\x80\x80", 4, false},
    {"F5 lead", "\xF5\x80\x80\x80", 4, false},
    {"FF", "\xFF", 1, false},
    {"cut pair", "ab\xC3", 3, false},
    {"cut triple", "\xE6\x97", 2, false},
    {"cut quad", "\xF0\x9F\x8D", 3, false},
    {"cut pair, continuation after", "\xC3\xA9", 1, false},
    {"cut triple, continuation after", "\xE6\x97\xA5", 2, false},
    {"cut quad, continuation after", "\xF0\x9F\x8D\xAE", 3, false},
    {"ASCII second byte", "\xC3\x28", 2, false},
    {"ASCII third byte", "\xE6\x97\x41", 3, false},
    {"ASCII fourth byte", "\xF0\x9F\x8D\x41", 4, false},
};

START_TEST(test_known)
{
	const unsigned char *s = exactly((const unsigned char *)known[_i].bytes, known[_i].len);

	ck_assert_msg(pogo_utf8_valid(s, known[_i].len) == known[_i].valid, "%s", known[_i].name);
	ck_assert_msg(reference_valid(s, known[_i].len) == known[_i].valid, "reference: %s",
	              known[_i].name);
}
END_TEST

START_TEST(test_every_short_string)
{
	unsigned char s[2];

	for (int a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		check_same(s, 1);
		for (int b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			check_same(s, 2);
		}
	}
}
END_TEST

/* Bytes at the edges of every range that table 3-7 gives a byte after the lead. */
static const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                      0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xF0, 0xF4, 0xFF};

START_TEST(test_every_lead_and_second_byte)
{
	unsigned char s[4];

	for (int a = 0x80; a < 256; a++) {
		s[0] = (unsigned char)a;
		for (int b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			for (size_t c = 0; c < sizeof(edges); c++) {
				s[2] = edges[c];
				check_same(s, 3);
				for (size_t d = 0; d < sizeof(edges); d++) {
					s[3] = edges[d];
					check_same(s, 4);
				}
			}
		}
	}
}
END_TEST

/* Each two-byte string inside ASCII, at every offset of the word-sized steps. */
START_TEST(test_sequences_at_every_offset)
{
	unsigned char s[64];

	for (size_t before = 0; before <= 17; before++) {
		for (size_t after = 0; after <= 9; after += 9) {
			memset(s, 'a', sizeof(s));
			for (int a = 0x80; a < 256; a++) {
				for (int b = 0; b < 256; b++) {
					s[before] = (unsigned char)a;
					s[before + 1] = (unsigned char)b;
					check_same(s, before + 2 + after);
				}
			}
		}
	}
}
END_TEST

static unsigned char random_byte(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (unsigned char)(*seed >> 16);
}

START_TEST(test_random_strings)
{
	static const char *pieces[] = {"a",
	                               "0123456789abcdef",
	                               "\xC3\xA9",
	                               "\xE2\x80\x94",
	                               "\xE2\x82\xAC",
	                               "\xF0\x9F\x8D\xAE",
	                               "\xED\x9F\xBF",
	                               "\xF4\x8F\xBF\xBF"};
	unsigned seed = 11;
	unsigned char s[256];
	int valid = 0;

	for (int n = 0; n < 200000; n++) {
		size_t len = 0;
		bool spoil = n % 2 == 1;
		int count = random_byte(&seed) % 24;

		for (int k = 0; k < count; k++) {
			const char *piece = pieces[random_byte(&seed) % 8];
			size_t plen = strlen(piece);

			if (len + plen > sizeof(s)) {
				break;
			}
			memcpy(s + len, piece, plen);
			len += plen;
		}
		if (spoil && len > 0) {
			s[random_byte(&seed) % len] = random_byte(&seed); /* may or may not break it */
		}
		check_same(s, len);
		if (!spoil) {
			ck_assert(pogo_utf8_valid(s, len));
		}
		valid += pogo_utf8_valid(s, len);
	}
	ck_assert_int_gt(valid, 100000); /* the spoiled half is not all invalid, nor all valid */
	ck_assert_int_lt(valid, 200000);
}
END_TEST

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("valid");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_known, 0, COUNT(known));
	tcase_add_test(tc, test_every_short_string);
	tcase_add_test(tc, test_every_lead_and_second_byte);
	tcase_add_test(tc, test_sequences_at_every_offset);
	tcase_add_test(tc, test_random_strings);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(utf8_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
