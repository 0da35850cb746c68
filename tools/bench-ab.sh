#!/usr/bin/env bash
# A/B throughput and hand-offs: this build against a baseline build, in
# turns, many rounds, on a quiet machine and then with one CPU-bound process
# per core. The figures of docs/benchmarks.md's "A/B throughput" section.
#
#   tools/bench-ab.sh [ROUNDS]     default 11 rounds a pass
#
# Each round runs, for each build, each in a fresh process, bench/ab.php
# (100,000 trivial jobs on 2 threads, batches of 1,000) and bench/handoff.php
# (10,000 trivial and 10,000 100 B round trips on 1 thread, in turns);
# prints every sample, then per build and pass the medians, the ranges, the
# CPU time per job and how many rounds' trivial round trip took over 5 us.
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
hand=$(mktemp)
trap 'pogo_spinners_stop; rm -f "$out" "$hand"' EXIT
for pass in quiet busy; do
	[ "$pass" = quiet ] || pogo_spinners_start "$php"
	for _ in $(seq "$rounds"); do
		for build in "this:$ext" "$baseline:$base_ext"; do
			"$php" -n -d memory_limit=-1 -d "extension=${build#*:}" -d "pogo.pool.p2.bootstrap=$here/bench/jobs.php" \
				-d pogo.pool.p2.num_threads=2 "$here/bench/ab.php" "$pass:${build%%:*}" | tee -a "$out"
			"$php" -n -d "extension=${build#*:}" -d "pogo.pool.p1.bootstrap=$here/bench/jobs.php" \
				-d pogo.pool.p1.num_threads=1 "$here/bench/handoff.php" "$pass:${build%%:*}" | tee -a "$hand"
		done
	done
	pogo_spinners_stop
done
echo
"$php" -n -r '
	$median = function (array $x): float {
		sort($x);
		$n = count($x);
		return $n % 2 ? $x[intdiv($n, 2)] : ($x[$n / 2 - 1] + $x[$n / 2]) / 2;
	};
	$read = function (string $file): array {
		$rows = [];
		foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
			$f = explode(" ", $line);
			$rows[$f[0]][] = array_map("floatval", array_slice($f, 1));
		}
		return $rows;
	};
	$range = fn (array $x, int $d) => number_format(min($x), $d) . " to " . number_format(max($x), $d);
	$hand = $read($argv[2]);
	echo "| pass | build | rounds | median jobs/s | range | CPU per job (µs) | trivial round trip (µs) | range | rounds over 5 µs | 100 B (µs) |\n";
	echo "|---|---|---|---|---|---|---|---|---|---|\n";
	foreach ($read($argv[1]) as $key => $r) {
		[$pass, $build] = explode(":", $key, 2);
		$rates = array_column($r, 0);
		$triv = array_column($hand[$key] ?? [], 0);
		$hundred = array_column($hand[$key] ?? [], 1);
		printf("| %s | %s | %d | %s | %s | %.2f | %s | %s | %s | %s |\n", $pass, $build, count($r), number_format($median($rates)),
			$range($rates, 0), $median(array_column($r, 1)), $triv ? number_format($median($triv), 1) : "—",
			$triv ? $range($triv, 1) : "—", $triv ? count(array_filter($triv, fn ($t) => $t > 5)) : "—",
			$hundred ? number_format($median($hundred), 1) : "—");
	}' "$out" "$hand"
