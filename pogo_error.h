/*
 * Pogo: the error that C functions fill for the PHP layer.
 *
 * A function that can fail returns zend_result (or NULL) and fills an
 * optional pogo_error: a code that pogo.c maps to an exception class, the
 * argument at fault for POGO_ERR_ARG, and a message that names what was
 * wrong. Plain C: no Zend symbol is linked.
 */
#ifndef POGO_ERROR_H
#define POGO_ERROR_H

typedef enum pogo_error_code {
	POGO_ERR_NONE = 0,
	POGO_ERR_CONFIG, /* bad directive or value: PoolException */
	POGO_ERR_NOMEM,  /* PoolException */
	POGO_ERR_POOL,   /* unknown pool, pool cannot start or is stopping: PoolException */
	POGO_ERR_ARG,    /* bad argument value: ValueError for argument arg */
	POGO_ERR_WORKER, /* the worker broke or answered garbage: WorkerException */
} pogo_error_code;

typedef struct pogo_error {
	pogo_error_code code;
	unsigned arg; /* POGO_ERR_ARG: the PHP function's argument at fault (1-based); 0 = unset */
	char message[512];
} pogo_error;

/*
 * Declares an empty error: no code, no message. Cheaper than "= {0}", which
 * clears the whole message buffer (the hot paths declare one per call).
 */
#define POGO_ERROR_DECLARE(name)                                                                   \
	pogo_error name;                                                                               \
	name.code = POGO_ERR_NONE;                                                                     \
	name.arg = 0;                                                                                  \
	name.message[0] = '\0'

/*
 * Fills err (may be NULL) with code and a printf-style message, cut at a
 * UTF-8 character boundary if too long; arg is reset to 0.
 */
void pogo_error_set(pogo_error *err, pogo_error_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
