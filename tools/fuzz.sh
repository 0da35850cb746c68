#!/usr/bin/env bash
# Fuzz test: random nested PHP values through an echo job, each outcome checked,
# and each value that comes back compared, value by value, with what
# json_decode(json_encode()) makes of it (the binary transfer form must agree
# with ext/json; tests/fuzz/fuzz.php tells what is checked).
#
#   tools/fuzz.sh [SEED [COUNT]]     defaults: seed 1, 2000 cases
#
# Environment:
#   FUZZ_SEEDS      several seeds, run one after the other ("1 2 3"); overrides SEED
#   FUZZ_COUNT      cases per seed (when COUNT is not given)
#   FUZZ_THREADS    threads of each fuzz pool (default 2)
#   FUZZ_TIMEOUT    seconds a run may take before it is called hung (default 300 + COUNT / 10)
#   POGO_PHP        php binary (default: the ZTS debug build)
#   POGO_EXT        pogo.so (default: modules/pogo.so, rebuilt first)
#   FUZZ_PHP_ARGS   extra php options, e.g. "-d zend_extension=opcache.so -d opcache.enable_cli=1"
#
# A run fails when a case fails, when php exits nonzero or dies on a signal,
# hangs, or (debug builds) when PHP reports leaked memory on stderr.
# To replay one case: the FAIL line gives "fuzz.php SEED COUNT CASE"; run it
# with FUZZ_CASE=CASE tools/fuzz.sh SEED COUNT.
# Ends with "N passed, N failed" (cases, plus one failure per crashed run).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seeds=${FUZZ_SEEDS:-${1:-1}}
count=${2:-${FUZZ_COUNT:-2000}}
threads=${FUZZ_THREADS:-2}
limit=${FUZZ_TIMEOUT:-$((300 + count / 10))}
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
pogo_php_and_ext || exit 1
boot="$here/tests/fuzz/jobs.php"
args=(-n -d extension="$ext" -d memory_limit=1G -d display_errors=1 -d log_errors=0
	-d "pogo.pool.fuzz.bootstrap=$boot" -d "pogo.pool.fuzz.num_threads=$threads"
	-d pogo.pool.fuzz.max_wait=5m
	-d "pogo.pool.fuzz_php.bootstrap=$boot" -d "pogo.pool.fuzz_php.num_threads=$threads"
	-d "pogo.pool.fuzz_php.worker=$here/worker/pogo-worker.php" -d pogo.pool.fuzz_php.max_wait=5m)
# shellcheck disable=SC2206
args+=(${FUZZ_PHP_ARGS:-})

only=()
[ -n "${FUZZ_CASE:-}" ] && only=("$FUZZ_CASE")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== fuzz: seeds $seeds, $count cases each, $("$php" -n -r 'echo PHP_VERSION, PHP_DEBUG ? " debug" : " release", PHP_ZTS ? " ZTS" : " NTS";'), $ext"
passed=0
failed=0
for seed in $seeds; do
	rm -f "$tmp/progress"
	FUZZ_PROGRESS="$tmp/progress" timeout -s KILL "$limit" "$php" "${args[@]}" "$here/tests/fuzz/fuzz.php" "$seed" "$count" "${only[@]}" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	cat "$tmp/out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -1)
	p=0 f=0
	[ -n "$line" ] && read -r p _ f _ <<<"$line"
	passed=$((passed + p))
	failed=$((failed + f))
	problems=()
	if [ "$rc" = 137 ]; then
		problems+=("killed after $limit s (hung?)")
	elif [ "$rc" -gt 128 ] && [ "$rc" -le 192 ]; then
		problems+=("died on signal $((rc - 128))")
	elif [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then
		problems+=("exit status $rc")
	fi
	[ -z "$line" ] && problems+=("no 'N passed, N failed' line")
	leaks=$(grep -E 'memory leaks? detected|Freed|^\[[^]]*\] Script:|AddressSanitizer|LeakSanitizer|runtime error:|Assertion .* failed' "$tmp/err" | head -20)
	[ -n "$leaks" ] && problems+=("leak or assertion report on stderr")
	if [ ${#problems[@]} -gt 0 ]; then
		failed=$((failed + 1))
		echo "RUN FAILED (seed $seed): ${problems[*]}"
		[ -s "$tmp/progress" ] && echo "   the batch running started at case $(cat "$tmp/progress")"
		# shellcheck disable=SC2001
		[ -n "$leaks" ] && sed 's/^/   stderr: /' <<<"$leaks"
		echo "   last lines of stderr:"
		tail -15 "$tmp/err" | sed 's/^/   stderr: /'
	elif [ -s "$tmp/err" ]; then
		echo "   (stderr: $(wc -l <"$tmp/err") lines; last: $(tail -1 "$tmp/err" | cut -c1-200))"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
