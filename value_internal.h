/*
 * Pogo: the binary transfer form's layout, shared by value_codec.c (the
 * encoder) and value_decode.c (the decoder) and nothing else.
 *
 * A buffer is a magic byte (payload or value), then for a payload the class
 * name as a string, then one value. A value is a tag byte and what the tag
 * says, in the machine's own byte order (both ends are the same process):
 *
 *   NULL FALSE TRUE                      nothing more
 *   LONG8 int8 | LONG64 int64            an integer
 *   DOUBLE double                        a finite float, bit for bit
 *   STR8 u8 len, bytes | STR64 u64 len, bytes   a valid UTF-8 string
 *   LIST u32 count, values               keys 0..count-1 (json_decode's list)
 *   MAP u32 count, (key, value) pairs    any other array, or an object
 *
 * A key is KEY_INT int64, KEY_NEW8/KEY_NEW64 (a string key seen for the
 * first time: length and bytes; it takes the next key number, from 0) or
 * KEY_REF u32 (a string key given before, by its number), so that the keys
 * of a list of records are written and allocated once. Keys within one MAP
 * are distinct and never numeric strings (an object's numeric property
 * names are written as KEY_INT, as json_decode() makes them).
 */
#ifndef POGO_VALUE_INTERNAL_H
#define POGO_VALUE_INTERNAL_H

enum {
	POGO_VT_NULL = 1,
	POGO_VT_FALSE,
	POGO_VT_TRUE,
	POGO_VT_LONG8,
	POGO_VT_LONG64,
	POGO_VT_DOUBLE,
	POGO_VT_STR8,
	POGO_VT_STR64,
	POGO_VT_LIST,
	POGO_VT_MAP,
	POGO_VT_KEY_INT,
	POGO_VT_KEY_NEW8,
	POGO_VT_KEY_NEW64,
	POGO_VT_KEY_REF,
};

/* First byte of a payload buffer and of a value buffer. */
#define POGO_VALUE_MAGIC_PAYLOAD 0xB5
#define POGO_VALUE_MAGIC_VALUE   0xB6

/*
 * PHP's own mark on a string known to be valid UTF-8 (IS_STR_VALID_UTF8:
 * ext/pcre sets it after a /u match, and the engine clears it whenever it
 * changes a string in place). The encoder skips the check of a string so
 * marked and marks each string it finds valid; the decoder marks the strings
 * it makes, which the encoder checked. So a value checked once is not checked
 * again on its way back or when it is dispatched again. Interned and
 * persistent strings are never marked: other threads may read them. Include
 * php.h first.
 */
static zend_always_inline bool pogo_str_utf8_known(const zend_string *s)
{
	return (GC_FLAGS(s) & IS_STR_VALID_UTF8) != 0;
}

static zend_always_inline void pogo_str_utf8_mark(zend_string *s)
{
	if (!(GC_FLAGS(s) & (IS_STR_INTERNED | IS_STR_PERSISTENT))) {
		GC_ADD_FLAGS(s, IS_STR_VALID_UTF8);
	}
}

#endif
