/*
 * Pogo: run PHP jobs on pools of worker threads inside the same process.
 * The extension's public header.
 */
#ifndef PHP_POGO_H
#define PHP_POGO_H

#include "php.h"

extern zend_module_entry pogo_module_entry;
#define phpext_pogo_ptr &pogo_module_entry

#define PHP_POGO_VERSION "0.1.0"

#if PHP_VERSION_ID < 80200
#error "Pogo needs PHP 8.2 or newer"
#endif

struct pogo_pool;
struct pogo_job;

ZEND_BEGIN_MODULE_GLOBALS(pogo)
HashTable *jobs;                   /* this request's jobs not yet awaited */
struct pogo_budget *budget;        /* what those jobs hold in Pogo's buffers (shared with them) */
struct pogo_pool *worker_pool;     /* in a worker thread: the pool it serves */
struct pogo_thread *worker_thread; /* in a worker thread: its record in the pool */
struct pogo_job *current_job;      /* in a worker thread: the job it runs */
zend_long jobs_run;                /* in a worker thread: since its request booted */
bool serving;                      /* in a worker thread: its request serves jobs */
char *boot_error;                  /* in a worker thread: why its last boot failed (malloc'd) */
ZEND_END_MODULE_GLOBALS(pogo)

ZEND_EXTERN_MODULE_GLOBALS(pogo)
#define POGO_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(pogo, v)

#if defined(ZTS) && defined(COMPILE_DL_POGO)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

extern zend_class_entry *pogo_ce_JobInterface;
extern zend_class_entry *pogo_ce_PogoException;
extern zend_class_entry *pogo_ce_TimeoutException;
extern zend_class_entry *pogo_ce_JobException;
extern zend_class_entry *pogo_ce_WorkerException;
extern zend_class_entry *pogo_ce_PoolException;

#endif
