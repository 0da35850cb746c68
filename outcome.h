/*
 * Pogo: what a finished job ended with, as PHP sees it: its result, or the
 * exception pogo_await() throws for it (outcome.c).
 */
#ifndef POGO_OUTCOME_H
#define POGO_OUTCOME_H

#include "php.h"

#include "dispatch.h"

/*
 * Sets return_value to the result of entry's DONE job, or throws the
 * exception for how it failed. The job and entry are left as they are.
 */
void pogo_outcome_read(pogo_request_job *entry, zval *return_value);

/*
 * Like pogo_outcome_read(), but never throws: returns the exception object
 * (a new reference) for a failed job, or NULL with return_value set.
 */
zend_object *pogo_outcome_catch(pogo_request_job *entry, zval *return_value);

/* A Pogo\TimeoutException with message, not thrown; the caller owns it. */
zend_object *pogo_timeout_exception(const char *message);

#endif
