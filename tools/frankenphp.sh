#!/usr/bin/env bash
# Builds (once) and caches a FrankenPHP binary against the cached embed PHP.
#
#   tools/frankenphp.sh        build if missing, print the binary's path
#   tools/frankenphp.sh --go   only find the Go that would build it: print it, or say
#                              what is missing and exit 1
#
# The Go module in tools/frankenphp (main.go, go.mod, go.sum) pins FrankenPHP
# and every dependency; go.sum holds the hashes that FrankenPHP's own caddy
# module publishes, so the modules are checked without a checksum database.
# The modules come from the Go module proxy into Go's module cache; once they
# are there, the build needs no network. The binary is linked against
# $(tools/php-toolchain.sh embed)/lib/php/libphp.so with an rpath to it, with
# CGO_CFLAGS/CGO_LDFLAGS from that PHP's php-config, as FrankenPHP documents.
#
# Build tags: nowatcher (the watcher C library is not in Debian), nomercure
# (not needed here), nobadger nomysql nopgx (storage back ends FrankenPHP's
# documentation drops). Brotli comes from Debian's libbrotli-dev.
#
# The cache: $POGO_CACHE/frankenphp-VERSION-HASH/frankenphp, HASH over the Go
# module's files, the tags, the Go version and the embed PHP's recipe: any
# change builds a new one. Its build log stays beside it.
#
# Environment:
#   FRANKENPHP_ASAN=1  against the asan-embed PHP instead, built with go build
#                    -asan and -fsanitize=address for cgo (make e2e's E2E_ASAN=1)
#   POGO_CACHE       the cache (default ~/.cache/pogo)
#   POGO_GO          the go command to use (default: go on PATH, then
#                    /usr/local/go/bin/go, then Debian's /usr/lib/go-1.*/bin/go).
#                    A Go older than go.mod's but at least 1.21 fetches the
#                    newer toolchain itself (GOTOOLCHAIN) from the module proxy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"

log() { printf 'frankenphp: %s\n' "$*" >&2; }
# Go keeps its module and build caches under HOME (~/go, ~/.cache/go-build).
if [ -z "${HOME:-}" ]; then
	HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
	export HOME
fi
mod="$here/tools/frankenphp"
tags=nowatcher,nomercure,nobadger,nomysql,nopgx

# ---- Go ---------------------------------------------------------------------

need_go=$(awk '$1 == "go" { print $2; exit }' "$mod/go.mod")
go_version() { GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null | sed "s/^go//"; }
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

go=
for g in ${POGO_GO:-} "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go-1.*/bin/go; do
	[ -n "$g" ] && [ -x "$g" ] || continue
	v=$(go_version "$g") || continue
	if version_ge "$v" "$need_go"; then
		go=$g
		export GOTOOLCHAIN=local
		break
	fi
	if [ -z "$go" ] && version_ge "$v" 1.21; then
		go=$g # fetches go$need_go itself, unless a newer one turns up
		export GOTOOLCHAIN="go$need_go"
	fi
done
if [ -z "$go" ]; then
	log "needs Go >= $need_go (tools/frankenphp/go.mod), or a Go >= 1.21 that fetches it; none found."
	log "Debian 12's own golang is 1.19. Either install Go $need_go or newer from the"
	log "Go project's release archive, or Debian 12 backports' golang-1.23 (add the"
	log "bookworm-backports suite to apt's sources, then apt-get install golang-1.23-go):"
	log "this script then finds /usr/lib/go-1.23/bin/go, and that Go downloads Go $need_go"
	log "from the Go module proxy (GOTOOLCHAIN=go$need_go). POGO_GO=/path/to/go names one."
	exit 1
fi
if [ "${1:-}" = --go ]; then
	echo "$go"
	exit 0
fi

# ---- the cache ----------------------------------------------------------------

version=$(awk '$1 == "github.com/dunglas/frankenphp/caddy" { print $2 }' "$mod/go.mod")
[ -n "$version" ] || { log "no github.com/dunglas/frankenphp/caddy in $mod/go.mod"; exit 1; }
pogo_apt_install build-essential pkg-config libbrotli-dev
asan=${FRANKENPHP_ASAN:-0}
embed=embed asan_flags=() asan_c=
if [ "$asan" = 1 ]; then
	embed=asan-embed asan_flags=(-asan)
	# libphp.so needs UBSan's runtime too (the asan flavors build with both)
	asan_c="-fsanitize=address -fsanitize=undefined -fno-omit-frame-pointer"
fi
prefix=$("$here/tools/php-toolchain.sh" "$embed")
# Debian's build puts libphp.so in its libdir, lib/php.
libdir="$prefix/lib/php"
[ -f "$libdir/libphp.so" ] || { log "no $libdir/libphp.so: the embed toolchain is broken"; exit 1; }
php_config="$prefix/bin/php-config"

hash=$(
	cd "$mod"
	cat go.mod go.sum ./*.go
	echo "tags=$tags go=$GOTOOLCHAIN:$(go_version "$go") asan=$asan"
	cat "$prefix/.pogo-complete"
)
hash=$(printf '%s' "$hash" | sha256sum | cut -c1-12)
out="$POGO_CACHE/frankenphp-$version-$hash"
bin="$out/frankenphp"
if [ -x "$bin" ] && [ -f "$out/.pogo-complete" ]; then
	echo "$bin"
	exit 0
fi

# ---- build ------------------------------------------------------------------

rm -rf "$out"
mkdir -p "$out"
build_log="$out/build.log"
log "building FrankenPHP $version with $("$go" version | cut -d' ' -f3) ($GOTOOLCHAIN) against $prefix (a few minutes)"
pogo_stage "go build" "$build_log"
cd "$mod"
CGO_ENABLED=1 \
	CGO_CFLAGS="$("$php_config" --includes)${asan_c:+ $asan_c}" \
	CGO_LDFLAGS="$("$php_config" --ldflags) $("$php_config" --libs) -L$libdir -Wl,-rpath,$libdir${asan_c:+ $asan_c}" \
	GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=readonly -buildvcs=false" \
	"$go" build "${asan_flags[@]}" -tags "$tags" -o "$bin" . >"$build_log" 2>&1 </dev/null
pogo_stage "checking the binary"
"$bin" version >>"$build_log" 2>&1
ldd "$bin" | grep -F "$libdir/libphp.so" >/dev/null ||
	{ log "$bin does not load $libdir/libphp.so"; ldd "$bin" >&2; exit 1; }
printf '%s %s tags=%s\n' "$version" "$hash" "$tags" >"$out/.pogo-complete"
log "ready: $bin"
echo "$bin"
