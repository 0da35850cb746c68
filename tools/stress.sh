#!/usr/bin/env bash
# Stress test: P concurrent PHP processes, each running tests/stress/stress.php
# (many jobs in batches, every outcome checked; memory measured).
#
#   tools/stress.sh
#
# Environment:
#   STRESS_PROCS    processes (default 3)
#   STRESS_JOBS     operations per process (default 10000; 50000 is a long run)
#   STRESS_THREADS  threads of the stress pool (default 2)
#   STRESS_MAX_JOBS the stress pool's max_jobs: a thread reboots its request after so many (default 300)
#   STRESS_BATCH    largest batch of jobs dispatched before they are awaited (default 100)
#   STRESS_DROP     weight of never-awaited jobs, per 1000 operations (default 50)
#   STRESS_SEED     base seed; process i uses seed+i (default: random, printed)
#   STRESS_TIMEOUT  seconds a process may run before it is called hung
#                   (default 120 + STRESS_JOBS / 20)
#   POGO_PHP        php binary (default: the ZTS debug build)
#   POGO_EXT        pogo.so (default: modules/pogo.so, rebuilt first)
#   STRESS_PHP_ARGS extra php options, e.g. "-d zend_extension=opcache.so -d opcache.enable_cli=1"
#
# A process fails when its script reports a mismatch, when it exits nonzero
# or dies on a signal, hangs, writes job output to stdout, or (debug builds)
# when PHP reports leaked memory on stderr. Ends with "N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
procs=${STRESS_PROCS:-3}
jobs=${STRESS_JOBS:-10000}
threads=${STRESS_THREADS:-2}
max_jobs=${STRESS_MAX_JOBS:-300}
seed=${STRESS_SEED:-$((RANDOM * 32768 + RANDOM))}
limit=${STRESS_TIMEOUT:-$((120 + jobs / 20))}
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
pogo_php_and_ext || exit 1
boot="$here/tests/stress/jobs.php"
args=(-n -d extension="$ext" -d memory_limit=128M -d display_errors=1 -d log_errors=0
	-d "pogo.pool.stress.bootstrap=$boot" -d "pogo.pool.stress.num_threads=$threads"
	-d pogo.pool.stress.max_wait=5m -d "pogo.pool.stress.max_jobs=$max_jobs"
	-d pogo.pool.stress.max_execution_time=60
	-d "pogo.pool.stress_slow.bootstrap=$boot" -d pogo.pool.stress_slow.num_threads=1
	-d pogo.pool.stress_slow.max_wait=5m -d pogo.pool.stress_slow.max_execution_time=1
	-d "pogo.pool.stress_wait.bootstrap=$boot" -d pogo.pool.stress_wait.num_threads=1
	-d pogo.pool.stress_wait.max_wait=3ms)
# shellcheck disable=SC2206
args+=(${STRESS_PHP_ARGS:-})

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== stress: $procs processes x $jobs operations, $("$php" -n -r 'echo PHP_VERSION, PHP_DEBUG ? " debug" : " release", PHP_ZTS ? " ZTS" : " NTS";'), $ext, seed $seed"
start=$(date +%s%N)
pids=()
for i in $(seq 1 "$procs"); do
	STRESS_JOBS=$jobs STRESS_SEED=$((seed + i)) \
		"$php" "${args[@]}" "$here/tests/stress/stress.php" >"$tmp/$i.out" 2>"$tmp/$i.err" &
	pids[i]=$!
done

# Wait for all, calling a process hung after $limit seconds (its threads'
# stacks are printed when gdb is there).
declare -A status
deadline=$(($(date +%s) + limit))
while :; do
	running=0
	for i in $(seq 1 "$procs"); do
		[ -n "${status[$i]:-}" ] && continue
		if kill -0 "${pids[i]}" 2>/dev/null && ! [ "$(ps -o stat= -p "${pids[i]}" 2>/dev/null | cut -c1)" = Z ]; then
			running=1
			if [ "$(date +%s)" -ge "$deadline" ]; then
				echo "process $i (pid ${pids[i]}) still running after $limit s: hung" >>"$tmp/$i.hung"
				if command -v gdb >/dev/null; then
					timeout 60 gdb -p "${pids[i]}" -batch -ex 'thread apply all bt' >>"$tmp/$i.hung" 2>&1
				fi
				kill -KILL "${pids[i]}" 2>/dev/null
			fi
		else
			wait "${pids[i]}"
			status[$i]=$?
		fi
	done
	[ $running = 0 ] && break
	sleep 0.2
done
elapsed_ms=$((($(date +%s%N) - start) / 1000000))

passed=0
failed=0
for i in $(seq 1 "$procs"); do
	problems=()
	rc=${status[$i]}
	[ -f "$tmp/$i.hung" ] && problems+=("hung")
	if [ "$rc" -gt 128 ] && [ "$rc" -le 192 ]; then
		problems+=("died on signal $((rc - 128))")
	elif [ "$rc" -ne 0 ]; then
		problems+=("exit status $rc")
	fi
	grep -q 'STRESS-JOB-OUTPUT' "$tmp/$i.out" && problems+=("job output on stdout")
	grep -q '^stress: OK$' "$tmp/$i.out" || problems+=("no 'stress: OK'")
	leaks=$(grep -E 'memory leaks? detected|Freed|^\[[^]]*\] Script:|AddressSanitizer|LeakSanitizer|runtime error:|Assertion .* failed' "$tmp/$i.err" | head -20)
	[ -n "$leaks" ] && problems+=("leak or assertion report on stderr")
	echo "-- process $i (seed $((seed + i)))"
	sed 's/^/   /' "$tmp/$i.out"
	if [ ${#problems[@]} -gt 0 ]; then
		failed=$((failed + 1))
		echo "   PROCESS FAILED: ${problems[*]}"
		# shellcheck disable=SC2001
		[ -n "$leaks" ] && sed 's/^/   stderr: /' <<<"$leaks"
		[ -f "$tmp/$i.hung" ] && sed 's/^/   /' "$tmp/$i.hung" | head -200
		echo "   last lines of stderr:"
		grep -v 'STRESS-JOB-OUTPUT' "$tmp/$i.err" | tail -15 | sed 's/^/   stderr: /'
	else
		passed=$((passed + 1))
	fi
done
printf "stress: %d processes in %d.%03d s\n" "$procs" $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
