/*
 * The JSON codec benchmark, jansson side (bench/run.php codec measures
 * ext/json on the same values through PHP). The payload is the one
 * bench_payload() in bench/lib.php builds: records
 *   {"id":i,"name":"item-i","price":i*1.25,"active":i%2==0,
 *    "tags":["alpha","beta"],"text":"lorem ipsum dolor sit amet"}
 * until the compact JSON reaches the target size, so both sides see the same
 * bytes (the "bytes" rows let you check).
 *
 *   encode: build the json_t tree from the C records, json_dumps() it, free both
 *   decode: json_loads() the text, walk every value back out, free the tree
 *
 * Prints CSV rows (benchmark,impl,case,metric,value,unit) like bench/run.php.
 * Benchmark-only: Pogo itself does not link jansson.
 *
 *   gcc -O2 -o json_codec_bench bench/json_codec_bench.c -ljansson
 *   ./json_codec_bench [max_seconds_per_size=3] [sizes...]
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	long id;
	char name[32];
	double price;
	int active;
} record;

static const char *const tags[] = {"alpha", "beta"};
static const char text[] = "lorem ipsum dolor sit amet";

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static json_t *record_json(const record *r)
{
	json_t *o = json_object(), *t = json_array();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "price", json_real(r->price));
	json_object_set_new(o, "active", json_boolean(r->active));
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		json_array_append_new(t, json_string(tags[i]));
	}
	json_object_set_new(o, "tags", t);
	json_object_set_new(o, "text", json_string(text));
	return o;
}

/* The records whose compact JSON list is at least `bytes` long, as bench_payload(). */
static record *make_records(size_t bytes, size_t *count)
{
	size_t cap = 16, n = 0, len = 2;
	record *rs = malloc(cap * sizeof(*rs));

	while (len < bytes) {
		if (n == cap) {
			cap *= 2;
			rs = realloc(rs, cap * sizeof(*rs));
		}
		record *r = &rs[n];
		r->id = (long)n;
		snprintf(r->name, sizeof(r->name), "item-%zu", n);
		r->price = (double)n * 1.25;
		r->active = n % 2 == 0;
		json_t *o = record_json(r);
		char *s = json_dumps(o, JSON_COMPACT);
		len += strlen(s) + (n > 0 ? 1 : 0);
		free(s);
		json_decref(o);
		n++;
	}
	*count = n;
	return rs;
}

static char *encode(const record *rs, size_t n, size_t *len)
{
	json_t *root = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(root, record_json(&rs[i]));
	}
	char *s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	*len = strlen(s);
	return s;
}

/* Visits every value as a decoder into native values would; returns a checksum. */
static uint64_t walk(json_t *v)
{
	uint64_t sum = 0;
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, key, item)
		{
			sum += strlen(key) + walk(item);
		}
		return sum;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
		{
			sum += walk(item);
		}
		return sum + i;
	case JSON_STRING:
		return json_string_length(v);
	case JSON_INTEGER:
		return (uint64_t)json_integer_value(v);
	case JSON_REAL:
		return (uint64_t)(json_real_value(v) * 4);
	case JSON_TRUE:
		return 1;
	default:
		return 0;
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static double median_us(int64_t *s, size_t n)
{
	qsort(s, n, sizeof(*s), cmp_i64);
	return (double)s[(n + 1) / 2 - 1] / 1e3;
}

static void label(size_t bytes, char *out, size_t size)
{
	if (bytes >= 1 << 20) {
		snprintf(out, size, "%zu MB", bytes >> 20);
	} else if (bytes >= 1000) {
		snprintf(out, size, "%zu KB", bytes / 1000);
	} else {
		snprintf(out, size, "%zu B", bytes);
	}
}

int main(int argc, char **argv)
{
	double max_s = argc > 1 ? atof(argv[1]) : 3.0;
	size_t defaults[] = {100, 10000, 1 << 20, 8 << 20};
	size_t nsizes = argc > 2 ? (size_t)(argc - 2) : sizeof(defaults) / sizeof(defaults[0]);

	for (size_t k = 0; k < nsizes; k++) {
		size_t bytes = argc > 2 ? (size_t)atol(argv[k + 2]) : defaults[k];
		size_t n, len, reps = bytes >= 1 << 20 ? 20 : 2000, done_enc = 0, done_dec = 0;
		record *rs = make_records(bytes, &n);
		int64_t *enc = malloc(reps * sizeof(*enc)), *dec = malloc(reps * sizeof(*dec));
		int64_t stop, t;
		char *json = encode(rs, n, &len), name[32];
		uint64_t check = 0;

		stop = now_ns() + (int64_t)(max_s / 2 * 1e9);
		while (done_enc < reps && (done_enc == 0 || now_ns() < stop)) {
			size_t l;
			t = now_ns();
			free(encode(rs, n, &l));
			enc[done_enc++] = now_ns() - t;
		}
		stop = now_ns() + (int64_t)(max_s / 2 * 1e9);
		while (done_dec < reps && (done_dec == 0 || now_ns() < stop)) {
			json_error_t error;
			t = now_ns();
			json_t *root = json_loadb(json, len, 0, &error);
			if (root == NULL) {
				fprintf(stderr, "json_loadb: %s\n", error.text);
				return 1;
			}
			check += walk(root);
			json_decref(root);
			dec[done_dec++] = now_ns() - t;
		}
		label(bytes, name, sizeof(name));
		printf("codec,jansson,%s,bytes,%zu,B\n", name, len);
		printf("codec,jansson,%s,encode,%.3f,us\n", name, median_us(enc, done_enc));
		printf("codec,jansson,%s,decode,%.3f,us\n", name, median_us(dec, done_dec));
		fflush(stdout);
		if (check == 0) {
			fprintf(stderr, "empty walk\n");
		}
		free(json);
		free(enc);
		free(dec);
		free(rs);
	}
	return 0;
}
