/*
 * Pogo: one directive's value as text (config_value.c).
 *
 * Plain C: the unit tests in tests/unit/ link this file without PHP.
 */
#ifndef POGO_CONFIG_VALUE_H
#define POGO_CONFIG_VALUE_H

#include <stdint.h>
#include <stddef.h>

#include "Zend/zend_types.h" /* zend_result only: no Zend symbol is linked */
#include "pogo_error.h"

#define POGO_MAX_THREADS 1024

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

/* Formats milliseconds the way the INI takes them ("30s", "500ms", "2m"). */
void pogo_format_duration(int64_t ms, char *buf, size_t size);

/* Formats a time limit such as max_wait: 0 as "no limit", others as pogo_format_duration(). */
void pogo_format_time_limit(int64_t ms, char *buf, size_t size);

#endif
