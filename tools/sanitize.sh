#!/usr/bin/env bash
# Pogo under sanitizers and valgrind.
#
#   tools/sanitize.sh asan      the phpt suite on the ZTS PHP built with ASan and UBSan (LSan
#                               included), Pogo built out of tree with the same flags
#   tools/sanitize.sh tsan      the Check queue tests built with -fsanitize=thread
#   tools/sanitize.sh valgrind  the phpt suite (run-tests.php -m) on the ZTS debug PHP, then the
#                               Check tests, under valgrind's memcheck
#   tools/sanitize.sh all       the three
#
# Any sanitizer report, valgrind error or leak fails its stage. Reports that
# are not Pogo's fault are suppressed by the files in tests/sanitizers/, each
# entry with its reason. TESTS=tests/dispatch_*.phpt narrows the phpt runs.
# Ends with "N passed, N failed"; every report file counts as one failure.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
what=${1:-all}
cache=${POGO_CACHE:-$HOME/.cache/pogo}
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

apt_install() {
	echo "sanitize: installing $*" >&2
	apt_get() { if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi; }
	apt_get update -qq
	DEBIAN_FRONTEND=noninteractive apt_get install -y -qq "$@" >&2
}

need_check() {
	pkg-config --exists check 2>/dev/null || apt_install check pkg-config
}

need_valgrind() {
	command -v valgrind >/dev/null || apt_install valgrind
}

# timed LABEL FUNCTION: runs a stage and records how long it took.
timed() {
	local start=$SECONDS
	"$2"
	timings+=("$(printf '%-34s %5d s' "$1" $((SECONDS - start)))")
}

runner_of() {
	find "$1/lib/php" -name run-tests.php | head -1
}

# unit TARGET: the Check tests of tests/unit/Makefile's TARGET, against the debug PHP's headers.
unit() {
	local target=$1 prefix status=0 before=$failed_total
	need_check
	prefix=$("$here/tools/php-toolchain.sh" debug)
	mkdir -p "$cache/unit"
	make -s -C tests/unit BUILD_DIR="$cache/unit" PHP_CONFIG="$prefix/bin/php-config" "$target" \
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

run_asan() {
	local prefix php dir reports wrapper runner status=0 report name
	echo "== ASan + UBSan: phpt"
	prefix=$("$here/tools/php-toolchain.sh" asan)
	php="$prefix/bin/php"
	dir="$cache/asan-build"
	if ! "$here/tools/build-ext.sh" asan "$dir" >/dev/null; then
		fail "asan build"
		return
	fi
	reports="$cache/asan-reports"
	rm -rf "$reports"
	mkdir -p "$reports"
	# run-tests.php runs this as its PHP: the reports of a test, and of the
	# PHP processes it starts (they inherit the options), go to
	# $reports/<test>.<pid>, so that none is lost in output a test ignores.
	wrapper="$dir/php-asan"
	cat >"$wrapper" <<-EOF
		#!/bin/sh
		name=php
		for a; do case \$a in *.php) name=\$(basename "\$a" .php); break ;; esac; done
		export ASAN_OPTIONS="\$POGO_ASAN_OPTIONS:log_path=$reports/\$name"
		export UBSAN_OPTIONS="\$POGO_UBSAN_OPTIONS:log_path=$reports/\$name"
		exec "$php" "\$@"
	EOF
	chmod +x "$wrapper"
	runner=$(runner_of "$prefix")
	# --asan: USE_ZEND_ALLOC=0 and USE_TRACKED_ALLOC=1 (every emalloc is a
	# malloc that ASan sees; what a request leaves is freed at its end, as the
	# Zend allocator would), timeouts x3. The runner itself checks no leaks.
	(
		cd "$dir"
		export POGO_ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
		export POGO_UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
		export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
		export ASAN_OPTIONS="detect_leaks=0" ZEND_DONT_UNLOAD_MODULES=1
		# shellcheck disable=SC2086
		TEST_PHP_EXECUTABLE="$wrapper" REPORT_EXIT_STATUS=1 NO_INTERACTION=1 \
			"$php" -n "$runner" -n -q --asan --show-diff -j"$(nproc)" \
			-d extension_dir="$dir/modules" -d extension=pogo ${TESTS:-tests/}
	) 2>&1 | tee "$log" || status=$?
	count "$log"
	[ "$status" = 0 ] || failed+=("asan phpt")
	for report in "$reports"/*; do
		[ -f "$report" ] || continue
		name=$(basename "$report")
		echo "== sanitizer report of ${name%.*} (pid ${name##*.})"
		cat "$report"
		fail "asan report ${name%.*}"
	done
}

# ---- ThreadSanitizer --------------------------------------------------------

run_tsan() {
	echo "== TSan: Check queue tests"
	unit tsan
}

# ---- valgrind ---------------------------------------------------------------

valgrind_opts() {
	echo "--leak-check=full --show-leak-kinds=definite,possible" \
		"--errors-for-leak-kinds=definite,possible --num-callers=40" \
		"--suppressions=$supp/valgrind.supp ${POGO_VALGRIND_OPTS:-}"
}

run_valgrind_phpt() {
	local prefix php runner status=0
	need_valgrind
	echo "== valgrind: phpt (ZTS debug)"
	prefix=$("$here/tools/php-toolchain.sh" debug)
	php="$prefix/bin/php"
	if ! "$here/tools/build-ext.sh" zts >/dev/null; then
		fail "zts build"
		return
	fi
	runner=$(runner_of "$prefix")
	# -m: each test runs under valgrind -q --trace-children=yes (so do the
	# PHP processes it starts) with USE_ZEND_ALLOC=0 and
	# ZEND_DONT_UNLOAD_MODULES=1; any output of valgrind marks the test LEAKED.
	# shellcheck disable=SC2086
	VALGRIND_OPTS="$(valgrind_opts)" TEST_PHP_EXECUTABLE="$php" REPORT_EXIT_STATUS=1 \
		NO_INTERACTION=1 "$php" -n "$runner" -n -q -m --show-diff --show-mem -j"$(nproc)" \
		-d extension_dir="$here/modules" -d extension=pogo ${VALGRIND_TESTS:-${TESTS:-tests/}} 2>&1 |
		tee "$log" || status=$?
	count "$log"
	[ "$status" = 0 ] || failed+=("valgrind phpt")
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
		timed "asan: phpt" run_asan
		timed "tsan: Check queue tests" run_tsan
		run_valgrind
		;;
	asan) timed "asan: phpt" run_asan ;;
	tsan) timed "tsan: Check queue tests" run_tsan ;;
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
