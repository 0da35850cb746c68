/*
 * Pogo: pool configuration. Turns pogo.pool.<name>.<directive> INI entries
 * into a set of pool configurations, from the one table of directives below
 * (a value's text is read and written by config_value.c). A pool with a bad
 * directive is kept but marked invalid, so that dispatching to it explains
 * what is wrong.
 */
#include "pool_config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a directive's value is read and shown. */
typedef enum directive_kind {
	DIRECTIVE_PATH,     /* char *: a malloc'd path, NULL when empty */
	DIRECTIVE_THREADS,  /* unsigned: 1 to POGO_MAX_THREADS */
	DIRECTIVE_DURATION, /* int64_t milliseconds, 0 = no limit */
	DIRECTIVE_COUNT,    /* int64_t from 0 to max */
} directive_kind;

typedef struct directive_def {
	const char *name;
	directive_kind kind;
	size_t offset;      /* of the value in pogo_pool_config */
	int64_t max;        /* DIRECTIVE_COUNT */
	const char *absent; /* shown for NULL (paths) or 0 (counts) */
} directive_def;

/*
 * The pool directives, in the order of the README's table: parsing, the
 * "known:" hint of errors and phpinfo() all read this table.
 */
static const directive_def directives[] = {
    {"worker", DIRECTIVE_PATH, offsetof(pogo_pool_config, worker), 0, "(built-in)"},
    {"bootstrap", DIRECTIVE_PATH, offsetof(pogo_pool_config, bootstrap), 0, "(none)"},
    {"num_threads", DIRECTIVE_THREADS, offsetof(pogo_pool_config, num_threads), 0, NULL},
    {"max_wait", DIRECTIVE_DURATION, offsetof(pogo_pool_config, max_wait_ms), 0, NULL},
    {"max_execution_time", DIRECTIVE_COUNT, offsetof(pogo_pool_config, max_execution_time),
     POGO_MAX_EXECUTION_TIME, "no limit"},
    {"max_jobs", DIRECTIVE_COUNT, offsetof(pogo_pool_config, max_jobs), POGO_MAX_JOBS, "never"},
    {"max_queue", DIRECTIVE_COUNT, offsetof(pogo_pool_config, max_queue), POGO_MAX_JOBS,
     "no limit"},
};
#define DIRECTIVE_COUNT_ALL (sizeof(directives) / sizeof(directives[0]))

/* Writes the directives' names, comma-separated, for error messages. */
static void known_directives(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < DIRECTIVE_COUNT_ALL && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i > 0 ? ", " : "", directives[i].name);

		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
}

static void pool_config_init(pogo_pool_config *pool, const char *name, size_t name_len,
                             unsigned default_threads)
{
	memset(pool, 0, sizeof(*pool));
	memcpy(pool->name, name, name_len);
	pool->name[name_len] = '\0';
	pool->num_threads = default_threads;
	pool->max_wait_ms = POGO_DEFAULT_MAX_WAIT_MS;
}

zend_result pogo_config_set_init(pogo_pool_config_set *set, unsigned default_threads)
{
	set->pools = malloc(sizeof(*set->pools));
	if (set->pools == NULL) {
		set->count = 0;
		return FAILURE;
	}
	pool_config_init(set->pools, POGO_DEFAULT_POOL, strlen(POGO_DEFAULT_POOL), default_threads);
	set->count = 1;
	return SUCCESS;
}

static bool pool_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > POGO_POOL_NAME_MAX) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '-') {
			return false;
		}
	}
	return true;
}

/*
 * Returns the pool with this name, appended with defaults if new; NULL when
 * out of memory. Appending moves set->pools: earlier pointers into it go stale.
 */
static pogo_pool_config *config_set_find_or_add(pogo_pool_config_set *set, const char *name,
                                                size_t len, unsigned default_threads)
{
	pogo_pool_config *pool;
	pogo_pool_config *pools;

	pool = pogo_config_set_find(set, name, len);
	if (pool != NULL) {
		return pool;
	}
	pools = realloc(set->pools, (set->count + 1) * sizeof(*pools));
	if (pools == NULL) {
		return NULL;
	}
	set->pools = pools;
	pool = &pools[set->count++];
	pool_config_init(pool, name, len, default_threads);
	return pool;
}

/*
 * Replaces *slot with a malloc'd copy of value, or NULL for an empty value.
 * The old string is freed; the new one is freed with the set.
 */
static zend_result replace_path(char **slot, const char *value)
{
	char *copy = NULL;

	if (value[0] != '\0') {
		copy = strdup(value);
		if (copy == NULL) {
			return FAILURE;
		}
	}
	free(*slot);
	*slot = copy;
	return SUCCESS;
}

/* Keeps the first reason a pool is invalid; later ones are only reported. */
static zend_result pool_mark_invalid(pogo_pool_config *pool, const char *reason)
{
	if (pool->invalid != NULL) {
		return SUCCESS;
	}
	pool->invalid = strdup(reason);
	return pool->invalid != NULL ? SUCCESS : FAILURE;
}

typedef enum { APPLY_OK, APPLY_BAD_VALUE, APPLY_NOMEM } apply_result;

/* Parses value into pool's field for entry; a bad value fills parse_err. */
static apply_result apply_directive(pogo_pool_config *pool, const directive_def *entry,
                                    const char *value, pogo_error *parse_err)
{
	void *slot = (char *)pool + entry->offset;

	switch (entry->kind) {
	case DIRECTIVE_PATH:
		return replace_path((char **)slot, value) == SUCCESS ? APPLY_OK : APPLY_NOMEM;
	case DIRECTIVE_THREADS:
		return pogo_parse_thread_count(value, (unsigned *)slot, parse_err) == SUCCESS
		           ? APPLY_OK
		           : APPLY_BAD_VALUE;
	case DIRECTIVE_DURATION:
		return pogo_parse_duration_ms(value, (int64_t *)slot, parse_err) == SUCCESS
		           ? APPLY_OK
		           : APPLY_BAD_VALUE;
	case DIRECTIVE_COUNT:
		return pogo_parse_count(value, entry->max, (int64_t *)slot, parse_err) == SUCCESS
		           ? APPLY_OK
		           : APPLY_BAD_VALUE;
	}
	return APPLY_BAD_VALUE;
}

zend_result pogo_config_set_apply(pogo_pool_config_set *set, const char *key, const char *value,
                                  unsigned default_threads, pogo_error *err)
{
	const size_t prefix_len = sizeof(POGO_INI_PREFIX) - 1;
	const char *name;
	const char *dot;
	const char *directive;
	size_t name_len;
	pogo_pool_config *pool;
	pogo_error parse_err = {0};
	pogo_error reason = {0};
	const directive_def *entry;
	char known[256];

	if (key == NULL || strncmp(key, POGO_INI_PREFIX, prefix_len) != 0) {
		return SUCCESS;
	}
	if (value == NULL) {
		value = "";
	}
	known_directives(known, sizeof(known));
	name = key + prefix_len;
	dot = strrchr(name, '.');
	if (dot == NULL || dot[1] == '\0') {
		pogo_error_set(err, POGO_ERR_CONFIG,
		               "%s: missing directive (use " POGO_INI_PREFIX
		               "<name>.<directive>; known: %s)",
		               key, known);
		return FAILURE;
	}
	name_len = (size_t)(dot - name);
	directive = dot + 1;
	if (!pool_name_valid(name, name_len)) {
		pogo_error_set(err, POGO_ERR_CONFIG,
		               "%s: invalid pool name \"%.*s\" (use 1 to %d letters, digits, _ and -)", key,
		               (int)name_len, name, POGO_POOL_NAME_MAX);
		return FAILURE;
	}

	pool = config_set_find_or_add(set, name, name_len, default_threads);
	if (pool == NULL) {
		goto fail_nomem;
	}

	entry = NULL;
	for (size_t i = 0; i < DIRECTIVE_COUNT_ALL; i++) {
		if (strcmp(directive, directives[i].name) == 0) {
			entry = &directives[i];
			break;
		}
	}
	if (entry == NULL) {
		pogo_error_set(&reason, POGO_ERR_CONFIG, "unknown directive \"%s\" (known: %s)", key,
		               known);
		goto fail_invalid;
	}
	switch (apply_directive(pool, entry, value, &parse_err)) {
	case APPLY_OK:
		break;
	case APPLY_BAD_VALUE:
		goto fail_bad_value;
	case APPLY_NOMEM:
		goto fail_nomem;
	}
	return SUCCESS;

fail_bad_value:
	/* The parser's message names the value; the reason names the key too. */
	pogo_error_set(&reason, POGO_ERR_CONFIG, "%s: %s", key, parse_err.message);
fail_invalid:
	if (pool_mark_invalid(pool, reason.message) == FAILURE) {
		goto fail_nomem;
	}
	pogo_error_set(err, POGO_ERR_CONFIG, "%s", reason.message);
	return FAILURE;
fail_nomem:
	pogo_error_set(err, POGO_ERR_NOMEM, "%s: out of memory", key);
	return FAILURE;
}

pogo_pool_config *pogo_config_set_find(pogo_pool_config_set *set, const char *name, size_t len)
{
	size_t i;

	if (set == NULL || len > POGO_POOL_NAME_MAX) {
		return NULL;
	}
	for (i = 0; i < set->count; i++) {
		if (strlen(set->pools[i].name) == len && memcmp(set->pools[i].name, name, len) == 0) {
			return &set->pools[i];
		}
	}
	return NULL;
}

void pogo_config_set_free(pogo_pool_config_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++) {
		free(set->pools[i].worker);
		free(set->pools[i].bootstrap);
		free(set->pools[i].invalid);
	}
	free(set->pools);
	set->pools = NULL;
	set->count = 0;
}

size_t pogo_directive_count(void)
{
	return DIRECTIVE_COUNT_ALL;
}

const char *pogo_directive_name(size_t i)
{
	return i < DIRECTIVE_COUNT_ALL ? directives[i].name : NULL;
}

void pogo_directive_format(const pogo_pool_config *pool, size_t i, char *buf, size_t size)
{
	const directive_def *entry;
	const char *slot;
	int64_t value;

	if (i >= DIRECTIVE_COUNT_ALL) {
		snprintf(buf, size, "?");
		return;
	}
	entry = &directives[i];
	slot = (const char *)pool + entry->offset;
	switch (entry->kind) {
	case DIRECTIVE_PATH:
		snprintf(buf, size, "%s", *(char *const *)slot ? *(char *const *)slot : entry->absent);
		break;
	case DIRECTIVE_THREADS:
		snprintf(buf, size, "%u", *(const unsigned *)slot);
		break;
	case DIRECTIVE_DURATION:
		pogo_format_time_limit(*(const int64_t *)slot, buf, size);
		break;
	case DIRECTIVE_COUNT:
		value = *(const int64_t *)slot;
		if (value == 0) {
			snprintf(buf, size, "%s", entry->absent);
		} else {
			snprintf(buf, size, "%" PRId64, value);
		}
		break;
	}
}
