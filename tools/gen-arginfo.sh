#!/usr/bin/env bash
# Regenerates pogo_arginfo.h from pogo.stub.php with PHP's build/gen_stub.php.
# gen_stub.php needs nikic/php-parser 4.x: Debian's php-parser package, put
# where gen_stub.php looks for it (it would otherwise try to download it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
prefix=$("$here/tools/php-toolchain.sh" debug)
[ -d /usr/share/php/PhpParser ] || pogo_apt_install php-parser
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen=$(find "$prefix/lib/php" -name gen_stub.php | head -1)
cp "$gen" "$work/gen_stub.php"
version=$(sed -n 's/^ *\$version = "\(4\.[0-9.]*\)";/\1/p' "$work/gen_stub.php" | head -1)
mkdir -p "$work/PHP-Parser-$version"
ln -s /usr/share/php "$work/PHP-Parser-$version/lib"
"$prefix/bin/php" -n "$work/gen_stub.php" "$here/pogo.stub.php"
