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
run() { # run OUT ARGS...: bench/profile.php under callgrind
	local out=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$tmp/$out" "$php" -n -d memory_limit=-1 \
		-d extension="$ext" -d "pogo.pool.p1.bootstrap=$here/bench/jobs.php" -d pogo.pool.p1.num_threads=1 \
		"$here/bench/profile.php" "$@" >/dev/null 2>"$tmp/$out.log" ||
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
# run_batch OUT N: bench/ab.php (N jobs in batches of 1,000 on 2 threads), one profile per thread.
run_batch() {
	valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$tmp/$1" "$php" -n \
		-d memory_limit=-1 -d extension="$ext" -d "pogo.pool.p2.bootstrap=$here/bench/jobs.php" \
		-d pogo.pool.p2.num_threads=2 "$here/bench/ab.php" profile "$2" >/dev/null 2>"$tmp/$1.log" ||
		{ cat "$tmp/$1.log" >&2; exit 1; }
}
run small trivial 2000
run large trivial 12000
run payload payload
run_batch bsmall 2000
run_batch blarge 12000
counts "$tmp/small" >"$tmp/small.txt"
counts "$tmp/large" >"$tmp/large.txt"
counts "$tmp/payload" >"$tmp/payload.txt"
for f in "$tmp"/bsmall-* "$tmp"/blarge-*; do
	counts "$f" >"$f.txt"
done
get() { awk -v f="$2" '$1 == f { print $2; found = 1 } END { if (!found) print "" }' "$1"; }
per_call() { # per_call FUNCTION...: the first that the build has, per trivial round trip
	local f a b
	for f in "$@"; do
		a=$(get "$tmp/small.txt" "$f") b=$(get "$tmp/large.txt" "$f")
		if [ -n "$b" ]; then
			awk -v a="${a:-0}" -v b="$b" -v f="$f" -v label="$label" 'BEGIN { printf "| %s | %s | %.0f |\n", label, f, (b - a) / 10000 }'
			return
		fi
	done
	printf '| %s | — | — |\n' "$label"
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
per_job() { # per_job FILE_SUFFIX FUNCTION: (12,000-job run - 2,000-job run) / 10,000
	local a b
	a=$(get "$tmp/bsmall-$1.txt" "$2") b=$(get "$tmp/blarge-$1.txt" "$2")
	if [ -n "$b" ]; then
		awk -v a="${a:-0}" -v b="$b" -v f="$2" -v label="$label" 'BEGIN { printf "| %s | %s | %.0f |\n", label, f, (b - a) / 10000 }'
	else
		printf '| %s | %s | — |\n' "$label" "$2"
	fi
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
