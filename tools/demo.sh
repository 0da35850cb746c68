#!/usr/bin/env bash
# make demo: runs examples/fanout.php on the default pool of the ZTS debug build.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
prefix=$("$here/tools/php-toolchain.sh" debug)
"$here/tools/build-ext.sh" zts >/dev/null
# I/O-bound jobs: more threads than cores pay off.
exec "$prefix/bin/php" -n -d extension="$here/modules/pogo.so" \
	-d pogo.pool.default.bootstrap="$here/examples/jobs.php" \
	-d pogo.pool.default.num_threads=8 \
	"$here/examples/fanout.php"
