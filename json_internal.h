/*
 * Pogo: what json_codec.c and json_envelope.c share, and nothing else includes.
 */
#ifndef POGO_JSON_INTERNAL_H
#define POGO_JSON_INTERNAL_H

#include "php.h"
#include "zend_smart_str.h"

#include "pogo_error.h"
#include "value_codec.h"

#define POGO_JSON_ENCODE_FLAGS                                                                     \
	(PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_PRESERVE_ZERO_FRACTION)
/* Error envelopes carry messages we do not control: never fail on them. */
#define POGO_JSON_ERROR_FLAGS (POGO_JSON_ENCODE_FLAGS | PHP_JSON_INVALID_UTF8_SUBSTITUTE)
/* The envelope and the payload wrap the value in one more level. */
#define POGO_JSON_CODEC_DEPTH (POGO_VALUE_MAX_DEPTH + 1)
/*
 * Validates value (pogo_value_validate()) and appends its JSON to
 * buf. On failure err names the reason (root names the value: "$args",
 * "the result"); if a JsonSerializable threw, the exception is left in
 * EG(exception).
 */
zend_result pogo_json_encode_into(smart_str *buf, zval *value, const char *root, int options,
                                  pogo_error *err);

/* Moves buf's text into a malloc'd, NUL-terminated copy (NULL if out of memory); frees buf. */
char *pogo_json_extract_malloc(smart_str *buf, size_t *out_len);

/*
 * Decodes JSON text into return_value with objects as arrays. Fails with err
 * filled (POGO_ERR_WORKER) saying what ext/json found wrong. Touches no
 * json_last_error() state of the request.
 */
zend_result pogo_json_decode_text(const char *text, size_t len, zval *return_value,
                                  pogo_error *err);

#endif
