/*
 * Pogo: pthread wrappers, the monotonic clock and adaptive spinning, shared
 * by jobs and queues (job_queue.c) and by waiters on many jobs
 * (job_waiter.c). See job_sync.h for the spinning policy.
 */
#include "job_sync.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

static _Thread_local int64_t await_spin_ns = POGO_SPIN_MAX_NS;
static _Thread_local int64_t take_spin_ns = POGO_SPIN_MAX_NS;

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

int64_t pogo_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * POGO_NS_PER_SEC + ts.tv_nsec;
}

void pogo_mutex_lock(pthread_mutex_t *mutex)
{
	if (pthread_mutex_lock(mutex) != 0) {
		abort();
	}
}

void pogo_mutex_unlock(pthread_mutex_t *mutex)
{
	if (pthread_mutex_unlock(mutex) != 0) {
		abort();
	}
}

void pogo_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
	if (pthread_cond_wait(cond, mutex) != 0) {
		abort();
	}
}

void pogo_cond_timedwait_until(pthread_cond_t *cond, pthread_mutex_t *mutex, int64_t deadline_ns)
{
	struct timespec ts;
	int rc;

	ts.tv_sec = (time_t)(deadline_ns / POGO_NS_PER_SEC);
	ts.tv_nsec = (long)(deadline_ns % POGO_NS_PER_SEC);
	rc = pthread_cond_timedwait(cond, mutex, &ts);
	if (rc != 0 && rc != ETIMEDOUT) {
		abort();
	}
}

int pogo_cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t attr;
	int rc;

	rc = pthread_condattr_init(&attr);
	if (rc != 0) {
		return rc;
	}
	rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (rc == 0) {
		rc = pthread_cond_init(cond, &attr);
	}
	pthread_condattr_destroy(&attr);
	return rc;
}

int64_t *pogo_await_spin_budget(void)
{
	return &await_spin_ns;
}

int64_t *pogo_take_spin_budget(void)
{
	return &take_spin_ns;
}

bool pogo_spin(bool (*ready)(void *), void *arg, int64_t *budget, int64_t deadline_ns)
{
	int64_t start = pogo_now_ns(), until = start + *budget;

	if (deadline_ns != 0 && deadline_ns < until) {
		until = deadline_ns;
	}
	for (unsigned i = 1;; i++) {
		if (ready(arg)) {
			*budget = *budget * 2 > POGO_SPIN_MAX_NS ? POGO_SPIN_MAX_NS : *budget * 2;
			return true;
		}
		cpu_relax();
		if ((i & 31) == 0 && pogo_now_ns() >= until) {
			break;
		}
	}
	if (until - start >= *budget) { /* a full spin, not one cut short by the deadline */
		*budget = *budget / 2 < POGO_SPIN_MIN_NS ? POGO_SPIN_MIN_NS : *budget / 2;
	}
	return false;
}

void pogo_spin_settle(int64_t *budget, int64_t waited_ns)
{
	if (waited_ns <= 4 * POGO_SPIN_MAX_NS) {
		*budget = POGO_SPIN_MAX_NS;
	}
}
