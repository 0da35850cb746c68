/*
 * Pogo: a request's side of jobs (dispatch.c).
 */
#ifndef POGO_DISPATCH_H
#define POGO_DISPATCH_H

#include "php.h"

#include "pogo_error.h"
#include "pool.h"

/* What Pogo says wherever it cannot run: phpinfo(), and every dispatch of an NTS build. */
#define POGO_NTS_MESSAGE                                                                           \
	"Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP "   \
	"with --enable-zts and load Pogo there"

/* One entry of POGO_G(jobs): what the request knows of a job it dispatched. */
typedef struct pogo_request_job {
	pogo_job *job; /* the awaiter's reference */
	pogo_pool *pool;
	zend_string *class_name;
	bool awaiting;     /* a wait for this handle is under way (it may be re-entered) */
	uint32_t set_slot; /* while await_set.c reads a set holding it: 1 + its item's index */
} pogo_request_job;

/* This request's entry for handle, or NULL: unknown, used up, or another request's. */
pogo_request_job *pogo_request_job_find(zend_ulong handle);

/*
 * The handle is used up: drops the awaiter's reference to its DONE job and
 * frees the entry.
 */
void pogo_request_job_use_up(zend_ulong handle, pogo_request_job *entry);

/*
 * The pool called name (NULL: "default"), or NULL with the right exception
 * thrown: unknown pool, NTS PHP, and if configured is set, a misconfigured pool.
 */
pogo_pool *pogo_usable_pool(zend_string *name, bool configured);

/*
 * At request end (and after each job in a worker thread): gives up every job
 * the request did not await, and its memory budget.
 */
void pogo_request_jobs_release(void);

/*
 * In a child after fork(): forgets the forking request's jobs, which belong
 * to the parent (their copies here are freed, their locks never touched).
 */
void pogo_request_jobs_forget_after_fork(void);

#endif
