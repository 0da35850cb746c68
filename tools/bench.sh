#!/usr/bin/env bash
# make bench: every benchmark in bench/, Pogo and its baselines in one run,
# against the -O2 ZTS release PHP. Prints one markdown table per benchmark and
# writes the raw rows (CSV), the tables (markdown) and a chart (PNG) under
# bench/results/. Benchmarks print numbers; none fails for being slow.
#
#   tools/bench.sh                 full run (a few minutes): latest.csv, latest.md, chart.png
#   BENCH_QUICK=1 tools/bench.sh   about a minute, fewer samples: quick.csv, quick.md, quick-chart.png
#
# BENCH_REBUILD=1 rebuilds the extension even when it looks current.
# BENCH_QUIET_WAIT=SECONDS waits at most that long, before starting, for the
# machine to be under 10 % busy (other processes skew every figure).
# Every step runs under timeout(1); a step that fails or times out is
# reported and its figures show as "—". The local HTTP server the fan-out
# benchmark uses is stopped on exit, whatever the exit.
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
quick=${BENCH_QUICK:-0}
[ "$quick" = 0 ] || quick=1
cache=$POGO_CACHE
results=$here/bench/results
tmp=$results/tmp
if [ "$quick" = 1 ]; then name=quick chart=quick-chart.png mode=quick; else name=latest chart=chart.png mode=full; fi
run_csv=$tmp/$name.run.csv
errlog=$tmp/$name.log
t_start=$(date +%s)

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

mkdir -p "$tmp" || die "cannot create $tmp"
: >"$errlog"

# --- what the run needs -------------------------------------------------------
pogo_apt_install gcc gnuplot-nox libjansson-dev ||
	say "could not install gcc, gnuplot-nox or libjansson-dev: the steps that need them are skipped"
command -v gcc >/dev/null || die "gcc is missing"

# --- builds -------------------------------------------------------------------
say "release PHP (cached in $cache)"
prefix=$(timeout 3600 "$here/tools/php-toolchain.sh" release) || die "building the release PHP failed"
php=$prefix/bin/php
[ -x "$php" ] || die "no php binary at $php"

build_dir=$cache/release-build
ext=$build_dir/modules/pogo.so
# Cached: rebuilt when a source is newer than the module (the lead's edits included).
stale=$( [ -f "$ext" ] && cd "$here" && find . -maxdepth 1 \( -name '*.c' -o -name '*.h' -o -name config.m4 \
	-o -name Makefile.frag \) -newer "$ext" | head -1)
if [ "${BENCH_REBUILD:-0}" != 0 ] || [ ! -f "$ext" ] || [ -n "$stale" ] || [ "$php" -nt "$ext" ]; then
	say "building the extension against it (tools/build-ext.sh release $build_dir)"
	ext=$(timeout 900 "$here/tools/build-ext.sh" release "$build_dir") || die "building the extension failed"
else
	say "extension up to date: $ext"
fi

pingpong=$tmp/pingpong
gcc -O2 -Wall -pthread -o "$pingpong" "$here/bench/pingpong.c" 2>>"$errlog" || { say "bench/pingpong.c does not build"; pingpong=; }
codec=$tmp/json_codec_bench
if [ -f /usr/include/jansson.h ]; then
	gcc -O2 -Wall -o "$codec" "$here/bench/json_codec_bench.c" -ljansson 2>>"$errlog" || { say "bench/json_codec_bench.c does not build"; codec=; }
else
	codec=
fi

boot_classes=200
timeout 60 "$php" -n "$here/bench/gen_boot_classes.php" "$tmp/boot" "$boot_classes" >/dev/null 2>>"$errlog" ||
	die "generating the boot classes failed"

jobs_php=$here/bench/jobs.php
pogo_args=(-n -d memory_limit=-1 -d display_errors=stderr -d "extension=$ext")
for t in 1 2 4 8 16; do
	pogo_args+=(-d "pogo.pool.p$t.bootstrap=$jobs_php" -d "pogo.pool.p$t.num_threads=$t")
done
for i in 1 2 3 4 5 6 7 8; do
	pogo_args+=(-d "pogo.pool.m$i.bootstrap=$jobs_php" -d "pogo.pool.m$i.num_threads=1")
done
pogo_args+=(-d "pogo.pool.boot.bootstrap=$tmp/boot/bootstrap.php" -d pogo.pool.boot.num_threads=8)
base_args=(-n -d memory_limit=-1 -d display_errors=stderr)
opcache_args=(-d zend_extension=opcache.so -d opcache.enable_cli=1)
"$php" -n "${opcache_args[@]}" -r 'exit(extension_loaded("Zend OPcache") ? 0 : 1);' 2>/dev/null || opcache_args=()
"$php" "${pogo_args[@]}" -r 'exit(function_exists("pogo_dispatch") ? 0 : 1);' 2>>"$errlog" || die "$ext does not load"

# --- the local HTTP server ----------------------------------------------------
server_pid=
stop_server() {
	[ -n "$server_pid" ] || return 0
	kill -TERM "$server_pid" 2>/dev/null
	for _ in $(seq 30); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
}
step_pid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	# A step still running (interrupted): timeout(1) passes the signal on to it.
	if [ -n "$step_pid" ]; then
		kill -TERM "$step_pid" 2>/dev/null
		wait "$step_pid" 2>/dev/null
	fi
	stop_server
	pogo_spinners_stop
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM HUP

port_file=$tmp/http.port
rm -f "$port_file"
# It also exits on its own once this script is gone, and after 15 minutes of run in any case.
"$php" -n "$here/bench/http_server.php" "$port_file" 100 $((900 + ${BENCH_QUIET_WAIT:-0})) 2>>"$errlog" &
server_pid=$!
port=0
for _ in $(seq 100); do
	[ -s "$port_file" ] && { port=$(cat "$port_file"); break; }
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.05
done
[ "$port" != 0 ] || say "the HTTP server did not start: the HTTP fan-out is skipped"

# --- the run ------------------------------------------------------------------
cpu_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat; }
child_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
busy_share() { # busy_share SECONDS: % of all CPUs busy over that time
	local b0 a0 b1 a1
	read -r b0 a0 < <(cpu_ticks)
	sleep "$1"
	read -r b1 a1 < <(cpu_ticks)
	awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) 'BEGIN { printf "%.0f", a ? 100 * b / a : 0 }'
}
busy_before=$(busy_share 1)
# BENCH_QUIET_WAIT=SECONDS: wait that long at most for the machine to calm down (under 10 % busy).
quiet_until=$(($(date +%s) + ${BENCH_QUIET_WAIT:-0}))
while [ "$busy_before" -ge 10 ] && [ "$(date +%s)" -lt "$quiet_until" ]; do
	say "the machine is ${busy_before}% busy; waiting for it to calm down (until $(date -d "@$quiet_until" +%T))"
	busy_before=$(busy_share 5)
done
t_run=$(date +%s)
[ "$busy_before" -lt 25 ] || say "warning: the machine is already ${busy_before}% busy; figures will be noisy"
read -r run_b0 run_a0 < <(cpu_ticks)
run_c0=$(child_ticks)

csv_quote() { local v=${1//\"/\"\"}; printf '"%s"' "$v"; }
meta() { printf 'meta,machine,%s,value,%s,\n' "$1" "$(csv_quote "$2")" >>"$run_csv"; }
echo "benchmark,impl,case,metric,value,unit" >"$run_csv"
meta mode "$mode"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta nproc "$(nproc)"
meta cpu_model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
meta hypervisor "$(lscpu 2>/dev/null | sed -n 's/^Hypervisor vendor: *//p')"
meta mem_mb "$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)"
meta kernel "$(uname -r)"
meta php "$("$php" -n -r 'echo PHP_VERSION, PHP_ZTS ? " ZTS" : " NTS";')"
commit=$(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
(cd "$here" && git diff --quiet HEAD -- '*.c' '*.h' 2>/dev/null) || commit="$commit + uncommitted C changes"
meta commit "$commit"
meta busy_before "$busy_before"
meta boot_classes "$boot_classes"

failed=0
timed_out=0
# step NAME SECONDS COMMAND...: runs it under timeout, keeps what it printed.
step() {
	local name=$1 limit=$2 out=$tmp/step.out rc t0 t1 b0 a0 c0 b1 a1 c1 bg
	shift 2
	printf 'bench: %-36s' "$name" >&2
	printf '\n== %s: %s\n' "$name" "$*" >>"$errlog"
	read -r b0 a0 < <(cpu_ticks)
	c0=$(child_ticks)
	t0=$(date +%s.%N)
	# In the background and waited for, so that a signal to this script acts at once.
	timeout -k 5 "$limit" "$@" >"$out" 2>>"$errlog" </dev/null &
	step_pid=$!
	wait "$step_pid"
	rc=$?
	step_pid=
	t1=$(date +%s.%N)
	read -r b1 a1 < <(cpu_ticks)
	c1=$(child_ticks)
	# What other processes used of the machine meanwhile: the noise under the figures.
	bg=$(awk -v b=$((b1 - b0)) -v c=$((c1 - c0)) -v a=$((a1 - a0)) \
		'BEGIN { x = a ? 100 * (b - c) / a : 0; printf "%.0f", x < 0 ? 0 : x }')
	grep -E '^[a-z-]+,' "$out" >>"$run_csv" # busy-roundtrip, busy-throughput too
	meta "background: $name" "$bg"
	case $rc in
		0) awk -v a="$t0" -v b="$t1" -v bg="$bg" 'BEGIN { printf " %5.1f s   (others: %3d%% CPU)\n", b - a, bg }' >&2 ;;
		124 | 137) printf ' timed out after %s s (kept what it printed)\n' "$limit" >&2; timed_out=$((timed_out + 1)) ;;
		*) printf ' FAILED (exit %s), see %s\n' "$rc" "$errlog" >&2; failed=$((failed + 1)) ;;
	esac
}
pogo() { step "$1" "$2" "$php" "${pogo_args[@]}" "$here/bench/run.php" "${@:3}"; }
base() { step "$1" "$2" "$php" "${base_args[@]}" "$here/bench/run.php" "${@:3}"; }

# name=value settings of one mode: q QUICK FULL
q() { if [ "$quick" = 1 ]; then echo "$1"; else echo "$2"; fi; }

say "$mode run: php $("$php" -n -r 'echo PHP_VERSION;'), $(nproc) CPUs; details in $errlog"

# 1. Round trip, and the C floor.
spin_ns=50000
meta pingpong_spin_ns "$spin_ns"
[ -z "$pingpong" ] || step "round trip: C ping-pong" 120 "$pingpong" "$(q 20000 100000)" "$spin_ns"
pogo "round trip: pogo" 120 roundtrip pogo calls=10000
base "round trip: sequential" 60 roundtrip seq calls=10000
base "round trip: worker processes" 120 roundtrip procpool calls=10000 max_s="$(q 3 20)"
base "round trip: fork per job" 120 roundtrip fork calls="$(q 300 2000)" max_s="$(q 1.5 8)"
base "round trip: process per job" 120 roundtrip procnew calls="$(q 100 500)" max_s="$(q 1.5 8)"

# 2. Throughput.
pogo "throughput: pogo" 180 throughput pogo total=100000 batch=1000 max_s=30
base "throughput: sequential" 60 throughput seq total=100000 batch=1000
base "throughput: worker processes" 180 throughput procpool total=100000 batch=1000 max_s="$(q 0.5 10)"
base "throughput: fork per job" 240 throughput fork total=100000 batch="$(q 100 1000)" max_s="$(q 0.5 3)"
base "throughput: process per job" 300 throughput procnew total=100000 batch="$(q 100 1000)" max_s="$(q 0.5 3)"

# 2b. Fan-in: awaiting 1,000 jobs one by one against pogo_await_all().
pogo "fan-in: pogo" 120 fanin pogo jobs=1000 reps="$(q 10 30)"

# 3. I/O fan-out.
for impl in pogo seq procpool fork procnew; do
	if [ "$impl" = pogo ]; then f=pogo; else f=base; fi
	$f "fan-out: $impl" 120 fanout "$impl" port="$port" reps="$(q 1 3)"
done

# 4. CPU-bound.
rounds=$(timeout 60 "$php" "${base_args[@]}" "$here/bench/run.php" calibrate seq target_ms="$(q 100 500)" 2>>"$errlog") || rounds=
[[ $rounds =~ ^[0-9]+$ ]] || { say "calibration failed; using 1,000,000 rounds"; rounds=1000000; }
meta cpu_rounds "$rounds"
meta cpu_reps "$(q 2 5)"
for impl in pogo procpool fork procnew; do
	if [ "$impl" = pogo ]; then f=pogo; else f=base; fi
	$f "cpu-bound: $impl" 300 cpu "$impl" rounds="$rounds" reps="$(q 2 5)"
done

# 5. Payload size, and the JSON codecs.
for impl in pogo procpool fork procnew; do
	if [ "$impl" = pogo ]; then f=pogo; m=$(q 2 10); else f=base; m=$(q 1 4); fi
	$f "payload: $impl" 300 payload "$impl" max_s="$m" reps_100="$(q 300 3000)" reps_10k="$(q 100 1000)" \
		reps_1m="$(q 3 30)" reps_8m="$(q 1 8)"
done
base "json codec: ext/json" 120 codec extjson max_s="$(q 0.5 3)" reps_big="$(q 3 20)"
[ -z "$codec" ] || step "json codec: jansson" 120 "$codec" "$(q 1 6)"

# 6. Memory.
pogo "memory: pogo" 60 memory pogo
base "memory: worker processes" 60 memory procpool

# 7. Boot (fresh processes), with and without opcache.
for i in $(seq "$(q 3 5)"); do
	pogo "boot: pogo #$i" 60 boot pogo case="$boot_classes classes"
	[ ${#opcache_args[@]} = 0 ] ||
		step "boot: pogo + opcache #$i" 60 "$php" "${pogo_args[@]}" "${opcache_args[@]}" "$here/bench/run.php" boot pogo \
			case="$boot_classes classes, opcache"
	base "boot: worker processes #$i" 60 boot procpool bootstrap="$tmp/boot/bootstrap.php" case="$boot_classes classes"
done

# Idle CPU, worker reboot.
pogo "idle pool CPU" 60 idle pogo seconds="$(q 2 10)"
pogo "worker reboot" 60 reboot pogo rounds="$(q 50 200)"

# 8. The speed targets (bench/targets.php): this build and the baseline build
# (BENCH_BASELINE, a commit; empty: none) in turns, on a quiet machine, then
# with one CPU-bound process per core.
baseline=${BENCH_BASELINE-16247cb}
base_ext=
if [ -n "$baseline" ]; then
	base_ext=$(pogo_baseline_ext "$baseline" "$prefix") ||
		{ say "the baseline $baseline does not build here (see $cache/bench-baseline-$baseline/build.log): targets without it"; base_ext=; }
fi
meta baseline "${base_ext:+$baseline}"
targets() { # targets LABEL EXT PASS
	step "targets, $3: $1" 300 "$php" -n -d memory_limit=-1 -d display_errors=stderr -d "extension=$2" \
		-d "pogo.pool.p1.bootstrap=$jobs_php" -d pogo.pool.p1.num_threads=1 \
		-d "pogo.pool.p2.bootstrap=$jobs_php" -d pogo.pool.p2.num_threads=2 \
		"$here/bench/targets.php" "$1" "$3" "$([ "$quick" = 1 ] && echo quick)"
}
for pass in quiet busy; do
	if [ "$pass" = busy ]; then
		pogo_spinners_start "$php"
		# Every implementation, busy too: the round trip and the throughput.
		for impl in seq procpool fork procnew; do
			base "busy: round trip, $impl" 120 roundtrip "$impl" calls="$(q 300 2000)" max_s="$(q 1.5 5)" busy=1
			base "busy: throughput, $impl" 240 throughput "$impl" total=20000 batch="$(q 100 1000)" max_s="$(q 0.5 3)" busy=1
		done
		pogo "busy: round trip, pogo" 120 roundtrip pogo calls=10000 busy=1
		pogo "busy: throughput, pogo" 180 throughput pogo threads=1,2 total=100000 batch=1000 max_s=15 busy=1
	fi
	for round in $(seq "$(q 2 5)"); do
		targets pogo "$ext" "$pass"
		[ -z "$base_ext" ] || targets pogo-base "$base_ext" "$pass"
	done
	pogo_spinners_stop
done

stop_server
read -r run_b1 run_a1 < <(cpu_ticks)
run_c1=$(child_ticks)
background=$(awk -v b=$((run_b1 - run_b0)) -v c=$((run_c1 - run_c0)) -v a=$((run_a1 - run_a0)) \
	'BEGIN { x = a ? 100 * (b - c) / a : 0; printf "%.0f", x < 0 ? 0 : x }')
meta background_cpu "$background"
meta duration_s "$(($(date +%s) - t_run))"

# --- report -------------------------------------------------------------------
cp "$run_csv" "$results/$name.csv"
echo
timeout 60 "$php" -n "$here/bench/report.php" "$results/$name.csv" "$results/$name.md" "$tmp/chart-$name" ||
	{ say "bench/report.php failed"; failed=$((failed + 1)); }
# docs/benchmarks.md shows the latest full run: its tables replace what is
# between the two markers there.
doc=$here/docs/benchmarks.md
if [ "$quick" = 0 ] && [ -s "$results/$name.md" ] && grep -q '^<!-- latest run: begin' "$doc" &&
	grep -q '^<!-- latest run: end' "$doc"; then
	awk -v md="$results/$name.md" '
		/^<!-- latest run: end/ { skip = 0 }
		!skip { print }
		/^<!-- latest run: begin/ { while ((getline line < md) > 0) print line; skip = 1 }
	' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc" && say "docs/benchmarks.md: the latest run's tables are in"
fi
if command -v gnuplot >/dev/null; then
	timeout 60 gnuplot -e "dir='$tmp/chart-$name'; out='$results/$chart'" "$here/bench/chart.gp" 2>>"$errlog" ||
		{ say "gnuplot failed, see $errlog"; failed=$((failed + 1)); }
else
	say "no gnuplot: no chart"
fi

elapsed=$(($(date +%s) - t_start))
waited=$((t_run - t_start))
say "$mode run done in $((elapsed / 60)) min $((elapsed % 60)) s$([ "$waited" -lt 10 ] ||
	echo ", $((waited / 60)) min $((waited % 60)) s of it building and waiting for a quiet machine")"
say "other processes used ${background}% of the CPUs during the run"
say "raw figures: $results/$name.csv"
say "tables:      $results/$name.md"
[ ! -f "$results/$chart" ] || say "chart:       $results/$chart"
say "step log:    $errlog"
[ "$timed_out" = 0 ] || say "$timed_out step(s) timed out"
[ "$failed" = 0 ] || { say "$failed step(s) failed"; exit 1; }
exit 0
