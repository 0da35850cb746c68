#!/usr/bin/env bash
# Builds the extension with phpize against one PHP.
#
#   tools/build-ext.sh zts      in-tree, against the cached ZTS debug PHP: modules/pogo.so
#   tools/build-ext.sh nts DIR  out of tree in DIR, against Debian's NTS php8.2-dev
#   tools/build-ext.sh release DIR   out of tree in DIR, against the cached ZTS -O2 PHP
#   tools/build-ext.sh asan DIR      out of tree in DIR, against the cached ZTS ASan+UBSan PHP,
#                                    with the sanitizer flags that PHP itself was built with
#   tools/build-ext.sh embed DIR     out of tree in DIR, against the cached ZTS embed PHP (FrankenPHP)
#   tools/build-ext.sh apache DIR    out of tree in DIR, against the cached ZTS PHP of mod_php
#   tools/build-ext.sh asan-apache DIR, asan-embed DIR   the same against the ASan+UBSan
#                                    mod_php or embed PHP, as asan
#   tools/build-ext.sh tsan DIR      out of tree in DIR, against the cached ZTS ThreadSanitizer
#                                    PHP, with -fsanitize=thread as PHP itself
#
# Warnings are errors (--enable-pogo-werror) in all of them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
kind=${1:-zts}

case "$kind" in
	zts)
		prefix=$("$here/tools/php-toolchain.sh" debug)
		phpize="$prefix/bin/phpize"
		php_config="$prefix/bin/php-config"
		dir="$here"
		;;
	release | embed | apache)
		dir=${2:?usage: build-ext.sh $kind DIR}
		prefix=$("$here/tools/php-toolchain.sh" "$kind")
		phpize="$prefix/bin/phpize"
		php_config="$prefix/bin/php-config"
		;;&
	asan | asan-apache | asan-embed)
		dir=${2:?usage: build-ext.sh $kind DIR}
		prefix=$("$here/tools/php-toolchain.sh" "$kind")
		phpize="$prefix/bin/phpize"
		php_config="$prefix/bin/php-config"
		# What PHP's configure adds for --enable-address-sanitizer and
		# --enable-undefined-sanitizer (ZEND_TRACK_ARENA_ALLOC changes zend_arena.h).
		# A debug PHP's configure replaces any -O level with -O0.
		san="-fsanitize=address -fsanitize=undefined -fno-sanitize-recover=undefined"
		san="$san -fno-sanitize=object-size -fno-omit-frame-pointer"
		export CFLAGS="-g $san -DZEND_TRACK_ARENA_ALLOC" LDFLAGS="$san"
		;;&
	tsan)
		dir=${2:?usage: build-ext.sh tsan DIR}
		prefix=$("$here/tools/php-toolchain.sh" tsan)
		phpize="$prefix/bin/phpize"
		php_config="$prefix/bin/php-config"
		# What tools/php-toolchain.sh builds the tsan PHP with (a debug PHP's
		# configure replaces any -O level with -O0).
		export CFLAGS="-g -fsanitize=thread" LDFLAGS="-fsanitize=thread"
		;;&
	nts)
		dir=${2:?usage: build-ext.sh nts DIR}
		pogo_apt_install php8.2-cli php8.2-dev
		phpize=phpize8.2
		php_config=php-config8.2
		;;&
	nts | release | asan | asan-apache | asan-embed | embed | apache | tsan)
		rm -rf "$dir"
		mkdir -p "$dir"
		# Only the tracked sources: never a ZTS build's leftovers.
		(cd "$here" && git ls-files -z 2>/dev/null || find . -path ./.git -prune -o -type f -print0) |
			(cd "$here" && xargs -0 cp --parents -t "$dir")
		;;
	*)
		echo "usage: build-ext.sh zts | nts DIR | release DIR | asan DIR | asan-apache DIR | asan-embed DIR | embed DIR | apache DIR | tsan DIR" >&2
		exit 2
		;;
esac

cd "$dir"
stamp=".pogo-configured-$kind"
if [ ! -f Makefile ] || [ ! -f "$stamp" ] || [ config.m4 -nt "$stamp" ] || [ Makefile.frag -nt "$stamp" ]; then
	pogo_stage "phpize ($kind)" "$dir/.pogo-phpize.log"
	"$phpize" >"$dir/.pogo-phpize.log" 2>&1
	pogo_stage "configure ($kind)" "$dir/config.log"
	./configure --with-php-config="$php_config" --enable-pogo --enable-pogo-werror >/dev/null
	touch "$stamp"
fi
pogo_stage "make ($kind, in $dir)"
make -f Makefile -j"$(nproc)" >/dev/null
echo "$dir/modules/pogo.so"
