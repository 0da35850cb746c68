/*
 * Pogo: pogo_await_all(), pogo_await_any() and pogo_settle(): waiting for a
 * set of handles under one deadline, on await.c's one path (see its DESIGN).
 *
 * A set is read into items in the array's order, checked whole, marked as
 * being awaited, then waited for with one waiter (job_waiter.c) that its
 * unfinished jobs wake once `wanted` of them are done: all of them for
 * await_all and settle, one for await_any. Everything here runs in the
 * request's thread; the waiter lives on its stack and no job watches it
 * once a function returns or PHP code runs (pause).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "await.h"
#include "job_waiter.h"
#include "outcome.h"

typedef struct set_item {
	zend_ulong index;
	zend_string *key; /* NULL: an int key, index */
	zend_long handle;
	pogo_request_job *entry;
} set_item;

typedef struct set_wait {
	pogo_await_wait base;
	pogo_waiter waiter;
	set_item *items;
	uint32_t count;
	size_t wanted;       /* items that must be done */
	size_t done_before;  /* items already done when watching began: not watched */
	int64_t next_expiry; /* earliest max_wait deadline of an item that may still expire; 0 none */
} set_wait;

/* Starts watching every unfinished item afresh, counting those already done. */
static void set_watch(set_wait *set)
{
	pogo_waiter_reset(&set->waiter);
	set->done_before = 0;
	set->next_expiry = 0;
	for (uint32_t i = 0; i < set->count; i++) {
		pogo_job *job = set->items[i].entry->job;

		if (!pogo_waiter_watch(&set->waiter, job)) {
			set->done_before++;
		} else if (job->max_wait_deadline_ns != 0 &&
		           (set->next_expiry == 0 || job->max_wait_deadline_ns < set->next_expiry)) {
			set->next_expiry = job->max_wait_deadline_ns; /* immutable: read without a lock */
		}
	}
}

static void set_unwatch(set_wait *set)
{
	for (uint32_t i = 0; i < set->count; i++) {
		pogo_waiter_unwatch(&set->waiter, set->items[i].entry->job);
	}
}

/* Expires the queued items past their max_wait (they wake the waiter as they complete). */
static void set_expire(set_wait *set, int64_t now)
{
	set->next_expiry = 0;
	for (uint32_t i = 0; i < set->count; i++) {
		int64_t later = pogo_job_expire_due(set->items[i].entry->job, now);

		if (later != 0 && (set->next_expiry == 0 || later < set->next_expiry)) {
			set->next_expiry = later;
		}
	}
}

static bool set_slice(pogo_await_wait *wait, int64_t until)
{
	set_wait *set = (set_wait *)wait;

	if (set->done_before >= set->wanted) {
		return true;
	}
	for (;;) {
		size_t need = set->wanted - set->done_before;
		int64_t wake = until;

		if (set->next_expiry != 0 && set->next_expiry < wake) {
			wake = set->next_expiry;
		}
		if (pogo_waiter_wait(&set->waiter, need, wake) >= need) {
			return true;
		}
		if (set->next_expiry == 0 || pogo_now_ns() < set->next_expiry) {
			return false; /* until has come */
		}
		set_expire(set, pogo_now_ns());
	}
}

static void set_pause(pogo_await_wait *wait)
{
	set_unwatch((set_wait *)wait);
}

static void set_resume(pogo_await_wait *wait)
{
	set_watch((set_wait *)wait);
}

/* The error text of an item's key, ` at key "x"`. */
static void item_at(zend_ulong index, zend_string *key, char *buf, size_t size)
{
	char text[150];

	pogo_await_key_text(index, key, text, sizeof(text));
	snprintf(buf, size, " at key %s", text);
}

/*
 * Reads and checks the set: every element an int handle, each one this
 * request may await now, none twice (an entry being read is marked with
 * its item's slot). Returns the items (emalloc'd, the caller frees them) or
 * NULL with the error thrown; either way no entry stays marked.
 */
static set_item *set_read(HashTable *handles, uint32_t count)
{
	set_item *items = safe_emalloc(count, sizeof(*items), 0);
	zend_ulong index;
	zend_string *key;
	zval *zv;
	uint32_t n = 0;
	char at[160], before[160];

	ZEND_HASH_FOREACH_KEY_VAL(handles, index, key, zv)
	{
		set_item *item = &items[n];
		pogo_request_job *entry;

		ZVAL_DEREF(zv);
		if (Z_TYPE_P(zv) != IS_LONG) {
			pogo_await_key_text(index, key, at, sizeof(at));
			zend_argument_value_error(1, "must contain only int handles, %s given at key %s",
			                          zend_zval_type_name(zv), at);
			goto fail;
		}
		item->index = index;
		item->key = key;
		item->handle = Z_LVAL_P(zv);
		entry = pogo_request_job_find((zend_ulong)item->handle);
		if (entry && entry->set_slot) {
			set_item *twin = &items[entry->set_slot - 1];

			pogo_await_key_text(twin->index, twin->key, before, sizeof(before));
			pogo_await_key_text(index, key, at, sizeof(at));
			zend_argument_value_error(1,
			                          "must not contain a handle twice: handle " ZEND_LONG_FMT
			                          " is at key %s and at key %s",
			                          item->handle, before, at);
			goto fail;
		}
		if (!entry || entry->awaiting) {
			item_at(index, key, at, sizeof(at));
			pogo_await_entry(item->handle, at); /* throws why */
			goto fail;
		}
		item->entry = entry;
		entry->set_slot = ++n;
	}
	ZEND_HASH_FOREACH_END();
	for (uint32_t i = 0; i < n; i++) {
		items[i].entry->set_slot = 0;
	}
	return items;

fail:
	for (uint32_t i = 0; i < n; i++) {
		items[i].entry->set_slot = 0;
	}
	efree(items);
	return NULL;
}

/*
 * A job awaiting a set that holds jobs of its own pool counts in the pool's
 * threads awaiting it. If every such thread already does, this one too, a
 * queued job of that pool will never run: returns false with the deadlock
 * PoolException thrown when the set cannot complete without one (all and
 * settle: an unfinished job of the pool; any: nothing is done and every job
 * is of the pool). Otherwise returns true.
 */
static bool set_own_begin(set_wait *set, double timeout)
{
	pogo_pool *own = POGO_G(worker_pool);
	set_item *stuck = NULL;
	bool mine = false, any_done = false, all_own = true;

	for (uint32_t i = 0; own && timeout > 0 && i < set->count && !mine; i++) {
		mine = set->items[i].entry->pool == own;
	}
	if (!mine) {
		return true;
	}
	if (!pogo_pool_own_await_begin(own)) {
		set->base.own_pool = own;
		return true;
	}
	/* Full: not counted. Only jobs that are done already can be awaited. */
	for (uint32_t i = 0; i < set->count; i++) {
		set_item *item = &set->items[i];
		bool done = pogo_job_wait(item->entry->job, pogo_now_ns()) == POGO_JOB_DONE;

		any_done = any_done || done;
		all_own = all_own && item->entry->pool == own;
		if (!done && item->entry->pool == own && !stuck) {
			stuck = item;
		}
	}
	if (!stuck || (set->wanted == 1 && (any_done || !all_own))) {
		return true;
	}
	pogo_await_deadlock(stuck->handle, stuck->entry);
	return false;
}

/*
 * Reads the arguments, checks the set and waits for wanted of its jobs
 * (0: all of them). Returns the items (the caller frees them) and fills
 * set, or NULL: with the error thrown, or, for an empty set, with nothing
 * thrown and *empty set.
 */
static set_item *set_await(HashTable *handles, double timeout, size_t wanted, set_wait *set,
                           bool *empty)
{
	uint32_t count = zend_hash_num_elements(handles);
	int64_t deadline;
	zend_result waited;
	bool done;

	*empty = false;
	if (pogo_await_deadline(timeout, 2, &deadline) == FAILURE) {
		return NULL;
	}
	if (count == 0) {
		*empty = true;
		return NULL;
	}
	memset(set, 0, sizeof(*set));
	set->base.slice = set_slice;
	set->base.pause = set_pause;
	set->base.resume = set_resume;
	set->count = count;
	set->wanted = wanted ? wanted : count;
	if (!(set->items = set_read(handles, count))) {
		return NULL;
	}
	if (pogo_waiter_init(&set->waiter) == FAILURE) {
		zend_throw_exception(pogo_ce_PoolException, "out of memory for a wait on many jobs", 0);
		efree(set->items);
		return NULL;
	}
	if (!set_own_begin(set, timeout)) {
		pogo_waiter_destroy(&set->waiter);
		efree(set->items);
		return NULL;
	}
	for (uint32_t i = 0; i < count; i++) {
		set->items[i].entry->awaiting = true;
	}
	set_watch(set);
	waited = pogo_await_interruptible(&set->base, deadline, &done);
	set_unwatch(set);
	for (uint32_t i = 0; i < count; i++) {
		set->items[i].entry->awaiting = false;
	}
	pogo_await_own_end(&set->base);
	pogo_waiter_destroy(&set->waiter);
	if (waited == FAILURE) {
		efree(set->items);
		return NULL; /* a signal handler threw */
	}
	return set->items;
}

static void add_keyed(zval *array, set_item *item, zval *value)
{
	if (item->key) {
		zend_hash_update(Z_ARRVAL_P(array), item->key, value);
	} else {
		zend_hash_index_update(Z_ARRVAL_P(array), item->index, value);
	}
}

static void use_up(set_item *item)
{
	pogo_request_job_use_up((zend_ulong)item->handle, item->entry);
}

/*
 * The arguments of the three functions, then set_await(). Returns the items
 * or NULL: with the error thrown, or with an empty set seen (*empty).
 */
static set_item *set_from_args(zend_execute_data *execute_data, size_t wanted, set_wait *set,
                               double *timeout, bool *empty)
{
	HashTable *handles;

	*empty = false;
	*timeout = 5.0;
	ZEND_PARSE_PARAMETERS_START(1, 2)
	Z_PARAM_ARRAY_HT(handles)
	Z_PARAM_OPTIONAL
	Z_PARAM_DOUBLE(*timeout)
	ZEND_PARSE_PARAMETERS_END_EX(return NULL);

	return set_await(handles, *timeout, wanted, set, empty);
}

PHP_FUNCTION(pogo_await_all)
{
	double timeout;
	set_wait set;
	set_item *items;
	zend_object *failure = NULL;
	uint32_t running = 0, failed = 0;
	zval results, value;
	bool empty;

	if (!(items = set_from_args(execute_data, 0, &set, &timeout, &empty))) {
		if (empty) {
			RETURN_EMPTY_ARRAY();
		}
		RETURN_THROWS();
	}
	array_init_size(&results, set.count);
	for (uint32_t i = 0; i < set.count; i++) {
		if (!pogo_job_done(items[i].entry->job)) {
			running++;
		} else if (!failure && (failure = pogo_outcome_catch(items[i].entry, &value)) != NULL) {
			failed = i;
		} else if (!failure) {
			add_keyed(&results, &items[i], &value);
		}
	}
	if (failure) {
		/* The first failure in the array's order: its handle is used up, no other. */
		zval_ptr_dtor(&results);
		use_up(&items[failed]);
		ZVAL_OBJ(&value, failure);
		zend_throw_exception_object(&value);
	} else if (running) {
		zval_ptr_dtor(&results);
		zend_throw_exception_ex(pogo_ce_TimeoutException, 0,
		                        "%u of %u jobs did not finish within %g s; they keep running and "
		                        "can be awaited again",
		                        running, set.count, timeout);
	} else {
		for (uint32_t i = 0; i < set.count; i++) {
			use_up(&items[i]);
		}
		ZVAL_COPY_VALUE(return_value, &results);
	}
	efree(items);
}

PHP_FUNCTION(pogo_await_any)
{
	double timeout;
	set_wait set;
	set_item *items, *first = NULL;
	bool empty;

	if (!(items = set_from_args(execute_data, 1, &set, &timeout, &empty))) {
		if (empty) {
			zend_argument_value_error(1, "must not be empty");
		}
		RETURN_THROWS();
	}
	/* The one that finished first; the array's order breaks ties. */
	for (uint32_t i = 0; i < set.count; i++) {
		pogo_job *job = items[i].entry->job;

		if (pogo_job_done(job) &&
		    (!first || pogo_job_finished_ns(job) < pogo_job_finished_ns(first->entry->job))) {
			first = &items[i];
		}
	}
	if (!first) {
		zend_throw_exception_ex(pogo_ce_TimeoutException, 0,
		                        "none of the %u jobs finished within %g s; they keep running and "
		                        "can be awaited again",
		                        set.count, timeout);
	} else if (first->key) {
		RETVAL_STR_COPY(first->key);
	} else {
		RETVAL_LONG((zend_long)first->index);
	}
	efree(items);
}

PHP_FUNCTION(pogo_settle)
{
	double timeout;
	set_wait set;
	set_item *items;
	bool empty;

	if (!(items = set_from_args(execute_data, 0, &set, &timeout, &empty))) {
		if (empty) {
			RETURN_EMPTY_ARRAY();
		}
		RETURN_THROWS();
	}
	array_init_size(return_value, set.count);
	for (uint32_t i = 0; i < set.count; i++) {
		set_item *item = &items[i];
		zend_object *error;
		zval entry, value;

		array_init_size(&entry, 2);
		if (pogo_job_done(item->entry->job)) {
			error = pogo_outcome_catch(item->entry, &value);
			use_up(item);
		} else {
			char message[512];

			snprintf(message, sizeof(message),
			         "job " ZEND_LONG_FMT " (%s) on pool \"%s\" did not finish within %g s; it "
			         "keeps running and can be awaited again",
			         item->handle, ZSTR_VAL(item->entry->class_name),
			         item->entry->pool->config.name, timeout);
			error = pogo_timeout_exception(message);
		}
		add_assoc_bool(&entry, "ok", error == NULL);
		if (error) {
			ZVAL_OBJ(&value, error);
			add_assoc_zval(&entry, "error", &value);
		} else {
			add_assoc_zval(&entry, "result", &value);
		}
		add_keyed(return_value, item, &entry);
	}
	efree(items);
}
