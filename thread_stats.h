/*
 * Pogo: what each worker thread counts in its own record (pogo_thread, in
 * pool.h); pool_stats.c sums the records into a pool's figures.
 */
#ifndef POGO_THREAD_STATS_H
#define POGO_THREAD_STATS_H

#include <stdatomic.h>
#include <stdint.h>

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

#endif
