/*
 * Pogo: pthread wrappers, the monotonic clock and adaptive spinning, shared
 * by jobs and queues (job_queue.c) and by waiters on many jobs
 * (job_waiter.c). See job_sync.h for the spinning policy.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity(), CPU_COUNT() */
#endif
#include "job_sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

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

int pogo_loadavg_running(const char *text)
{
	const char *p = text;
	long running = 0;

	/* "0.20 0.18 0.12 1/80 11206": runnable tasks right now / all tasks. No
	 * sscanf(): parsing three floats costs more than the rest of a spin. */
	for (int field = 0; field < 3; field++) {
		while (*p == ' ') {
			p++;
		}
		if (*p == '\0' || *p == ' ') {
			return -1;
		}
		while (*p != '\0' && *p != ' ') {
			p++;
		}
	}
	while (*p == ' ') {
		p++;
	}
	if (*p < '0' || *p > '9') {
		return -1;
	}
	while (*p >= '0' && *p <= '9' && running < 1000000) {
		running = running * 10 + (*p++ - '0');
	}
	if (*p != '/' || p[1] < '0' || p[1] > '9') {
		return -1;
	}
	return (int)running;
}

/* The CPUs this process may run on (its affinity mask), at least 1. */
static int usable_cpus(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) {
		return CPU_COUNT(&set);
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/*
 * Whether more threads are runnable than the CPUs, plus two: then a spinning
 * thread holds a CPU that the thread it waits for (or another) needs, and
 * sleeping at once is cheaper. Read from /proc/loadavg at most once per
 * POGO_SPIN_LOAD_CHECK_NS by whichever spinner finds the answer stale;
 * relaxed atomics, since a stale answer only costs one spin or one sleep.
 */
static bool oversubscribed(int64_t now)
{
	static _Atomic int64_t checked_ns;
	static _Atomic int cpus, busy;
	int64_t last = atomic_load_explicit(&checked_ns, memory_order_relaxed);
	char text[128];
	ssize_t n;
	int fd, running;
	bool over;

	if (last != 0 && now - last < POGO_SPIN_LOAD_CHECK_NS) {
		return atomic_load_explicit(&busy, memory_order_relaxed) != 0;
	}
	if (!atomic_compare_exchange_strong_explicit(&checked_ns, &last, now, memory_order_relaxed,
	                                             memory_order_relaxed)) {
		return atomic_load_explicit(&busy, memory_order_relaxed) != 0; /* another thread reads it */
	}
	if (atomic_load_explicit(&cpus, memory_order_relaxed) == 0) {
		atomic_store_explicit(&cpus, usable_cpus(), memory_order_relaxed);
	}
	running = -1;
	fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
		if (n > 0) {
			text[n] = '\0';
			running = pogo_loadavg_running(text);
		}
	}
	/*
	 * The two threads of a hand-off are let pass beyond the CPUs: whoever
	 * reads the count is running, and the peer it has just woken or waits
	 * for is runnable, so with one CPU hog per core the count is CPUs + 2
	 * in every hand-off. A gate at CPUs + 1 closed itself there for good:
	 * both threads slept, each woke the other, and each read counted the
	 * other (12 to 15 us a round trip where spinning takes 1 to 2). No /proc
	 * (running -1): spin as on a quiet machine.
	 */
	over = running > atomic_load_explicit(&cpus, memory_order_relaxed) + 2;
	atomic_store_explicit(&busy, over, memory_order_relaxed);
	return over;
}

int pogo_this_cpu1(void)
{
	/* glibc reads it from the thread's rseq area: no system call. */
	int cpu = sched_getcpu();

	return cpu >= 0 ? cpu + 1 : 0;
}

bool pogo_spin(bool (*ready)(void *), void *arg, int64_t *budget, int64_t deadline_ns,
               const atomic_int *peer_cpu1)
{
	int64_t start = pogo_now_ns(), until = start + *budget;
	int peer = peer_cpu1 ? atomic_load_explicit(peer_cpu1, memory_order_relaxed) : 0;

	if (peer != 0 && peer == pogo_this_cpu1()) {
		return ready(arg); /* the peer shares this CPU: it cannot run while this thread spins */
	}
	if (oversubscribed(start)) {
		return ready(arg); /* one look, no spin, the budget kept for a quieter time */
	}

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

void pogo_spin_settle(int64_t *budget, int64_t slept_ns)
{
	if (slept_ns <= POGO_SPIN_SETTLE_NS) {
		*budget = POGO_SPIN_MAX_NS;
	}
}
