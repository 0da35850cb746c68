/*
 * Pogo: a request's side of jobs (dispatch.c).
 */
#ifndef POGO_DISPATCH_H
#define POGO_DISPATCH_H

/* What Pogo says wherever it cannot run: phpinfo(), and every dispatch of an NTS build. */
#define POGO_NTS_MESSAGE                                                                           \
	"Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP "   \
	"with --enable-zts and load Pogo there"

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
