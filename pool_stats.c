/*
 * Pogo: a pool's figures for pogo_stats() and phpinfo(). Counting is spread
 * where it costs nothing extra: the queue counts what happens under its lock
 * (posted, expired, dropped, stopped), each worker thread what it does in
 * its own record (pool_stats.h), and the pool keeps its serving threads in an
 * atomic. Reading sums them; the figures are a snapshot, not one atomic view.
 * Counters start from 0 with the pool in each process (a forked child has
 * none of its parent's threads or queue).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <unistd.h>

#include "pool.h"
#include "pool_stats.h"

#define FIELD(name, help)                                                                          \
	{                                                                                              \
#name, offsetof(pogo_pool_stats, name), false, help                                        \
	}

const pogo_stat_field pogo_stat_fields[] = {
    FIELD(threads_configured, "threads the pool is configured with (num_threads)"),
    FIELD(threads_started, "threads this process started for the pool"),
    FIELD(threads_serving, "threads whose PHP request booted and serves jobs"),
    FIELD(threads_idle, "serving threads waiting for a job"),
    FIELD(threads_busy, "serving threads running a job"),
    FIELD(queued, "jobs waiting for a thread"),
    {"oldest_queued_seconds", offsetof(pogo_pool_stats, oldest_queued_ns), true,
     "how long the oldest queued job has waited"},
    FIELD(dispatched, "jobs queued on the pool"),
    FIELD(completed, "jobs that ran and returned a result"),
    FIELD(failed_exception, "jobs that failed with a Pogo\\JobException"),
    FIELD(failed_worker, "jobs that broke their worker, or found it unable to boot"),
    FIELD(failed_expired, "jobs that waited longer than max_wait and never ran"),
    FIELD(failed_dropped, "jobs given up at their request's end while queued"),
    FIELD(failed_stopped, "jobs still queued when the pool stopped"),
    FIELD(worker_reboots, "worker requests rebooted because a job broke them"),
    FIELD(boot_failures, "worker boots that failed"),
    FIELD(max_jobs_recycles, "worker requests replaced after max_jobs jobs"),
};

const size_t pogo_stat_field_count = sizeof(pogo_stat_fields) / sizeof(pogo_stat_fields[0]);

void pogo_pool_read_stats(pogo_pool *pool, pogo_pool_stats *out)
{
	pogo_queue_stats queue;
	uint64_t counts[POGO_THREAD_STAT_COUNT] = {0};
	int64_t now = pogo_now_ns();

	memset(out, 0, sizeof(*out));
	out->threads_configured = pool->config.num_threads;
	pthread_mutex_lock(&pool->start_lock);
	if (pool->started_pid == getpid()) {
		out->threads_started = pool->thread_count;
		for (unsigned t = 0; t < pool->thread_count; t++) {
			for (int s = 0; s < POGO_THREAD_STAT_COUNT; s++) {
				counts[s] +=
				    atomic_load_explicit(&pool->threads[t].stats.count[s], memory_order_relaxed);
			}
		}
	}
	pthread_mutex_unlock(&pool->start_lock);
	out->threads_serving = atomic_load(&pool->serving);

	pogo_queue_read_stats(&pool->queue, &queue);
	out->threads_idle = MIN(queue.waiting, out->threads_serving);
	out->threads_busy = out->threads_serving - out->threads_idle;
	out->queued = queue.length;
	out->oldest_queued_ns = queue.oldest_created_ns && now > queue.oldest_created_ns
	                            ? now - queue.oldest_created_ns
	                            : 0;
	out->dispatched = queue.posted;
	out->failed_expired = queue.expired;
	out->failed_dropped = queue.dropped;
	out->failed_stopped = queue.stopped;

	out->completed = counts[POGO_STAT_COMPLETED];
	out->failed_exception = counts[POGO_STAT_FAILED_EXCEPTION];
	out->failed_worker = counts[POGO_STAT_FAILED_WORKER];
	out->worker_reboots = counts[POGO_STAT_REBOOTS];
	out->boot_failures = counts[POGO_STAT_BOOT_FAILURES];
	out->max_jobs_recycles = counts[POGO_STAT_RECYCLES];
}
