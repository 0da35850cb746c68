/*
 * Pogo: parsing pool directives (pogo.pool.<name>.<directive>) into pool configurations.
 *
 * Plain C: the unit tests in tests/unit/ link this file without PHP.
 */
#ifndef POGO_POOL_CONFIG_H
#define POGO_POOL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "Zend/zend_types.h" /* zend_result only: no Zend symbol is linked */
#include "config_value.h"
#include "pogo_error.h"

#define POGO_INI_PREFIX          "pogo.pool."
#define POGO_DEFAULT_POOL        "default"
#define POGO_POOL_NAME_MAX       64
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

#endif
