/*
 * Pogo: result envelopes, the JSON that comes back from a worker:
 * {"ok":false,"error":…,"exception":{…}} for a job that failed, and
 * {"ok":true,"result":…} only from a custom worker's handler; built in the
 * worker thread and decoded in the awaiting request's. A job's result itself
 * crosses in the binary form of value_codec.h, under the arguments' rules.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"

#include "json_codec.h"
#include "json_internal.h"
#include "value_codec.h"

static char *encode_error_table(HashTable *envelope, size_t *out_len)
{
	smart_str buf = {0};
	php_json_error_code saved_error = JSON_G(error_code);
	zval value;

	ZVAL_ARR(&value, envelope);
	php_json_encode_ex(&buf, &value, POGO_JSON_ERROR_FLAGS, POGO_JSON_CODEC_DEPTH);
	JSON_G(error_code) = saved_error;
	return pogo_json_extract_malloc(&buf, out_len);
}

char *pogo_json_error_envelope(const char *message, size_t *out_len)
{
	HashTable *envelope = zend_new_array(2);
	zval tmp;
	char *text;

	ZVAL_FALSE(&tmp);
	zend_hash_str_add_new(envelope, ZEND_STRL("ok"), &tmp);
	ZVAL_STRING(&tmp, message);
	zend_hash_str_add_new(envelope, ZEND_STRL("error"), &tmp);
	text = encode_error_table(envelope, out_len);
	zend_array_release(envelope);
	return text;
}

char *pogo_json_exception_envelope(zend_object *throwable, size_t *out_len)
{
	zend_class_entry *base =
	    instanceof_function(throwable->ce, zend_ce_exception) ? zend_ce_exception : zend_ce_error;
	HashTable *envelope = zend_new_array(3), *exception = zend_new_array(5);
	zval tmp, rv, *prop;
	char *text;

	ZVAL_FALSE(&tmp);
	zend_hash_str_add_new(envelope, ZEND_STRL("ok"), &tmp);
	prop = zend_read_property_ex(base, throwable, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	ZVAL_DEREF(prop);
	if (Z_TYPE_P(prop) == IS_STRING) {
		ZVAL_STR_COPY(&tmp, Z_STR_P(prop));
	} else {
		/* Converting it could throw or warn in the worker: say what it was. */
		ZVAL_STR(&tmp, zend_strpprintf(0, "(the message of this %s is %s, not a string)",
		                               ZSTR_VAL(throwable->ce->name), zend_zval_type_name(prop)));
	}
	zend_hash_str_add_new(envelope, ZEND_STRL("error"), &tmp);

	ZVAL_STR_COPY(&tmp, throwable->ce->name);
	zend_hash_str_add_new(exception, ZEND_STRL("class"), &tmp);
	prop = zend_read_property_ex(base, throwable, ZSTR_KNOWN(ZEND_STR_CODE), 1, &rv);
	ZVAL_DEREF(prop);
	/* As it is: PDOException's is an SQLSTATE string (JobException::$remoteCode). */
	if (Z_TYPE_P(prop) == IS_STRING) {
		ZVAL_STR_COPY(&tmp, Z_STR_P(prop));
	} else {
		ZVAL_LONG(&tmp, zval_get_long(prop));
	}
	zend_hash_str_add_new(exception, ZEND_STRL("code"), &tmp);
	prop = zend_read_property_ex(base, throwable, ZSTR_KNOWN(ZEND_STR_FILE), 1, &rv);
	ZVAL_STR(&tmp, zval_get_string(prop));
	zend_hash_str_add_new(exception, ZEND_STRL("file"), &tmp);
	prop = zend_read_property_ex(base, throwable, ZSTR_KNOWN(ZEND_STR_LINE), 1, &rv);
	ZVAL_LONG(&tmp, zval_get_long(prop));
	zend_hash_str_add_new(exception, ZEND_STRL("line"), &tmp);
	zend_call_method_with_0_params(throwable, throwable->ce, NULL, "gettraceasstring", &tmp);
	if (Z_TYPE(tmp) != IS_STRING) {
		zval_ptr_dtor(&tmp);
		ZVAL_EMPTY_STRING(&tmp);
	}
	zend_hash_str_add_new(exception, ZEND_STRL("trace"), &tmp);

	ZVAL_ARR(&tmp, exception);
	zend_hash_str_add_new(envelope, ZEND_STRL("exception"), &tmp);
	text = encode_error_table(envelope, out_len);
	zend_array_release(envelope);
	return text;
}

zend_result pogo_result_encode(zval *result, const char *job_class, pogo_value_out *out,
                               bool *is_value)
{
	POGO_ERROR_DECLARE(err);
	char *text;
	size_t len = 0;

	*is_value = pogo_value_encode(result, "$result", out, &err) == SUCCESS;
	if (*is_value) {
		return SUCCESS;
	}
	if (EG(exception) && (zend_is_unwind_exit(EG(exception)) ||
	                      instanceof_function(EG(exception)->ce, zend_ce_error))) {
		return FAILURE; /* exit() or an Error in jsonSerialize(): the worker broke */
	}
	if (EG(exception)) {
		zend_object *ex = EG(exception);

		GC_ADDREF(ex);
		zend_clear_exception();
		text = pogo_json_exception_envelope(ex, &len);
		OBJ_RELEASE(ex);
		return pogo_value_out_take(out, text, len);
	}
	if (err.code == POGO_ERR_NOMEM) {
		return pogo_value_out_take(out, pogo_json_error_envelope(err.message, &len), len);
	}

	char message[sizeof(err.message) + 256];

	snprintf(message, sizeof(message), "the result of %s::handle() is not JSON-encodable: %s",
	         job_class, err.message);
	return pogo_value_out_take(out, pogo_json_error_envelope(message, &len), len);
}

char *pogo_json_envelope_from_handler(zval *returned, size_t *out_len, pogo_error *err)
{
	ZVAL_DEREF(returned);
	if (Z_TYPE_P(returned) == IS_STRING) {
		char *text = malloc(Z_STRLEN_P(returned) + 1);

		if (!text) {
			pogo_error_set(err, POGO_ERR_NOMEM, "out of memory copying the envelope");
			return NULL;
		}
		memcpy(text, Z_STRVAL_P(returned), Z_STRLEN_P(returned) + 1);
		*out_len = Z_STRLEN_P(returned);
		return text;
	}
	if (Z_TYPE_P(returned) == IS_ARRAY) {
		smart_str buf = {0};

		if (pogo_json_encode_into(&buf, returned, "the envelope", POGO_JSON_ENCODE_FLAGS, err) ==
		    FAILURE) {
			smart_str_free(&buf);
			err->code = POGO_ERR_WORKER;
			return NULL;
		}
		return pogo_json_extract_malloc(&buf, out_len);
	}
	pogo_error_set(err, POGO_ERR_WORKER,
	               "the handler returned %s; expected an envelope array or its JSON string",
	               zend_zval_type_name(returned));
	return NULL;
}

static zend_string *envelope_string(HashTable *ht, const char *key, size_t key_len, bool *bad)
{
	zval *v = zend_hash_str_find(ht, key, key_len);

	if (!v || Z_TYPE_P(v) == IS_NULL) {
		return ZSTR_EMPTY_ALLOC();
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		*bad = true;
		return ZSTR_EMPTY_ALLOC();
	}
	return zend_string_copy(Z_STR_P(v));
}

static zend_long envelope_long(HashTable *ht, const char *key, size_t key_len, bool *bad)
{
	zval *v = zend_hash_str_find(ht, key, key_len);

	if (!v || Z_TYPE_P(v) == IS_NULL) {
		return 0;
	}
	if (Z_TYPE_P(v) != IS_LONG) {
		*bad = true;
		return 0;
	}
	return Z_LVAL_P(v);
}

/* The string at key, or NULL when it is absent or not a string. */
static zend_string *envelope_string_or_null(HashTable *ht, const char *key, size_t key_len)
{
	zval *v = zend_hash_str_find(ht, key, key_len);

	return v && Z_TYPE_P(v) == IS_STRING ? zend_string_copy(Z_STR_P(v)) : NULL;
}

zend_result pogo_json_decode_envelope(const char *text, size_t len, pogo_envelope *env,
                                      pogo_error *err)
{
	zval decoded, *ok, *field;
	HashTable *ht;
	const char *why = NULL;

	memset(env, 0, sizeof(*env));
	ZVAL_UNDEF(&env->result);
	if (pogo_json_decode_text(text, len, &decoded, err) == FAILURE) {
		return FAILURE;
	}
	if (Z_TYPE(decoded) != IS_ARRAY) {
		why = "not a JSON object";
		goto invalid;
	}
	ht = Z_ARRVAL(decoded);
	ok = zend_hash_str_find(ht, ZEND_STRL("ok"));
	if (!ok || (Z_TYPE_P(ok) != IS_TRUE && Z_TYPE_P(ok) != IS_FALSE)) {
		why = "\"ok\" is missing or not a boolean";
		goto invalid;
	}
	env->ok = Z_TYPE_P(ok) == IS_TRUE;
	if (env->ok) {
		field = zend_hash_str_find(ht, ZEND_STRL("result"));
		if (!field) {
			why = "\"ok\" is true but \"result\" is missing";
			goto invalid;
		}
		ZVAL_COPY(&env->result, field);
		zval_ptr_dtor(&decoded);
		return SUCCESS;
	}
	field = zend_hash_str_find(ht, ZEND_STRL("error"));
	if (!field || Z_TYPE_P(field) != IS_STRING) {
		why = "\"ok\" is false but \"error\" is missing or not a string";
		goto invalid;
	}
	env->error = zend_string_copy(Z_STR_P(field));
	field = zend_hash_str_find(ht, ZEND_STRL("exception"));
	if (field && Z_TYPE_P(field) != IS_NULL) {
		bool bad = false;

		if (Z_TYPE_P(field) != IS_ARRAY) {
			why = "\"exception\" is not an object";
			goto invalid;
		}
		env->ex_class = envelope_string(Z_ARRVAL_P(field), ZEND_STRL("class"), &bad);
		env->ex_remote_code = envelope_string_or_null(Z_ARRVAL_P(field), ZEND_STRL("code"));
		env->ex_code = env->ex_remote_code
		                   ? ZEND_STRTOL(ZSTR_VAL(env->ex_remote_code), NULL, 10) /* as (int) */
		                   : envelope_long(Z_ARRVAL_P(field), ZEND_STRL("code"), &bad);
		env->ex_file = envelope_string(Z_ARRVAL_P(field), ZEND_STRL("file"), &bad);
		env->ex_line = envelope_long(Z_ARRVAL_P(field), ZEND_STRL("line"), &bad);
		env->ex_trace = envelope_string(Z_ARRVAL_P(field), ZEND_STRL("trace"), &bad);
		if (bad) {
			why = "\"exception\" has a field of the wrong type";
			goto invalid;
		}
	}
	zval_ptr_dtor(&decoded);
	return SUCCESS;

invalid:
	pogo_error_set(err, POGO_ERR_WORKER, "%s", why);
	pogo_envelope_dtor(env);
	zval_ptr_dtor(&decoded);
	return FAILURE;
}

void pogo_envelope_dtor(pogo_envelope *env)
{
	zval_ptr_dtor(&env->result);
	ZVAL_UNDEF(&env->result);
	if (env->error) {
		zend_string_release(env->error);
	}
	if (env->ex_class) {
		zend_string_release(env->ex_class);
	}
	if (env->ex_file) {
		zend_string_release(env->ex_file);
	}
	if (env->ex_trace) {
		zend_string_release(env->ex_trace);
	}
	if (env->ex_remote_code) {
		zend_string_release(env->ex_remote_code);
	}
	env->error = env->ex_class = env->ex_file = env->ex_trace = env->ex_remote_code = NULL;
}
