#!/usr/bin/env bash
# Pogo under sanitizers and valgrind.
#
#   tools/sanitize.sh asan      the phpt suite (opcache off, then on) on the ZTS PHP built with
#                               ASan and UBSan (LSan included), Pogo built out of tree with the
#                               same flags
#   tools/sanitize.sh tsan      the Check queue tests built with -fsanitize=thread, then the
#                               phpt suite (opcache off, then on; a few tests left out, see
#                               tsan_skip) on the ZTS PHP built with ThreadSanitizer, Pogo
#                               built out of tree with the same flags
#   tools/sanitize.sh valgrind  the phpt suite on the ZTS debug PHP, then the Check tests,
#                               under valgrind's memcheck
#   tools/sanitize.sh all       the three
#
# Any sanitizer report, valgrind error or leak fails its stage. Reports that
# are not Pogo's fault are suppressed by the files in tests/sanitizers/, each
# entry with its reason. TESTS=tests/dispatch_*.phpt narrows the phpt runs,
# VALGRIND_TESTS the valgrind one only.
# Ends with "N passed, N failed"; every report file counts as one failure.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
what=${1:-all}
cache=$POGO_CACHE
supp="$here/tests/sanitizers"
failed=()
timings=()
passed_total=0
failed_total=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# count LOG: adds a runner's "Tests passed/failed/leaked" or Check's counts to the totals.
count() {
	local p f l
	p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$1" | tail -1)
	l=$(sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p' "$1" | tail -1)
	passed_total=$((passed_total + ${p:-0}))
	failed_total=$((failed_total + ${f:-0} + ${l:-0}))
	while read -r checks fails errs; do
		passed_total=$((passed_total + checks - fails - errs))
		failed_total=$((failed_total + fails + errs))
	done < <(sed -n 's/^[0-9]*%: Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\)/\1 \2 \3/p' "$1")
}

# fail WHAT: a stage failed in a way its counts do not show (a report, a build).
fail() {
	failed+=("$1")
	failed_total=$((failed_total + 1))
}

need_check() {
	pogo_apt_install check pkg-config
}

need_valgrind() {
	command -v valgrind >/dev/null || pogo_apt_install valgrind
}

# timed LABEL COMMAND...: runs a stage and records how long it took.
timed() {
	local start=$SECONDS label=$1
	shift
	"$@"
	timings+=("$(printf '%-38s %5d s' "$label" $((SECONDS - start)))")
}

runner_of() {
	find "$1/lib/php" -name run-tests.php | head -1
}

# unit TARGET: the Check tests of tests/unit/Makefile's TARGET, against the debug PHP's headers.
# make runs under unit_run (a command prefix), if set.
unit_run=()
unit() {
	local target=$1 prefix status=0 before=$failed_total
	need_check
	prefix=$("$here/tools/php-toolchain.sh" debug)
	mkdir -p "$cache/unit"
	"${unit_run[@]}" make -s -C tests/unit BUILD_DIR="$cache/unit" PHP_CONFIG="$prefix/bin/php-config" "$target" \
		>"$log" 2>&1 || status=$?
	cat "$log"
	count "$log"
	if [ "$status" != 0 ]; then
		failed+=("unit ($target)")
		# A sanitizer or valgrind report fails the run without failing a check.
		[ "$failed_total" != "$before" ] || failed_total=$((failed_total + 1))
	fi
}

# ---- ASan + UBSan -----------------------------------------------------------

# asan_phpt LABEL [extra -d options...]: one run of the phpt suite on the
# ASan build made by run_asan.
asan_phpt() {
	local label=$1 status=0 report name forked_leaks=0
	shift
	echo "== ASan + UBSan: phpt, $label"
	rm -rf "$asan_reports"
	mkdir -p "$asan_reports"
	# --asan: USE_ZEND_ALLOC=0 and USE_TRACKED_ALLOC=1 (every emalloc is a
	# malloc that ASan sees; what a request leaves is freed at its end, as the
	# Zend allocator would), SKIP_PERF_SENSITIVE=1, timeouts x3. The runner
	# itself checks no leaks.
	(
		cd "$asan_dir"
		export POGO_ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
		export POGO_UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87:suppressions=$supp/ubsan.supp"
		# exitcode=0: a leak report does not change a process's exit status (a
		# forked child's, which the tests check); every report file still counts.
		export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0:exitcode=0"
		export ASAN_OPTIONS="detect_leaks=0" ZEND_DONT_UNLOAD_MODULES=1
		# shellcheck disable=SC2086
		TEST_PHP_EXECUTABLE="$asan_dir/php-asan" REPORT_EXIT_STATUS=1 NO_INTERACTION=1 \
			"$asan_php" -n "$(runner_of "$asan_prefix")" -n -q --asan --show-diff -j"$(nproc)" \
			-d extension_dir="$asan_dir/modules" -d extension=pogo "$@" ${TESTS:-tests/}
	) 2>&1 | tee "$log" || status=$?
	count "$log"
	[ "$status" = 0 ] || failed+=("asan phpt ($label)")
	if grep -q 'runtime error:' "$log"; then
		fail "ubsan report in the output above ($label)"
	fi
	for report in "$asan_reports"/*; do
		[ -f "$report" ] || continue
		name=$(basename "$report")
		# LSan's warning in a child forked from a threaded process (its
		# registry still lists the parent's threads) is no report by itself
		# (google/sanitizers#1479), and such a child's leaks are the parent
		# threads' memory: see tests/sanitizers/forked_child_leaks.awk.
		if ! grep -Ev '^(==[0-9]+==Running thread [0-9]+ was not suspended\. False leaks are possible\.)?$' \
			"$report" >/dev/null; then
			continue
		fi
		if [ "$(awk -f "$supp/forked_child_leaks.awk" "$report")" = inherent ]; then
			forked_leaks=$((forked_leaks + 1))
			continue
		fi
		echo "== sanitizer report of ${name%.*} (pid ${name##*.}), $label"
		cat "$report"
		fail "asan report ${name%.*} ($label)"
	done
}

# wrapper_head: the start of a sanitizer's PHP wrapper for run-tests.php,
# which sets name to the test's (or script's) name for its report files.
wrapper_head() {
	cat <<-'EOF'
		#!/bin/sh
		# run-tests.php runs a test as "php ... -f TEST.php", and its SKIPIF,
		# CLEAN and info scripts as "php ... FILE.php".
		name= prev= last=php
		for a; do
			[ "$prev" = -f ] && name=$a
			case $a in *.php) last=$a ;; esac
			prev=$a
		done
		name=$(basename "${name:-$last}" .php | tr -c 'A-Za-z0-9._\n-' _)
	EOF
}

run_asan() {
	asan_prefix=$("$here/tools/php-toolchain.sh" asan)
	asan_php="$asan_prefix/bin/php"
	asan_dir="$cache/asan-build"
	asan_reports="$cache/asan-reports"
	if ! "$here/tools/build-ext.sh" asan "$asan_dir" >/dev/null; then
		fail "asan build"
		return
	fi
	# run-tests.php runs this as its PHP. ASan's and LSan's reports of a test,
	# and of the PHP processes it starts (they inherit the options), go to
	# $asan_reports/<test>.<pid>, so that none is lost in output a test ignores.
	# UBSan's go to stderr whatever log_path says (libubsan's call to set it
	# binds to libasan's copy), but its exit status 87 leaves a note there.
	{
		wrapper_head
		cat <<-EOF
		export ASAN_OPTIONS="\$POGO_ASAN_OPTIONS:log_path=$asan_reports/\$name"
		export UBSAN_OPTIONS="\$POGO_UBSAN_OPTIONS"
		"$asan_php" "\$@"
		status=\$?
		if [ \$status = 87 ]; then
			echo "UBSan report (exit status 87): printed on stderr, see the output above" >"$asan_reports/\$name.\$\$"
		fi
		exit \$status
		EOF
	} >"$asan_dir/php-asan"
	chmod +x "$asan_dir/php-asan"
	timed "asan: phpt, opcache off" asan_phpt "opcache off"
	timed "asan: phpt, opcache.enable_cli=1" asan_phpt "opcache.enable_cli=1" \
		-d zend_extension="$("$asan_prefix/bin/php-config" --extension-dir)/opcache.so" -d opcache.enable_cli=1
}

# ---- ThreadSanitizer --------------------------------------------------------

# tsan_aslr: sets tsan_run to what TSan programs run under. gcc 12's TSan
# dies with "unexpected memory mapping" where the kernel randomizes mmap with
# more bits than it expects (vm.mmap_rnd_bits > 28): there it runs with
# ASLR off for its process tree (setarch -R), nothing system-wide changed.
# Decided on a tiny TSan program, before PHP's configure runs its own.
tsan_aslr() {
	local dir="$cache/tsan-probe"
	tsan_run=()
	mkdir -p "$dir"
	printf '#include <pthread.h>\nstatic void *f(void *a) { return a; }\n%s\n' \
		'int main(void) { pthread_t t; pthread_create(&t, 0, f, 0); return pthread_join(t, 0); }' \
		>"$dir/probe.c"
	gcc -fsanitize=thread -o "$dir/probe" "$dir/probe.c" -pthread
	if "$dir/probe" >"$dir/probe.log" 2>&1; then
		return
	fi
	if setarch "$(uname -m)" -R "$dir/probe" >>"$dir/probe.log" 2>&1; then
		echo "TSan needs ASLR off here (vm.mmap_rnd_bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null)): setarch -R"
		tsan_run=(setarch "$(uname -m)" -R)
		return
	fi
	cat "$dir/probe.log"
	return 1
}

# The tests that the TSan stage leaves out (unless TESTS names them), with why:
#  - lifecycle_fork, lifecycle_fork_running, lifecycle_fork_stress,
#    lifecycle_fork_long_parent: their
#    children, forked while pool threads run, start threads of their own,
#    which gcc 12's TSan cannot follow ("starting new threads after
#    multi-threaded fork is not supported"; with die_after_fork=0 it aborts
#    on "dup thread with used id" when a child's thread gets the id of one
#    of the parent's). The asan and valgrind stages run them.
#  - sapi_cli_server_functions: it stops its php -S with SIGTERM, which a
#    TSan PHP never acts on once it has served a request: zend_signal_handler()
#    (Zend/zend_signal.c) re-raises the signal after setting SIG_DFL with
#    the old sa_flags, SA_SIGINFO included, and gcc 12's TSan then keeps its
#    own handler and drops the signal; the test would wait forever.
#  - pool_max_queue, await_reentered_by_signal: they count on a worker thread
#    booting within tens of milliseconds (the first: the busy job is taken
#    before the third 10 ms probe; the second: the signal pool's thread
#    sends its signal before the other pool's 400 ms job ends), and do not
#    relax under SKIP_PERF_SENSITIVE. Under TSan a boot takes 30 ms alone,
#    and 300 ms in a process whose first suppressed report makes TSan load
#    PHP's debug information to match it.
tsan_skip=(lifecycle_fork lifecycle_fork_running lifecycle_fork_stress lifecycle_fork_long_parent
	sapi_cli_server_functions pool_max_queue await_reentered_by_signal)

# tsan_tests: the phpt files of the TSan runs (relative to the build dir).
tsan_tests() {
	local t skip
	if [ -n "${TESTS:-}" ]; then
		echo "$TESTS"
		return
	fi
	for t in tests/*.phpt; do
		for skip in "${tsan_skip[@]}"; do
			[ "$t" != "tests/$skip.phpt" ] || continue 2
		done
		echo "$t"
	done
}

# tsan_phpt LABEL [extra -d options...]: one run of the phpt suite on the
# TSan build made by run_tsan_phpt.
tsan_phpt() {
	local label=$1 status=0 report name
	shift
	echo "== TSan: phpt, $label"
	[ -n "${TESTS:-}" ] || echo "(left out under TSan, see tools/sanitize.sh: ${tsan_skip[*]})"
	rm -rf "$tsan_reports"
	mkdir -p "$tsan_reports"
	# What run-tests.php --asan sets (8.2 has no --tsan): USE_ZEND_ALLOC=0 and
	# USE_TRACKED_ALLOC=1 (every emalloc a malloc that TSan sees allocated and
	# freed, memory_limit still holds), SKIP_PERF_SENSITIVE=1, longer timeouts.
	# The runner is the plain debug PHP: only the tests run under TSan.
	# shellcheck disable=SC2046,SC2086
	(
		cd "$tsan_dir"
		export POGO_TSAN_OPTIONS="suppressions=$supp/tsan.supp:second_deadlock_stack=1:history_size=4"
		export USE_ZEND_ALLOC=0 USE_TRACKED_ALLOC=1 SKIP_PERF_SENSITIVE=1 ZEND_DONT_UNLOAD_MODULES=1
		TEST_TIMEOUT=180 TEST_PHP_EXECUTABLE="$tsan_dir/php-tsan" REPORT_EXIT_STATUS=1 NO_INTERACTION=1 \
			"$tsan_runner_php" -n "$(runner_of "$tsan_prefix")" -n -q --show-diff -j"$(nproc)" \
			-d extension_dir="$tsan_dir/modules" -d extension=pogo "$@" $(tsan_tests)
	) 2>&1 | tee "$log" || status=$?
	count "$log"
	[ "$status" = 0 ] || failed+=("tsan phpt ($label)")
	for report in "$tsan_reports"/*; do
		[ -s "$report" ] || continue
		name=$(basename "$report")
		echo "== TSan report of ${name%.*} (pid ${name##*.}), $label"
		cat "$report"
		fail "tsan report ${name%.*} ($label)"
	done
}

run_tsan_phpt() {
	tsan_prefix=$("${tsan_run[@]}" "$here/tools/php-toolchain.sh" tsan)
	tsan_php="$tsan_prefix/bin/php"
	tsan_runner_php="$("$here/tools/php-toolchain.sh" debug)/bin/php"
	tsan_dir="$cache/tsan-build"
	tsan_reports="$cache/tsan-reports"
	if ! "${tsan_run[@]}" "$here/tools/build-ext.sh" tsan "$tsan_dir" >/dev/null; then
		fail "tsan build"
		return
	fi
	# run-tests.php runs this as its PHP. TSan's reports of a test, and of the
	# PHP processes it starts (they inherit the options), go to
	# $tsan_reports/<test>.<pid>, so that none is lost in output a test ignores.
	{
		wrapper_head
		cat <<-EOF
		export TSAN_OPTIONS="\$POGO_TSAN_OPTIONS:log_path=$tsan_reports/\$name"
		exec ${tsan_run[*]} "$tsan_php" "\$@"
		EOF
	} >"$tsan_dir/php-tsan"
	chmod +x "$tsan_dir/php-tsan"
	timed "tsan: phpt, opcache off" tsan_phpt "opcache off"
	timed "tsan: phpt, opcache.enable_cli=1" tsan_phpt "opcache.enable_cli=1" \
		-d zend_extension="$("$tsan_prefix/bin/php-config" --extension-dir)/opcache.so" -d opcache.enable_cli=1
}

run_tsan() {
	if ! tsan_aslr; then
		fail "tsan: no working ThreadSanitizer"
		return
	fi
	echo "== TSan: Check queue tests"
	unit_run=("${tsan_run[@]}")
	timed "tsan: Check queue tests" unit tsan
	unit_run=()
	timed "tsan: toolchain, build, phpt" run_tsan_phpt
}

# ---- valgrind ---------------------------------------------------------------

# --fair-sched=yes: valgrind runs one thread at a time, and its default lock
# lets a spinning job thread (SpinJob) keep the CPU from the others for tens
# of seconds; fair scheduling hands it round in order.
valgrind_opts() {
	echo "--fair-sched=yes --leak-check=full --show-leak-kinds=definite,possible" \
		"--errors-for-leak-kinds=definite,possible --num-callers=40" \
		"--suppressions=$supp/valgrind.supp ${POGO_VALGRIND_OPTS:-}"
}

run_valgrind_phpt() {
	local prefix php dir reports status=0 report name
	need_valgrind
	echo "== valgrind: phpt (ZTS debug)"
	prefix=$("$here/tools/php-toolchain.sh" debug)
	php="$prefix/bin/php"
	if ! "$here/tools/build-ext.sh" zts >/dev/null; then
		fail "zts build"
		return
	fi
	dir="$cache/valgrind"
	reports="$dir/reports"
	rm -rf "$reports"
	mkdir -p "$reports"
	# Not run-tests.php -m: it gives every process of a test one log file,
	# which each PHP process the test starts (subprocess.inc) opens again and
	# truncates, losing what the test's own process and earlier children
	# reported. This wrapper runs a test's script (not its SKIPIF or CLEAN)
	# under valgrind, children included, each process logging to
	# $reports/<test>.<pid>; any output there is a finding. Children of
	# fork() are silent: their leaks are the parent threads' memory (see
	# tests/sanitizers/forked_child_leaks.awk); the ASan stage checks their
	# other errors.
	cat >"$dir/php-valgrind" <<-EOF
		#!/bin/sh
		# run-tests.php runs a test as "php ... -f TEST.php", and its SKIPIF,
		# CLEAN and info scripts as "php ... FILE.php".
		name= prev=
		for a; do [ "\$prev" = -f ] && name=\$(basename "\$a" .php); prev=\$a; done
		[ -n "\$name" ] || exec "$php" "\$@"
		exec valgrind -q --tool=memcheck --trace-children=yes --child-silent-after-fork=yes --log-file="$reports/\$name.%p" "$php" "\$@"
	EOF
	chmod +x "$dir/php-valgrind"
	# What run-tests.php -m sets: USE_ZEND_ALLOC=0 (every emalloc a malloc
	# that valgrind checks), ZEND_DONT_UNLOAD_MODULES=1 (symbols in reports),
	# a 300 s timeout. Plus USE_TRACKED_ALLOC=1, as --asan sets it: what a
	# request leaves (after a fatal error's bailout, by design) is freed at
	# its end as the Zend allocator would, and memory_limit holds; leaks of
	# emalloc'd memory are what the debug build reports in `make test`.
	# shellcheck disable=SC2086
	USE_ZEND_ALLOC=0 USE_TRACKED_ALLOC=1 ZEND_DONT_UNLOAD_MODULES=1 TEST_TIMEOUT=300 \
		SKIP_PERF_SENSITIVE=1 VALGRIND_OPTS="$(valgrind_opts)" \
		TEST_PHP_EXECUTABLE="$dir/php-valgrind" REPORT_EXIT_STATUS=1 NO_INTERACTION=1 \
		"$php" -n "$(runner_of "$prefix")" -n -q --show-diff -j"$(nproc)" \
		-d extension_dir="$here/modules" -d extension=pogo ${VALGRIND_TESTS:-${TESTS:-tests/}} 2>&1 |
		tee "$log" || status=$?
	count "$log"
	[ "$status" = 0 ] || failed+=("valgrind phpt")
	for report in "$reports"/*; do
		[ -s "$report" ] || continue
		name=$(basename "$report")
		echo "== valgrind report of ${name%.*} (pid ${name##*.})"
		cat "$report"
		fail "valgrind report ${name%.*}"
	done
}

run_valgrind_unit() {
	need_valgrind
	echo "== valgrind: Check tests"
	VALGRIND_OPTS="$(valgrind_opts)" unit valgrind
}

run_valgrind() {
	timed "valgrind: phpt" run_valgrind_phpt
	timed "valgrind: Check tests" run_valgrind_unit
}

case "$what" in
	all)
		timed "asan: toolchain, build, phpt x2" run_asan
		run_tsan
		run_valgrind
		;;
	asan) timed "asan: toolchain, build, phpt x2" run_asan ;;
	tsan) run_tsan ;;
	valgrind) run_valgrind ;;
	*)
		echo "usage: tools/sanitize.sh all|asan|tsan|valgrind" >&2
		exit 2
		;;
esac

echo
printf '%s\n' "${timings[@]}"
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	echo "$passed_total passed, $failed_total failed"
	exit 1
fi
echo "all sanitizer stages passed"
echo "$passed_total passed, $failed_total failed"
