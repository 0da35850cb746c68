/*
 * Pogo: JSON payloads and result envelopes, on top of PHP's ext/json.
 *
 * Error contract, for every function here: a failure fills err (code and
 * message) and the codec itself never throws. The one exception that can be
 * pending afterwards is one that user code raised while being encoded (a
 * jsonSerialize() that threw or called exit()): it is the user's, so it is
 * left in EG(exception), and a caller checks EG(exception) before it turns
 * err into an exception of its own (pogo_dispatch does). Only
 * pogo_json_result_envelope() deals with it itself, as its comment says.
 */
#ifndef POGO_JSON_CODEC_H
#define POGO_JSON_CODEC_H

#include "php.h"
#include "pogo_error.h"

/* The deepest nesting a job's arguments or result may have (json_encode's). */
#define POGO_JSON_MAX_DEPTH 512

/*
 * Encodes a job payload {"class":…,"args":…}, after checking that args is
 * JSON-compatible the way Pogo promises (no resource, Closure, Generator,
 * object other than stdClass, JsonSerializable or a backed enum, no
 * INF/NAN, no recursion, no deeper than 512). Returns a malloc'd buffer that
 * the caller frees, or NULL with err filled (POGO_ERR_ARG) naming the reason
 * and the path, e.g. "$args['items'][3] is a Closure".
 */
char *pogo_json_encode_payload(zend_string *class_name, zval *args, size_t *out_len,
                               pogo_error *err);

/*
 * Decodes a payload into ['class' => string, 'args' => array]. Fails with err
 * filled if it is not one.
 */
zend_result pogo_json_decode_payload(const char *text, size_t len, zval *return_value,
                                     pogo_error *err);

/*
 * Success envelope {"ok":true,"result":…} for a job's return value. A result
 * that is not JSON-compatible, or whose jsonSerialize() threw an Exception,
 * gives an error envelope saying so instead. Returns a malloc'd buffer the
 * caller frees, or NULL: out of memory, or exit() or an Error in
 * jsonSerialize(), which is left in EG(exception) (the worker broke).
 */
char *pogo_json_result_envelope(zval *result, const char *job_class, size_t *out_len);

/*
 * Error envelope {"ok":false,"error":…,"exception":{…}} for a Throwable.
 * Returns a malloc'd buffer the caller frees; NULL only if out of memory.
 */
char *pogo_json_exception_envelope(zend_object *throwable, size_t *out_len);

/* Error envelope {"ok":false,"error":message}. Malloc'd, the caller frees. */
char *pogo_json_error_envelope(const char *message, size_t *out_len);

/*
 * Turns what a custom worker's handler returned (an array envelope, or the
 * envelope as a JSON string) into envelope text. Strings are passed on
 * as-is: the awaiting side checks them. Returns a malloc'd buffer the caller
 * frees, or NULL with err filled (POGO_ERR_WORKER).
 */
char *pogo_json_envelope_from_handler(zval *returned, size_t *out_len, pogo_error *err);

/* An envelope read back on the awaiting side. */
typedef struct pogo_envelope {
	bool ok;
	zval result;                 /* ok: the decoded result */
	zend_string *error;          /* !ok: the message */
	zend_string *ex_class;       /* !ok, optional: the remote exception */
	zend_long ex_code;           /* the code, or (int) of a string code */
	zend_string *ex_remote_code; /* a string code as it was (PDOException's SQLSTATE) */
	zend_string *ex_file;
	zend_long ex_line;
	zend_string *ex_trace;
} pogo_envelope;

/*
 * Reads envelope text. On success env holds references the caller releases
 * with pogo_envelope_dtor(). Fails with err filled (POGO_ERR_WORKER) when the
 * text is not a valid envelope; env then holds nothing.
 */
zend_result pogo_json_decode_envelope(const char *text, size_t len, pogo_envelope *env,
                                      pogo_error *err);
void pogo_envelope_dtor(pogo_envelope *env);

#endif
