/*
 * Pogo: the binary transfer form of job arguments and results (value_codec.c
 * encodes, value_decode.c decodes).
 *
 * A job's arguments and its result cross threads as a plain malloc'd buffer
 * in a compact tagged form, not as JSON text: one walk of the value both
 * checks it and writes it, and the other side builds the zvals straight from
 * it, with no text to print or parse. The form keeps JSON's meaning exactly:
 * it accepts and refuses what Pogo's JSON rules accept and refuse (with the
 * same messages and paths), objects arrive as arrays (stdClass as its
 * properties, JsonSerializable as what jsonSerialize() returned, called once,
 * backed enums as their value), keys arrive as json_decode(..., true) gives
 * them (a numeric property name becomes an integer key), floats bit for bit.
 * tools/fuzz.sh compares it with json_encode() + json_decode() value by value.
 *
 * Error contract: as json_codec.h's. A failure fills err and the codec never
 * throws; an exception a jsonSerialize() raised (or its exit()) is left in
 * EG(exception) for the caller.
 */
#ifndef POGO_VALUE_CODEC_H
#define POGO_VALUE_CODEC_H

#include "php.h"
#include "pogo_error.h"

/* The deepest nesting a job's arguments or result may have (json_encode's). */
#define POGO_VALUE_MAX_DEPTH 512

/*
 * Where an encoder writes: into first (the caller's buffer of first_cap
 * bytes; may be NULL) while the encoding fits, then into a malloc'd buffer.
 * After a success, data is first, or a malloc'd buffer if heap is set, which
 * the caller frees (pogo_value_out_free() does either); after a failure,
 * data is NULL and nothing is to be freed.
 */
typedef struct pogo_value_out {
	char *first;
	size_t first_cap;
	char *data;
	size_t len;
	bool heap;
} pogo_value_out;

/* Frees out's buffer if it is malloc'd; out holds nothing afterwards. */
void pogo_value_out_free(pogo_value_out *out);

/*
 * Makes text (malloc'd, taken; NULL: out of memory) what out holds. Returns
 * SUCCESS, or FAILURE for NULL, out then holding nothing.
 */
zend_result pogo_value_out_take(pogo_value_out *out, char *text, size_t len);

/*
 * Encodes a job payload: the class name, then args. Checks that args is
 * JSON-compatible the way Pogo promises (no resource, Closure, Generator,
 * object other than stdClass, JsonSerializable or a backed enum, no INF or
 * NAN, no invalid UTF-8, no recursion, no deeper than 512) into out, or
 * fails with err filled (POGO_ERR_ARG, err->arg the argument's number)
 * naming the reason and the path, e.g. "$args['items'][3] is a Closure".
 */
zend_result pogo_value_encode_payload(zend_string *class_name, zval *args, pogo_value_out *out,
                                      pogo_error *err);

/*
 * Decodes a payload into its class name (class_len bytes inside buf, valid
 * as long as buf is; not NUL-terminated) and its arguments (an array the
 * caller destroys). Fails with err filled (POGO_ERR_WORKER), and nothing to
 * release, if the buffer is not a payload.
 */
zend_result pogo_value_decode_payload(const char *buf, size_t len, const char **class_name,
                                      size_t *class_len, zval *args, pogo_error *err);

/*
 * Encodes any value (a job's result) under the same rules into out; root
 * names it in messages ("$result"). Fails with err filled (POGO_ERR_ARG, or
 * POGO_ERR_NOMEM).
 */
zend_result pogo_value_encode(zval *value, const char *root, pogo_value_out *out, pogo_error *err);

/*
 * Decodes what pogo_value_encode() made into out (the caller destroys it).
 * Fails with err filled (POGO_ERR_WORKER) and out NULL if it is not one.
 */
zend_result pogo_value_decode(const char *buf, size_t len, zval *out, pogo_error *err);

/*
 * Checks value under the same rules without encoding it (for what still
 * goes out as JSON text: a custom worker's envelope array).
 */
zend_result pogo_value_validate(zval *value, const char *root, pogo_error *err);

#endif
