#!/usr/bin/env bash
# Regenerates pogo_arginfo.h from pogo.stub.php with PHP's build/gen_stub.php.
# gen_stub.php needs nikic/php-parser 4.x: Debian's php-parser package, put
# where gen_stub.php looks for it (it would otherwise try to download it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=$("$here/tools/php-toolchain.sh" debug)
if [ ! -d /usr/share/php/PhpParser ]; then
	apt_get() { if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi; }
	apt_get update -qq
	DEBIAN_FRONTEND=noninteractive apt_get install -y -qq php-parser >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen=$(find "$prefix/lib/php" -name gen_stub.php | head -1)
cp "$gen" "$work/gen_stub.php"
version=$(sed -n 's/^ *\$version = "\(4\.[0-9.]*\)";/\1/p' "$work/gen_stub.php" | head -1)
mkdir -p "$work/PHP-Parser-$version"
ln -s /usr/share/php "$work/PHP-Parser-$version/lib"
"$prefix/bin/php" -n "$work/gen_stub.php" "$here/pogo.stub.php"
