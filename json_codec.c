/*
 * Pogo: the JSON encoding and decoding that envelopes (json_envelope.c) use:
 * PHP's own ext/json, after value_codec.c's check of the value so that a
 * refusal names the path to the value, as for arguments and results. The
 * request's json_last_error() is left as it was.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "php.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"
#include "ext/json/php_json_parser.h"

#include "json_codec.h"
#include "json_internal.h"
#include "value_codec.h"

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

	if (pogo_value_validate(value, root, err) == FAILURE) {
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
	/* Found by the encoder only: what a second jsonSerialize() call returned. */
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
