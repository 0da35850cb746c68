/*
 * Pogo: a pool's figures for pogo_stats() and phpinfo(). Counting is spread
 * where it costs nothing extra: the queue counts what happens under its lock
 * (posted, expired, dropped, stopped), each worker thread what it does in
 * its own record (thread_stats.h), and the pool keeps its serving threads in an
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

#define FIELD(name)                                                                                \
	{                                                                                              \
#name, offsetof(pogo_pool_stats, name), false                                              \
	}

const pogo_stat_field pogo_stat_fields[] = {
    FIELD(threads_configured),
    FIELD(threads_started),
    FIELD(threads_serving),
    FIELD(threads_idle),
    FIELD(threads_busy),
    FIELD(queued),
    {"oldest_queued_seconds", offsetof(pogo_pool_stats, oldest_queued_ns), true},
    FIELD(dispatched),
    FIELD(completed),
    FIELD(failed_exception),
    FIELD(failed_worker),
    FIELD(failed_expired),
    FIELD(failed_dropped),
    FIELD(failed_stopped),
    FIELD(worker_reboots),
    FIELD(boot_failures),
    FIELD(max_jobs_recycles),
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
	if (pogo_pool_started_here_slocked(pool)) {
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
