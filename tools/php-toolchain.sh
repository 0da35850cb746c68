#!/usr/bin/env bash
# Builds (once) and caches a thread-safe PHP from Debian's php8.2 source package.
#
#   tools/php-toolchain.sh [debug|release|asan|embed|apache|asan-embed|asan-apache|tsan]   build if missing, print the prefix
#
# Flavors: debug (-O0, --enable-debug: the tests), release (-O2: the
# benchmarks), asan (ASan+UBSan), and two debug builds with a server SAPI
# beside cli and fpm (PHP builds only one such SAPI at a time):
#   embed    the embed SAPI as FrankenPHP needs it: lib/php/libphp.so (in
#            Debian's libdir), Zend signals off (tools/frankenphp.sh links it)
#   apache   apache2handler for Debian's apache2 (apache2-dev's apxs):
#            libexec/libphp.so, a thread-safe mod_php with Zend signals off
#            (tools/apache.sh loads it); installed into the prefix only,
#            never into Apache's own module directory or configuration
#   asan-embed, asan-apache   embed and apache with ASan+UBSan, as asan
#            (make e2e with E2E_ASAN=1)
#
# The cache lives outside the work tree: $POGO_CACHE, default ~/.cache/pogo.
# The deb-src entry is derived from the machine's own apt sources file, so no
# archive host name is written here.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"

flavor=${1:-debug}
cache=$POGO_CACHE
phpver=8.2
prefix="$cache/php-$phpver-zts-$flavor"
src_root="$cache/src"

log() { printf 'pogo-toolchain: %s\n' "$*" >&2; }

conf=(--prefix="$prefix" --enable-zts --enable-zend-max-execution-timers
	--disable-all --enable-opcache --enable-pcntl --enable-posix --enable-sockets
	--enable-tokenizer --enable-fpm --enable-cli --disable-cgi --disable-phpdbg
	--with-config-file-path="$prefix/etc" --with-config-file-scan-dir="$prefix/etc/conf.d")
cflags="-O2 -g"
case "$flavor" in
	debug) conf+=(--enable-debug); cflags="-O0 -g" ;;
	release) ;;
	asan) conf+=(--enable-debug --enable-address-sanitizer --enable-undefined-sanitizer); cflags="-O1 -g" ;;
	# FrankenPHP's documented options (and no more: ext/session is optional
	# to it, HAVE_PHP_SESSION); --enable-zts and the timers are in conf.
	embed) conf+=(--enable-debug --enable-embed --disable-zend-signals); cflags="-O0 -g" ;;
	# Zend signals off here too: with them, PHP's handlers replace Apache's
	# SIGTERM and SIGHUP handlers in its children, which then die of the
	# signal on a stop or graceful-stop and never run PHP's module shutdown.
	apache) conf+=(--enable-debug --with-apxs2=/usr/bin/apxs --disable-zend-signals); cflags="-O0 -g" ;;
	asan-embed) conf+=(--enable-debug --enable-address-sanitizer --enable-undefined-sanitizer
		--enable-embed --disable-zend-signals); cflags="-O1 -g" ;;
	asan-apache) conf+=(--enable-debug --enable-address-sanitizer --enable-undefined-sanitizer
		--with-apxs2=/usr/bin/apxs --disable-zend-signals); cflags="-O1 -g" ;;
	# ThreadSanitizer: PHP 8.2's configure has no switch for it, so CFLAGS and
	# LDFLAGS (--enable-debug keeps -fsanitize=thread, and compiles with -O0).
	# No ifunc resolvers: glibc runs them before TSan is initialized, and gcc
	# instruments them (Zend/zend_portability.h drops them for clang's TSan only).
	# No RTLD_DEEPBIND, which TSan refuses in dlopen(): the RTLD_GROUP/WORLD/
	# PARENT branch of DL_LOAD (zend_portability.h), with zeros, is a plain
	# RTLD_GLOBAL (as ASan builds have; those macros are used nowhere else).
	tsan) conf+=(--enable-debug LDFLAGS=-fsanitize=thread ax_cv_have_func_attribute_ifunc=no)
		cflags="-g -fsanitize=thread -DRTLD_GROUP=0 -DRTLD_WORLD=0 -DRTLD_PARENT=0" ;;
	*) log "unknown flavor $flavor (debug, release, asan, embed, apache, asan-embed, asan-apache, tsan)"; exit 2 ;;
esac
# The recipe: a cached build made with other options is rebuilt.
recipe="php$phpver ${conf[*]} CFLAGS=$cflags"

# Debian's patched phpize copies its files from Debian's own places: shtool
# from /usr/bin (Debian's shtool package, absent on a bare machine) and
# libtool's m4 files from the prefix. Point both at what this build and the
# system have. Idempotent, and run on cached builds too.
fix_phpize() {
	sed -i -e 's#^aclocaldir=.*#aclocaldir="/usr/share/aclocal"#' \
		-e 's#^FILES_BUILD="php.m4 /usr/bin/shtool #FILES_BUILD="php.m4 shtool #' "$1/bin/phpize"
	[ -n "$(find "$1/lib/php" -path '*/build/shtool' -perm -u+x -print -quit)" ] ||
		{ log "no build/shtool under $1/lib/php: phpize would fail"; return 1; }
}

# What building PHP, and phpize for an extension, need.
need_pkgs=(dpkg-dev build-essential autoconf automake libtool bison re2c pkg-config)
# need_flavor_pkgs: what the flavor's SAPI needs besides (apache: Debian's
# apache2 and apxs, installed without starting a system Apache).
need_flavor_pkgs() {
	case "$flavor" in
		apache | asan-apache) pogo_apache_install ;;
	esac
}

if [ -x "$prefix/bin/php" ] && [ "$(cat "$prefix/.pogo-complete" 2>/dev/null)" = "$recipe" ]; then
	pogo_apt_install "${need_pkgs[@]}"
	need_flavor_pkgs
	fix_phpize "$prefix"
	echo "$prefix"
	exit 0
fi
as_root() { pogo_as_root "$@"; }
pogo_apt_install "${need_pkgs[@]}"
need_flavor_pkgs

# A deb-src twin of the first "Types: deb" stanza of the system's sources,
# restricted to the release suite (newer suites list sources they do not serve).
srcfile=/etc/apt/sources.list.d/pogo-deb-src.sources
if [ ! -f "$srcfile" ]; then
	sys=/etc/apt/sources.list.d/debian.sources
	if [ -f "$sys" ]; then
		codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
		awk -v suite="$codename" '
			BEGIN { RS=""; ORS="\n\n" }
			NR == 1 {
				n = split($0, lines, "\n")
				for (i = 1; i <= n; i++) {
					if (lines[i] ~ /^Types:/) lines[i] = "Types: deb-src"
					else if (lines[i] ~ /^Suites:/) lines[i] = "Suites: " suite
					print lines[i]
				}
				exit
			}' ORS="\n" "$sys" | as_root tee "$srcfile.tmp" >/dev/null
	elif [ -f /etc/apt/sources.list ]; then
		srcfile=${srcfile%.sources}.list
		grep -E '^deb ' /etc/apt/sources.list | head -1 | sed 's/^deb /deb-src /' |
			as_root tee "$srcfile.tmp" >/dev/null
	else
		log "no apt sources file found to derive a deb-src entry from"
		exit 1
	fi
	as_root mv "$srcfile.tmp" "$srcfile"
	as_root apt-get update -qq
fi

mkdir -p "$src_root"
srcdir=$(find "$src_root" -maxdepth 1 -type d -name "php$phpver-$phpver.*" | sort | tail -1)
if [ -z "$srcdir" ]; then
	codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
	log "fetching php$phpver source package ($codename)"
	(cd "$src_root" && apt-get source -qq "php$phpver/$codename" >&2)
	srcdir=$(find "$src_root" -maxdepth 1 -type d -name "php$phpver-$phpver.*" | sort | tail -1)
fi
[ -n "$srcdir" ] || { log "php$phpver source not found after apt-get source"; exit 1; }

build="$cache/build-$phpver-$flavor"
rm -rf "$build" "$prefix"
cp -a "$srcdir" "$build"
cd "$build"

log "configuring $flavor build in $build"
# Logs of a failed build stay in $build; the failure report names them.
pogo_stage "buildconf ($flavor)" "$build/buildconf.log"
./buildconf --force >"$build/buildconf.log" 2>&1
pogo_stage "configure ($flavor)" "$build/configure.log"
CFLAGS="$cflags" ./configure "${conf[@]}" >"$build/configure.log" 2>&1
log "compiling (a few minutes)"
pogo_stage "make ($flavor)" "$build/make.log"
make -j"$(nproc)" >"$build/make.log" 2>&1
pogo_stage "make install ($flavor)" "$build/install.log"
if [ "$flavor" = apache ] || [ "$flavor" = asan-apache ]; then
	# The apache2handler SAPI's own install step runs apxs into Apache's
	# module directory: skipped, and the module goes to the prefix instead.
	make install INSTALL_IT=: >"$build/install.log" 2>&1
	mkdir -p "$prefix/libexec"
	install -m 0755 libs/libphp.so "$prefix/libexec/libphp.so"
else
	make install >"$build/install.log" 2>&1
fi
pogo_stage "finishing ($flavor)"
mkdir -p "$prefix/etc/conf.d"
fix_phpize "$prefix"
printf '%s' "$recipe" >"$prefix/.pogo-complete"
cd "$cache" && rm -rf "$build"
log "ready: $prefix"
echo "$prefix"
