#!/usr/bin/env bash
# make e2e: the same application (examples/app) in every server, under wrk.
#
#   tools/e2e.sh [fpm] [apache] [frankenphp] [worker]   (default: all four)
#   E2E_QUICK=1 tools/e2e.sh      2 s of load a page, 3 reloads, under a minute a server
#                                 (what `make test` runs)
#
# The servers, one after another, each by its own driver and in a directory
# of its own under /tmp that keeps every log:
#   fpm         php-fpm (ZTS) behind nginx            tools/e2e-fpm.sh
#   apache      Apache httpd, event MPM, ZTS mod_php  tools/e2e-server.sh apache
#   frankenphp  FrankenPHP, classic mode              tools/e2e-server.sh frankenphp
#   worker      FrankenPHP, worker mode (worker.php)  tools/e2e-server.sh worker
# In each: every page under wrk with every body checked, a page that
# dispatches and does not await, a job calling the server's functions,
# reloads under load, memory after them, a stop under load (within
# pogo.shutdown_timeout + 1 s) that leaves no process. Each server's checks
# print PASS or FAIL; then a table of every load run (per server and page:
# requests/s, p50, p99, wrong bodies, 5xx, crashes), and the total
# "N passed, N failed". The exit status is 0 only when none failed.
#
# Environment:
#   E2E_SERVERS="fpm apache frankenphp worker"   which servers (arguments win)
# By default, without a Go that can build FrankenPHP (a bare Debian 12 has
# none), frankenphp and worker are skipped with a SKIP line saying why;
# servers named by arguments or E2E_SERVERS always run.
#   E2E_QUICK=1, E2E_DURATION=N (seconds a page), E2E_RELOADS=N, E2E_OPCACHE=0
#   and those of each driver (tools/e2e-fpm.sh, tools/e2e-server.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"

servers=("$@")
chosen=${#servers[@]}
[ -z "${E2E_SERVERS:-}" ] || chosen=1
# shellcheck disable=SC2206 # a list of words
[ ${#servers[@]} -gt 0 ] || servers=(${E2E_SERVERS:-fpm apache frankenphp worker})
skipped=()
if [ "$chosen" = 0 ] && ! go_report=$("$here/tools/frankenphp.sh" --go 2>&1); then
	# By default (make test), FrankenPHP needs a Go that a bare Debian 12 lacks:
	# said here and at the end, never silently. Named servers always run.
	servers=(fpm apache)
	skipped=("frankenphp, worker: not run, no Go to build FrankenPHP with:" "$go_report")
	printf 'e2e: SKIP %s
' "${skipped[@]}"
fi
for s in "${servers[@]}"; do
	case "$s" in
		fpm | apache | frankenphp | worker) ;;
		*) echo "usage: e2e.sh [fpm] [apache] [frankenphp] [worker] (or E2E_SERVERS)" >&2; exit 2 ;;
	esac
done

out=$(mktemp -d /tmp/pogo-e2e.XXXXXX)
passed=0
failed=0
times=()
for s in "${servers[@]}"; do
	echo "== e2e: $s"
	start=$SECONDS
	if [ "$s" = fpm ]; then cmd=("$here/tools/e2e-fpm.sh"); else cmd=("$here/tools/e2e-server.sh" "$s"); fi
	rc=0
	"${cmd[@]}" 2>&1 | tee "$out/$s.log" || rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/$s.log" | tail -1 || true)
	if [ -z "$line" ]; then
		# The driver ended before its checks (a build, a tool): its report is above.
		failed=$((failed + 1))
		line="did not finish (exit $rc; its output: $out/$s.log)"
	else
		passed=$((passed + ${line%% *}))
		f=${line#*, }
		failed=$((failed + ${f%% *}))
		[ "$rc" = 0 ] || [ "${f%% *}" != 0 ] || { failed=$((failed + 1)); line+=", but exit $rc"; }
	fi
	times+=("$(printf '%-11s %4d s  %s' "$s" $((SECONDS - start)) "$line")")
done

echo
echo "== e2e: every load run (16 connections; crashes: of the server, over its whole run)"
printf '%-11s %-10s %10s %9s %9s %6s %5s %8s\n' server page 'req/s' 'p50 ms' 'p99 ms' wrong 5xx crashes
for s in "${servers[@]}"; do
	sed -n 's/^e2e-row: //p' "$out/$s.log" 2>/dev/null |
		while read -r server page rps p50 p99 wrong srv crashes; do
			printf '%-11s %-10s %10s %9s %9s %6s %5s %8s\n' "$server" "$page" "$rps" "$p50" "$p99" "$wrong" "$srv" "$crashes"
		done
done
echo
echo "== e2e: servers"
printf '  %s\n' "${times[@]}"
[ ${#skipped[@]} = 0 ] || printf '  SKIP %s\n' "${skipped[@]}"
echo "outputs in $out"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
