/*
 * Pogo: the module: its classes, INI, pools' configuration, startup and
 * shutdown (including the guard that stops the pools before any module
 * shuts down), fork handling, pogo_stats() and phpinfo(). The request's
 * functions are in dispatch.c (pogo_dispatch(), pogo_pool_size()), await.c
 * (pogo_await()) and await_set.c (pogo_await_all/any(), pogo_settle()).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdatomic.h>
#include <pthread.h>
#include <unistd.h>

#include "php.h"
#include "php_ini.h"
#include "SAPI.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"

#include "php_pogo.h"
#include "pool.h"
#include "pool_config.h"
#include "pool_stats.h"
#include "dispatch.h"
#include "sapi_guard.h"
#include "worker.h"
#include "pogo_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(pogo)

zend_class_entry *pogo_ce_JobInterface;
zend_class_entry *pogo_ce_PogoException;
zend_class_entry *pogo_ce_TimeoutException;
zend_class_entry *pogo_ce_JobException;
zend_class_entry *pogo_ce_WorkerException;
zend_class_entry *pogo_ce_PoolException;

PHP_FUNCTION(pogo_worker_handle)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	pogo_worker_handle_next(&fci, &fcc, return_value);
}

/* A pool's figures as pogo_stats() gives them (pool_stats.c's table). */
static void stats_array(pogo_pool *pool, zval *out)
{
	pogo_pool_stats stats;

	pogo_pool_read_stats(pool, &stats);
	array_init_size(out, (uint32_t)pogo_stat_field_count);
	for (size_t i = 0; i < pogo_stat_field_count; i++) {
		const pogo_stat_field *field = &pogo_stat_fields[i];
		uint64_t value = pogo_stat_value(&stats, field);

		if (field->seconds) {
			add_assoc_double(out, field->name, (double)value / 1e9);
		} else {
			add_assoc_long(out, field->name, (zend_long)MIN(value, (uint64_t)ZEND_LONG_MAX));
		}
	}
}

PHP_FUNCTION(pogo_stats)
{
	zend_string *name = NULL;
	pogo_pool *pool;
	zval one;

	ZEND_PARSE_PARAMETERS_START(0, 1)
	Z_PARAM_OPTIONAL
	Z_PARAM_STR_OR_NULL(name)
	ZEND_PARSE_PARAMETERS_END();

	/* A misconfigured pool has figures too: all zero but threads_configured. */
	pool = pogo_usable_pool(name, false);
	if (!pool) {
		RETURN_THROWS();
	}
	if (name) {
		stats_array(pool, return_value);
		return;
	}
	array_init_size(return_value, (uint32_t)pogo_pool_count());
	for (size_t i = 0; i < pogo_pool_count(); i++) {
		pool = pogo_pool_at(i);
		stats_array(pool, &one);
		add_assoc_zval(return_value, pool->config.name, &one);
	}
}

/* ---- configuration ------------------------------------------------------ */

static unsigned online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (n > POGO_MAX_THREADS ? POGO_MAX_THREADS : (unsigned)n);
}

/* What the pools run: the worker's PHP request in each thread. */
static const pogo_pool_hooks pool_hooks = {
    .thread_main = pogo_worker_run,
    .before_start = pogo_sapi_guard_environment,
};

/* Reads every pogo.pool.* entry of PHP's configuration into pools. */
static zend_result load_pools(void)
{
	HashTable *configuration = php_ini_get_configuration_hash();
	pogo_pool_config_set set;
	pogo_error err = {0};
	unsigned default_threads = online_cpus();
	zend_string *key;
	zval *value;

	if (pogo_config_set_init(&set, default_threads) == FAILURE) {
		return FAILURE;
	}
	if (configuration) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(configuration, key, value)
		{
			/* Only ours: other entries may be arrays (INI's name[] = value). */
			if (!key || strncmp(ZSTR_VAL(key), POGO_INI_PREFIX, strlen(POGO_INI_PREFIX)) != 0) {
				continue;
			}
			zend_string *text = zval_get_string(value);

			if (pogo_config_set_apply(&set, ZSTR_VAL(key), ZSTR_VAL(text), default_threads, &err) ==
			    FAILURE) {
				php_error_docref(NULL, E_WARNING, "Pogo: %s", err.message);
			}
			zend_string_release(text);
		}
		ZEND_HASH_FOREACH_END();
	}
	if (pogo_pools_init(&set, &pool_hooks, &err) == FAILURE) {
		php_error_docref(NULL, E_WARNING, "Pogo: %s", err.message);
		return FAILURE;
	}
	return SUCCESS;
}

/* ---- module ------------------------------------------------------------- */

static ZEND_INI_MH(on_update_shutdown_timeout)
{
	pogo_error err = {0};
	int64_t ms;

	if (pogo_parse_duration_ms(ZSTR_VAL(new_value), &ms, &err) == FAILURE) {
		php_error_docref(NULL, E_WARNING, "pogo.shutdown_timeout: %s", err.message);
		return FAILURE;
	}
	pogo_pools_set_shutdown_timeout(ms);
	return SUCCESS;
}

PHP_INI_BEGIN()
PHP_INI_ENTRY("pogo.shutdown_timeout", "5s", PHP_INI_SYSTEM, on_update_shutdown_timeout)
PHP_INI_END()

/*
 * The pools' threads must end their PHP requests before any extension shuts
 * down (opcache frees its per-thread globals in its module shutdown, which
 * runs before ours). The startup thread's persistent resources are
 * destroyed before any module shuts down, so one such resource stops the
 * pools. ZTS startup empties that list after MINIT, so the resource is
 * added at the first request of each process (a forking server's children
 * included), by whichever thread serves it: threaded servers (FrankenPHP,
 * Apache's event MPM) never serve a request on the thread that ran MINIT.
 * That thread is idle meanwhile; guard_lock keeps request threads apart.
 */
static int le_pogo_pools;
static pthread_t startup_thread;
static HashTable *startup_persistent_list; /* the startup thread's EG(persistent_list) */
static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER; /* guards that list's entry */
static _Atomic pid_t guard_pid; /* the process whose startup thread's list holds the entry */
static bool atfork_registered;  /* glibc drops the handler when the module is unloaded */

/* SAPIs that serve a single request per process. */
static bool single_request_sapi(void)
{
	return strcmp(sapi_module.name, "cli") == 0 || strcmp(sapi_module.name, "phpdbg") == 0 ||
	       strcmp(sapi_module.name, "embed") == 0;
}

static void pools_resource_dtor(zend_resource *res)
{
	(void)res;
	/*
	 * php_module_shutdown() has already switched interned strings to
	 * permanent storage, a table no two threads may write at once. Worker
	 * threads still finishing a job or ending their requests need their own
	 * request storage meanwhile; this thread interns nothing while it joins.
	 */
	zend_interned_strings_switch_storage(1);
	pogo_pools_stop();
	zend_interned_strings_switch_storage(0);
}

static void add_shutdown_guard(void)
{
	zend_string *key;
	zval res;

	if (atomic_load(&guard_pid) == getpid()) {
		return; /* every request but the first of each process */
	}
	pthread_mutex_lock(&guard_lock);
	/* A child forked after the first request inherits the parent's entry: keep it. */
	if (atomic_load(&guard_pid) != getpid() &&
	    !zend_hash_str_exists(startup_persistent_list, ZEND_STRL("pogo.pools"))) {
		/* What zend_register_persistent_resource() does, in the startup thread's list. */
		key = zend_string_init(ZEND_STRL("pogo.pools"), 1);
		GC_MAKE_PERSISTENT_LOCAL(key);
		ZVAL_NEW_PERSISTENT_RES(&res, -1, &le_pogo_pools, le_pogo_pools);
		GC_MAKE_PERSISTENT_LOCAL(Z_COUNTED(res));
		zend_hash_update(startup_persistent_list, key, &res);
		zend_string_release_ex(key, 1);
	}
	atomic_store(&guard_pid, getpid());
	pthread_mutex_unlock(&guard_lock);
}

/*
 * In a child after fork(): the parent's threads do not exist here, and the
 * jobs of the forking request belong to the parent. The child keeps neither
 * and starts its own pools at its first dispatch.
 */
static void after_fork_in_child(void)
{
	if (pthread_equal(pthread_self(), startup_thread) &&
	    zend_hash_str_exists(startup_persistent_list, ZEND_STRL("pogo.pools"))) {
		/* The child keeps the parent's guard: it stops the child's own pools. */
		atomic_store(&guard_pid, getpid());
	}
	pogo_pools_after_fork();
	pogo_worker_after_fork();
	pogo_request_jobs_forget_after_fork();
}

static PHP_GINIT_FUNCTION(pogo)
{
#if defined(COMPILE_DL_POGO) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(pogo_globals, 0, sizeof(*pogo_globals));
}

static PHP_MINIT_FUNCTION(pogo)
{
	pogo_ce_JobInterface = register_class_Pogo_JobInterface();
	pogo_ce_PogoException = register_class_Pogo_PogoException(spl_ce_RuntimeException);
	pogo_ce_TimeoutException = register_class_Pogo_TimeoutException(pogo_ce_PogoException);
	pogo_ce_JobException = register_class_Pogo_JobException(pogo_ce_PogoException);
	pogo_ce_WorkerException = register_class_Pogo_WorkerException(pogo_ce_PogoException);
	pogo_ce_PoolException = register_class_Pogo_PoolException(pogo_ce_PogoException);

	REGISTER_INI_ENTRIES();
	if (!atfork_registered) {
		/* MINIT runs again when a server restarts PHP in the same process. */
		pthread_atfork(pogo_pools_before_fork, pogo_pools_after_fork_parent, after_fork_in_child);
		atfork_registered = true;
	}
	pogo_sapi_guard_startup(pogo_request_jobs_release);
	pogo_worker_startup(pogo_request_jobs_release);
	le_pogo_pools =
	    zend_register_list_destructors_ex(NULL, pools_resource_dtor, "Pogo pools", module_number);
	startup_thread = pthread_self();
	startup_persistent_list = &EG(persistent_list);
	return load_pools();
}

static PHP_MSHUTDOWN_FUNCTION(pogo)
{
	pogo_pools_shutdown();
	pogo_job_cache_drain(); /* jobs that stopping the pools freed in this thread */
	pogo_sapi_guard_shutdown();
	pogo_worker_shutdown();
	UNREGISTER_INI_ENTRIES();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(pogo)
{
#if defined(COMPILE_DL_POGO) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	POGO_G(jobs) = NULL;
	add_shutdown_guard();
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(pogo)
{
	if (single_request_sapi() && pthread_equal(pthread_self(), startup_thread)) {
		/*
		 * The CLI's one request is over: stop the pools now, while worker
		 * threads may still compile or run PHP (at module shutdown PHP has
		 * already switched interned strings to permanent storage, which no
		 * other thread may use), and before giving the jobs up, so that no
		 * queued job starts meanwhile.
		 */
		pogo_pools_stop();
	}
	pogo_request_jobs_release();
	return SUCCESS;
}

/* The pool's live figures, as pogo_stats() names them, in a table of their own. */
static void minfo_stats(pogo_pool *pool)
{
	pogo_pool_stats stats;
	char value[64];

	pogo_pool_read_stats(pool, &stats);
	php_info_print_table_start();
	php_info_print_table_header(2, "Pool figures (pogo_stats())", pool->config.name);
	for (size_t i = 0; i < pogo_stat_field_count; i++) {
		const pogo_stat_field *field = &pogo_stat_fields[i];
		uint64_t n = pogo_stat_value(&stats, field);

		if (field->seconds) {
			snprintf(value, sizeof(value), "%.3f", (double)n / 1e9);
		} else {
			snprintf(value, sizeof(value), "%" PRIu64, n);
		}
		php_info_print_table_row(2, field->name, value);
	}
	php_info_print_table_end();
}

static PHP_MINFO_FUNCTION(pogo)
{
	char value[PATH_MAX + 32];

	php_info_print_table_start();
	php_info_print_table_row(2, "Pogo support", "enabled");
	php_info_print_table_row(2, "Version", PHP_POGO_VERSION);
#ifdef ZTS
	php_info_print_table_row(2, "Thread safety", "ZTS: pools can run");
#else
	php_info_print_table_row(2, "Thread safety", POGO_NTS_MESSAGE);
#endif
	php_info_print_table_end();
	DISPLAY_INI_ENTRIES();

	/* One table per pool: its directives (pool_config.c's table), then its state. */
	for (size_t i = 0; i < pogo_pool_count(); i++) {
		pogo_pool *pool = pogo_pool_at(i);

		php_info_print_table_start();
		php_info_print_table_header(2, "Pool", pool->config.name);
		for (size_t d = 0; d < pogo_directive_count(); d++) {
			pogo_directive_format(&pool->config, d, value, sizeof(value));
			php_info_print_table_row(2, pogo_directive_name(d), value);
		}
		php_info_print_table_row(2, "running", pogo_pool_running(pool) ? "yes" : "no");
		php_info_print_table_row(2, "status", pool->config.invalid ? pool->config.invalid : "ok");
		php_info_print_table_end();
		minfo_stats(pool);
	}
}

zend_module_entry pogo_module_entry = {
    STANDARD_MODULE_HEADER,
    "pogo",
    ext_functions,
    PHP_MINIT(pogo),
    PHP_MSHUTDOWN(pogo),
    PHP_RINIT(pogo),
    PHP_RSHUTDOWN(pogo),
    PHP_MINFO(pogo),
    PHP_POGO_VERSION,
    PHP_MODULE_GLOBALS(pogo),
    PHP_GINIT(pogo),
    NULL,
    NULL,
    STANDARD_MODULE_PROPERTIES_EX,
};

#ifdef COMPILE_DL_POGO
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(pogo)
#endif
