#!/usr/bin/env bash
# examples/app in Apache (event MPM, ZTS mod_php) or FrankenPHP (classic or
# worker mode) under wrk: one server of `make e2e` (tools/e2e.sh runs it).
#
#   tools/e2e-server.sh apache | frankenphp | worker
#
# Builds what is missing (the server's PHP, FrankenPHP, Pogo against that
# PHP, out of tree in $POGO_CACHE/servers/pogo-KIND), renders the server's
# configuration from examples/app/deploy/ in a new directory under /tmp
# that keeps every log, starts it on free loopback ports (with `php -S`
# serving slow.php, the 50 ms "remote API"), then:
#   - warms every page up, and samples the server's memory and threads
#     (E2E_QUICK: the page runs below are the warm-up, sampled after them);
#   - a job calling the server's own functions; a handle of an earlier
#     request, which this one may not await; in worker mode, that the
#     worker script served the pages;
#   - wrk on each page, every response's status and body checked
#     (tools/e2e-check.lua), /detached.php dispatching and never awaiting;
#   - reloads under load (Apache: apache2 -k graceful; FrankenPHP: the admin
#     API's reload, which restarts PHP in the same process), then memory
#     and threads again, against after warm-up;
#   - no job output in a response, no crash;
#   - a stop under load (SIGTERM), within pogo.shutdown_timeout + 1 s,
#     leaving no process behind.
# Each check prints PASS or FAIL, each load run an "e2e-row:" line for
# tools/e2e.sh's table; the last line is "N passed, N failed".
#
# Environment: E2E_QUICK, E2E_DURATION, E2E_RELOADS, E2E_OPCACHE (tools/e2e.sh);
# E2E_EMBED_SO / E2E_APACHE_SO: a Pogo build to test instead; E2E_ASAN=1:
# PHP and Pogo built with ASan+UBSan (the asan-apache or asan-embed
# toolchain; FrankenPHP built with go build -asan, libasan preloaded into
# Apache), and any report fails.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
# shellcheck source=tools/e2e-lib.sh
. "$here/tools/e2e-lib.sh"
app="$here/examples/app"
server=${1:-}
case "$server" in
	apache | frankenphp | worker) ;;
	*) echo "usage: e2e-server.sh apache|frankenphp|worker" >&2; exit 2 ;;
esac

quick=${E2E_QUICK:-0}
if [ "$quick" = 1 ]; then duration=2 reloads=3 sequential=11; else duration=20 reloads=20 sequential=30; fi
duration=${E2E_DURATION:-$duration}
reloads=${E2E_RELOADS:-$reloads}
opcache=${E2E_OPCACHE:-1}
connections=16
marker=POGO-E2E-JOB-OUTPUT
shutdown_timeout=3 # pogo.shutdown_timeout in examples/app/conf.d/pogo.ini
pool_threads=10    # 4 + 4 + 2: the pools of conf.d/pogo.ini
apache_servers=2 apache_threads=25 # ThreadsPerChild: more than wrk's connections (apache.conf.in says why)
num_threads=8 workers=4 # FrankenPHP's PHP threads, and worker mode's workers
[ "$server" != worker ] || num_threads=9 # more than the workers
log() { printf 'e2e-%s: [%3d s] %s\n' "$server" "$SECONDS" "$*"; }
passed=0
failed=0
pogo_check_width=34

# ---- builds -----------------------------------------------------------------

pogo_stage "tools"
pogo_apt_install curl wrk procps
asan=${E2E_ASAN:-0}
if [ "$server" = apache ]; then
	pogo_stage "Apache's mod_php"
	flavor=apache
	[ "$asan" = 0 ] || flavor=asan-apache
	prefix=$("$here/tools/php-toolchain.sh" "$flavor")
	so=${E2E_APACHE_SO:-$("$here/tools/build-ext.sh" "$flavor" "$POGO_CACHE/servers/pogo-$flavor")}
	binary=$("$here/tools/apache.sh" "$POGO_CACHE/apache" | head -1) # installs apache2
else
	pogo_stage "FrankenPHP"
	flavor=embed
	[ "$asan" = 0 ] || flavor=asan-embed
	binary=$(FRANKENPHP_ASAN=$asan "$here/tools/frankenphp.sh")
	prefix=$("$here/tools/php-toolchain.sh" "$flavor")
	so=${E2E_EMBED_SO:-$("$here/tools/build-ext.sh" "$flavor" "$POGO_CACHE/servers/pogo-$flavor")}
fi
pogo_stage "e2e"
[ "$(basename "$so")" = pogo.so ] || { log "the Pogo build must be a file called pogo.so: $so"; exit 1; }
php="$prefix/bin/php"

run=$(mktemp -d "/tmp/pogo-e2e-$server.XXXXXX")
chmod 755 "$run" # Apache's children (www-data, when run by root) read it
mkdir -p "$run/expect" "$run/wrk" "$run/cores" "$run/asan"
chmod 1777 "$run/asan" # written by Apache's children too
if [ "$asan" = 1 ]; then
	# Every emalloc a malloc that ASan sees; leaks not checked (the servers
	# leave memory to the process's exit). Reports: $run/asan/report.PID.
	# FrankenPHP: tracked too, so that memory_limit still holds (the faults
	# page's memory fault needs it). Not Apache: PHP 8.2's tracked allocator
	# reads freed memory in tracked_free_all() when a child's tsrm_shutdown()
	# frees every thread's heap (no Pogo frame in the report; see
	# docs/sanitizers.md).
	export USE_ZEND_ALLOC=0
	[ "$server" = apache ] || export USE_TRACKED_ALLOC=1
	export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:log_path=$run/asan/report"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitizers/ubsan.supp"
fi
log "logs in $run"

pids=()
cleanup() {
	local rc=$? i kids k
	trap - EXIT INT TERM
	[ -z "$wrk_pid" ] || { stop_pid "$wrk_pid" TERM 2 || true; wait "$wrk_pid" 2>/dev/null || true; }
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		# php -S leaves its PHP_CLI_SERVER_WORKERS running when it stops
		kids=$(tree "${pids[$i]}" | tail -n +2)
		stop_pid "${pids[$i]}" TERM 20 || true
		wait "${pids[$i]}" 2>/dev/null || true
		for k in $kids; do stop_pid "$k" TERM 5 || true; done
	done
	log "logs kept in $run"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- configuration ----------------------------------------------------------

read -r http_port slow_port admin_port < <(free_ports "$php" 3)
user=$(id -un) group=$(id -gn)
if [ "$(id -u)" = 0 ] && [ "$server" = apache ]; then
	user=www-data group=$(id -gn www-data)
	chown "$user" "$run/cores"
	# The children serve the pages and boot Pogo's workers as www-data: a
	# checkout they cannot read (under /root, mode 700 on Debian, as in
	# make fresh's tree) is copied into the run directory for them.
	if ! runuser -u "$user" -- test -r "$app/public/index.php" 2>/dev/null; then
		log "$user cannot read $app: serving a copy in $run/app"
		cp -a "$app" "$run/app"
		chmod -R a+rX "$run/app"
		app="$run/app"
	fi
fi
render() { # render TEMPLATE OUT [DIR]: DIR (default $run) is the run directory it names
	sed -e "s#@RUN_DIR@#${3:-$run}#g" -e "s#@APP_DIR@#$app#g" -e "s#@HTTP_PORT@#$http_port#g" \
		-e "s#@SLOW_PORT@#$slow_port#g" -e "s#@ADMIN_PORT@#$admin_port#g" \
		-e "s#@NUM_THREADS@#$num_threads#g" -e "s#@WORKERS@#$workers#g" \
		-e "s#@USER@#$user#g" -e "s#@GROUP@#$group#g" -e "s#@MODULES@#/usr/lib/apache2/modules#g" \
		-e "s#@LIBPHP@#$prefix/libexec/libphp.so#g" -e "s#@SERVERS@#$apache_servers#g" \
		-e "s#@SERVER_LIMIT@#$((apache_servers * 2))#g" -e "s#@THREADS@#$apache_threads#g" \
		-e "s#@MAX_WORKERS@#$((apache_servers * apache_threads))#g" "$1" >"$2"
}
render_config() { # render_config DIR: the server's configuration in DIR
	case "$server" in
		apache) render "$app/deploy/apache.conf.in" "$1/httpd.conf" "$1" ;;
		frankenphp) render "$app/deploy/Caddyfile.in" "$1/Caddyfile" "$1" ;;
		worker) render "$app/deploy/Caddyfile-worker.in" "$1/Caddyfile" "$1" ;;
	esac
}
render_config "$run"
{
	echo "; php.ini of the application's $server; Pogo and its pools: $app/conf.d/pogo.ini"
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
case "$server" in apache) sapi=apache2handler ;; *) sapi=frankenphp ;; esac
e2e_server_subs "$sapi" "$run/expect"

# ---- start ------------------------------------------------------------------

# The remote API: PHP's built-in server, 16 processes (each serves one request at a time).
PHP_CLI_SERVER_WORKERS=16 "$php" -n -S "127.0.0.1:$slow_port" -t "$app/public" >"$run/slow.log" 2>&1 </dev/null &
pids+=($!)
export POGO_APP_DIR="$app"
# start_server DIR SCAN_DIR: the server with DIR's configuration and php.ini,
# PHP reading SCAN_DIR's .ini files (conf.d/pogo.ini: Pogo and its pools);
# sets pid, ctl (the reload command) and logs.
start_server() {
	local dir=$1 scan=$2
	if [ "$server" = apache ]; then
		ctl=("$binary" -f "$dir/httpd.conf")
		# apache2 is not instrumented: the sanitizers' runtimes first, by
		# LD_PRELOAD, for the server and for apache2 -k graceful (it loads
		# the modules to read the configuration).
		[ "$asan" = 0 ] || ctl=(env LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" "${ctl[@]}")
		(
			ulimit -c unlimited 2>/dev/null || true
			PHP_INI_SCAN_DIR=$scan exec "${ctl[@]}" -DFOREGROUND
		) >"$dir/apache.stderr" 2>&1 </dev/null &
		logs=("$dir/error.log" "$dir/apache.stderr")
	else
		ctl=("$binary" reload --config "$dir/Caddyfile" --adapter caddyfile --address "127.0.0.1:$admin_port" --force)
		(
			cd "$dir"
			ulimit -c unlimited 2>/dev/null || true
			PHPRC="$dir/php.ini" PHP_INI_SCAN_DIR=$scan XDG_DATA_HOME="$dir/xdg" XDG_CONFIG_HOME="$dir/xdg" \
				exec "$binary" run --config "$dir/Caddyfile" --adapter caddyfile
		) >"$dir/frankenphp.log" 2>&1 </dev/null &
		logs=("$dir/frankenphp.log")
	fi
	pid=$!
	pids+=("$pid")
}
start_server "$run" "$app/conf.d"
base="http://127.0.0.1:$http_port"
if ! wait_http "$base/index.php" 60 "$pid" || ! wait_http "http://127.0.0.1:$slow_port/slow.php" 10; then
	pogo_check "$server: starts" 0 "no answer at $base/index.php $(kill -0 "$pid" 2>/dev/null && echo "in 60 s" || echo "(the server exited)"); $(crash_in "${logs[@]}") (logs: ${logs[*]})"
	{ tail -5 "${logs[@]}" 2>/dev/null || true; } | sed 's/^/      /'
	echo "$passed passed, $failed failed"
	exit 1
fi
case "$server" in
	apache) version=$("$binary" -v | head -1 | cut -d: -f2- | sed 's/^ *//')", event MPM, $apache_servers x $apache_threads threads" ;;
	*) version="FrankenPHP $("$binary" build-info 2>/dev/null | awk '$2 == "github.com/dunglas/frankenphp" { print $3 }'), $server mode" ;;
esac
log "answering"
pogo_check "$server: starts" 1 "$version on $base (pid $pid); $("$php" -n -v | head -1 | cut -d'(' -f1)$([ "$opcache" = 1 ] && echo ", opcache")"

# ---- the server's processes -----------------------------------------------------

# procs: the pids that serve requests (Apache: the children; FrankenPHP: itself)
procs() { if [ "$server" = apache ]; then tree "$pid" | grep -vx "$pid"; else echo "$pid"; fi; }
# sample: "pid:threads:rss_kB" of each
sample() {
	local p
	for p in $(procs); do
		printf '%s:%s:%s ' "$p" "$(status_field "$p" Threads || echo 0)" "$(status_field "$p" VmRSS || echo 0)"
	done
}
# sum_rss SAMPLE, max_threads SAMPLE
sum_rss() { tr ' ' '\n' <<<"$1" | awk -F: 'NF == 3 { s += $3 } END { print s + 0 }'; }
max_threads() { tr ' ' '\n' <<<"$1" | awk -F: 'NF == 3 && $2 > m { m = $2 } END { print m + 0 }'; }
pages=(fanout fragments post faults server detached)
warm() { # warm SECONDS TAG: each page, so that every pool starts and allocators grow
	local page
	for page in "${pages[@]}"; do load "$page" "$1" "warm-$page-$2"; done
}

# ---- checks -----------------------------------------------------------------

# The fan-out's latency against the sum of its jobs' times, one request at a time.
for i in $(seq 1 "$sequential"); do
	curl -fs --max-time 10 "$base/fanout.php" || echo '{"timing":{"elapsed_ms":-1,"sum_ms":-1}}'
done >"$run/fanout-sequential.json"
# shellcheck disable=SC2016 # PHP code
read -r fan_elapsed fan_sum < <("$php" -n -r '
	$e = $s = [];
	foreach (file($argv[1]) as $line) {
		$r = json_decode($line, true);
		$e[] = $r["timing"]["elapsed_ms"] ?? -1;
		$s[] = $r["timing"]["sum_ms"] ?? -1;
	}
	sort($e); sort($s);
	echo $e[intdiv(count($e), 2)], " ", $s[intdiv(count($s), 2)], "\n";' "$run/fanout-sequential.json")
pogo_check "$server: fan-out in parallel" "$(awk -v e="$fan_elapsed" -v s="$fan_sum" 'BEGIN { print (e > 0 && e < s) ? 1 : 0 }')" \
	"median of $sequential requests one at a time: page $fan_elapsed ms, sum of its jobs $fan_sum ms"

if [ "$server" = worker ]; then
	hits=$(curl -s --max-time 10 -D - -o /dev/null "$base/fragments.php" | tr -d '\r' | sed -n 's/^x-app-worker: //Ip')
	pogo_check "worker: pages through worker.php" "$([ -n "$hits" ] && echo 1 || echo 0)" \
		"X-App-Worker: ${hits:-none} (requests this worker had served before)"
fi

# The quick run's page runs are its warm-up (the memory before is sampled
# after them); the full run warms up first, 3 s a page.
warm_tags=(after)
if [ "$quick" = 0 ]; then
	log "warming up: 3s of each page"
	warm 3 before
	sample_before=$(sample)
	warm_tags+=(before)
fi

check_server_functions "$server: server functions in a job" "$base"

check_foreign_handle "$server: handles end with their request" "$base"
check_metrics "$server: metrics.php (Prometheus)" "$base"

for page in "${pages[@]}"; do
	log "wrk: $page, ${duration}s, $connections connections"
	load "$page" "$duration" "$page"
	judge "$server: /$page.php$([ "$page" = faults ] && echo '?kind=*')" "$page"
done
[ "$quick" = 0 ] || sample_before=$(sample)

# Reloads under load: wrk on /fanout.php throughout.
reload_log="$run/reloads.log"
reload_secs=$((reloads * 2 + 6))
log "wrk: fanout, ${reload_secs}s, $reloads reloads ($([ "$server" = apache ] && echo "apache2 -k graceful" || echo "frankenphp reload --force"))"
# A 4 s timeout: a request that a reload left without an answer counts as
# a socket error before the run ends.
wrk_timeout=4 load_start fanout "$reload_secs" reload
sleep 2
# reload_loop LOG: $reloads reloads, 1.5 s apart; counts failures in reload_fail
reload_loop() {
	local i start
	reload_fail=0
	for ((i = 1; i <= reloads; i++)); do
		start=$(date +%s%N)
		if [ "$server" = apache ]; then
			"${ctl[@]}" -k graceful >>"$1" 2>&1 || reload_fail=$((reload_fail + 1))
		else
			timeout 30 "${ctl[@]}" >>"$1" 2>&1 || reload_fail=$((reload_fail + 1))
		fi
		echo "reload $i: $((($(date +%s%N) - start) / 1000000)) ms" >>"$1"
		sleep 1.5
	done
}
reload_loop "$reload_log"
load_wait
# A graceful restart closes the old children's keep-alive connections:
# read and write errors are counted and pass; connect errors and time-outs
# (requests left without an answer) do not, nor wrong bodies or 5xx.
# FrankenPHP 1.12.2 never answers a request that arrives during a reload,
# nor closes its connection (docs/deployment.md; the same without Pogo):
# wrk's connections stall one by one, and the first reload leaves few or
# none. There the check is of every answer (right, no 5xx, no connect
# error), and the requests never answered and the throughput are printed.
if [ "$server" = apache ]; then
	judge_sockets=closed judge "$server: $reloads reloads under load" reload
else
	judge_sockets=closed judge_unanswered=report judge "$server: $reloads reloads under load" reload
	log "reload run: $(result reload rps) req/s against $(result fanout rps) req/s without reloads; $(result reload unanswered) of $connections connections left waiting for an answer, $(result reload sent) requests sent, $(result reload requests) answered"
fi
live=$(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0)
detail="$reloads reloads, $reload_fail failed (log: $reload_log); server pid $pid $([ "$live" = 1 ] && echo kept || echo gone)"
if [ "$server" = apache ]; then
	n=$(grep -c 'SIGUSR1 received.  Doing graceful restart' "$run/error.log" || true)
	[ "$n" = "$reloads" ] || live=0
	detail+="; $n graceful restarts in error.log"
else
	n=$(grep -c '"msg":"FrankenPHP started' "$run/frankenphp.log" || true)
	detail+="; PHP started $n times"
	[ "$n" -gt "$reloads" ] || live=0
fi
pogo_check "$server: reloads done" "$([ "$live" = 1 ] && [ "$reload_fail" = 0 ] && echo 1 || echo 0)" "$detail"

sleep 2 # the old generation of Apache's children finish exiting
warm 1 after
sample_after=$(sample)
# Under E2E_ASAN=1: the serving processes that have ASan's runtime mapped.
asan_live=0
if [ "$asan" = 1 ]; then
	for p in $(procs); do ! grep -qs libasan "/proc/$p/maps" || asan_live=$((asan_live + 1)); done
fi
warm_runs=()
for t in "${warm_tags[@]}"; do for page in "${pages[@]}"; do warm_runs+=("warm-$page-$t"); done; done
judge "$server: warm-up runs" "${warm_runs[@]}"

# Memory and threads: after the reloads and a warm-up again, against after warm-up.
r1=$(sum_rss "$sample_before") r2=$(sum_rss "$sample_after")
t1=$(max_threads "$sample_before") t2=$(max_threads "$sample_after")
n1=$(wc -w <<<"$sample_before") n2=$(wc -w <<<"$sample_after")
threads_ok=1
if [ "$server" = apache ]; then
	# per child: 1 + ThreadsPerChild + the listener + the pools
	want_threads=$((1 + apache_threads + 1 + pool_threads))
	[ "$t2" -le "$want_threads" ] && [ "$n2" -le "$apache_servers" ] || threads_ok=0
	what="children"
	log "Apache's parent: RSS $(status_field "$pid" VmRSS || echo '?') kB, threads $(status_field "$pid" Threads || echo '?')"
else
	# Go's own threads vary; PHP's and Pogo's must come back as many as before.
	want_threads=$t1
	[ "$t2" -le "$((t1 + 2))" ] || threads_ok=0
	what="process"
fi

in_log=$(grep -c "$marker" "${logs[@]}" | awk -F: '{ s += $NF } END { print s + 0 }')
pogo_check "$server: no job output in responses" "$([ "$total_marked" = 0 ] && [ "$in_log" -gt 0 ] && echo 1 || echo 0)" \
	"$total_marked responses held the marker; $in_log lines of job output in the server's log"

count_crashes() { cat "${logs[@]}" 2>/dev/null | grep -c -E 'exit signal|Segmentation fault|SIGSEGV|SIGABRT|^panic:' || true; }
crash=$(crash_in "${logs[@]}")
crashes=$(count_crashes)
pogo_check "$server: running, no crash" "$([ -z "$crash" ] && kill -0 "$pid" 2>/dev/null && echo 1 || echo 0)" \
	"$crashes crashes in the logs${crash:+; $crash}"
backtraces "$run" "$binary"
[ "$server" != apache ] || log "keep-alive connections closed by busy children (mpm_event trace1): $(grep -c 'All workers are busy' "$run/error.log" || true) times"

# A stop under load: SIGTERM with wrk running.
before_stop=$(tree "$pid" | tr '\n' ' ')
load_start fanout $((quick ? 5 : 8)) stop # SIGTERM 2 s in
sleep 2
log "SIGTERM to $pid under load"
start=$(date +%s%N)
kill -TERM "$pid"
stopped=0 rc=0
for ((i = 0; i < (shutdown_timeout + 1) * 20; i++)); do
	state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo gone)
	case "$state" in Z | gone | '') stopped=1; break ;; esac
	sleep 0.05
done
ms=$((($(date +%s%N) - start) / 1000000))
if [ "$stopped" = 1 ]; then
	wait "$pid" || rc=$?
	detail="stopped in $ms ms, exit status $rc"
else
	all_thread_backtraces "$pid" "$run/hang-backtraces.txt"
	for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
		detail="still running after 30 s: killed; every thread's backtrace in $run/hang-backtraces.txt"
	else
		detail="stopped after $((($(date +%s%N) - start) / 1000000)) ms (more than ${shutdown_timeout}s + 1 s); backtraces while it hung: $run/hang-backtraces.txt"
	fi
	wait "$pid" 2>/dev/null || true
fi
load_wait
sleep 0.5
left=()
for p in $before_stop; do [ -d "/proc/$p" ] && left+=("$p"); done
crash=$(crash_in "${logs[@]}")
pogo_check "$server: stop under load" "$([ "$stopped" = 1 ] && [ "$rc" = 0 ] && [ -z "$crash" ] && echo 1 || echo 0)" \
	"SIGTERM, limit $((shutdown_timeout + 1)) s: $detail; wrk meanwhile: $(result stop requests) requests, $(result stop wrong) wrong, $(result stop socket_errors) socket errors${crash:+; $crash}"
pogo_check "$server: no process left" "$([ ${#left[@]} = 0 ] && echo 1 || echo 0)" \
	"$(if [ ${#left[@]} = 0 ]; then echo "all of [${before_stop% }] gone"; else echo "still there: ${left[*]}"; fi)"
backtraces "$run" "$binary"
crashes=$(count_crashes)

main_logs=("${logs[@]}")
if [ "$asan" = 1 ]; then
	reports=("$run"/asan/*)
	[ -e "${reports[0]}" ] || reports=()
	# UBSan writes to stderr whatever log_path says (docs/sanitizers.md)
	if grep -l 'runtime error:' "${logs[@]}" >/dev/null 2>&1; then
		reports+=("$(grep -l 'runtime error:' "${logs[@]}" | head -1)")
	fi
	pogo_check "$server: no ASan or UBSan report" "$([ ${#reports[@]} = 0 ] && [ "$asan_live" -gt 0 ] && echo 1 || echo 0)" \
		"$asan_live serving processes ran with ASan; $(if [ ${#reports[@]} = 0 ]; then echo "no report in $run/asan"; else echo "${#reports[@]} reports, first: $(head -c 300 "${reports[0]}" | tr '\n' ' ')"; fi)"
fi

# Memory after the reloads, against after warm-up: what the server does
# without Pogo is allowed too. The full run measures it: the same server
# and reloads, without Pogo (no conf.d/pogo.ini), serving index.php.
# Apache's mod_php with opcache grows about 28% over 20 graceful restarts
# by itself, FrankenPHP about 0.4 MB a restart of PHP (docs/deployment.md).
base_growth=0 base_detail=
if [ "${E2E_BASELINE:-$([ "$reloads" -ge 10 ] && echo 1 || echo 0)}" = 1 ]; then
	bdir="$run/baseline"
	mkdir -p "$bdir/cores"
	chmod 755 "$bdir"
	[ "$user" = "$(id -un)" ] || chown "$user" "$bdir/cores"
	cp "$run/php.ini" "$bdir/php.ini"
	render_config "$bdir"
	warm_index() { wrk -t4 -c"$connections" -d2s "$base/index.php" >/dev/null 2>&1 || true; }
	log "without Pogo: the same server, $reloads reloads under load on /index.php"
	start_server "$bdir" ""
	if wait_http "$base/index.php" 60 "$pid"; then
		warm_index
		b_before=$(sample)
		wrk -t4 -c"$connections" -d"${reload_secs}s" "$base/index.php" >"$bdir/wrk-reload.txt" 2>&1 &
		bwrk=$!
		sleep 2
		reload_loop "$bdir/reloads.log"
		wait "$bwrk" || true
		sleep 2
		warm_index
		b_after=$(sample)
		b1=$(sum_rss "$b_before") b2=$(sum_rss "$b_after")
		base_growth=$((b2 > b1 ? b2 - b1 : 0))
		base_detail="; without Pogo $b1 -> $b2 kB ($(awk -v a="$b1" -v b="$b2" 'BEGIN { printf "%+.1f%%", a ? (b - a) * 100 / a : 0 }'), $reload_fail reloads failed)"
		stop_pid "$pid" TERM 20 || true
		wait "$pid" 2>/dev/null || true
	else
		base_detail="; the server without Pogo did not start (${logs[*]})"
	fi
fi
ok=$threads_ok
if [ "$asan" = 1 ]; then
	# ASan's quarantine and shadow memory grow by design: threads only.
	base_detail="; RSS not judged under ASan"
elif [ "$r1" -le 0 ] || [ "$((r2 - r1 - base_growth))" -gt "$((r1 / 10))" ]; then
	ok=0
fi
pogo_check "$server: memory flat (10%)" "$ok" "$(printf '%s RSS %d kB (%d) -> %d kB (%d), %+.1f%%%s; most threads %d -> %d (config: %s)' \
	"$what" "$r1" "$n1" "$r2" "$n2" "$(awk -v a="$r1" -v b="$r2" 'BEGIN { print a ? (b - a) * 100 / a : 0 }')" \
	"$base_detail" "$t1" "$t2" "$want_threads")"

for page in "${pages[@]}" reload; do row "$server" "$page" "$page" "$crashes"; done
log "logs: ${main_logs[*]}; wrk: $run/wrk/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
