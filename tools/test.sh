#!/usr/bin/env bash
# Pogo's test suite: what `make test` runs.
#
#   tools/test.sh all    unit, phpt (opcache off, then on), modules, nts, stress, fuzz, composer, e2e
#   tools/test.sh unit   Check unit tests of the plain-C files (jobs, queue, waiter, pool_config.c)
#   tools/test.sh phpt   the phpt suite on the ZTS debug build, opcache off and on
#   tools/test.sh modules  the module graph (tools/module-graph.php): no include or call cycle,
#                        no module using a higher layer (docs/design.md)
#   tools/test.sh nts    build on Debian's NTS php8.2-dev and run the NTS tests
#   tools/test.sh stress concurrent processes, every outcome checked (STRESS_JOBS sizes it)
#   tools/test.sh fuzz   seeded random values and timeouts through an echo job; every value
#                        that comes back is also compared with json_decode(json_encode())
#   tools/test.sh composer  composer.json: composer validate --strict, PIE's php-ext section, the stubs ship
#   tools/test.sh e2e    examples/app in php-fpm + nginx, Apache, FrankenPHP classic and worker
#                        mode under wrk, quick version (E2E_QUICK=1; E2E_SERVERS narrows it)
#
# TESTS=tests/dispatch_*.phpt narrows the phpt run.
# Each stage's output is also kept in $POGO_CACHE/logs/test-STAGE.log; a stage
# that fails is named at the end with its log, and a stage that cannot even
# start (a build, a missing tool) ends the run with the failure report of
# tools/lib.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
what=${1:-all}
cache=$POGO_CACHE
failed=()
passed_total=0
failed_total=0
log=

# stage_log NAME: starts the log of a stage (sets log).
stage_log() {
	log="$pogo_logs/test-$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '-').log"
	: >"$log"
	pogo_stage "$1" "$log"
}

# stage_failed NAME: records that a stage failed, with where its log is.
stage_failed() {
	failed+=("$1 (log: $log)")
	echo "test: stage \"$1\" FAILED; its log is $log" >&2
}

# count LOG: adds a runner's "Tests passed/failed" or Check's counts to the totals.
count() {
	local p f
	p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$1" | tail -1)
	passed_total=$((passed_total + ${p:-0}))
	failed_total=$((failed_total + ${f:-0}))
	# "N passed, N failed" lines of our own runners (stress, fuzz, e2e).
	p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' "$1" | tail -1)
	if ! grep -q '^Tests passed' "$1"; then
		passed_total=$((passed_total + ${p:-0}))
		failed_total=$((failed_total + ${f:-0}))
	fi
	while read -r checks fails errs; do
		passed_total=$((passed_total + checks - fails - errs))
		failed_total=$((failed_total + fails + errs))
	done < <(sed -n 's/^[0-9]*%: Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\)/\1 \2 \3/p' "$1")
}

need_check() {
	pogo_apt_install check pkg-config
}

run_unit() {
	need_check
	local prefix
	prefix=$("$here/tools/php-toolchain.sh" debug)
	echo "== Check unit tests"
	stage_log unit
	mkdir -p "$cache/unit"
	make -s -C tests/unit BUILD_DIR="$cache/unit" PHP_CONFIG="$prefix/bin/php-config" run 2>&1 |
		tee "$log" || stage_failed unit
	count "$log"
}

# run_phpt LABEL PHP EXT_DIR [extra -d options...]
run_phpt() {
	local label=$1 php=$2 ext_dir=$3
	shift 3
	local runner dir places=()
	echo "== phpt: $label"
	stage_log "phpt $label"
	# PHP's own run-tests.php: our toolchain's, or Debian's php-dev for Debian's php.
	for dir in "$(dirname "$(dirname "$php")")/lib/php" /usr/lib/php /usr/share/php; do
		[ -d "$dir" ] && places+=("$dir")
	done
	runner=$(find "${places[@]}" -name run-tests.php -print -quit 2>/dev/null || true)
	if [ -z "$runner" ]; then
		echo "test: no run-tests.php for $php (looked in ${places[*]:-nothing})" | tee "$log" >&2
		stage_failed "phpt ($label)"
		return
	fi
	# shellcheck disable=SC2086
	if ! TEST_PHP_EXECUTABLE="$php" REPORT_EXIT_STATUS=1 NO_INTERACTION=1 \
		"$php" -n "$runner" -n -q --show-diff -j"$(nproc)" \
		-d extension_dir="$ext_dir" -d extension=pogo "$@" ${TESTS:-tests/} 2>&1 | tee "$log"; then
		stage_failed "phpt ($label)"
	fi
	count "$log"
}

run_zts_phpt() {
	local prefix php
	prefix=$("$here/tools/php-toolchain.sh" debug)
	php="$prefix/bin/php"
	pogo_stage "build the extension (ZTS debug)"
	"$here/tools/build-ext.sh" zts >/dev/null
	run_phpt "ZTS debug, opcache off" "$php" "$here/modules"
	run_phpt "ZTS debug, opcache.enable_cli=1" "$php" "$here/modules" \
		-d zend_extension="$("$prefix/bin/php-config" --extension-dir)/opcache.so" -d opcache.enable_cli=1
}

run_nts() {
	local dir="$cache/nts-build" so
	echo "== NTS build on Debian's php8.2-dev"
	stage_log "nts build"
	if ! so=$("$here/tools/build-ext.sh" nts "$dir" 2> >(tee "$log" >&2)); then
		stage_failed "nts build"
		return
	fi
	local tests=("$dir"/tests/nts_*.phpt)
	if [ ! -f "${tests[0]}" ]; then
		echo "no tests/nts_*.phpt in the NTS build tree" | tee "$log" >&2
		stage_failed "nts tests missing"
		return
	fi
	TESTS="${tests[*]}" run_phpt "NTS (Debian php8.2)" "$(command -v php8.2)" "$(dirname "$so")"
}

# The module graph of the ZTS build just made: no cycle, no call up a layer.
run_modules() {
	run_tool modules "$("$here/tools/php-toolchain.sh" debug)/bin/php" "$here/tools/module-graph.php" "$here/.libs"
}

# run_tool LABEL COMMAND...: one of our own runners, which ends with "N passed, N failed".
run_tool() {
	local label=$1
	shift
	echo "== $label"
	stage_log "$label"
	if ! "$@" 2>&1 | tee "$log"; then
		stage_failed "$label"
	fi
	count "$log"
}

case "$what" in
	all)
		run_unit
		run_zts_phpt
		run_modules
		run_nts
		run_tool stress "$here/tools/stress.sh"
		run_tool fuzz "$here/tools/fuzz.sh"
		run_tool composer "$here/tools/composer-check.sh"
		# All four servers; FrankenPHP's two only where a Go can build it
		# (tools/e2e.sh prints a SKIP line otherwise).
		E2E_QUICK=1 run_tool e2e "$here/tools/e2e.sh"
		;;
	stress) run_tool stress "$here/tools/stress.sh" ;;
	fuzz) run_tool fuzz "$here/tools/fuzz.sh" ;;
	composer) run_tool composer "$here/tools/composer-check.sh" ;;
	e2e) E2E_QUICK=1 run_tool e2e "$here/tools/e2e.sh" ;;
	unit) run_unit ;;
	phpt) run_zts_phpt ;;
	modules) "$here/tools/build-ext.sh" zts >/dev/null && run_modules ;;
	nts) run_nts ;;
	*)
		echo "usage: tools/test.sh all|unit|phpt|modules|nts|stress|fuzz|composer|e2e" >&2
		exit 2
		;;
esac

echo
if [ ${#failed[@]} -gt 0 ]; then
	printf 'FAILED: %s\n' "${failed[@]}"
	echo "$passed_total passed, $failed_total failed"
	exit 1
fi
echo "all test stages passed"
echo "$passed_total passed, $failed_total failed"
