/*
 * Pogo: UTF-8 validation by the rules ext/json applies to the strings it
 * encodes. Plain C: the unit tests link it without PHP.
 */
#ifndef POGO_UTF8_H
#define POGO_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether the len bytes at s are well-formed UTF-8 (Unicode's table 3-7): no
 * overlong forms, no surrogates, nothing past U+10FFFF, no sequence cut
 * short. An empty string is valid.
 */
bool pogo_utf8_valid(const unsigned char *s, size_t len);

#endif
