/*
 * Pogo: booting a worker thread's PHP request: its startup with no client,
 * output to stderr, the CLI's stream constants, and requiring the pool's
 * bootstrap and worker script. worker.c runs the request's life around it.
 *
 * DESIGN
 * One lock, bootstrap_lock (why: at its definition). It is released on a
 * bailout too, and after fork() the child gets a fresh one, since a parent
 * thread may have held it. Its place in the lock order is in pool.c's table.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>

#include "php.h"
#include "php_main.h"
#include "SAPI.h"
#include "main/php_output.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "sapi_guard.h"
#include "worker_boot.h"

/* Output handler at the bottom of a worker's stack: everything to stderr. */
static zend_result stderr_output_handler(void **handler_context, php_output_context *context)
{
	(void)handler_context;
	if (context->in.used) {
		pogo_write_stderr(context->in.data, context->in.used);
	}
	return SUCCESS; /* nothing is passed on */
}

/* Sets a directive for the rest of this worker request. */
void pogo_worker_set_ini(const char *name, const char *value)
{
	zend_string *key = zend_string_init(name, strlen(name), 0);

	zend_alter_ini_entry_chars(key, value, strlen(value), ZEND_INI_SYSTEM, ZEND_INI_STAGE_RUNTIME);
	zend_string_release(key);
}

/* Registers the constant name for a stream opened on path (mode), for this request. */
static void register_stream_constant(const char *name, const char *path, const char *mode)
{
	php_stream *stream = php_stream_open_wrapper_ex(path, mode, 0, NULL, NULL);
	zend_constant c;

	if (!stream) {
		return;
	}
	php_stream_to_zval(stream, &c.value);
	ZEND_CONSTANT_SET_FLAGS(&c, CONST_CS, 0);
	c.name = zend_string_init_interned(name, strlen(name), 0);
	zend_register_constant(&c);
}

zend_result pogo_worker_request_startup(pogo_pool *pool)
{
	php_output_handler *handler;

	SG(server_context) = NULL;
	SG(request_info).no_headers = 1;
	SG(options) |= SAPI_OPTION_NO_CHDIR;
	pogo_pool_fork_gate_enter();
	if (php_request_startup() == FAILURE) {
		pogo_pool_fork_gate_leave();
		return FAILURE;
	}
	pogo_pool_fork_gate_leave();
	SG(headers_sent) = 1;
	SG(request_info).no_headers = 1;
	PG(during_request_startup) = 0;
	/* The worker's request lives until the pool stops: only jobs are timed. */
	zend_unset_timeout();
	if (PG(display_errors)) {
		/* Errors shown by a worker go to stderr even when its output layer is
		 * out of order (a fatal error while out of memory). */
		pogo_worker_set_ini("display_errors", "stderr");
	}
	handler = php_output_handler_create_internal(
	    ZEND_STRL("pogo worker output"), stderr_output_handler, 1,
	    PHP_OUTPUT_HANDLER_CLEANABLE | PHP_OUTPUT_HANDLER_FLUSHABLE);
	if (handler) {
		php_output_handler_start(handler);
	}
	if (strcmp(sapi_module.name, "cli") == 0) {
		/* As the CLI defines them for its script; STDOUT goes where job output goes. */
		/* php://fd/N dup()s the descriptor: closing it at request end leaves the process's. */
		register_stream_constant("STDIN", "php://fd/0", "rb");
		register_stream_constant("STDOUT", "php://fd/2", "wb");
		register_stream_constant("STDERR", "php://fd/2", "wb");
	}
	POGO_G(worker_pool) = pool;
	POGO_G(current_job) = NULL;
	POGO_G(jobs_run) = 0;
	return SUCCESS;
}

zend_result pogo_worker_run_file(const char *path)
{
	zend_file_handle handle;
	zend_result result;

	zend_stream_init_filename(&handle, path);
	result = zend_execute_scripts(ZEND_REQUIRE, NULL, 1, &handle);
	zend_destroy_file_handle(&handle);
	if (EG(exception)) {
		/* A ParseError from compiling the file: report it as PHP would. */
		zend_exception_error(EG(exception), E_ERROR);
		result = FAILURE;
	}
	return result;
}

/*
 * With opcache, threads require their bootstrap one at a time: opcache in ZTS
 * PHP 8.2 can leak a class when two threads link the same class at the same
 * moment.
 */
static pthread_mutex_t bootstrap_lock = PTHREAD_MUTEX_INITIALIZER;

void pogo_worker_boot_after_fork(void)
{
	/* A parent thread that was requiring its bootstrap at the fork holds it forever here. */
	pthread_mutex_init(&bootstrap_lock, NULL);
}

zend_result pogo_worker_run_bootstrap(const char *path)
{
	/* Without opcache there is no shared class cache to race on: no lock. */
	volatile bool locked = zend_hash_str_exists(&module_registry, ZEND_STRL("zend opcache"));
	zend_result result = FAILURE;

	if (locked) {
		pthread_mutex_lock(&bootstrap_lock);
	}
	zend_try
	{
		result = pogo_worker_run_file(path);
	}
	zend_catch
	{
		if (locked) {
			pthread_mutex_unlock(&bootstrap_lock);
			locked = false;
		}
		zend_bailout();
	}
	zend_end_try();
	if (locked) {
		pthread_mutex_unlock(&bootstrap_lock);
	}
	return result;
}
