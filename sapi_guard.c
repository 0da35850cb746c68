/*
 * Pogo: what a worker thread may use of the server (SAPI) it runs in.
 *
 * DESIGN
 * A worker thread runs PHP with no SAPI request behind it: no server
 * context, no client, no headers, no body. The server's hooks are
 * process-wide, and a server's expect its request: php-fpm dereferences
 * SG(server_context) (NULL in a worker), FrankenPHP resolves the calling
 * thread through its own per-thread state, which a Pogo thread lacks, and
 * falls back to another thread's request; Apache reads its request_rec.
 * Four kinds of hooks are guarded, each acting in a worker thread as for a
 * request without a client and calling the server's own elsewhere:
 *   - the SAPI's request callbacks (sapi_module), wrapped once at module
 *     startup, put back at module shutdown (the engine may start again in
 *     the same process: FrankenPHP's reload);
 *   - the info functions (phpinfo() sections) of the SAPI's own modules,
 *     wrapped in the module registry at startup, put back at shutdown;
 *   - the functions a server registers (its SAPI's additional functions and
 *     its modules' functions) and the standard functions it replaced: each
 *     worker thread changes the handlers in its own copy of the function
 *     table (ZTS gives each thread a copy of every internal function), by
 *     the rules in function_rules[]: what a request without a client gets
 *     (no headers, nothing to finish), PHP's own function, or an Error that
 *     says the function needs a client request; the same table makes
 *     pcntl's fork functions throw in a job;
 *   - PHP's environment import hooks, which php-fpm sets in each child after
 *     startup, guarded by environment_lock, the only lock taken here.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include "php.h"
#include "SAPI.h"
#include "ext/standard/info.h"
#include "main/php_variables.h"
#include "zend_exceptions.h"

#include "sapi_guard.h"

static __thread bool in_worker_thread;
static sapi_module_struct sapi_own;
static void (*request_end_hook)(void);
static void (*import_environment_own)(zval *array_ptr);
static void (*load_environment_own)(zval *array_ptr);
static pthread_mutex_t environment_lock = PTHREAD_MUTEX_INITIALIZER;

extern char **environ;

void pogo_write_stderr(const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, data, len);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return;
		}
		data += n;
		len -= (size_t)n;
	}
}

/* ---- the SAPI's callbacks ----------------------------------------------- */

/* $_SERVER and $_ENV of a worker: the process's environment, as in the CLI. */
static void worker_environment(zval *array_ptr)
{
	for (char **env = environ; env && *env; env++) {
		const char *eq = strchr(*env, '=');
		char *name;

		if (!eq || eq == *env) {
			continue;
		}
		name = estrndup(*env, eq - *env);
		php_register_variable_safe(name, eq + 1, strlen(eq + 1), array_ptr);
		efree(name);
	}
}

static int guard_activate(void)
{
	return in_worker_thread ? SUCCESS : sapi_own.activate();
}

/* Installed even where the SAPI has no deactivate: it ends a request's scope. */
static int guard_deactivate(void)
{
	if (in_worker_thread) {
		return SUCCESS;
	}
	if (request_end_hook) {
		request_end_hook();
	}
	return sapi_own.deactivate ? sapi_own.deactivate() : SUCCESS;
}

static size_t guard_ub_write(const char *str, size_t len)
{
	if (in_worker_thread) {
		pogo_write_stderr(str, len);
		return len;
	}
	return sapi_own.ub_write(str, len);
}

static void guard_flush(void *server_context)
{
	if (!in_worker_thread) {
		sapi_own.flush(server_context);
	}
}

static zend_stat_t *guard_get_stat(void)
{
	return in_worker_thread ? NULL : sapi_own.get_stat();
}

static char *guard_getenv(const char *name, size_t len)
{
	/* NULL: getenv() reads the process's environment, as in the CLI. */
	return in_worker_thread ? NULL : sapi_own.getenv(name, len);
}

static int guard_header_handler(sapi_header_struct *header, sapi_header_op_enum op,
                                sapi_headers_struct *headers)
{
	return in_worker_thread ? 0 : sapi_own.header_handler(header, op, headers);
}

static int guard_send_headers(sapi_headers_struct *headers)
{
	return in_worker_thread ? SAPI_HEADER_SENT_SUCCESSFULLY : sapi_own.send_headers(headers);
}

static void guard_send_header(sapi_header_struct *header, void *server_context)
{
	if (!in_worker_thread) {
		sapi_own.send_header(header, server_context);
	}
}

static size_t guard_read_post(char *buffer, size_t len)
{
	return in_worker_thread ? 0 : sapi_own.read_post(buffer, len);
}

static char *guard_read_cookies(void)
{
	return in_worker_thread ? NULL : sapi_own.read_cookies();
}

static void guard_register_server_variables(zval *array_ptr)
{
	if (in_worker_thread) {
		worker_environment(array_ptr);
	} else {
		sapi_own.register_server_variables(array_ptr);
	}
}

/* A worker's log lines go to stderr, as the CLI's do: no request to file them under. */
static void guard_log_message(const char *message, int syslog_type)
{
	if (in_worker_thread) {
		pogo_write_stderr(message, strlen(message));
		pogo_write_stderr("\n", 1);
	} else {
		sapi_own.log_message(message, syslog_type);
	}
}

static zend_result guard_get_request_time(double *request_time)
{
	return in_worker_thread ? FAILURE : sapi_own.get_request_time(request_time);
}

static int guard_get_fd(int *fd)
{
	return in_worker_thread ? FAILURE : sapi_own.get_fd(fd);
}

static int guard_force_http_10(void)
{
	return in_worker_thread ? FAILURE : sapi_own.force_http_10();
}

static void guard_import_environment(zval *array_ptr)
{
	if (in_worker_thread) {
		worker_environment(array_ptr);
	} else {
		import_environment_own(array_ptr);
	}
}

static void guard_load_environment(zval *array_ptr)
{
	if (in_worker_thread) {
		worker_environment(array_ptr);
	} else {
		load_environment_own(array_ptr);
	}
}

/* Every guarded callback: wrapped where the SAPI has one (deactivate: always). */
#define SAPI_GUARDS(X)                                                                             \
	X(activate)                                                                                    \
	X(ub_write)                                                                                    \
	X(flush)                                                                                       \
	X(get_stat)                                                                                    \
	X(getenv)                                                                                      \
	X(header_handler)                                                                              \
	X(send_headers)                                                                                \
	X(send_header)                                                                                 \
	X(read_post)                                                                                   \
	X(read_cookies)                                                                                \
	X(register_server_variables)                                                                   \
	X(log_message)                                                                                 \
	X(get_request_time)                                                                            \
	X(get_fd)                                                                                      \
	X(force_http_10)

#define GUARD(hook)                                                                                \
	if (sapi_module.hook) {                                                                        \
		sapi_module.hook = guard_##hook;                                                           \
	}
#define UNGUARD(hook)                                                                              \
	if (sapi_module.hook == guard_##hook) {                                                        \
		sapi_module.hook = sapi_own.hook;                                                          \
	}

void pogo_sapi_guard_environment(void)
{
	pthread_mutex_lock(&environment_lock);
	if (php_import_environment_variables != guard_import_environment) {
		import_environment_own = php_import_environment_variables;
		php_import_environment_variables = guard_import_environment;
	}
	if (php_load_environment_variables != guard_load_environment) {
		load_environment_own = php_load_environment_variables;
		php_load_environment_variables = guard_load_environment;
	}
	pthread_mutex_unlock(&environment_lock);
}

/* ---- the SAPI's modules and functions ----------------------------------- */

/* Modules that servers register for themselves (their functions need a client). */
static const char *const sapi_module_names[] = {"apache2handler", "cgi-fcgi", "frankenphp",
                                                "litespeed", NULL};

/* The info functions of those modules, wrapped: what the server's were. */
static struct {
	zend_module_entry *module;
	void (*info_own)(ZEND_MODULE_INFO_FUNC_ARGS);
} info_guards[4];

static void guard_info(ZEND_MODULE_INFO_FUNC_ARGS)
{
	for (size_t i = 0; i < sizeof(info_guards) / sizeof(info_guards[0]); i++) {
		if (info_guards[i].module != zend_module) {
			continue;
		}
		if (in_worker_thread) {
			php_info_print_table_start();
			php_info_print_table_row(2, zend_module->name,
			                         "not shown in a Pogo job: it describes the client request");
			php_info_print_table_end();
		} else {
			info_guards[i].info_own(zend_module);
		}
		return;
	}
}

typedef enum {
	RULE_NEEDS_CLIENT = 0,  /* throws Error: the function needs a client request */
	RULE_NO_HEADERS,        /* returns []: a request without a client has no headers */
	RULE_NOTHING_TO_FINISH, /* returns false: there is no client request to finish */
	RULE_ALLOWED,           /* needs no client: left as it is */
	RULE_PHP_OWN,           /* the SAPI replaced PHP's own function: a job gets PHP's */
	RULE_NO_FORK,           /* throws Error: a job cannot fork */
} rule_kind;

static const struct {
	const char *name;
	const char
	    *sapi; /* NULL: to the server's functions under any SAPI; else see rule_applies_here() */
	rule_kind kind;
} function_rules[] = {
    {"getallheaders", NULL, RULE_NO_HEADERS},
    {"apache_request_headers", NULL, RULE_NO_HEADERS},
    {"apache_response_headers", NULL, RULE_NO_HEADERS},
    {"frankenphp_request_headers", NULL, RULE_NO_HEADERS},
    {"frankenphp_response_headers", NULL, RULE_NO_HEADERS},
    {"fastcgi_finish_request", NULL, RULE_NOTHING_TO_FINISH},
    {"frankenphp_finish_request", NULL, RULE_NOTHING_TO_FINISH},
    {"litespeed_finish_request", NULL, RULE_NOTHING_TO_FINISH},
    {"cli_set_process_title", NULL, RULE_ALLOWED},
    {"cli_get_process_title", NULL, RULE_ALLOWED},
    {"apache_get_version", NULL, RULE_ALLOWED},
    {"apache_get_modules", NULL, RULE_ALLOWED},
    /* FrankenPHP routes these through the calling thread's request. */
    {"getenv", "frankenphp", RULE_PHP_OWN},
    {"putenv", "frankenphp", RULE_PHP_OWN},
    /* FrankenPHP restarts its workers around opcache_reset(). */
    {"opcache_reset", "frankenphp", RULE_NEEDS_CLIENT},
    /* Not the server's, but a job's child would be a worker thread with no pool. */
    {"pcntl_fork", "", RULE_NO_FORK},
    {"pcntl_rfork", "", RULE_NO_FORK},
    {"pcntl_forkx", "", RULE_NO_FORK},
};

/* sapi "" in function_rules[]: under any SAPI, for a function that is not the server's. */
static bool rule_applies_here(const char *sapi)
{
	return sapi && (sapi[0] == '\0' || strcmp(sapi, sapi_module.name) == 0);
}

static ZEND_NAMED_FUNCTION(guard_needs_client)
{
	(void)return_value;
	zend_throw_error(NULL,
	                 "%s() needs a client request of the server (%s), and a Pogo job has none: "
	                 "call it in the request that dispatched the job",
	                 ZSTR_VAL(EX(func)->common.function_name), sapi_module.name);
}

static ZEND_NAMED_FUNCTION(guard_no_fork)
{
	(void)return_value;
	zend_throw_error(NULL,
	                 "%s() cannot be called from a Pogo job: the child would be a copy of one "
	                 "worker thread, with no pool and no request to end; fork in the request "
	                 "that dispatched the job",
	                 ZSTR_VAL(EX(func)->common.function_name));
}

static ZEND_NAMED_FUNCTION(guard_no_headers)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_EMPTY_ARRAY();
}

static ZEND_NAMED_FUNCTION(guard_nothing_to_finish)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_FALSE;
}

static const zend_function_entry *module_function_entry(const char *module, const char *name)
{
	zend_module_entry *m = zend_hash_str_find_ptr(&module_registry, module, strlen(module));

	for (const zend_function_entry *fe = m ? m->functions : NULL; fe && fe->fname; fe++) {
		if (strcasecmp(fe->fname, name) == 0) {
			return fe;
		}
	}
	return NULL;
}

/* Sets the handler of this thread's copy of the internal function name (any case). */
static void set_handler(const char *name, zif_handler handler)
{
	char lower[128];
	size_t len = strlen(name);
	zend_function *f;

	if (!handler || len >= sizeof(lower)) {
		return;
	}
	zend_str_tolower_copy(lower, name, len); /* before any request: no Zend allocation */
	f = zend_hash_str_find_ptr(CG(function_table), lower, len);
	if (f && f->type == ZEND_INTERNAL_FUNCTION) {
		f->internal_function.handler = handler;
	}
}

static zif_handler rule_handler(const char *name, rule_kind kind)
{
	const zend_function_entry *own;

	switch (kind) {
	case RULE_NO_HEADERS:
		return guard_no_headers;
	case RULE_NOTHING_TO_FINISH:
		return guard_nothing_to_finish;
	case RULE_PHP_OWN:
		own = module_function_entry("standard", name);
		return own ? own->handler : NULL;
	case RULE_ALLOWED:
		return NULL;
	case RULE_NO_FORK:
		return guard_no_fork;
	default:
		return guard_needs_client;
	}
}

/* The rule for one of the server's functions: its entry, else "needs a client". */
static rule_kind server_function_rule(const char *name)
{
	for (size_t i = 0; i < sizeof(function_rules) / sizeof(function_rules[0]); i++) {
		if (strcasecmp(function_rules[i].name, name) == 0 &&
		    (!function_rules[i].sapi || rule_applies_here(function_rules[i].sapi))) {
			return function_rules[i].kind;
		}
	}
	return RULE_NEEDS_CLIENT;
}

static void guard_server_functions(const zend_function_entry *fe)
{
	for (; fe && fe->fname; fe++) {
		set_handler(fe->fname, rule_handler(fe->fname, server_function_rule(fe->fname)));
	}
}

void pogo_sapi_guard_enter_worker(void)
{
	in_worker_thread = true;
	guard_server_functions(sapi_module.additional_functions);
	for (const char *const *name = sapi_module_names; *name; name++) {
		zend_module_entry *m = zend_hash_str_find_ptr(&module_registry, *name, strlen(*name));

		if (m) {
			guard_server_functions(m->functions);
		}
	}
	/* The rules for functions that are not the server's own (standard, pcntl). */
	for (size_t i = 0; i < sizeof(function_rules) / sizeof(function_rules[0]); i++) {
		if (rule_applies_here(function_rules[i].sapi)) {
			set_handler(function_rules[i].name,
			            rule_handler(function_rules[i].name, function_rules[i].kind));
		}
	}
}

/* ---- startup and shutdown ----------------------------------------------- */

void pogo_sapi_guard_startup(void (*request_end)(void))
{
	size_t n = 0;

	request_end_hook = request_end;
	sapi_own = sapi_module;
#define X(hook) GUARD(hook)
	SAPI_GUARDS(X)
#undef X
	sapi_module.deactivate = guard_deactivate;

	memset(info_guards, 0, sizeof(info_guards));
	for (const char *const *name = sapi_module_names; *name; name++) {
		zend_module_entry *m = zend_hash_str_find_ptr(&module_registry, *name, strlen(*name));

		if (m && m->info_func && n < sizeof(info_guards) / sizeof(info_guards[0])) {
			info_guards[n].module = m;
			info_guards[n].info_own = m->info_func;
			m->info_func = guard_info;
			n++;
		}
	}
}

void pogo_sapi_guard_shutdown(void)
{
#define X(hook) UNGUARD(hook)
	SAPI_GUARDS(X)
#undef X
	if (sapi_module.deactivate == guard_deactivate) {
		sapi_module.deactivate = sapi_own.deactivate;
	}
	for (size_t i = 0; i < sizeof(info_guards) / sizeof(info_guards[0]); i++) {
		if (info_guards[i].module && info_guards[i].module->info_func == guard_info) {
			info_guards[i].module->info_func = info_guards[i].info_own;
		}
	}
	memset(info_guards, 0, sizeof(info_guards));
	pthread_mutex_lock(&environment_lock);
	if (php_import_environment_variables == guard_import_environment) {
		php_import_environment_variables = import_environment_own;
	}
	if (php_load_environment_variables == guard_load_environment) {
		php_load_environment_variables = load_environment_own;
	}
	pthread_mutex_unlock(&environment_lock);
	request_end_hook = NULL;
}
