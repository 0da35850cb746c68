/*
 * Pogo: result envelopes, on top of PHP's ext/json: how a job that failed
 * answers, and what a custom worker's handler may answer. A job's
 * arguments and its result cross in value_codec.h's binary form instead.
 *
 * Error contract, for every function here: a failure fills err (code and
 * message) and the codec itself never throws. The one exception that can be
 * pending afterwards is one that user code raised while being encoded (a
 * jsonSerialize() that threw or called exit()): it is the user's, so it is
 * left in EG(exception), and a caller checks EG(exception) before it turns
 * err into an exception of its own. Only pogo_result_encode() deals with
 * an Exception itself, as its comment says.
 */
#ifndef POGO_JSON_CODEC_H
#define POGO_JSON_CODEC_H

#include "php.h"
#include "pogo_error.h"
#include "value_codec.h"

/*
 * A job's result for its awaiter, into out: the value in value_codec.h's
 * binary form (*is_value set), or, when it is not JSON-compatible or its
 * jsonSerialize() threw an Exception, the error envelope saying so
 * (malloc'd, out->heap set; *is_value clear). Fails, with nothing in out,
 * on exit() or an Error in jsonSerialize(), which is left in EG(exception)
 * (the worker broke), or when out of memory.
 */
zend_result pogo_result_encode(zval *result, const char *job_class, pogo_value_out *out,
                               bool *is_value);

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
