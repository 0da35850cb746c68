/*
 * Pogo: UTF-8 validation (utf8.h). Every string of every payload and result
 * goes through it unless PHP already knows the string is valid, so it is
 * written for speed: ASCII runs are skipped a word at a time, and a sequence
 * is checked against the ranges of Unicode's table 3-7 without decoding its
 * code point. tests/unit/check_utf8.c compares it with a plain decoder on
 * every string of up to two bytes, every lead and second byte of longer
 * sequences (the later bytes at the edges of their ranges), sequences at
 * every offset of the word steps, and random strings.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#define HIGH_BITS UINT64_C(0x8080808080808080)

/* The first byte from p that is not ASCII, or end. */
static inline const unsigned char *skip_ascii(const unsigned char *p, const unsigned char *end)
{
	while (end - p >= 16) {
		uint64_t a, b;

		memcpy(&a, p, 8);
		memcpy(&b, p + 8, 8);
		if ((a | b) & HIGH_BITS) {
			break;
		}
		p += 16;
	}
	while (end - p >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		w &= HIGH_BITS;
		if (w != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return p + (__builtin_ctzll(w) >> 3);
#else
			break;
#endif
		}
		p += 8;
	}
	while (p < end && *p < 0x80) {
		p++;
	}
	return p;
}

static inline bool is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

bool pogo_utf8_valid(const unsigned char *s, size_t len)
{
	const unsigned char *p = s, *end = s + len;

	for (;;) {
		unsigned char c;

		p = skip_ascii(p, end);
		if (p >= end) {
			return true;
		}
		/* A run of sequences; back to skip_ascii() at the next ASCII byte. */
		while (p < end && (c = *p) >= 0x80) {
			if (c < 0xC2) { /* a continuation byte, or the lead of an overlong pair */
				return false;
			} else if (c < 0xE0) {
				if (end - p < 2 || !is_cont(p[1])) {
					return false;
				}
				p += 2;
			} else if (c < 0xF0) {
				/* E0: A0-BF second (no overlong); ED: 80-9F (no surrogates). */
				unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

				if (end - p < 3 || p[1] < lo || p[1] > hi || !is_cont(p[2])) {
					return false;
				}
				p += 3;
			} else if (c < 0xF5) {
				/* F0: 90-BF second (no overlong); F4: 80-8F (nothing past U+10FFFF). */
				unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

				if (end - p < 4 || p[1] < lo || p[1] > hi || !is_cont(p[2]) || !is_cont(p[3])) {
					return false;
				}
				p += 4;
			} else {
				return false;
			}
		}
	}
}
