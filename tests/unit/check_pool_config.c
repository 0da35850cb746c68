/*
 * Unit tests for pool_config.c: durations, thread counts, applying
 * pogo.pool.<name>.<directive> entries, pool lookup and duration formatting
 * (max_wait=0 is no limit; a positive duration below 1ms is refused).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool_config.h"

#define DEFAULT_THREADS 3

#define ck_assert_contains(haystack, needle)                                                       \
	ck_assert_msg(strstr((haystack), (needle)) != NULL, "\"%s\" does not contain \"%s\"",          \
	              (haystack), (needle))

/* Durations. */
static const struct {
	const char *text;
	int64_t ms;
} good_durations[] = {
    {"30s", 30000},
    {"500ms", 500},
    {"2m", 120000},
    {"1.5", 1500},
    {"0", 0},
    {" 10s ", 10000},
    {"1.5s", 1500},
    {"0ms", 0},
    {"0.0", 0},
    {"0.000s", 0},
    {"0.0000000000m", 0},
    {"1ms", 1},
    {"0.001", 1},
    {"0.0015", 2},
    {"1.4ms", 1},
    {"1.5ms", 2},
    {"0.00002m", 1},
    {"1.0005", 1001},
    {"1.0004", 1000},
    {"0.25m", 15000},
    {"\t7\n", 7000},
    {"007s", 7000},
    {"1.123456789123s", 1123},
    {"31536000s", INT64_C(31536000000)},
};

static const char *const bad_durations[] = {
    "",   "   ",  "-1",  "abc",   "5x",  "5 sec", "1e3",       "99999999999999999999",
    "1.", ".5",   "5 s", "s",     "5mm", "5S",    "31536001s", "525601m",
    "1h", "5s x", "+5",  "100us",
};

/* Positive but below 1ms: neither 0 (no limit, at once) nor rounded up to 1ms. */
static const char *const too_short_durations[] = {
    "0.0001", "0.0009", "0.0004s", "0.5ms", "0.4ms", "0.999ms", "0.000016m", "0.0000000001",
};

START_TEST(test_duration_good)
{
	int64_t ms = -1;
	pogo_error err = {0};
	const char *text = good_durations[_i].text;

	ck_assert_msg(pogo_parse_duration_ms(text, &ms, &err) == SUCCESS, "\"%s\" refused: %s", text,
	              err.message);
	ck_assert_msg(ms == good_durations[_i].ms, "\"%s\" gave %lld, not %lld", text, (long long)ms,
	              (long long)good_durations[_i].ms);
	ck_assert_int_eq(err.code, POGO_ERR_NONE);
}
END_TEST

START_TEST(test_duration_bad)
{
	int64_t ms = -42;
	pogo_error err = {0};
	const char *text = bad_durations[_i];
	char quoted[64];

	ck_assert_msg(pogo_parse_duration_ms(text, &ms, &err) == FAILURE, "\"%s\" accepted as %lld",
	              text, (long long)ms);
	ck_assert_int_eq(ms, -42);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	snprintf(quoted, sizeof(quoted), "invalid duration \"%s\"", text);
	ck_assert_contains(err.message, quoted);
}
END_TEST

START_TEST(test_duration_too_short)
{
	int64_t ms = -42;
	pogo_error err = {0};
	const char *text = too_short_durations[_i];
	char expect[128];

	ck_assert_msg(pogo_parse_duration_ms(text, &ms, &err) == FAILURE, "\"%s\" accepted as %lld",
	              text, (long long)ms);
	ck_assert_int_eq(ms, -42);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	snprintf(expect, sizeof(expect),
	         "invalid duration \"%s\": shorter than 1ms, the shortest duration above 0", text);
	ck_assert_str_eq(err.message, expect);
}
END_TEST

START_TEST(test_duration_messages)
{
	int64_t ms;
	pogo_error err = {0};

	ck_assert_int_eq(pogo_parse_duration_ms("5x", &ms, &err), FAILURE);
	ck_assert_str_eq(err.message, "invalid duration \"5x\": use a number of seconds or a number "
	                              "followed by ms, s or m (e.g. 500ms, 30s, 2m)");
	ck_assert_int_eq(pogo_parse_duration_ms("-1", &ms, &err), FAILURE);
	ck_assert_contains(err.message, "negative");
	ck_assert_int_eq(pogo_parse_duration_ms("99999999999999999999", &ms, &err), FAILURE);
	ck_assert_contains(err.message, "one year");
	/* err may be NULL; NULL text is the empty text. */
	ck_assert_int_eq(pogo_parse_duration_ms("5x", &ms, NULL), FAILURE);
	ck_assert_int_eq(pogo_parse_duration_ms(NULL, &ms, &err), FAILURE);
	ck_assert_contains(err.message, "invalid duration \"\"");
}
END_TEST

/* Thread counts. */
static const struct {
	const char *text;
	unsigned count;
} good_counts[] = {
    {"1", 1}, {"4", 4}, {" 8 ", 8}, {"1024", 1024}, {"0016", 16}, {"\t2\n", 2},
};

static const char *const bad_counts[] = {
    "", " ", "0", "-1", "1.5", "abc", "1025", "99999999999999999999", "4x", "4 4", "+4", "0x10",
};

START_TEST(test_thread_count_good)
{
	unsigned count = 0;
	pogo_error err = {0};
	const char *text = good_counts[_i].text;

	ck_assert_msg(pogo_parse_thread_count(text, &count, &err) == SUCCESS, "\"%s\" refused: %s",
	              text, err.message);
	ck_assert_uint_eq(count, good_counts[_i].count);
}
END_TEST

START_TEST(test_thread_count_bad)
{
	unsigned count = 77;
	pogo_error err = {0};
	const char *text = bad_counts[_i];
	char quoted[64];

	ck_assert_msg(pogo_parse_thread_count(text, &count, &err) == FAILURE, "\"%s\" accepted", text);
	ck_assert_uint_eq(count, 77);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	snprintf(quoted, sizeof(quoted), "invalid thread count \"%s\"", text);
	ck_assert_contains(err.message, quoted);
	ck_assert_contains(err.message, "from 1 to 1024");
}
END_TEST

START_TEST(test_error_cut_on_character)
{
	pogo_error err = {0};
	char text[601];
	size_t len;

	for (size_t i = 0; i < 600; i += 2) {
		text[i] = (char)0xC3; /* é */
		text[i + 1] = (char)0xA9;
	}
	text[600] = '\0';
	pogo_error_set(&err, POGO_ERR_ARG, "%s", text);
	len = strlen(err.message);
	ck_assert_uint_eq(len, 510); /* 511 bytes would end inside a character */
	ck_assert_int_eq((unsigned char)err.message[len - 2], 0xC3);
	ck_assert_int_eq((unsigned char)err.message[len - 1], 0xA9);

	pogo_error_set(&err, POGO_ERR_ARG, "x%s", text); /* now 511 bytes end on a character */
	ck_assert_uint_eq(strlen(err.message), 511);
}
END_TEST

START_TEST(test_count)
{
	int64_t value = -1;
	pogo_error err = {0};

	ck_assert_int_eq(pogo_parse_count("0", 10, &value, &err), SUCCESS);
	ck_assert_int_eq(value, 0);
	ck_assert_int_eq(pogo_parse_count(" 10 ", 10, &value, &err), SUCCESS);
	ck_assert_int_eq(value, 10);
	value = 5;
	ck_assert_int_eq(pogo_parse_count("11", 10, &value, &err), FAILURE);
	ck_assert_int_eq(value, 5);
	ck_assert_contains(err.message, "invalid number \"11\"");
	ck_assert_contains(err.message, "from 0 to 10");
	ck_assert_int_eq(pogo_parse_count("-1", 10, &value, &err), FAILURE);
	ck_assert_int_eq(pogo_parse_count("1.5", 10, &value, &err), FAILURE);
	ck_assert_int_eq(pogo_parse_count("", 10, &value, &err), FAILURE);
	ck_assert_int_eq(pogo_parse_count("3s", 10, &value, &err), FAILURE);
	ck_assert_int_eq(value, 5);
}
END_TEST

/* Applying directives. */
static pogo_pool_config_set set;

static void set_setup(void)
{
	ck_assert_int_eq(pogo_config_set_init(&set, DEFAULT_THREADS), SUCCESS);
}

static void set_teardown(void)
{
	pogo_config_set_free(&set);
}

static pogo_pool_config *find(const char *name)
{
	return pogo_config_set_find(&set, name, strlen(name));
}

static void assert_defaults(const pogo_pool_config *pool)
{
	ck_assert_ptr_null(pool->worker);
	ck_assert_ptr_null(pool->bootstrap);
	ck_assert_uint_eq(pool->num_threads, DEFAULT_THREADS);
	ck_assert_int_eq(pool->max_wait_ms, POGO_DEFAULT_MAX_WAIT_MS);
	ck_assert_ptr_null(pool->invalid);
}

START_TEST(test_init_has_default_pool)
{
	ck_assert_uint_eq(set.count, 1);
	ck_assert_str_eq(set.pools[0].name, POGO_DEFAULT_POOL);
	ck_assert_ptr_eq(find("default"), &set.pools[0]);
	assert_defaults(&set.pools[0]);
}
END_TEST

START_TEST(test_apply_new_pool_gets_defaults)
{
	pogo_error err = {0};
	pogo_pool_config *cpu;

	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.cpu.worker", "/srv/w.php", DEFAULT_THREADS, &err),
	    SUCCESS);
	ck_assert_uint_eq(set.count, 2);
	cpu = find("cpu");
	ck_assert_ptr_nonnull(cpu);
	ck_assert_str_eq(cpu->name, "cpu");
	ck_assert_str_eq(cpu->worker, "/srv/w.php");
	ck_assert_ptr_null(cpu->bootstrap);
	ck_assert_uint_eq(cpu->num_threads, DEFAULT_THREADS);
	ck_assert_int_eq(cpu->max_wait_ms, POGO_DEFAULT_MAX_WAIT_MS);
	ck_assert_ptr_null(cpu->invalid);
	assert_defaults(find("default"));
}
END_TEST

START_TEST(test_apply_every_directive)
{
	pogo_error err = {0};
	pogo_pool_config *io;

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.io-2_x.worker", "/w.php", 8, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.io-2_x.bootstrap", "/b.php", 8, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.io-2_x.num_threads", "12", 8, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.io-2_x.max_wait", "2m", 8, &err),
	                 SUCCESS);
	ck_assert_uint_eq(set.count, 2);
	io = find("io-2_x");
	ck_assert_ptr_nonnull(io);
	ck_assert_str_eq(io->worker, "/w.php");
	ck_assert_str_eq(io->bootstrap, "/b.php");
	ck_assert_uint_eq(io->num_threads, 12);
	ck_assert_int_eq(io->max_wait_ms, 120000);
	ck_assert_ptr_null(io->invalid);

	/* The default pool takes directives too, and a later value replaces an earlier one. */
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.default.max_wait", "500ms", 8, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.default.max_wait", "1s", 8, &err),
	                 SUCCESS);
	ck_assert_int_eq(find("default")->max_wait_ms, 1000);
	ck_assert_uint_eq(set.count, 2);
}
END_TEST

START_TEST(test_apply_empty_paths_are_null)
{
	pogo_error err = {0};
	pogo_pool_config *cpu;

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.worker", "/w.php", 1, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.bootstrap", "/b.php", 1, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.worker", "", 1, &err), SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.bootstrap", "", 1, &err), SUCCESS);
	cpu = find("cpu");
	ck_assert_ptr_nonnull(cpu);
	ck_assert_ptr_null(cpu->worker);
	ck_assert_ptr_null(cpu->bootstrap);
	/* A pool first seen with an empty worker still exists, with the built-in worker. */
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.net.worker", "", 1, &err), SUCCESS);
	ck_assert_ptr_nonnull(find("net"));
	ck_assert_ptr_null(find("net")->worker);
}
END_TEST

START_TEST(test_apply_limits)
{
	pogo_error err = {0};
	pogo_pool_config *cpu;

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.max_execution_time", "30",
	                                       DEFAULT_THREADS, &err),
	                 SUCCESS);
	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.cpu.max_jobs", "500", DEFAULT_THREADS, &err),
	    SUCCESS);
	cpu = find("cpu");
	ck_assert_ptr_nonnull(cpu);
	ck_assert_int_eq(cpu->max_execution_time, 30);
	ck_assert_int_eq(cpu->max_jobs, 500);
	ck_assert_ptr_null(cpu->invalid);
	ck_assert_int_eq(find("default")->max_execution_time, 0);
	ck_assert_int_eq(find("default")->max_jobs, 0);
	ck_assert_int_eq(find("default")->max_queue, 0);
	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.cpu.max_queue", "1000", DEFAULT_THREADS, &err),
	    SUCCESS);
	ck_assert_int_eq(cpu->max_queue, 1000);
	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.cpu.max_jobs", "-3", DEFAULT_THREADS, &err),
	    FAILURE);
	ck_assert_contains(err.message, "pogo.pool.cpu.max_jobs");
	ck_assert_ptr_nonnull(find("cpu")->invalid);
}
END_TEST

/* max_wait=0 is no limit; a positive max_wait below 1ms makes the pool invalid. */
START_TEST(test_apply_max_wait_zero_and_too_short)
{
	static const char reason[] = "pogo.pool.tiny.max_wait: invalid duration \"0.0001\": shorter "
	                             "than 1ms, the shortest duration above 0";
	pogo_error err = {0};
	pogo_pool_config *pool;

	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.open.max_wait", "0", DEFAULT_THREADS, &err),
	    SUCCESS);
	pool = find("open");
	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(pool->max_wait_ms, 0);
	ck_assert_ptr_null(pool->invalid);

	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.tiny.max_wait", "0.0001", DEFAULT_THREADS, &err),
	    FAILURE);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	ck_assert_str_eq(err.message, reason);
	pool = find("tiny");
	ck_assert_ptr_nonnull(pool);
	ck_assert_str_eq(pool->invalid, reason);
	ck_assert_int_eq(pool->max_wait_ms, POGO_DEFAULT_MAX_WAIT_MS);

	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.half.max_wait", "0.5ms", DEFAULT_THREADS, &err),
	    FAILURE);
	ck_assert_contains(find("half")->invalid,
	                   "pogo.pool.half.max_wait: invalid duration \"0.5ms\"");
	ck_assert_int_eq(find("half")->max_wait_ms, POGO_DEFAULT_MAX_WAIT_MS);
	ck_assert_ptr_null(find("open")->invalid);
}
END_TEST

/* Each directive applied, then shown by pogo_directive_format() as phpinfo() does. */
START_TEST(test_directive_table_formats_every_directive)
{
	static const char *const names[] = {"worker",   "bootstrap",          "num_threads",
	                                    "max_wait", "max_execution_time", "max_jobs",
	                                    "max_queue"};
	static const char *const fresh[] = {"(built-in)", "(none)", "3",       "30s",
	                                    "no limit",   "never",  "no limit"};
	static const char *const values[] = {"/w.php", "/b.php", "3", "0", "30", "500", "1000"};
	static const char *const shown[] = {"/w.php", "/b.php", "3", "no limit", "30", "500", "1000"};
	char key[128], buf[64];
	pogo_error err = {0};

	ck_assert_uint_eq(pogo_directive_count(), (sizeof(names) / sizeof(names[0])));
	ck_assert_ptr_null(pogo_directive_name((sizeof(names) / sizeof(names[0]))));
	for (size_t i = 0; i < (sizeof(names) / sizeof(names[0])); i++) {
		ck_assert_str_eq(pogo_directive_name(i), names[i]);
		pogo_directive_format(find("default"), i, buf, sizeof(buf));
		ck_assert_str_eq(buf, fresh[i]);
		snprintf(key, sizeof(key), "pogo.pool.default.%s", names[i]);
		ck_assert_int_eq(pogo_config_set_apply(&set, key, values[i], DEFAULT_THREADS, &err),
		                 SUCCESS);
		pogo_directive_format(find("default"), i, buf, sizeof(buf));
		ck_assert_str_eq(buf, shown[i]);
	}
	ck_assert_ptr_null(find("default")->invalid);
}
END_TEST

START_TEST(test_apply_unknown_directive)
{
	static const char message[] = "unknown directive \"pogo.pool.cpu.threads\" (known: worker, "
	                              "bootstrap, num_threads, max_wait, max_execution_time, "
	                              "max_jobs, max_queue)";
	pogo_error err = {0};
	pogo_pool_config *cpu;

	ck_assert_int_eq(
	    pogo_config_set_apply(&set, "pogo.pool.cpu.threads", "4", DEFAULT_THREADS, &err), FAILURE);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	ck_assert_str_eq(err.message, message);
	ck_assert_uint_eq(set.count, 2);
	cpu = find("cpu");
	ck_assert_ptr_nonnull(cpu);
	ck_assert_str_eq(cpu->invalid, message);
	ck_assert_uint_eq(cpu->num_threads, DEFAULT_THREADS);
}
END_TEST

START_TEST(test_apply_bad_value_marks_pool_invalid)
{
	pogo_error err = {0};
	pogo_pool_config *cpu;
	char *first;

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.num_threads", "abc", 2, &err),
	                 FAILURE);
	ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
	ck_assert_contains(err.message, "pogo.pool.cpu.num_threads: invalid thread count \"abc\"");
	cpu = find("cpu");
	ck_assert_ptr_nonnull(cpu);
	ck_assert_str_eq(cpu->invalid, err.message);
	ck_assert_uint_eq(cpu->num_threads, 2);
	first = strdup(cpu->invalid);
	ck_assert_ptr_nonnull(first);

	/* A later good value applies but does not clear the first reason. */
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.num_threads", "4", 2, &err),
	                 SUCCESS);
	cpu = find("cpu");
	ck_assert_uint_eq(cpu->num_threads, 4);
	ck_assert_str_eq(cpu->invalid, first);

	/* A later bad value is reported, but the first reason stays. */
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.max_wait", "5x", 2, &err), FAILURE);
	ck_assert_contains(err.message, "pogo.pool.cpu.max_wait: invalid duration \"5x\"");
	cpu = find("cpu");
	ck_assert_str_eq(cpu->invalid, first);
	ck_assert_int_eq(cpu->max_wait_ms, POGO_DEFAULT_MAX_WAIT_MS);
	free(first);

	/* Other pools are not affected. */
	ck_assert_ptr_null(find("default")->invalid);
}
END_TEST

START_TEST(test_apply_bad_pool_name_creates_nothing)
{
	static const char *const bad_keys[] = {
	    "pogo.pool.a b.worker",
	    "pogo.pool..worker",
	    "pogo.pool.a.b.worker",
	    "pogo.pool.caf\xc3\xa9.worker",
	    "pogo.pool.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.worker",
	};
	pogo_error err = {0};
	size_t i;

	for (i = 0; i < sizeof(bad_keys) / sizeof(bad_keys[0]); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_int_eq(pogo_config_set_apply(&set, bad_keys[i], "/w.php", 1, &err), FAILURE);
		ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
		ck_assert_contains(err.message, bad_keys[i]);
		ck_assert_contains(err.message, "invalid pool name");
		ck_assert_uint_eq(set.count, 1);
	}
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.a b.worker", "/w.php", 1, &err),
	                 FAILURE);
	ck_assert_str_eq(err.message, "pogo.pool.a b.worker: invalid pool name \"a b\" (use 1 to 64 "
	                              "letters, digits, _ and -)");
}
END_TEST

START_TEST(test_apply_pool_name_lengths)
{
	char key[128];
	char name[POGO_POOL_NAME_MAX + 2];
	pogo_error err = {0};

	memset(name, 'n', POGO_POOL_NAME_MAX);
	name[POGO_POOL_NAME_MAX] = '\0';
	snprintf(key, sizeof(key), "pogo.pool.%s.num_threads", name);
	ck_assert_int_eq(pogo_config_set_apply(&set, key, "2", 1, &err), SUCCESS);
	ck_assert_ptr_nonnull(find(name));
	ck_assert_str_eq(find(name)->name, name);

	name[POGO_POOL_NAME_MAX] = 'n';
	name[POGO_POOL_NAME_MAX + 1] = '\0';
	snprintf(key, sizeof(key), "pogo.pool.%s.num_threads", name);
	ck_assert_int_eq(pogo_config_set_apply(&set, key, "2", 1, &err), FAILURE);
	ck_assert_contains(err.message, "invalid pool name");
	ck_assert_uint_eq(set.count, 2);

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.x.num_threads", "2", 1, &err), SUCCESS);
	ck_assert_ptr_nonnull(find("x"));
}
END_TEST

START_TEST(test_apply_missing_directive)
{
	static const char *const keys[] = {"pogo.pool.cpu", "pogo.pool.cpu.", "pogo.pool."};
	pogo_error err = {0};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_int_eq(pogo_config_set_apply(&set, keys[i], "1", 1, &err), FAILURE);
		ck_assert_int_eq(err.code, POGO_ERR_CONFIG);
		ck_assert_contains(err.message, keys[i]);
		ck_assert_contains(err.message, "missing directive");
		ck_assert_uint_eq(set.count, 1);
	}
	ck_assert_ptr_null(find("cpu"));
}
END_TEST

START_TEST(test_apply_ignores_other_keys)
{
	static const char *const keys[] = {"memory_limit", "pogo.enabled", "pogo.poolx.cpu.worker",
	                                   "pogo.pool", "POGO.POOL.cpu.worker"};
	pogo_error err = {.code = POGO_ERR_NONE, .message = "untouched"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		ck_assert_int_eq(pogo_config_set_apply(&set, keys[i], "x", 1, &err), SUCCESS);
	}
	ck_assert_int_eq(pogo_config_set_apply(&set, NULL, "x", 1, &err), SUCCESS);
	ck_assert_uint_eq(set.count, 1);
	ck_assert_str_eq(err.message, "untouched");
	ck_assert_int_eq(err.code, POGO_ERR_NONE);
}
END_TEST

START_TEST(test_apply_without_err)
{
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.max_wait", "soon", 1, NULL),
	                 FAILURE);
	ck_assert_ptr_nonnull(find("cpu"));
	ck_assert_contains(find("cpu")->invalid, "pogo.pool.cpu.max_wait: invalid duration \"soon\"");
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.a b.worker", "", 1, NULL), FAILURE);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.num_threads", NULL, 1, NULL),
	                 FAILURE);
}
END_TEST

START_TEST(test_find_uses_length)
{
	static const char buf[] = {'c', 'p', 'u', 'X'}; /* not NUL-terminated */
	pogo_error err = {0};
	pogo_pool_config *cpu;

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.num_threads", "2", 1, &err),
	                 SUCCESS);
	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpuX2.num_threads", "5", 1, &err),
	                 SUCCESS);
	cpu = pogo_config_set_find(&set, buf, 3);
	ck_assert_ptr_nonnull(cpu);
	ck_assert_str_eq(cpu->name, "cpu");
	ck_assert_ptr_null(pogo_config_set_find(&set, buf, 4));
	ck_assert_ptr_null(pogo_config_set_find(&set, buf, 2));
	ck_assert_ptr_null(pogo_config_set_find(&set, buf, 0));
	ck_assert_uint_eq(pogo_config_set_find(&set, "cpuX2", 5)->num_threads, 5);
	ck_assert_ptr_eq(pogo_config_set_find(&set, "default-ish", 7), &set.pools[0]);
	ck_assert_ptr_null(pogo_config_set_find(&set, "Default", 7));
}
END_TEST

START_TEST(test_free_resets)
{
	pogo_error err = {0};

	ck_assert_int_eq(pogo_config_set_apply(&set, "pogo.pool.cpu.worker", "/w.php", 1, &err),
	                 SUCCESS);
	pogo_config_set_free(&set);
	ck_assert_ptr_null(set.pools);
	ck_assert_uint_eq(set.count, 0);
	ck_assert_ptr_null(find("default"));
	/* The teardown frees again: freeing an emptied set is harmless. */
}
END_TEST

/* Formatting. */
static const struct {
	int64_t ms;
	const char *text;
} formats[] = {
    {0, "0s"},
    {500, "500ms"},
    {1500, "1500ms"},
    {1000, "1s"},
    {30000, "30s"},
    {59000, "59s"},
    {60000, "1m"},
    {90000, "90s"},
    {120000, "2m"},
    {60001, "60001ms"},
    {INT64_C(31536000000), "525600m"},
};

START_TEST(test_format_duration)
{
	char buf[32];
	int64_t back = -1;

	pogo_format_duration(formats[_i].ms, buf, sizeof(buf));
	ck_assert_str_eq(buf, formats[_i].text);
	/* Round trip: what is formatted parses back to the same value. */
	ck_assert_int_eq(pogo_parse_duration_ms(buf, &back, NULL), SUCCESS);
	ck_assert_int_eq(back, formats[_i].ms);
}
END_TEST

START_TEST(test_format_time_limit)
{
	char buf[32];

	pogo_format_time_limit(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "no limit");
	pogo_format_time_limit(1, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1ms");
	pogo_format_time_limit(30000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "30s");
	pogo_format_time_limit(120000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2m");
	pogo_format_time_limit(0, buf, 4);
	ck_assert_str_eq(buf, "no "); /* truncated, still terminated */
}
END_TEST

START_TEST(test_format_duration_small_buffer)
{
	char buf[4] = "xxx";

	pogo_format_duration(120000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2m");
	pogo_format_duration(12345, buf, sizeof(buf));
	ck_assert_str_eq(buf, "123"); /* truncated, still terminated */
}
END_TEST

START_TEST(test_error_set)
{
	pogo_error err = {0};

	pogo_error_set(&err, POGO_ERR_ARG, "bad %s #%d", "thing", 7);
	ck_assert_int_eq(err.code, POGO_ERR_ARG);
	ck_assert_str_eq(err.message, "bad thing #7");
	pogo_error_set(NULL, POGO_ERR_ARG, "ignored %d", 1);
}
END_TEST

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *pool_config_suite(void)
{
	Suite *s = suite_create("pool_config");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_duration_good, 0, COUNT(good_durations));
	tcase_add_loop_test(tc, test_duration_bad, 0, COUNT(bad_durations));
	tcase_add_loop_test(tc, test_duration_too_short, 0, COUNT(too_short_durations));
	tcase_add_test(tc, test_duration_messages);
	tcase_add_loop_test(tc, test_thread_count_good, 0, COUNT(good_counts));
	tcase_add_loop_test(tc, test_thread_count_bad, 0, COUNT(bad_counts));
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_error_cut_on_character);
	tcase_add_test(tc, test_error_set);
	suite_add_tcase(s, tc);

	tc = tcase_create("apply");
	tcase_add_checked_fixture(tc, set_setup, set_teardown);
	tcase_add_test(tc, test_init_has_default_pool);
	tcase_add_test(tc, test_apply_new_pool_gets_defaults);
	tcase_add_test(tc, test_apply_every_directive);
	tcase_add_test(tc, test_apply_empty_paths_are_null);
	tcase_add_test(tc, test_apply_max_wait_zero_and_too_short);
	tcase_add_test(tc, test_apply_unknown_directive);
	tcase_add_test(tc, test_directive_table_formats_every_directive);
	tcase_add_test(tc, test_apply_bad_value_marks_pool_invalid);
	tcase_add_test(tc, test_apply_bad_pool_name_creates_nothing);
	tcase_add_test(tc, test_apply_pool_name_lengths);
	tcase_add_test(tc, test_apply_missing_directive);
	tcase_add_test(tc, test_apply_ignores_other_keys);
	tcase_add_test(tc, test_apply_limits);
	tcase_add_test(tc, test_apply_without_err);
	tcase_add_test(tc, test_find_uses_length);
	tcase_add_test(tc, test_free_resets);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_format_duration, 0, COUNT(formats));
	tcase_add_test(tc, test_format_duration_small_buffer);
	tcase_add_test(tc, test_format_time_limit);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pool_config_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
