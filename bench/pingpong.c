/*
 * The floor under any thread pool's round trip: two threads hand a token
 * back and forth through a mutex and condition variables, as a dispatch and
 * its await do. Variant "condvar" sleeps at once; "spin" busy-waits on the
 * token for up to SPIN_NS first, then sleeps (what an adaptive spin does).
 * Prints the round trip's median, p90, p99 and mean as CSV rows
 * (benchmark,impl,case,metric,value,unit), like bench/run.php.
 *
 *   gcc -O2 -pthread -o pingpong bench/pingpong.c
 *   ./pingpong [round_trips=100000] [spin_ns=50000]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t to_worker, to_main;
	atomic_int turn; /* 1: the worker's, 0: main's, -1: stop */
	int64_t spin_ns;
	long rounds;
} pingpong;

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

/* Waits until turn != not; spins first if the variant says so. */
static int wait_turn(pingpong *p, pthread_cond_t *cond, int not )
{
	int t;
	if (p->spin_ns > 0) {
		int64_t until = now_ns() + p->spin_ns;
		for (unsigned i = 1;; i++) {
			t = atomic_load_explicit(&p->turn, memory_order_acquire);
			if (t != not ) {
				return t;
			}
			cpu_relax();
			if ((i & 63) == 0 && now_ns() >= until) {
				break;
			}
		}
	}
	pthread_mutex_lock(&p->lock);
	while ((t = atomic_load_explicit(&p->turn, memory_order_acquire)) == not ) {
		pthread_cond_wait(cond, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return t;
}

static void give_turn(pingpong *p, pthread_cond_t *cond, int turn)
{
	pthread_mutex_lock(&p->lock);
	atomic_store_explicit(&p->turn, turn, memory_order_release);
	pthread_cond_signal(cond);
	pthread_mutex_unlock(&p->lock);
}

static void *worker(void *arg)
{
	pingpong *p = arg;
	while (wait_turn(p, &p->to_worker, 0) == 1) {
		give_turn(p, &p->to_main, 0);
	}
	return NULL;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void run(const char *impl, long rounds, int64_t spin_ns)
{
	pingpong p = {.spin_ns = spin_ns, .rounds = rounds};
	pthread_t thread;
	int64_t *samples = malloc(sizeof(*samples) * (size_t)rounds);
	long warmup = rounds / 10 + 100;
	double sum = 0;

	if (samples == NULL) {
		perror("malloc");
		exit(1);
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.to_worker, NULL);
	pthread_cond_init(&p.to_main, NULL);
	atomic_init(&p.turn, 0);
	if (pthread_create(&thread, NULL, worker, &p) != 0) {
		perror("pthread_create");
		exit(1);
	}
	for (long i = -warmup; i < rounds; i++) {
		int64_t t = now_ns();
		give_turn(&p, &p.to_worker, 1);
		wait_turn(&p, &p.to_main, 1);
		if (i >= 0) {
			samples[i] = now_ns() - t;
			sum += (double)samples[i];
		}
	}
	give_turn(&p, &p.to_worker, -1);
	pthread_join(thread, NULL);

	qsort(samples, (size_t)rounds, sizeof(*samples), cmp_i64);
#define PCT(q) ((double)samples[(long)((q) * (double)rounds + 0.999999) - 1] / 1e3)
	printf("roundtrip,%s,1 thread,calls,%ld,calls\n", impl, rounds);
	printf("roundtrip,%s,1 thread,median,%.3f,us\n", impl, PCT(0.5));
	printf("roundtrip,%s,1 thread,p90,%.3f,us\n", impl, PCT(0.9));
	printf("roundtrip,%s,1 thread,p99,%.3f,us\n", impl, PCT(0.99));
	printf("roundtrip,%s,1 thread,mean,%.3f,us\n", impl, sum / (double)rounds / 1e3);
	fflush(stdout);
	free(samples);
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 100000;
	int64_t spin_ns = argc > 2 ? atoll(argv[2]) : 50000;

	if (rounds < 1) {
		fprintf(stderr, "usage: pingpong [round_trips] [spin_ns]\n");
		return 2;
	}
	run("c-condvar", rounds, 0);
	run("c-spin", rounds, spin_ns);
	return 0;
}
