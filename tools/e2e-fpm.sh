#!/usr/bin/env bash
# examples/app on the cached ZTS php-fpm behind nginx, under wrk: the php-fpm
# server of `make e2e` (tools/e2e.sh runs it, with the others).
#
#   tools/e2e-fpm.sh                 20 s of load per page
#   E2E_QUICK=1 tools/e2e-fpm.sh     3 s per page (what `make test` runs, under a minute)
#
# Installs nginx and wrk from Debian if they are missing, starts two php-fpm
# (the application's, and a second one for the 50 ms "remote API" that jobs
# call) and nginx as the current user on free loopback ports, in a new
# directory under /tmp that keeps every log. Then:
#   - warms every page up, and measures the children's memory;
#   - runs wrk (16 connections) on each page with a Lua script
#     (tools/e2e-check.lua) that checks every response's status and body,
#     and that no body holds the marker that every job prints; /detached.php
#     dispatches and never awaits, /server.php's job calls fpm's functions;
#   - runs wrk on /fanout.php again while php-fpm reloads (SIGUSR2), 3 times
#     (E2E_QUICK) or 20;
#   - a graceful stop (SIGQUIT) under load, within pogo.shutdown_timeout + 1 s;
#   - meanwhile samples php-fpm's children: their pids, threads and memory.
# Each check prints PASS or FAIL; the last line is "N passed, N failed", and
# the exit status is 0 only when none failed. Everything started here is
# stopped by its process id when the script ends, however it ends.
#
# Environment:
#   E2E_QUICK=1         3 s per page instead of 20
#   E2E_DURATION=N      seconds per page (overrides both)
#   E2E_POGO_SO=FILE    the extension to test (default: modules/pogo.so; the
#                       file must be called pogo.so)
#   E2E_PHP=debug|release   which cached ZTS toolchain (default debug; the
#                       extension must be built against the same one)
#   E2E_OPCACHE=0       without opcache (default: on, as in production)
#   E2E_RELOADS=N       reloads under load (default 20; E2E_QUICK: 3)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
# shellcheck source=tools/e2e-lib.sh
. "$here/tools/e2e-lib.sh"
app="$here/examples/app"

quick=${E2E_QUICK:-0}
if [ "$quick" = 1 ]; then duration=2 reloads=3 sequential=11; else duration=20 reloads=20 sequential=30; fi
reloads=${E2E_RELOADS:-$reloads}
shutdown_timeout=3 # pogo.shutdown_timeout in examples/app/conf.d/pogo.ini
duration=${E2E_DURATION:-$duration}
flavor=${E2E_PHP:-debug}
so=${E2E_POGO_SO:-$here/modules/pogo.so}
opcache=${E2E_OPCACHE:-1}
connections=16
marker=POGO-E2E-JOB-OUTPUT
children=2 # per php-fpm pool: [app] (recycled) and [steady]
# Pool sizes, as in examples/app/conf.d/pogo.ini: a child has 1 + the sizes
# of the pools it has started (they start at its first dispatch to each).
pool_sizes=(4 4 2)

log() { printf 'e2e: [%3d s] %s\n' "$SECONDS" "$*"; }
die() { printf 'e2e: %s\n' "$*" >&2; exit 1; }

# ---- tools ------------------------------------------------------------------

# Debian's nginx package starts a system nginx on port 80 where it can:
# installed with no service start.
pogo_apt_install_nostart nginx wrk curl procps
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

prefix=$("$here/tools/php-toolchain.sh" "$flavor")
php="$prefix/bin/php"
php_fpm="$prefix/sbin/php-fpm"
[ -x "$php_fpm" ] || die "no php-fpm in $prefix"
[ -f "$so" ] || die "no extension at $so (make build)"
[ "$(basename "$so")" = pogo.so ] || die "E2E_POGO_SO must name a file called pogo.so"
so=$(cd "$(dirname "$so")" && pwd)/pogo.so

run=$(mktemp -d /tmp/pogo-e2e.XXXXXX)
mkdir -p "$run/nginx" "$run/expect" "$run/wrk"
log "logs in $run"

# ---- stopping everything we start, by pid -----------------------------------

pids=() # long-running processes started here, stopped at exit
sampler_pid=
reloader_pid=

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	local p
	for p in "$sampler_pid" "$reloader_pid" "$wrk_pid"; do
		[ -z "$p" ] || { stop_pid "$p" TERM 2 || true; wait "$p" 2>/dev/null || true; }
	done
	# nginx first (no new requests), then the php-fpm masters: SIGQUIT is
	# their graceful stop; they stop their own children.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		stop_pid "${pids[$i]}" QUIT 25 || true
		wait "${pids[$i]}" 2>/dev/null || true
	done
	log "logs kept in $run"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- configuration ----------------------------------------------------------

read -r http_port slow_port fpm_port steady_fpm_port slow_fpm_port < <(free_ports "$php" 5)

# pm.max_requests of the [app] pool: its children are recycled many times.
if [ "$quick" = 1 ]; then max_requests=${E2E_MAX_REQUESTS:-300}; else max_requests=${E2E_MAX_REQUESTS:-1000}; fi

if [ "$(id -u)" = 0 ]; then
	user_line="user $(id -un) $(id -gn);" # nginx's workers would otherwise be nobody
	fpm_root=(-R)                         # php-fpm refuses root without it
else
	user_line=
	fpm_root=()
fi

render() { # render TEMPLATE OUT
	sed -e "s#@RUN_DIR@#$run#g" -e "s#@APP_DIR@#$app#g" -e "s#@HTTP_PORT@#$http_port#g" \
		-e "s#@SLOW_PORT@#$slow_port#g" -e "s#@FPM_PORT@#$fpm_port#g" \
		-e "s#@STEADY_FPM_PORT@#$steady_fpm_port#g" -e "s#@LOG_LEVEL@#debug#g" \
		-e "s#@SLOW_FPM_PORT@#$slow_fpm_port#g" -e "s#@MAX_CHILDREN@#$children#g" \
		-e "s#@MAX_REQUESTS@#$max_requests#g" -e "s#@USER_LINE@#$user_line#g" "$1" >"$2"
}
render "$app/deploy/php-fpm.conf.in" "$run/php-fpm.conf"
render "$app/deploy/slow-fpm.conf.in" "$run/slow-fpm.conf"
render "$app/deploy/nginx.conf.in" "$run/nginx.conf"

{
	echo "; php.ini of the application's php-fpm; Pogo and its pools: $app/conf.d/pogo.ini"
	echo "extension_dir = $(dirname "$so")"
	echo "memory_limit = 128M"
	echo "display_errors = Off"
	echo "log_errors = On"
	echo "error_reporting = E_ALL"
	if [ "$opcache" = 1 ]; then
		echo "zend_extension = $("$prefix/bin/php-config" --extension-dir)/opcache.so"
		echo "opcache.enable = 1"
		echo "opcache.memory_consumption = 64"
	fi
} >"$run/php.ini"

e2e_expect "$php" "$so" "$app" "$run/expect"
e2e_server_subs fpm-fcgi "$run/expect"

# ---- start ------------------------------------------------------------------

"$php_fpm" "${fpm_root[@]}" -n -F -y "$run/slow-fpm.conf" >>"$run/slow-fpm.stderr" 2>&1 &
pids+=($!)
POGO_APP_DIR="$app" PHP_INI_SCAN_DIR="$app/conf.d" \
	"$php_fpm" "${fpm_root[@]}" -c "$run/php.ini" -F -y "$run/php-fpm.conf" >>"$run/php-fpm.stderr" 2>&1 &
fpm_pid=$!
pids+=("$fpm_pid")
"$nginx_bin" -p "$run" -c "$run/nginx.conf" -e "$run/nginx-error.log" >>"$run/nginx.stderr" 2>&1 &
pids+=($!)

base="http://127.0.0.1:$http_port"
wait_http "$base/index.php" 20 || die "the application did not answer at $base (see $run)"
wait_http "http://127.0.0.1:$slow_port/slow.php" 10 || die "slow.php did not answer (see $run)"
log "php-fpm $fpm_pid: pools [app] and [steady], $children children each ([app]: pm.max_requests $max_requests)"
log "nginx on $base; $("$php_fpm" -v | head -1 | cut -d'(' -f1)($flavor)$([ "$opcache" = 1 ] && echo ", opcache")"

# ---- checks -----------------------------------------------------------------

passed=0
failed=0

# children_now: the pids of php-fpm's children (both pools)
children_now() { pgrep -P "$fpm_pid" || true; }
pool_of() { # pool_of PID: the php-fpm pool a child serves ("php-fpm: pool NAME")
	local title
	title=$(ps -o args= -p "$1" 2>/dev/null) || return 1
	title=${title#*pool }
	echo "${title%% *}"
}

# Thread counts a child may have: 1 + the sizes of any pools it started.
declare -A allowed_threads=([1]=1)
for size in "${pool_sizes[@]}"; do
	for t in "${!allowed_threads[@]}"; do allowed_threads[$((t + size))]=1; done
done
full_threads=1
for size in "${pool_sizes[@]}"; do full_threads=$((full_threads + size)); done

# rss_steady: "pid:threads:rss_kB" of each child of the [steady] pool
rss_steady() {
	local c
	for c in $(children_now); do
		[ "$(pool_of "$c")" = steady ] || continue
		printf '%s:%s:%s ' "$c" "$(status_field "$c" Threads || echo 0)" "$(status_field "$c" VmRSS || echo 0)"
	done
}

# warm SECONDS TAG: a short run of each page, so that every child runs every
# page (and starts every pool), and its allocators grow to their size under load.
warm() {
	local page
	for page in "${pages[@]}"; do
		load "$page" "$1" "warm-$page-$2"
	done
}

# The fan-out's latency against the sum of its jobs' times, one request at a
# time before any load.
for i in $(seq 1 "$sequential"); do
	curl -fs --max-time 10 "$base/fanout.php" || echo '{"timing":{"elapsed_ms":-1,"sum_ms":-1}}'
done >"$run/fanout-sequential.json"
# shellcheck disable=SC2016 # PHP code
read -r fan_elapsed fan_sum fan_jobs < <("$php" -n -r '
	$e = $s = $j = [];
	foreach (file($argv[1]) as $line) {
		$r = json_decode($line, true);
		$e[] = $r["timing"]["elapsed_ms"];
		$s[] = $r["timing"]["sum_ms"];
		foreach ($r["timing"]["jobs_ms"] ?? [] as $k => $v) { $j[$k][] = $v; }
	}
	$med = static function (array $v) { sort($v); return $v[intdiv(count($v), 2)]; };
	$jobs = [];
	foreach ($j as $k => $v) { $jobs[] = "$k " . $med($v); }
	echo $med($e), " ", $med($s), " ", implode(", ", $jobs), "\n";' "$run/fanout-sequential.json")

pages=(fanout fragments post faults server detached)
warm_secs=$((duration < 10 ? 1 : 4))
log "warming up: ${warm_secs}s of each page"
warm "$warm_secs" before
rss_before=$(rss_steady)

# The child survives it: "no child crashed" below.
check_server_functions "server functions in a job" "$base"

# A handle of an earlier request (/detached.php dispatched it and did not
# await it) is foreign to this one.
check_foreign_handle "handles end with their request" "$base"
check_metrics "metrics.php (Prometheus)" "$base"

# The sampler: every 0.2 s, each child's pid, pool, threads and RSS.
(
	trap 'exit 0' TERM
	declare -A pool
	while :; do
		now=$(date +%s.%N)
		for c in $(children_now); do
			[ -n "${pool[$c]:-}" ] || pool[$c]=$(pool_of "$c" || echo '?')
			echo "$now $c ${pool[$c]} $(status_field "$c" Threads || echo 0) $(status_field "$c" VmRSS || echo 0)"
		done
		sleep 0.2
	done
) >"$run/children.log" 2>/dev/null &
sampler_pid=$!

for page in "${pages[@]}"; do
	log "wrk: $page, ${duration}s, $connections connections"
	load "$page" "$duration" "$page"
	judge "/$page.php$([ "$page" = faults ] && echo '?kind=*')" "$page"
done
rss_after=$(rss_steady)

# Graceful reloads (SIGUSR2) during a run, 2 s apart.
reload_secs=$((reloads * 2 + 4))
log "wrk: fanout, ${reload_secs}s, php-fpm reloaded (SIGUSR2) $reloads times"
children_before_reload=$(children_now | sort -n | tr '\n' ' ')
(
	trap 'exit 0' TERM
	sleep 2
	for ((i = 0; i < reloads; i++)); do kill -USR2 "$fpm_pid"; sleep 2; done
) &
reloader_pid=$!
load fanout "$reload_secs" reload
wait "$reloader_pid" || true
reloader_pid=
children_after_reload=$(children_now | sort -n | tr '\n' ' ')
judge "$reloads reloads under load (SIGUSR2)" reload

sleep 1 # children recycled last finish exiting
warm 1 after
stop_pid "$sampler_pid" TERM 2
sampler_pid=
judge "warm-up runs" warm-{fanout,fragments,post,faults,server,detached}-{before,after}

# The reload: the master stays, its children before were replaced, and
# each of them exited with code 0.
reloaded=1
for c in $children_before_reload; do
	[ -d "/proc/$c" ] && reloaded=0
	grep -q "child $c exited with code 0 " "$run/php-fpm.log" || reloaded=0
done
n=$(grep -c "Reloading in progress" "$run/php-fpm.log" || true)
[ "$n" = "$reloads" ] || reloaded=0
kill -0 "$fpm_pid" 2>/dev/null || reloaded=0
pogo_check "reloads replaced children" "$reloaded" \
	"$n reloads; master $fpm_pid kept; children [${children_before_reload% }] exited with code 0 -> [${children_after_reload% }]"

# No job output in any response (the Lua script looked for the marker in
# each), and the jobs' output went to the php-fpm log.
in_log=$(grep -c "$marker" "$run/php-fpm.log" || true)
pogo_check "no job output in responses" "$([ "$total_marked" = 0 ] && [ "$in_log" -gt 0 ] && echo 1 || echo 0)" \
	"$total_marked responses held the marker; $in_log lines of job output in php-fpm.log (the children's stderr)"

# Memory: each child of [steady] (never recycled) after the runs, against
# after warm-up.
ok=1 detail='' n=0
for entry in $rss_before; do
	IFS=: read -r c t r <<<"$entry"
	after=$(tr ' ' '\n' <<<"$rss_after" | grep "^$c:" || true)
	if [ -z "$after" ]; then
		ok=0
		detail+="child $c gone; "
		continue
	fi
	IFS=: read -r _ t2 r2 <<<"$after"
	growth=$(((r2 - r) * 1000 / r))
	[ "$growth" -le 100 ] || ok=0
	[ "$t" = "$full_threads" ] || ok=0
	n=$((n + 1))
	detail+=$(printf 'child %s (%s threads): %d -> %d kB (%+.1f%%); ' "$c" "$t2" "$r" "$r2" "$(awk -v g="$growth" 'BEGIN { print g / 10 }')")
done
[ "$n" -gt 0 ] || ok=0
pogo_check "children memory (10%)" "$ok" "[steady] after warm-up -> after the runs: ${detail%; }"

# pm.max_requests: [app]'s children recycled during the runs, each exited
# with code 0 and is gone, none lost a request (the runs above), and no
# live child has a thread more than its started pools.
declare -A seen_pool=()
while read -r _ c p _; do seen_pool[$c]=$p; done <"$run/children.log"
live=$(children_now | sort -n)
recycled=0 lingering=() not_logged=()
for c in "${!seen_pool[@]}"; do
	[ "${seen_pool[$c]}" = app ] || continue
	# gone before the reload: recycled by pm.max_requests
	grep -qw "$c" <<<"$children_before_reload" && continue
	grep -qx "$c" <<<"$live" && continue
	recycled=$((recycled + 1))
	# one recycled just now may still be stopping its pools
	for ((i = 0; i < (shutdown_timeout + 1) * 10; i++)); do
		[ -d "/proc/$c" ] || break
		sleep 0.1
	done
	[ -d "/proc/$c" ] && lingering+=("$c")
	grep -q "child $c exited with code 0 " "$run/php-fpm.log" || not_logged+=("$c")
done
bad_threads=() live_threads=
for c in $live; do
	t=$(status_field "$c" Threads) || continue
	live_threads+="$(pool_of "$c"):$t "
	[ -n "${allowed_threads[$t]:-}" ] || bad_threads+=("$c:$t")
done
max_threads=$(awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$run/children.log")
ok=1
[ "$recycled" -gt 0 ] && [ ${#lingering[@]} = 0 ] && [ ${#not_logged[@]} = 0 ] && [ ${#bad_threads[@]} = 0 ] &&
	[ "$max_threads" -le "$full_threads" ] || ok=0
detail="$recycled [app] children recycled during the runs"
if [ ${#lingering[@]} = 0 ] && [ ${#not_logged[@]} = 0 ]; then
	detail+=", all gone and exited with code 0"
else
	detail+=", ${#lingering[@]} still there [${lingering[*]:0:5}], ${#not_logged[@]} without an exit with code 0 [${not_logged[*]:0:5}]"
fi
detail+="; threads of live children [${live_threads% }], most seen $max_threads (allowed: 1 + the pools started, at most $full_threads)"
pogo_check "pm.max_requests recycling" "$ok" "$detail${bad_threads:+; wrong [${bad_threads[*]}]}"

# No child died on a signal: a worker thread's crash, or one of PHP's
# shutdown with a job still running (children exit with jobs of
# faults.php?kind=timeout running).
crashes=$(grep -c "exited on signal" "$run/php-fpm.log" || true)
pogo_check "no child crashed" "$([ "$crashes" = 0 ] && echo 1 || echo 0)" \
	"$crashes 'exited on signal' in php-fpm.log$([ "$crashes" -gt 0 ] && printf ', e.g. %s' "$(grep -m1 'exited on signal' "$run/php-fpm.log" | cut -c1-150)")"

# Fan-out: the page takes about as long as its slowest job, not their sum.
pogo_check "fan-out in parallel" "$(awk -v e="$fan_elapsed" -v s="$fan_sum" 'BEGIN { print (e > 0 && e < s) ? 1 : 0 }')" \
	"median of $sequential requests one at a time: page ${fan_elapsed} ms, sum of its jobs ${fan_sum} ms ($fan_jobs)"

# A graceful stop (SIGQUIT) under load: the children finish their request,
# Pogo its running jobs (pogo.shutdown_timeout), and the master exits.
before_stop=$(tree "$fpm_pid" | tr '\n' ' ')
load_start fanout $((quick ? 5 : 8)) stop # SIGQUIT 2 s in
sleep 2
log "SIGQUIT to php-fpm $fpm_pid under load"
start=$(date +%s%N)
if stop_pid "$fpm_pid" QUIT $((shutdown_timeout + 1)); then
	rc=0
	wait "$fpm_pid" || rc=$?
	detail="stopped in $((($(date +%s%N) - start) / 1000000)) ms, exit status $rc"
	stopped=$([ "$rc" = 0 ] && echo 1 || echo 0)
else
	wait "$fpm_pid" 2>/dev/null || true
	detail="still running after $((shutdown_timeout + 1)) s: killed"
	stopped=0
fi
load_wait
sleep 0.5
left=()
for p in $before_stop; do [ -d "/proc/$p" ] && left+=("$p"); done
pogo_check "stop under load (SIGQUIT)" "$stopped" \
	"limit $((shutdown_timeout + 1)) s: $detail; wrk meanwhile: $(result stop requests) requests, $(result stop wrong) wrong (nginx answers 502 once php-fpm is gone)"
pogo_check "no process left" "$([ ${#left[@]} = 0 ] && echo 1 || echo 0)" \
	"$(if [ ${#left[@]} = 0 ]; then echo "all of [${before_stop% }] gone"; else echo "still there: ${left[*]}"; fi)"

for page in "${pages[@]}" reload; do row fpm "$page" "$page" "$crashes"; done
log "php-fpm log: $run/php-fpm.log; nginx: $run/nginx-error.log, $run/nginx-access.log; wrk: $run/wrk/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
