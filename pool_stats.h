/*
 * Pogo: a pool's live figures and counters (pool_stats.c), which
 * pogo_stats() and phpinfo() show.
 */
#ifndef POGO_POOL_STATS_H
#define POGO_POOL_STATS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct pogo_pool;

/* One pool's figures at one moment; the field table below names them. */
typedef struct pogo_pool_stats {
	uint64_t threads_configured, threads_started, threads_serving, threads_idle, threads_busy;
	uint64_t queued;
	uint64_t oldest_queued_ns; /* shown as oldest_queued_seconds */
	uint64_t dispatched, completed;
	uint64_t failed_exception, failed_worker, failed_expired, failed_dropped, failed_stopped;
	uint64_t worker_reboots, boot_failures, max_jobs_recycles;
} pogo_pool_stats;

/* The one table of the figures: pogo_stats()'s keys, phpinfo()'s rows. */
typedef struct pogo_stat_field {
	const char *name;
	size_t offset; /* of its uint64_t in pogo_pool_stats */
	bool seconds;  /* nanoseconds shown as float seconds */
} pogo_stat_field;

extern const pogo_stat_field pogo_stat_fields[];
extern const size_t pogo_stat_field_count;

/* The value of field in stats. */
static inline uint64_t pogo_stat_value(const pogo_pool_stats *stats, const pogo_stat_field *field)
{
	return *(const uint64_t *)((const char *)stats + field->offset);
}

/*
 * Reads the pool's figures: its queue's under the queue lock, its threads'
 * counters under the start lock, the rest from atomics. Never starts it.
 */
void pogo_pool_read_stats(struct pogo_pool *pool, pogo_pool_stats *out);

#endif
