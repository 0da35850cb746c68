/*
 * Pogo: JSON payloads, and the encoding and decoding that envelopes
 * (json_envelope.c) share.
 *
 * Everything that crosses a thread is JSON text in a malloc'd buffer: the
 * payload {"class":…,"args":…} going to a worker, the envelope
 * {"ok":true,"result":…} or {"ok":false,"error":…,"exception":{…}} coming
 * back. Encoding and decoding use PHP's own ext/json so that "JSON-compatible"
 * means what json_encode() accepts, minus what Pogo refuses on purpose:
 * objects that would silently become {} and values with no JSON form. A
 * validation walk runs first so that a refusal names the path to the value.
 * The request's json_last_error() is left as it was.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "php.h"
#include "zend_closures.h"
#include "zend_enum.h"
#include "zend_exceptions.h"
#include "zend_generators.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"
#include "ext/json/php_json_parser.h"

#include "json_codec.h"
#include "json_internal.h"

/* Paths longer than this are cut in messages. */
#define POGO_PATH_SHOWN 160

/* ---- validation walk ---------------------------------------------------- */

typedef struct walk {
	smart_str path;
	pogo_error *err;
	bool utf8_only; /* second walk: look for the invalid UTF-8 string */
} walk;

static bool utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + n >= len) {
			return false; /* truncated sequence */
		}
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			return false;
		}
		i += n + 1;
	}
	return true;
}

static const char *shown_path(walk *w)
{
	smart_str_0(&w->path);
	const char *p = ZSTR_VAL(w->path.s);
	size_t len = ZSTR_LEN(w->path.s);

	size_t start = len > POGO_PATH_SHOWN ? len - POGO_PATH_SHOWN : 0;

	/* Start on a character, not inside one: the path is valid UTF-8. */
	while (start > 0 && start < len && ((unsigned char)p[start] & 0xC0) == 0x80) {
		start++;
	}
	return p + start;
}

static zend_result walk_fail(walk *w, const char *what)
{
	smart_str_0(&w->path);
	pogo_error_set(w->err, POGO_ERR_ARG, "%s%s %s",
	               ZSTR_LEN(w->path.s) > POGO_PATH_SHOWN ? "..." : "", shown_path(w), what);
	return FAILURE;
}

static void path_push_key(smart_str *path, zend_ulong idx, zend_string *key, bool property)
{
	if (property) {
		smart_str_appends(path, "->");
	} else {
		smart_str_appendc(path, '[');
	}
	if (!key) {
		smart_str_append_long(path, (zend_long)idx);
	} else {
		bool printable = utf8_valid((unsigned char *)ZSTR_VAL(key), ZSTR_LEN(key));
		size_t shown = MIN(ZSTR_LEN(key), 64);

		/* Cut a long key on a character boundary (invalid UTF-8 is escaped). */
		while (printable && shown < ZSTR_LEN(key) && shown > 0 &&
		       ((unsigned char)ZSTR_VAL(key)[shown] & 0xC0) == 0x80) {
			shown--;
		}

		if (!property) {
			smart_str_appendc(path, '\'');
		}
		for (size_t i = 0; i < shown; i++) {
			unsigned char c = ZSTR_VAL(key)[i];

			if (c < 0x20 || c == 0x7F || (!printable && c >= 0x80)) {
				smart_str_append_printf(path, "\\x%02X", c);
			} else {
				if ((c == '\'' || c == '\\') && !property) {
					smart_str_appendc(path, '\\');
				}
				smart_str_appendc(path, (char)c);
			}
		}
		if (shown < ZSTR_LEN(key)) {
			smart_str_appends(path, "...");
		}
		if (!property) {
			smart_str_appendc(path, '\'');
		}
	}
	if (!property) {
		smart_str_appendc(path, ']');
	}
}

static zend_result walk_value(walk *w, zval *value, int depth);

static zend_result walk_table(walk *w, HashTable *ht, int depth, bool properties)
{
	zend_ulong idx;
	zend_string *key;
	zval *entry;
	zend_result result = SUCCESS;

	if (depth > POGO_JSON_MAX_DEPTH) {
		return walk_fail(w, "nests deeper than 512 levels");
	}
	if (GC_IS_RECURSIVE(ht)) {
		return walk_fail(w, "is a recursive reference");
	}
	GC_TRY_PROTECT_RECURSION(ht);
	ZEND_HASH_FOREACH_KEY_VAL_IND(ht, idx, key, entry)
	{
		size_t mark = ZSTR_LEN(w->path.s);

		if (properties && key && ZSTR_LEN(key) > 0 && ZSTR_VAL(key)[0] == '\0') {
			continue; /* mangled non-public name: never reaches JSON */
		}
		path_push_key(&w->path, idx, key, properties);
		if (key && !utf8_valid((unsigned char *)ZSTR_VAL(key), ZSTR_LEN(key))) {
			result = walk_fail(w, "has a key that is not valid UTF-8");
		} else {
			result = walk_value(w, entry, depth);
		}
		if (result == FAILURE) {
			break;
		}
		ZSTR_LEN(w->path.s) = mark;
	}
	ZEND_HASH_FOREACH_END();
	GC_TRY_UNPROTECT_RECURSION(ht);
	return result;
}

/*
 * What jsonSerialize() returns follows the same rules. ext/json calls it
 * again while encoding: it runs twice.
 */
static zend_result walk_serializable(walk *w, zend_object *obj, int depth)
{
	zval serialized;
	zend_result result;

	ZVAL_UNDEF(&serialized);
	zend_call_method_with_0_params(obj, obj->ce, NULL, "jsonserialize", &serialized);
	if (EG(exception)) {
		zval_ptr_dtor(&serialized);
		return walk_fail(w, "could not be encoded: its jsonSerialize() threw");
	}
	if (GC_IS_RECURSIVE(obj)) {
		zval_ptr_dtor(&serialized);
		return walk_fail(w, "is a recursive reference");
	}
	GC_PROTECT_RECURSION(obj);
	if (Z_TYPE(serialized) == IS_OBJECT && Z_OBJ(serialized) == obj) {
		/* "return $this": ext/json encodes its public properties. */
		HashTable *props = zend_get_properties_for(&serialized, ZEND_PROP_PURPOSE_JSON);

		result = props ? walk_table(w, props, depth + 1, true) : SUCCESS;
		if (props) {
			zend_release_properties(props);
		}
	} else {
		result = walk_value(w, &serialized, depth);
	}
	GC_UNPROTECT_RECURSION(obj);
	zval_ptr_dtor(&serialized);
	return result;
}

static zend_result walk_object(walk *w, zend_object *obj, int depth)
{
	zend_class_entry *ce = obj->ce;

	if (ce == zend_standard_class_def) {
		zval zobj;
		HashTable *props;
		zend_result result;

		ZVAL_OBJ(&zobj, obj);
		props = zend_get_properties_for(&zobj, ZEND_PROP_PURPOSE_JSON);
		if (!props) {
			return SUCCESS;
		}
		if (GC_IS_RECURSIVE(obj)) {
			zend_release_properties(props);
			return walk_fail(w, "is a recursive reference");
		}
		GC_PROTECT_RECURSION(obj);
		result = walk_table(w, props, depth + 1, true);
		GC_UNPROTECT_RECURSION(obj);
		zend_release_properties(props);
		return result;
	}
	if (w->utf8_only) {
		return SUCCESS;
	}
	if (ce->ce_flags & ZEND_ACC_ENUM) {
		if (ce->enum_backing_type == IS_UNDEF) {
			char what[256];

			snprintf(what, sizeof(what), "is a case of the non-backed enum %s", ZSTR_VAL(ce->name));
			return walk_fail(w, what);
		}
		return SUCCESS;
	}
	if (instanceof_function(ce, php_json_serializable_ce)) {
		return walk_serializable(w, obj, depth);
	}
	if (ce == zend_ce_closure) {
		return walk_fail(w, "is a Closure");
	}
	if (instanceof_function(ce, zend_ce_generator)) {
		return walk_fail(w, "is a Generator");
	}
	char what[320];

	snprintf(what, sizeof(what),
	         "is an object of class %s (only stdClass, JsonSerializable and backed enums are "
	         "allowed)",
	         ZSTR_VAL(ce->name));
	return walk_fail(w, what);
}

static zend_result walk_value(walk *w, zval *value, int depth)
{
	ZVAL_DEREF(value);
	switch (Z_TYPE_P(value)) {
	case IS_UNDEF:
	case IS_NULL:
	case IS_FALSE:
	case IS_TRUE:
	case IS_LONG:
		return SUCCESS;
	case IS_DOUBLE:
		if (!w->utf8_only && !zend_finite(Z_DVAL_P(value))) {
			return walk_fail(w, zend_isnan(Z_DVAL_P(value)) ? "is NAN (JSON has no NAN)"
			                                                : "is INF (JSON has no INF)");
		}
		return SUCCESS;
	case IS_STRING:
		if (w->utf8_only && !utf8_valid((unsigned char *)Z_STRVAL_P(value), Z_STRLEN_P(value))) {
			return walk_fail(w, "is a string that is not valid UTF-8");
		}
		return SUCCESS;
	case IS_ARRAY:
		return walk_table(w, Z_ARRVAL_P(value), depth + 1, false);
	case IS_OBJECT:
		return walk_object(w, Z_OBJ_P(value), depth);
	case IS_RESOURCE:
		return w->utf8_only ? SUCCESS : walk_fail(w, "is a resource");
	default:
		return w->utf8_only ? SUCCESS : walk_fail(w, "has a type JSON cannot hold");
	}
}

static zend_result walk_run(zval *value, const char *root, bool utf8_only, pogo_error *err)
{
	walk w = {.err = err, .utf8_only = utf8_only};
	zend_result result;

	smart_str_appends(&w.path, root);
	result = walk_value(&w, value, 0);
	smart_str_free(&w.path);
	return result;
}

/* What ext/json's error codes mean, said of a value being encoded and of a text being decoded. */
static const struct json_error_text {
	php_json_error_code code;
	const char *encoding; /* NULL: not an encoding error */
	const char *decoding; /* NULL: not a decoding error */
} json_error_texts[] = {
    {PHP_JSON_ERROR_DEPTH, "nests deeper than 512 levels", "nests too deep"},
    {PHP_JSON_ERROR_RECURSION, "holds a recursive reference", NULL},
    {PHP_JSON_ERROR_INF_OR_NAN, "holds INF or NAN", NULL},
    {PHP_JSON_ERROR_UNSUPPORTED_TYPE, "holds a value of a type JSON cannot hold", NULL},
    {PHP_JSON_ERROR_UTF8, "holds a string that is not valid UTF-8", "invalid UTF-8 or UTF-16"},
    {PHP_JSON_ERROR_UTF16, NULL, "invalid UTF-8 or UTF-16"},
    {PHP_JSON_ERROR_INVALID_PROPERTY_NAME, "holds a property name starting with a NUL byte",
     "property name starting with a NUL byte"},
    {PHP_JSON_ERROR_STATE_MISMATCH, NULL, "syntax error"},
    {PHP_JSON_ERROR_SYNTAX, NULL, "syntax error"},
    {PHP_JSON_ERROR_CTRL_CHAR, NULL, "control character in a string"},
};

static const char *json_error_text(php_json_error_code code, bool decoding)
{
	for (size_t i = 0; i < sizeof(json_error_texts) / sizeof(json_error_texts[0]); i++) {
		if (json_error_texts[i].code == code) {
			const char *text =
			    decoding ? json_error_texts[i].decoding : json_error_texts[i].encoding;

			if (text) {
				return text;
			}
			break;
		}
	}
	return decoding ? "not valid JSON" : "could not be encoded as JSON";
}

/* See json_internal.h. */
zend_result pogo_json_encode_into(smart_str *buf, zval *value, const char *root, int options,
                                  pogo_error *err)
{
	php_json_error_code saved_error = JSON_G(error_code), code;
	zend_long saved_precision = PG(serialize_precision);
	zend_result result;

	if (walk_run(value, root, false, err) == FAILURE) {
		return FAILURE;
	}
	PG(serialize_precision) = -1; /* floats round-trip exactly */
	result = php_json_encode_ex(buf, value, options, POGO_JSON_CODEC_DEPTH);
	PG(serialize_precision) = saved_precision;
	code = JSON_G(error_code);
	JSON_G(error_code) = saved_error;
	if (result == SUCCESS && code == PHP_JSON_ERROR_NONE) {
		return SUCCESS;
	}
	if (EG(exception)) {
		pogo_error_set(err, POGO_ERR_ARG, "%s could not be encoded: jsonSerialize() threw", root);
		return FAILURE;
	}
	if (code == PHP_JSON_ERROR_UTF8 && walk_run(value, root, true, err) == FAILURE) {
		return FAILURE;
	}
	/* Found by the encoder only: inside what a jsonSerialize() returned. */
	pogo_error_set(err, POGO_ERR_ARG, "%s %s", root, json_error_text(code, false));
	return FAILURE;
}

/* See json_internal.h. */
char *pogo_json_extract_malloc(smart_str *buf, size_t *out_len)
{
	size_t len = buf->s ? ZSTR_LEN(buf->s) : 0;
	char *copy = malloc(len + 1);

	if (copy) {
		if (len) {
			memcpy(copy, ZSTR_VAL(buf->s), len);
		}
		copy[len] = '\0';
		*out_len = len;
	}
	smart_str_free(buf);
	return copy;
}

char *pogo_json_encode_payload(zend_string *class_name, zval *args, size_t *out_len,
                               pogo_error *err)
{
	smart_str buf = {0};
	zval name;
	php_json_error_code saved_error = JSON_G(error_code);

	if (!utf8_valid((unsigned char *)ZSTR_VAL(class_name), ZSTR_LEN(class_name))) {
		pogo_error_set(err, POGO_ERR_ARG, "$class is not valid UTF-8");
		if (err) {
			err->arg = 1;
		}
		return NULL;
	}
	ZVAL_STR(&name, class_name);
	smart_str_appends(&buf, "{\"class\":");
	php_json_encode_ex(&buf, &name, POGO_JSON_ENCODE_FLAGS, 1);
	JSON_G(error_code) = saved_error;
	smart_str_appends(&buf, ",\"args\":");
	if (pogo_json_encode_into(&buf, args, "$args", POGO_JSON_ENCODE_FLAGS, err) == FAILURE) {
		smart_str_free(&buf);
		if (err) {
			err->arg = 2;
		}
		return NULL;
	}
	smart_str_appendc(&buf, '}');
	char *text = pogo_json_extract_malloc(&buf, out_len);

	if (!text) {
		pogo_error_set(err, POGO_ERR_NOMEM, "out of memory encoding the job payload");
	}
	return text;
}

/* ---- decoding ----------------------------------------------------------- */

/* See json_internal.h. */
zend_result pogo_json_decode_text(const char *text, size_t len, zval *return_value, pogo_error *err)
{
	php_json_parser parser;

	php_json_parser_init(&parser, return_value, text, len, PHP_JSON_OBJECT_AS_ARRAY,
	                     POGO_JSON_CODEC_DEPTH + 1);
	if (php_json_parse(&parser)) {
		pogo_error_set(err, POGO_ERR_WORKER, "not JSON (%s)",
		               json_error_text(php_json_parser_error_code(&parser), true));
		ZVAL_NULL(return_value);
		return FAILURE;
	}
	return SUCCESS;
}

zend_result pogo_json_decode_payload(const char *text, size_t len, zval *return_value,
                                     pogo_error *err)
{
	zval *class_name, *args;

	if (pogo_json_decode_text(text, len, return_value, err) == FAILURE) {
		return FAILURE;
	}
	if (Z_TYPE_P(return_value) != IS_ARRAY ||
	    !(class_name = zend_hash_str_find(Z_ARRVAL_P(return_value), ZEND_STRL("class"))) ||
	    Z_TYPE_P(class_name) != IS_STRING ||
	    !(args = zend_hash_str_find(Z_ARRVAL_P(return_value), ZEND_STRL("args"))) ||
	    Z_TYPE_P(args) != IS_ARRAY) {
		pogo_error_set(err, POGO_ERR_WORKER, "the job payload is not {\"class\":…,\"args\":…}");
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		return FAILURE;
	}
	return SUCCESS;
}
