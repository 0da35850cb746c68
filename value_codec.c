/*
 * Pogo: encoding a job's arguments or result into the binary transfer form
 * (value_internal.h has the layout), checking it on the way.
 *
 * One walk does both: each value is checked against Pogo's JSON rules and
 * written at once. No path is built while all is well: the walk keeps a
 * stack of the tables it is in and the key it is at in each, and turns it
 * into "$args['items'][3]" only for a message. The rules are the ones a
 * separate validation walk followed when values crossed as JSON text, in the
 * same order: the first bad value in depth-first order is reported, except
 * that a string that is not valid UTF-8 is reported only when nothing else
 * is wrong (ext/json found those after the walk), and one inside what a
 * jsonSerialize() or a backed enum gave is reported at the root, as "holds a
 * string that is not valid UTF-8".
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "php.h"
#include "zend_closures.h"
#include "zend_enum.h"
#include "zend_exceptions.h"
#include "zend_generators.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"

#include "value_codec.h"
#include "value_internal.h"
#include "utf8.h"
#include "value_path.h"

/* String keys remembered for KEY_REF: a direct-mapped cache by hash (one bit each in keys_used). */
#define KEY_CACHE 64
/* Nested jsonSerialize() results (each returning a new object) allowed. */
#define MAX_SERIAL_DEPTH POGO_VALUE_MAX_DEPTH

typedef struct enc {
	char *buf; /* the caller's first buffer, or malloc'd (heap) */
	size_t len, cap;
	bool heap;
	bool nomem;
	const char *root;
	pogo_error *err;
	pogo_value_frame *inner; /* the innermost table the walk is in */
	int serial_depth;        /* inside what a jsonSerialize() or an enum gave */
	/* The first invalid UTF-8 string, reported only if nothing else is wrong. */
	bool utf8_seen;   /* outside jsonSerialize() results: utf8 says where */
	bool utf8_inside; /* inside one: reported at the root */
	uint32_t next_key;
	uint64_t keys_used; /* bit i: keys[i] holds a key (nothing else is cleared) */
	/* Past here, nothing is read before it is written. */
	struct {
		zend_string *key; /* a reference */
		uint32_t number;
	} keys[KEY_CACHE];
	pogo_error utf8;
} enc;

static zend_result enc_fail(enc *e, const char *what)
{
	pogo_value_path_error(e->inner, e->root, e->err, what);
	return FAILURE;
}

/* ---- writing ------------------------------------------------------------ */

static zend_never_inline bool out_grow(enc *e, size_t need)
{
	size_t cap = e->cap >= 128 ? e->cap : 128;
	char *buf;

	while (cap - e->len < need) {
		if (cap > SIZE_MAX / 2) {
			e->nomem = true;
			return false;
		}
		cap *= 2;
	}
	buf = e->heap ? realloc(e->buf, cap) : malloc(cap);
	if (!buf) {
		e->nomem = true;
		return false;
	}
	if (!e->heap && e->len > 0) {
		memcpy(buf, e->buf, e->len); /* out of the caller's first buffer */
	}
	e->heap = true;
	e->buf = buf;
	e->cap = cap;
	return true;
}

/* Room for n more bytes at the end, or NULL (out of memory: e->nomem). */
static zend_always_inline char *out_room(enc *e, size_t n)
{
	if (UNEXPECTED(e->cap - e->len < n) && !out_grow(e, n)) {
		return NULL;
	}
	return e->buf + e->len;
}

static zend_always_inline void put_tag(enc *e, uint8_t tag)
{
	char *p = out_room(e, 1);

	if (p) {
		*p = (char)tag;
		e->len++;
	}
}

static zend_always_inline void put_fixed(enc *e, uint8_t tag, const void *data, size_t n)
{
	char *p = out_room(e, 1 + n);

	if (p) {
		*p = (char)tag;
		memcpy(p + 1, data, n);
		e->len += 1 + n;
	}
}

/* A string's bytes after tag8 (length < 256) or tag64. */
static void put_bytes(enc *e, uint8_t tag8, uint8_t tag64, const char *s, size_t len)
{
	char *p = out_room(e, 9 + len);

	if (!p) {
		return;
	}
	if (len < 256) {
		p[0] = (char)tag8;
		p[1] = (char)(uint8_t)len;
		p += 2;
		e->len += 2 + len;
	} else {
		uint64_t n = len;

		p[0] = (char)tag64;
		memcpy(p + 1, &n, 8);
		p += 9;
		e->len += 9 + len;
	}
	memcpy(p, s, len);
}

/* ---- the walk ----------------------------------------------------------- */

static zend_result enc_value(enc *e, zval *value, int depth);

static zend_result enc_string(enc *e, zend_string *s)
{
	if (pogo_str_utf8_known(s)) {
		/* checked before */
	} else if (pogo_utf8_valid((unsigned char *)ZSTR_VAL(s), ZSTR_LEN(s))) {
		pogo_str_utf8_mark(s);
	} else {
		if (e->serial_depth > 0) {
			e->utf8_inside = true;
		} else if (!e->utf8_seen) {
			e->utf8_seen = true;
			pogo_value_path_error(e->inner, e->root, &e->utf8,
			                      "is a string that is not valid UTF-8");
		}
	}
	put_bytes(e, POGO_VT_STR8, POGO_VT_STR64, ZSTR_VAL(s), ZSTR_LEN(s));
	return SUCCESS;
}

/* Writes an entry's key; fails on a string key that is not valid UTF-8. */
static zend_result enc_key(enc *e, zend_ulong idx, zend_string *key, bool property)
{
	zend_ulong h;
	uint32_t slot;

	if (!key || (property && ZEND_HANDLE_NUMERIC_STR(ZSTR_VAL(key), ZSTR_LEN(key), idx))) {
		zend_long n = (zend_long)idx;

		put_fixed(e, POGO_VT_KEY_INT, &n, sizeof(n));
		return SUCCESS;
	}
	h = zend_string_hash_val(key);
	slot = (uint32_t)(h & (KEY_CACHE - 1));
	if ((e->keys_used & (UINT64_C(1) << slot)) &&
	    (e->keys[slot].key == key || zend_string_equal_content(e->keys[slot].key, key))) {
		put_fixed(e, POGO_VT_KEY_REF, &e->keys[slot].number, sizeof(uint32_t));
		return SUCCESS;
	}
	if (!pogo_str_utf8_known(key)) {
		if (!pogo_utf8_valid((unsigned char *)ZSTR_VAL(key), ZSTR_LEN(key))) {
			return enc_fail(e, "has a key that is not valid UTF-8");
		}
		pogo_str_utf8_mark(key);
	}
	if (e->next_key == UINT32_MAX) {
		e->nomem = true; /* four billion keys: no buffer could hold them anyway */
		return SUCCESS;
	}
	put_bytes(e, POGO_VT_KEY_NEW8, POGO_VT_KEY_NEW64, ZSTR_VAL(key), ZSTR_LEN(key));
	if (e->keys_used & (UINT64_C(1) << slot)) {
		zend_string_release(e->keys[slot].key);
	}
	e->keys_used |= UINT64_C(1) << slot;
	e->keys[slot].key = zend_string_copy(key);
	e->keys[slot].number = e->next_key++;
	return SUCCESS;
}

static zend_result enc_table(enc *e, HashTable *ht, int depth, bool properties)
{
	zend_ulong idx;
	zend_string *key;
	zval *entry;
	zend_result result = SUCCESS;
	bool list;
	size_t count_at;
	uint32_t count = 0;
	pogo_value_frame here, *f = &here;

	if (depth > POGO_VALUE_MAX_DEPTH) {
		return enc_fail(e, "nests deeper than 512 levels");
	}
	if (GC_IS_RECURSIVE(ht)) {
		return enc_fail(e, "is a recursive reference");
	}
	list = !properties && zend_array_is_list(ht);
	put_fixed(e, list ? POGO_VT_LIST : POGO_VT_MAP, &count, sizeof(count));
	count_at = e->len - sizeof(count);
	f->outer = e->inner;
	f->property = properties;
	f->key = NULL;
	e->inner = f;
	GC_TRY_PROTECT_RECURSION(ht);
	if (list) {
		ZEND_HASH_FOREACH_VAL(ht, entry)
		{
			f->idx = count;
			if (enc_value(e, entry, depth) == FAILURE) {
				result = FAILURE;
				break;
			}
			count++;
		}
		ZEND_HASH_FOREACH_END();
	} else {
		ZEND_HASH_FOREACH_KEY_VAL_IND(ht, idx, key, entry)
		{
			if (properties && key && ZSTR_LEN(key) > 0 && ZSTR_VAL(key)[0] == '\0') {
				continue; /* mangled non-public name: never reaches JSON */
			}
			f->idx = idx;
			f->key = key;
			if (enc_key(e, idx, key, properties) == FAILURE ||
			    enc_value(e, entry, depth) == FAILURE) {
				result = FAILURE;
				break;
			}
			count++;
		}
		ZEND_HASH_FOREACH_END();
	}
	GC_TRY_UNPROTECT_RECURSION(ht);
	e->inner = f->outer;
	if (!e->nomem) {
		memcpy(e->buf + count_at, &count, sizeof(count));
	}
	return result;
}

/* What a jsonSerialize() or an enum gives, walked where the object was. */
static zend_result enc_given(enc *e, zval *given, int depth)
{
	zend_result result;

	if (e->serial_depth >= MAX_SERIAL_DEPTH) {
		return enc_fail(e, "nests deeper than 512 levels");
	}
	e->serial_depth++;
	result = enc_value(e, given, depth);
	e->serial_depth--;
	return result;
}

/* Called once; what it returns follows the same rules. */
static zend_result enc_serializable(enc *e, zend_object *obj, int depth)
{
	zval serialized;
	zend_result result;

	ZVAL_UNDEF(&serialized);
	zend_call_method_with_0_params(obj, obj->ce, NULL, "jsonserialize", &serialized);
	if (EG(exception)) {
		zval_ptr_dtor(&serialized);
		return enc_fail(e, "could not be encoded: its jsonSerialize() threw");
	}
	if (GC_IS_RECURSIVE(obj)) {
		zval_ptr_dtor(&serialized);
		return enc_fail(e, "is a recursive reference");
	}
	GC_PROTECT_RECURSION(obj);
	if (Z_TYPE(serialized) == IS_OBJECT && Z_OBJ(serialized) == obj) {
		/* "return $this": its public properties, as ext/json does. */
		HashTable *props = zend_get_properties_for(&serialized, ZEND_PROP_PURPOSE_JSON);

		e->serial_depth++;
		if (props) {
			result = enc_table(e, props, depth + 1, true);
			zend_release_properties(props);
		} else {
			uint32_t none = 0;

			put_fixed(e, POGO_VT_MAP, &none, sizeof(none));
			result = SUCCESS;
		}
		e->serial_depth--;
	} else {
		result = enc_given(e, &serialized, depth);
	}
	GC_UNPROTECT_RECURSION(obj);
	zval_ptr_dtor(&serialized);
	return result;
}

static zend_result enc_object(enc *e, zend_object *obj, int depth)
{
	zend_class_entry *ce = obj->ce;
	char what[320];

	if (ce == zend_standard_class_def) {
		zval zobj;
		HashTable *props;
		zend_result result;

		ZVAL_OBJ(&zobj, obj);
		props = zend_get_properties_for(&zobj, ZEND_PROP_PURPOSE_JSON);
		if (!props) {
			uint32_t none = 0;

			put_fixed(e, POGO_VT_MAP, &none, sizeof(none));
			return SUCCESS;
		}
		if (GC_IS_RECURSIVE(obj)) {
			zend_release_properties(props);
			return enc_fail(e, "is a recursive reference");
		}
		GC_PROTECT_RECURSION(obj);
		result = enc_table(e, props, depth + 1, true);
		GC_UNPROTECT_RECURSION(obj);
		zend_release_properties(props);
		return result;
	}
	if (ce->ce_flags & ZEND_ACC_ENUM) {
		if (ce->enum_backing_type == IS_UNDEF) {
			snprintf(what, sizeof(what), "is a case of the non-backed enum %s", ZSTR_VAL(ce->name));
			return enc_fail(e, what);
		}
		return enc_given(e, zend_enum_fetch_case_value(obj), depth);
	}
	if (instanceof_function(ce, php_json_serializable_ce)) {
		return enc_serializable(e, obj, depth);
	}
	if (ce == zend_ce_closure) {
		return enc_fail(e, "is a Closure");
	}
	if (instanceof_function(ce, zend_ce_generator)) {
		return enc_fail(e, "is a Generator");
	}
	snprintf(what, sizeof(what),
	         "is an object of class %s (only stdClass, JsonSerializable and backed enums are "
	         "allowed)",
	         ZSTR_VAL(ce->name));
	return enc_fail(e, what);
}

static zend_result enc_value(enc *e, zval *value, int depth)
{
	zend_long n;
	double d;

again:
	switch (Z_TYPE_P(value)) {
	case IS_UNDEF:
	case IS_NULL:
		put_tag(e, POGO_VT_NULL);
		return SUCCESS;
	case IS_FALSE:
		put_tag(e, POGO_VT_FALSE);
		return SUCCESS;
	case IS_TRUE:
		put_tag(e, POGO_VT_TRUE);
		return SUCCESS;
	case IS_LONG:
		n = Z_LVAL_P(value);
		if (n >= INT8_MIN && n <= INT8_MAX) {
			int8_t small = (int8_t)n;

			put_fixed(e, POGO_VT_LONG8, &small, 1);
		} else {
			put_fixed(e, POGO_VT_LONG64, &n, sizeof(n));
		}
		return SUCCESS;
	case IS_DOUBLE:
		d = Z_DVAL_P(value);
		if (UNEXPECTED(!zend_finite(d))) {
			return enc_fail(e, zend_isnan(d) ? "is NAN (JSON has no NAN)"
			                                 : "is INF (JSON has no INF)");
		}
		put_fixed(e, POGO_VT_DOUBLE, &d, sizeof(d));
		return SUCCESS;
	case IS_STRING:
		return enc_string(e, Z_STR_P(value));
	case IS_ARRAY:
		return enc_table(e, Z_ARRVAL_P(value), depth + 1, false);
	case IS_OBJECT:
		return enc_object(e, Z_OBJ_P(value), depth);
	case IS_REFERENCE:
		value = Z_REFVAL_P(value);
		goto again;
	case IS_RESOURCE:
		return enc_fail(e, "is a resource");
	default:
		return enc_fail(e, "has a type JSON cannot hold");
	}
}

/* ---- entry points ------------------------------------------------------- */

static void enc_init(enc *e, pogo_value_out *out, const char *root, pogo_error *err, uint8_t magic)
{
	memset(e, 0, offsetof(enc, keys));
	e->buf = out->first;
	e->cap = out->first ? out->first_cap : 0;
	e->root = root;
	e->err = err;
	put_tag(e, magic);
}

/* Ends a walk whose result was result: out filled, or err filled (the deferred UTF-8 failure too).
 */
static zend_result enc_finish(enc *e, zend_result result, pogo_value_out *out)
{
	for (uint64_t used = e->keys_used; used; used &= used - 1) {
		zend_string_release(e->keys[__builtin_ctzll(used)].key);
	}
	if (result == SUCCESS && e->utf8_seen) {
		*e->err = e->utf8;
		result = FAILURE;
	} else if (result == SUCCESS && e->utf8_inside) {
		pogo_error_set(e->err, POGO_ERR_ARG, "%s holds a string that is not valid UTF-8", e->root);
		result = FAILURE;
	} else if (result == SUCCESS && e->nomem) {
		pogo_error_set(e->err, POGO_ERR_NOMEM, "out of memory encoding %s", e->root);
		result = FAILURE;
	}
	if (result == FAILURE) {
		if (e->heap) {
			free(e->buf);
		}
		out->data = NULL;
		out->len = 0;
		out->heap = false;
		return FAILURE;
	}
	out->data = e->buf;
	out->len = e->len;
	out->heap = e->heap;
	return SUCCESS;
}

zend_result pogo_value_encode(zval *value, const char *root, pogo_value_out *out, pogo_error *err)
{
	pogo_error local;
	enc e;

	enc_init(&e, out, root, err ? err : &local, POGO_VALUE_MAGIC_VALUE);
	return enc_finish(&e, enc_value(&e, value, 0), out);
}

zend_result pogo_value_validate(zval *value, const char *root, pogo_error *err)
{
	char first[256];
	pogo_value_out out = {.first = first, .first_cap = sizeof(first)};

	if (pogo_value_encode(value, root, &out, err) == FAILURE) {
		return FAILURE;
	}
	pogo_value_out_free(&out);
	return SUCCESS;
}

void pogo_value_out_free(pogo_value_out *out)
{
	if (out->heap) {
		free(out->data);
	}
	out->data = NULL;
	out->heap = false;
}

zend_result pogo_value_out_take(pogo_value_out *out, char *text, size_t len)
{
	out->data = text;
	out->len = text ? len : 0;
	out->heap = text != NULL;
	return text ? SUCCESS : FAILURE;
}

zend_result pogo_value_encode_payload(zend_string *class_name, zval *args, pogo_value_out *out,
                                      pogo_error *err)
{
	pogo_error local;
	enc e;
	zend_result result;

	if (!err) {
		err = &local;
	}
	if (!pogo_utf8_valid((unsigned char *)ZSTR_VAL(class_name), ZSTR_LEN(class_name))) {
		pogo_error_set(err, POGO_ERR_ARG, "$class is not valid UTF-8");
		err->arg = 1;
		out->data = NULL;
		out->heap = false;
		return FAILURE;
	}
	enc_init(&e, out, "$args", err, POGO_VALUE_MAGIC_PAYLOAD);
	put_bytes(&e, POGO_VT_STR8, POGO_VT_STR64, ZSTR_VAL(class_name), ZSTR_LEN(class_name));
	result = enc_finish(&e, enc_value(&e, args, 0), out);
	if (result == FAILURE && err->code == POGO_ERR_ARG) {
		err->arg = 2;
	}
	return result;
}
