#!/usr/bin/env bash
# Quick figures for a closing note: round trip and throughput on the ZTS build.
#   tools/bench-quick.sh [calls] [jobs]      (defaults 10000 and 100000)
# Uses the debug toolchain unless POGO_PHP names another php binary.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
php=${POGO_PHP:-$("$here/tools/php-toolchain.sh" debug)/bin/php}
ext=${POGO_EXT:-$here/modules/pogo.so}
boot="$here/bench/jobs.php"
args=(-n -d extension="$ext")
for p in rt:1 t1:1 t2:2 t4:4; do
	args+=(-d "pogo.pool.${p%%:*}.bootstrap=$boot" -d "pogo.pool.${p%%:*}.num_threads=${p##*:}")
done
"$php" -v | head -1
exec "$php" "${args[@]}" "$here/bench/roundtrip.php" "$@"
