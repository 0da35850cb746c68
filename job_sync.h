/*
 * Pogo: the synchronisation primitives of jobs, queues and waiters: pthread
 * wrappers that abort on misuse, the monotonic clock, and adaptive spinning.
 *
 * Plain C and pthreads, like job_queue.h: the unit tests link it without PHP.
 */
#ifndef POGO_JOB_SYNC_H
#define POGO_JOB_SYNC_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define POGO_NS_PER_SEC INT64_C(1000000000)

/* Monotonic clock, nanoseconds. */
int64_t pogo_now_ns(void);

/*
 * pthread wrappers, as libuv's: a failing lock, unlock or wait is a bug (a
 * destroyed or foreign mutex), never a condition to handle: they abort.
 */
void pogo_mutex_lock(pthread_mutex_t *mutex);
void pogo_mutex_unlock(pthread_mutex_t *mutex);
void pogo_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
/* Waits until the monotonic time deadline_ns at the latest. */
void pogo_cond_timedwait_until(pthread_cond_t *cond, pthread_mutex_t *mutex, int64_t deadline_ns);
/* Initializes a condition whose timed waits use the monotonic clock; returns 0 or an errno. */
int pogo_cond_init_monotonic(pthread_cond_t *cond);

/*
 * Adaptive spinning. Waking a sleeping thread on another core costs tens of
 * microseconds, far more than a small job. So before sleeping, an awaiter
 * spins on what it waits for, and an idle worker on its queue's length, for
 * at most its thread's spin budget: POGO_SPIN_MAX_NS, halved each time a
 * spin ends empty-handed (down to POGO_SPIN_MIN_NS), doubled each time it
 * pays off. An idle pool stops costing CPU within POGO_SPIN_MAX_NS; a thread
 * whose spins keep failing (a busy machine, slow jobs) soon spins only
 * briefly. A thread does not spin at all when spinning can only cost:
 *  - while the peer it waits for (the worker running its job; for an idle
 *    worker, the thread that posted last) last ran on the same CPU: the peer
 *    cannot run there while this thread spins;
 *  - while the machine is oversubscribed: more threads runnable than this
 *    process has CPUs, plus two (the spinner and its peer), by /proc/loadavg,
 *    read at most every POGO_SPIN_LOAD_CHECK_NS.
 */
#define POGO_SPIN_MAX_NS        INT64_C(50000)
#define POGO_SPIN_MIN_NS        INT64_C(2000)
#define POGO_SPIN_LOAD_CHECK_NS INT64_C(2000000)
#define POGO_SPIN_SETTLE_NS     (4 * POGO_SPIN_MAX_NS)

/*
 * The runnable tasks in /proc/loadavg's text (its fourth field's "R" of
 * "R/T"), or -1 if the text is not in that form.
 */
int pogo_loadavg_running(const char *text);

/* This thread's spin budget as an awaiter (every kind of await shares it). */
int64_t *pogo_await_spin_budget(void);
/* This thread's spin budget as a worker waiting for a job. */
int64_t *pogo_take_spin_budget(void);

/*
 * Spins until ready(arg) or the budget (capped by deadline_ns, 0 = none)
 * runs out, and adapts the budget. peer_cpu1 is where the thread waited for
 * publishes its CPU (pogo_this_cpu1(), 0 = not known yet), or NULL. Returns
 * whether ready came true.
 */
bool pogo_spin(bool (*ready)(void *), void *arg, int64_t *budget, int64_t deadline_ns,
               const atomic_int *peer_cpu1);

/* The CPU this thread runs on, plus one (0 if unknown): a hint, it may move. */
int pogo_this_cpu1(void);

/*
 * After a spin that failed and a sleep of slept_ns: if what the thread waited
 * for came within POGO_SPIN_SETTLE_NS, a little more spinning would have
 * caught it, or the next wait of the same kind will be as short, and waking
 * from the sleep cost more than the spin saves. Restores the full budget, so
 * that two threads handing jobs of 20 to 200 us back and forth do not both
 * drift into sleeping for every hand-off. (Restoring it only within 25 us
 * of the sleep's start made a 10 KB payload's round trip, about 70 us, pay a
 * wake-up each time: 150 to 200 us.)
 */
void pogo_spin_settle(int64_t *budget, int64_t slept_ns);

#endif
