#!/usr/bin/env bash
# Instruction counts of Pogo's steps under valgrind's callgrind, on the -O2
# release PHP: where docs/benchmarks.md's profile tables come from.
# Instruction counts hold on a busy machine, where timings do not.
#
#   tools/profile.sh [EXT]   EXT: a pogo.so (default: this tree's release build)
#
# Prints the instructions (inclusive: a function and what it calls) of each
# step, per trivial round trip (the difference between runs of 12,000 and
# 2,000 calls, so that startup cancels out), and per round trip of the 1 MB
# records payload next to one json_encode + json_decode of it (bench/profile.php).
# A step's function is named as the build names it: the JSON codec's before
# the binary transfer form, value_codec.c's after; "—" where a build has none.
# Spinning shows apart: under valgrind threads take turns, so an awaiter's
# spin runs until its budget ends, far longer than on a real machine.
# Last, the 2-thread throughput loop (bench/ab.php: batches of 1,000) with
# one profile per thread: the instructions per job of the request thread,
# which dispatches and awaits every job and so bounds the throughput, and
# of the two workers together.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
pogo_apt_install valgrind >/dev/null
prefix=$("$here/tools/php-toolchain.sh" release)
php=$prefix/bin/php
ext=${1:-}
if [ -z "$ext" ]; then
	"$here/tools/build-ext.sh" release "$POGO_CACHE/release-build" >/dev/null
	ext=$POGO_CACHE/release-build/modules/pogo.so
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# run OUT POOL THREADS SEPARATE SCRIPT ARGS...: bench/SCRIPT under callgrind, with the pool
# POOL of THREADS threads; SEPARATE yes: one profile per thread (OUT-01, OUT-02, ...).
run() {
	local out=$1 pool=$2 threads=$3 separate=$4 script=$5
	shift 5
	valgrind --tool=callgrind --separate-threads="$separate" --callgrind-out-file="$tmp/$out" "$php" -n \
		-d memory_limit=-1 -d extension="$ext" -d "pogo.pool.$pool.bootstrap=$here/bench/jobs.php" \
		-d "pogo.pool.$pool.num_threads=$threads" "$here/bench/$script" "$@" >/dev/null 2>"$tmp/$out.log" ||
		{ cat "$tmp/$out.log" >&2; exit 1; }
}
# counts FILE: "function instructions" lines, inclusive, the largest figure of each name.
counts() {
	callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null | awk '
		/PROGRAM TOTALS/ { gsub(",", "", $1); print "TOTAL", $1; next }
		/^ *[0-9,]+ +\( *[0-9.]+%\) +[^ ]+/ {
			n = $1; gsub(",", "", n); f = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", f); sub(/ .*/, "", f)
			sub(/.*:/, "", f); if (n + 0 > best[f] + 0) best[f] = n
		}
		END { for (f in best) print f, best[f] }'
}
echo "profiling $ext (release PHP, callgrind)..." >&2
run small p1 1 no profile.php trivial 2000
run large p1 1 no profile.php trivial 12000
run payload p1 1 no profile.php payload
# bench/ab.php: N jobs in batches of 1,000 on 2 threads.
run bsmall p2 2 yes ab.php profile 2000
run blarge p2 2 yes ab.php profile 12000
counts "$tmp/small" >"$tmp/small.txt"
counts "$tmp/large" >"$tmp/large.txt"
counts "$tmp/payload" >"$tmp/payload.txt"
for f in "$tmp"/bsmall-* "$tmp"/blarge-*; do
	counts "$f" >"$f.txt"
done
get() { awk -v f="$2" '$1 == f { print $2; found = 1 } END { if (!found) print "" }' "$1"; }
# per_diff SMALL LARGE FUNCTION...: the first that the build has, (LARGE - SMALL) / 10,000:
# per call or per job, the runs having been 2,000 and 12,000 long.
per_diff() {
	local small=$1 large=$2 f a b
	shift 2
	for f in "$@"; do
		a=$(get "$small" "$f") b=$(get "$large" "$f")
		if [ -n "$b" ]; then
			awk -v a="${a:-0}" -v b="$b" -v f="$f" -v label="$label" 'BEGIN { printf "| %s | %s | %.0f |\n", label, f, (b - a) / 10000 }'
			return
		fi
	done
	printf '| %s | — | — |\n' "$label"
}
per_call() { # per_call FUNCTION...: per trivial round trip
	per_diff "$tmp/small.txt" "$tmp/large.txt" "$@"
}
per_op() { # per_op FUNCTION...: the first that the build has, per 1 MB operation (3 were run)
	local f v
	for f in "$@"; do
		v=$(get "$tmp/payload.txt" "$f")
		if [ -n "$v" ]; then
			awk -v v="$v" -v f="$f" -v label="$label" 'BEGIN { printf "| %s | %s | %.1f M |\n", label, f, v / 3e6 }'
			return
		fi
	done
	printf '| %s | — | — |\n' "$label"
}
echo
echo "Trivial round trip (instructions per call):"
echo
echo "| step | function | instructions |"
echo "|---|---|---|"
label="everything (the whole process)" per_call TOTAL
label="of it, spinning" per_call pogo_spin spin
label="pogo_dispatch()" per_call zif_pogo_dispatch
label="of it, encoding the payload" per_call pogo_value_encode_payload pogo_json_encode_payload
label="worker: decoding the payload" per_call pogo_value_decode_payload pogo_json_decode_payload
label="worker: finding the class" per_call zend_lookup_class
label="worker: encoding the result" per_call pogo_result_encode pogo_json_result_envelope
label="pogo_await()" per_call zif_pogo_await
label="of it, decoding the result" per_call pogo_value_decode pogo_json_decode_envelope
label="malloc()" per_call malloc
label="free()" per_call free
echo
echo "1 MB records payload (instructions per operation):"
echo
echo "| step | function | instructions |"
echo "|---|---|---|"
label="json_encode() (reference)" per_op zif_json_encode
label="json_decode() (reference)" per_op zif_json_decode
label="pogo_dispatch(): encode the payload" per_op pogo_value_encode_payload pogo_json_encode_payload
label="worker: decode the payload" per_op pogo_value_decode_payload pogo_json_decode_payload
label="worker: encode the result" per_op pogo_result_encode pogo_json_result_envelope
label="pogo_await(): decode the result" per_op pogo_value_decode pogo_json_decode_envelope
echo
echo "2-thread throughput loop, batches of 1,000 (instructions per job, by thread):"
echo
echo "| thread | function | instructions |"
echo "|---|---|---|"
per_job() { # per_job THREAD FUNCTION...: per job, in thread THREAD's profile (01: the request's)
	local thread=$1
	shift
	per_diff "$tmp/bsmall-$thread.txt" "$tmp/blarge-$thread.txt" "$@"
}
label="request thread: everything" per_job 01 TOTAL
label="of it, pogo_dispatch()" per_job 01 zif_pogo_dispatch
label="of it, pogo_await()" per_job 01 zif_pogo_await
label="of it, malloc()" per_job 01 malloc
label="of it, free()" per_job 01 free
label="of it, spinning" per_job 01 pogo_spin
workers=0
for f in "$tmp"/blarge-*.txt; do
	n=${f##*/blarge-} n=${n%.txt}
	[ "$n" = 01 ] && continue
	a=$(get "$tmp/bsmall-$n.txt" TOTAL) b=$(get "$f" TOTAL)
	workers=$(awk -v w="$workers" -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { print w + b - a }')
done
awk -v w="$workers" 'BEGIN { printf "| the two workers together: everything | TOTAL | %.0f |\n", w / 10000 }'
