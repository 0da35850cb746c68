/*
 * Pogo: decoding the binary transfer form (value_internal.h has the layout)
 * into zvals of the thread that reads it: a worker's request for a payload,
 * the awaiting request for a result.
 *
 * Arrays are created at their final size; lists are filled as packed arrays,
 * as json_decode() makes them. A string key is allocated and hashed once,
 * where the buffer first gives it, and shared by every later array that
 * names it. Every read is bounds-checked: a buffer that is not what the
 * encoder wrote fails with a message, never a crash (only Pogo writes them,
 * so that would be a bug of Pogo's).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"

#include "value_codec.h"
#include "value_internal.h"

/* Deeper than the encoder ever writes (512 levels of arrays and what jsonSerialize() gave). */
#define MAX_DECODE_DEPTH (2 * POGO_VALUE_MAX_DEPTH + 8)

/* String keys a decode holds before it allocates a list for them. */
#define FEW_KEYS 16

typedef struct dec {
	const unsigned char *p, *end;
	zend_string *
	    *keys; /* the string keys given so far, by number (references): few, or emalloc'd */
	uint32_t nkeys, capkeys;
	const char *why; /* set on failure */
	zend_string *few[FEW_KEYS];
} dec;

static zend_always_inline bool need(dec *d, size_t n)
{
	if (UNEXPECTED((size_t)(d->end - d->p) < n)) {
		d->why = "it ends too early";
		return false;
	}
	return true;
}

static zend_always_inline uint32_t read_u32(dec *d)
{
	uint32_t v;

	memcpy(&v, d->p, sizeof(v));
	d->p += sizeof(v);
	return v;
}

static zend_always_inline uint64_t read_u64(dec *d)
{
	uint64_t v;

	memcpy(&v, d->p, sizeof(v));
	d->p += sizeof(v);
	return v;
}

/* The length after a tag8 (1 byte) or tag64 (8 bytes) tag, checked against what is left. */
static zend_always_inline bool read_len(dec *d, bool wide, size_t *len)
{
	if (!need(d, wide ? 8 : 1)) {
		return false;
	}
	if (wide) {
		uint64_t n = read_u64(d);

		if (n > (uint64_t)(d->end - d->p)) {
			d->why = "a string runs past its end";
			return false;
		}
		*len = (size_t)n;
	} else {
		*len = *d->p++;
	}
	return need(d, *len);
}

static bool read_value(dec *d, zval *out, int depth);

/* Reads a key; a string key comes back as a new reference the caller releases. */
static bool read_key(dec *d, zend_string **key, zend_ulong *idx)
{
	uint8_t tag;
	size_t len;

	if (!need(d, 1)) {
		return false;
	}
	tag = *d->p++;
	switch (tag) {
	case POGO_VT_KEY_INT:
		if (!need(d, 8)) {
			return false;
		}
		*idx = (zend_ulong)read_u64(d);
		*key = NULL;
		return true;
	case POGO_VT_KEY_REF:
		if (!need(d, 4)) {
			return false;
		}
		*idx = read_u32(d);
		if (*idx >= d->nkeys) {
			d->why = "a key refers to no key given before";
			return false;
		}
		*key = zend_string_copy(d->keys[*idx]);
		return true;
	case POGO_VT_KEY_NEW8:
	case POGO_VT_KEY_NEW64:
		if (!read_len(d, tag == POGO_VT_KEY_NEW64, &len)) {
			return false;
		}
		if (d->nkeys == d->capkeys) {
			zend_string **keys = safe_emalloc(d->capkeys, 2 * sizeof(*d->keys), 0);

			memcpy(keys, d->keys, d->nkeys * sizeof(*d->keys));
			if (d->keys != d->few) {
				efree(d->keys);
			}
			d->keys = keys;
			d->capkeys *= 2;
		}
		/*
		 * The interned string if this thread has one (a key its code names
		 * as a literal, as unserialize() does for keys), else a new one;
		 * either way, hashed.
		 */
		*key = zend_string_init_existing_interned((const char *)d->p, len, 0);
		zend_string_hash_val(*key);
		pogo_str_utf8_mark(*key);
		d->p += len;
		d->keys[d->nkeys++] = zend_string_copy(*key);
		return true;
	default:
		d->why = "a key has an unknown tag";
		return false;
	}
}

static bool read_list(dec *d, zval *out, int depth)
{
	uint32_t count, i = 0;
	bool ok = true;

	if (!need(d, 4)) {
		return false;
	}
	count = read_u32(d);
	if (count > (size_t)(d->end - d->p)) { /* each element takes a byte at least */
		d->why = "a list is longer than the buffer";
		return false;
	}
	array_init_size(out, count);
	if (count == 0) {
		return true;
	}
	zend_hash_real_init_packed(Z_ARRVAL_P(out));
	ZEND_HASH_FILL_PACKED(Z_ARRVAL_P(out))
	{
		for (; i < count; i++) {
			if (!read_value(d, __fill_val, depth)) {
				ok = false;
				break;
			}
			ZEND_HASH_FILL_NEXT();
		}
	}
	ZEND_HASH_FILL_END();
	if (!ok) {
		zval_ptr_dtor(out);
		ZVAL_NULL(out);
	}
	return ok;
}

static bool read_map(dec *d, zval *out, int depth)
{
	uint32_t count;
	HashTable *ht;

	if (!need(d, 4)) {
		return false;
	}
	count = read_u32(d);
	if (count > (size_t)(d->end - d->p) / 2) { /* a key and a value: two bytes at least */
		d->why = "a map is longer than the buffer";
		return false;
	}
	array_init_size(out, count);
	ht = Z_ARRVAL_P(out);
	if (count > 0) {
		zend_hash_real_init_mixed(ht);
	}
	for (uint32_t i = 0; i < count; i++) {
		zend_string *key;
		zend_ulong idx;
		zval value;

		if (!read_key(d, &key, &idx)) {
			goto fail;
		}
		if (!read_value(d, &value, depth)) {
			if (key) {
				zend_string_release(key);
			}
			goto fail;
		}
		if (key) {
			/* Distinct within a map and never numeric: the encoder's promise. */
			zend_hash_add_new(ht, key, &value);
			zend_string_release(key);
		} else {
			zend_hash_index_add_new(ht, idx, &value);
		}
	}
	return true;

fail:
	zval_ptr_dtor(out);
	ZVAL_NULL(out);
	return false;
}

static bool read_value(dec *d, zval *out, int depth)
{
	uint8_t tag;
	size_t len;

	ZVAL_NULL(out);
	if (!need(d, 1)) {
		return false;
	}
	tag = *d->p++;
	switch (tag) {
	case POGO_VT_NULL:
		return true;
	case POGO_VT_FALSE:
		ZVAL_FALSE(out);
		return true;
	case POGO_VT_TRUE:
		ZVAL_TRUE(out);
		return true;
	case POGO_VT_LONG8:
		if (!need(d, 1)) {
			return false;
		}
		ZVAL_LONG(out, (int8_t)*d->p++);
		return true;
	case POGO_VT_LONG64:
		if (!need(d, 8)) {
			return false;
		}
		ZVAL_LONG(out, (zend_long)read_u64(d));
		return true;
	case POGO_VT_DOUBLE: {
		double v;

		if (!need(d, 8)) {
			return false;
		}
		memcpy(&v, d->p, sizeof(v));
		d->p += sizeof(v);
		ZVAL_DOUBLE(out, v);
		return true;
	}
	case POGO_VT_STR8:
	case POGO_VT_STR64:
		if (!read_len(d, tag == POGO_VT_STR64, &len)) {
			return false;
		}
		ZVAL_STRINGL_FAST(out, (const char *)d->p, len);
		pogo_str_utf8_mark(Z_STR_P(out)); /* not the interned "" and one-byte strings */
		d->p += len;
		return true;
	case POGO_VT_LIST:
	case POGO_VT_MAP:
		if (depth >= MAX_DECODE_DEPTH) {
			d->why = "it nests too deep";
			return false;
		}
		return tag == POGO_VT_LIST ? read_list(d, out, depth + 1) : read_map(d, out, depth + 1);
	default:
		d->why = "a value has an unknown tag";
		return false;
	}
}

/* Starts reading buf, which must begin with magic; fails with err filled if it does not. */
static bool dec_start(dec *d, const char *buf, size_t len, uint8_t magic, pogo_error *err)
{
	d->p = (const unsigned char *)buf;
	d->end = d->p + len;
	d->keys = d->few;
	d->nkeys = 0;
	d->capkeys = FEW_KEYS;
	d->why = NULL;
	if (!buf || len == 0 || d->p[0] != magic) {
		pogo_error_set(err, POGO_ERR_WORKER, "not a Pogo %s buffer",
		               magic == POGO_VALUE_MAGIC_PAYLOAD ? "payload" : "value");
		return false;
	}
	d->p++;
	return true;
}

/* Reads the one value left into out; every byte must be used. Fills err on failure. */
static zend_result dec_finish(dec *d, bool ok, zval *out, const char *what, pogo_error *err)
{
	ok = ok && read_value(d, out, 0);
	if (ok && d->p != d->end) {
		d->why = "bytes follow its value";
		ok = false;
	}
	for (uint32_t i = 0; i < d->nkeys; i++) {
		zend_string_release(d->keys[i]);
	}
	if (d->keys != d->few) {
		efree(d->keys);
	}
	if (!ok) {
		zval_ptr_dtor(out);
		ZVAL_NULL(out);
		pogo_error_set(err, POGO_ERR_WORKER, "a Pogo %s buffer is damaged: %s", what,
		               d->why ? d->why : "its class name is not a string");
		return FAILURE;
	}
	return SUCCESS;
}

zend_result pogo_value_decode(const char *buf, size_t len, zval *out, pogo_error *err)
{
	dec d;

	ZVAL_NULL(out);
	if (!dec_start(&d, buf, len, POGO_VALUE_MAGIC_VALUE, err)) {
		return FAILURE;
	}
	return dec_finish(&d, true, out, "value", err);
}

zend_result pogo_value_decode_payload(const char *buf, size_t len, const char **class_name,
                                      size_t *class_len, zval *args, pogo_error *err)
{
	dec d;
	bool ok = false;

	ZVAL_NULL(args);
	if (!dec_start(&d, buf, len, POGO_VALUE_MAGIC_PAYLOAD, err)) {
		return FAILURE;
	}
	/* The class name stays where it is: the caller looks it up from there. */
	if (need(&d, 1) && (*d.p == POGO_VT_STR8 || *d.p == POGO_VT_STR64)) {
		bool wide = *d.p++ == POGO_VT_STR64;

		ok = read_len(&d, wide, class_len);
		*class_name = (const char *)d.p;
		d.p += ok ? *class_len : 0;
	}
	if (dec_finish(&d, ok, args, "payload", err) == FAILURE) {
		return FAILURE;
	}
	if (Z_TYPE_P(args) != IS_ARRAY) {
		zval_ptr_dtor(args);
		ZVAL_NULL(args);
		pogo_error_set(err, POGO_ERR_WORKER,
		               "a Pogo payload buffer is damaged: its arguments are not an array");
		return FAILURE;
	}
	return SUCCESS;
}
