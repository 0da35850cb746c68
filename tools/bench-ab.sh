#!/usr/bin/env bash
# A/B throughput: this build against a baseline build, in turns, many rounds,
# on a quiet machine and then with one CPU-bound process per core. The
# throughput figure of docs/benchmarks.md's "A/B throughput" table.
#
#   tools/bench-ab.sh [ROUNDS]     default 11 rounds a pass
#
# Each round runs bench/ab.php (100,000 trivial jobs on 2 threads, batches of
# 1,000) once for each build, each in a fresh process; prints every sample,
# then per build and pass the median, the range and the CPU time per job.
# BENCH_BASELINE=COMMIT as make bench (default 16247cb), built the same way
# (make bench's cache of it is used if there). Prints numbers; never fails
# for being slow.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
rounds=${1:-11}
baseline=${BENCH_BASELINE-16247cb}
prefix=$("$here/tools/php-toolchain.sh" release)
php=$prefix/bin/php
"$here/tools/build-ext.sh" release "$POGO_CACHE/release-build" >/dev/null
ext=$POGO_CACHE/release-build/modules/pogo.so
base_ext=$(pogo_baseline_ext "$baseline" "$prefix")
out=$(mktemp)
trap 'pogo_spinners_stop; rm -f "$out"' EXIT
for pass in quiet busy; do
	[ "$pass" = quiet ] || pogo_spinners_start "$php"
	for _ in $(seq "$rounds"); do
		for build in "this:$ext" "$baseline:$base_ext"; do
			"$php" -n -d memory_limit=-1 -d "extension=${build#*:}" -d "pogo.pool.p2.bootstrap=$here/bench/jobs.php" \
				-d pogo.pool.p2.num_threads=2 "$here/bench/ab.php" "$pass:${build%%:*}" | tee -a "$out"
		done
	done
	pogo_spinners_stop
done
echo
"$php" -n -r '
	$rows = [];
	foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
		[$key, $rate, $cpu] = explode(" ", $line);
		$rows[$key][] = [(float) $rate, (float) $cpu];
	}
	$median = function (array $x): float {
		sort($x);
		$n = count($x);
		return $n % 2 ? $x[intdiv($n, 2)] : ($x[$n / 2 - 1] + $x[$n / 2]) / 2;
	};
	echo "| pass | build | rounds | median jobs/s | range | CPU per job (µs) |\n|---|---|---|---|---|---|\n";
	foreach ($rows as $key => $r) {
		[$pass, $build] = explode(":", $key, 2);
		$rates = array_column($r, 0);
		printf("| %s | %s | %d | %s | %s to %s | %.2f |\n", $pass, $build, count($r), number_format($median($rates)),
			number_format(min($rates)), number_format(max($rates)), $median(array_column($r, 1)));
	}' "$out"
