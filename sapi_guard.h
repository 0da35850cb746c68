/*
 * Pogo: what a worker thread may use of the server (SAPI) it runs in.
 */
#ifndef POGO_SAPI_GUARD_H
#define POGO_SAPI_GUARD_H

#include <stddef.h>

/*
 * At module startup: wraps the SAPI's request callbacks and the info
 * functions of the SAPI's own modules, so that a worker thread gets what a
 * request without a client would. request_end is called when a request of a
 * server thread is deactivated (after RSHUTDOWN in most SAPIs; after each
 * handled request in FrankenPHP's worker mode, where RSHUTDOWN does not run
 * between requests). Idempotent per startup.
 */
void pogo_sapi_guard_startup(void (*request_end)(void));

/* At module shutdown: puts back every SAPI hook that still points at a guard. */
void pogo_sapi_guard_shutdown(void);

/*
 * Before a process starts its first pool: makes PHP's environment import
 * (which php-fpm replaces in each child, after module startup) safe in
 * worker threads.
 */
void pogo_sapi_guard_environment(void);

/*
 * In a new worker thread, once it has its TSRM context and before its first
 * request: marks the thread as a worker and makes the server's functions
 * (its SAPI's, and those the SAPI replaced) safe to call from a job, in
 * this thread's own copy of the function table.
 */
void pogo_sapi_guard_enter_worker(void);

/* Writes all of data to the process's standard error (retrying on EINTR). */
void pogo_write_stderr(const char *data, size_t len);

#endif
