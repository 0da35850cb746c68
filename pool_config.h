/*
 * Pogo: parsing pool directives (pogo.pool.<name>.<directive>) and durations.
 *
 * Plain C: the unit tests in tests/unit/ link this file without PHP.
 */
#ifndef POGO_POOL_CONFIG_H
#define POGO_POOL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "Zend/zend_types.h" /* zend_result only: no Zend symbol is linked */
#include "pogo_error.h"

#define POGO_INI_PREFIX          "pogo.pool."
#define POGO_DEFAULT_POOL        "default"
#define POGO_POOL_NAME_MAX       64
#define POGO_MAX_THREADS         1024
#define POGO_DEFAULT_MAX_WAIT_MS 30000
#define POGO_MAX_EXECUTION_TIME  (365 * 86400) /* seconds */
#define POGO_MAX_JOBS            INT32_MAX

typedef struct pogo_pool_config {
	char name[POGO_POOL_NAME_MAX + 1];
	char *worker;    /* malloc'd path, NULL = built-in worker */
	char *bootstrap; /* malloc'd path, NULL = none */
	unsigned num_threads;
	int64_t max_wait_ms;        /* longest a job may wait for a thread; 0 = no limit */
	int64_t max_execution_time; /* seconds a job may run; 0 = no limit */
	int64_t max_jobs;           /* jobs before a thread reboots its request; 0 = never */
	int64_t max_queue;          /* jobs that may wait for a thread at once; 0 = no limit */
	/* Set when a directive for this pool was bad: the pool refuses jobs. */
	char *invalid; /* malloc'd reason, NULL = valid */
} pogo_pool_config;

typedef struct pogo_pool_config_set {
	pogo_pool_config *pools; /* malloc'd; pools[0] is "default" */
	size_t count;
} pogo_pool_config_set;

/*
 * Parses "30s", "500ms", "2m", "1.5" (seconds) into milliseconds; "0" is 0.
 * Negative, empty, overflowing or unknown-unit values fail, filling err, and
 * so do positive values below 1ms ("0.5ms", "0.0001"): they must not turn
 * into 0, which callers take as no limit (max_wait) or at once
 * (pogo.shutdown_timeout). Longer values round to the nearest millisecond.
 */
zend_result pogo_parse_duration_ms(const char *text, int64_t *out_ms, pogo_error *err);

/* Parses a whole number from 0 to max (max_execution_time, max_jobs, max_queue). */
zend_result pogo_parse_count(const char *text, int64_t max, int64_t *out, pogo_error *err);

/* Parses a thread count: a whole number from 1 to POGO_MAX_THREADS. */
zend_result pogo_parse_thread_count(const char *text, unsigned *out, pogo_error *err);

/* Starts a set holding only the pool "default" with the given thread default. */
zend_result pogo_config_set_init(pogo_pool_config_set *set, unsigned default_threads);

/*
 * Applies one INI entry. key is the whole name ("pogo.pool.cpu.num_threads").
 * Keys outside "pogo.pool." are ignored (SUCCESS). A bad pool name, unknown
 * directive or bad value fails with err filled; if the pool name itself is
 * usable the pool is created and marked invalid with the same reason, so that
 * dispatching to it explains what is wrong.
 */
zend_result pogo_config_set_apply(pogo_pool_config_set *set, const char *key, const char *value,
                                  unsigned default_threads, pogo_error *err);

/* Looks a pool up by name; NULL if there is none. */
pogo_pool_config *pogo_config_set_find(pogo_pool_config_set *set, const char *name, size_t len);

/* Frees every pool's strings and the array. */
void pogo_config_set_free(pogo_pool_config_set *set);

/* The pool directives (worker, bootstrap, num_threads, ...), in the README's order. */
size_t pogo_directive_count(void);

/* The name of directive i (below pogo_directive_count()), NULL past the end. */
const char *pogo_directive_name(size_t i);

/*
 * Formats a pool's value of directive i as phpinfo() shows it: a path or
 * "(built-in)"/"(none)", a thread count, a time limit ("30s", "no limit"),
 * a count or what 0 means ("no limit", "never").
 */
void pogo_directive_format(const pogo_pool_config *pool, size_t i, char *buf, size_t size);

/* Formats milliseconds the way the INI takes them ("30s", "500ms", "2m"). */
void pogo_format_duration(int64_t ms, char *buf, size_t size);

/* Formats a time limit such as max_wait: 0 as "no limit", others as pogo_format_duration(). */
void pogo_format_time_limit(int64_t ms, char *buf, size_t size);

#endif
