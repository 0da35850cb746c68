/*
 * Pogo: a pool's live figures and counters (pool_stats.c), which
 * pogo_stats() and phpinfo() show.
 */
#ifndef POGO_POOL_STATS_H
#define POGO_POOL_STATS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct pogo_pool;

/* What a worker thread counts, in its own record (pogo_thread). */
typedef enum pogo_thread_stat {
	POGO_STAT_COMPLETED = 0,    /* a job returned a result */
	POGO_STAT_FAILED_EXCEPTION, /* a job ended with an error envelope (JobException) */
	POGO_STAT_FAILED_WORKER,    /* a job broke its worker, or it cannot boot */
	POGO_STAT_REBOOTS,          /* a job broke the thread's request: a fresh one boots */
	POGO_STAT_BOOT_FAILURES,    /* a boot of the worker failed */
	POGO_STAT_RECYCLES,         /* max_jobs served: a fresh request boots */
	POGO_THREAD_STAT_COUNT
} pogo_thread_stat;

/*
 * Written by the thread alone, read by anyone: relaxed atomics, each on the
 * thread's own record, so counting costs no locked instruction and no
 * cache line shared with another worker.
 */
typedef struct pogo_thread_stats {
	_Atomic uint64_t count[POGO_THREAD_STAT_COUNT];
} pogo_thread_stats;

/* In the thread that owns stats only. */
static inline void pogo_thread_stat_add(pogo_thread_stats *stats, pogo_thread_stat stat)
{
	uint64_t value = atomic_load_explicit(&stats->count[stat], memory_order_relaxed);

	atomic_store_explicit(&stats->count[stat], value + 1, memory_order_relaxed);
}

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
