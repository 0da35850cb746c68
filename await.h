/*
 * Pogo: the wait every await uses (await.c), which await_set.c (a set of
 * handles) shares with pogo_await(): the interruptible wait, deadlines, and
 * the checks of a handle.
 */
#ifndef POGO_AWAIT_H
#define POGO_AWAIT_H

#include "php.h"

#include "dispatch.h"

/* A wait in slices (await.c's DESIGN). */
typedef struct pogo_await_wait {
	/* Waits until done or the monotonic time until; returns whether done. */
	bool (*slice)(struct pogo_await_wait *wait, int64_t until);
	/* Before and after PHP code runs while waiting (NULL: nothing to do). */
	void (*pause)(struct pogo_await_wait *wait);
	void (*resume)(struct pogo_await_wait *wait);
	/* The pool whose count of own threads awaiting it this wait holds, or NULL. */
	pogo_pool *own_pool;
} pogo_await_wait;

/*
 * Waits in slices until done or deadline (0 = none), letting the request's
 * time limit and signal handlers act between slices. Sets *done. Fails only
 * when a signal handler threw. Gives own_pool's count back before the time
 * limit's fatal error; otherwise the caller does, with pogo_await_own_end().
 */
zend_result pogo_await_interruptible(pogo_await_wait *wait, int64_t deadline, bool *done);

/* Gives back wait->own_pool's count, if held. */
void pogo_await_own_end(pogo_await_wait *wait);

/* A ValueError for argument arg if $timeout is not a number of seconds (negative, NAN). */
zend_result pogo_await_timeout_check(double timeout, unsigned arg);

/*
 * The monotonic deadline for a $timeout in seconds (0: none, for INF), or
 * the ValueError of pogo_await_timeout_check().
 */
zend_result pogo_await_deadline(double timeout, unsigned arg, int64_t *deadline);

/*
 * This request's entry for handle if it may await it now; else throws
 * PogoException (unknown, used up or another request's, already being
 * awaited) with at (e.g. ` at key "x"`, or "") after the handle, and NULL.
 */
pogo_request_job *pogo_await_entry(zend_long handle, const char *at);

/* Throws the deadlock PoolException for a job awaiting its own full pool. */
void pogo_await_deadlock(zend_long handle, pogo_request_job *entry);

/* An array key as error messages print it: 0, or "name" (cut at 128 bytes). */
void pogo_await_key_text(zend_ulong index, zend_string *key, char *buf, size_t size);

#endif
