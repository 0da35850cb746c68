#!/usr/bin/env bash
# make servers: Pogo loaded in FrankenPHP (classic mode, worker mode) and in
# Apache (event MPM, ZTS mod_php), serving a page that dispatches 4 jobs.
#
#   tools/servers-smoke.sh [frankenphp] [worker] [apache]   (default: all three)
#
# Builds what is missing: the embed and apache toolchains, FrankenPHP
# (tools/frankenphp.sh), and Pogo against each PHP, out of tree in
# $POGO_CACHE/servers/pogo-KIND. Then, for each server, in a directory of its
# own under a new /tmp/pogo-servers-smoke.* that keeps every log:
#   - a php.ini that loads pogo.so (and opcache), with the pool "default"
#     (4 threads) bootstrapped by a copy of examples/jobs.php;
#   - the server on a free loopback port, never the system's configuration;
#   - SMOKE_REQUESTS requests one after another, then as many again 4 at a
#     time, to /smoke.php, a page that dispatches 4 Example\Checksum jobs
#     and awaits them; each body must be what the CLI computes for those
#     jobs, and name the server's SAPI and Pogo's version. In worker mode the
#     page runs inside frankenphp_handle_request() of a worker script.
#   - the server still running afterwards, with no crash in its log;
#   - SIGTERM: it must exit within 30 s, with status 0 and no crash in its
#     log, and leave no process behind (for Apache, its children too).
# Servers run with `ulimit -c unlimited`: a crash's core file (FrankenPHP's
# in its directory, an Apache child's in DIR/cores), where the kernel writes
# one, becomes a backtrace of every thread in DIR/backtrace-*.txt (with gdb,
# if installed; the core is then deleted) and its first frames are printed.
# Each check prints PASS or FAIL; the last line is "N passed, N failed", and
# the exit status is 0 only when none failed. Every process started here is
# stopped by its pid when the script ends, however it ends.
#
# Environment:
#   SMOKE_REQUESTS=N      requests per server, each way (default 10)
#   SMOKE_EMBED_SO=FILE   the Pogo build to load in FrankenPHP (default: built
#                         here, against the embed toolchain)
#   SMOKE_APACHE_SO=FILE  the Pogo build to load in Apache (default: built
#                         here, against the apache toolchain)
#   SMOKE_OPCACHE=0       without opcache (default: on)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
# stop_pid, tree, wait_http, crash_in, backtraces
# shellcheck source=tools/e2e-lib.sh
. "$here/tools/e2e-lib.sh"

requests=${SMOKE_REQUESTS:-10}
opcache=${SMOKE_OPCACHE:-1}
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(frankenphp worker apache)
for s in "${servers[@]}"; do
	case "$s" in
		frankenphp | worker | apache) ;;
		*) echo "usage: servers-smoke.sh [frankenphp] [worker] [apache]" >&2; exit 2 ;;
	esac
done
want() { [[ " ${servers[*]} " == *" $1 "* ]]; }

log() { printf 'servers-smoke: %s\n' "$*"; }

passed=0
failed=0
pogo_check_width=34

# ---- builds -----------------------------------------------------------------
# A server that cannot be built fails its "build" check; the others still run.

pogo_stage "tools"
pogo_apt_install curl
build_failed() { # build_failed NAME WHAT...: a FAIL for each server of NAME, and those left out
	local name=$1 s
	shift
	for s in "${servers[@]}"; do
		case "$name:$s" in
			embed:frankenphp | embed:worker | apache:apache) pogo_check "$s: build" 0 "$* failed (its report is above)" ;;
		esac
	done
	servers=($(for s in "${servers[@]}"; do case "$name:$s" in embed:frankenphp | embed:worker | apache:apache) ;; *) echo "$s" ;; esac; done))
}
if want frankenphp || want worker; then
	pogo_stage "FrankenPHP"
	if ! frankenphp=$("$here/tools/frankenphp.sh"); then
		build_failed embed "tools/frankenphp.sh"
	elif ! embed_prefix=$("$here/tools/php-toolchain.sh" embed) ||
		! embed_so=${SMOKE_EMBED_SO:-$("$here/tools/build-ext.sh" embed "$POGO_CACHE/servers/pogo-embed")}; then
		embed_prefix=
		build_failed embed "Pogo against the embed PHP (tools/build-ext.sh embed)"
	fi
fi
if want apache; then
	pogo_stage "Apache's mod_php"
	if ! apache_prefix=$("$here/tools/php-toolchain.sh" apache) ||
		! apache_so=${SMOKE_APACHE_SO:-$("$here/tools/build-ext.sh" apache "$POGO_CACHE/servers/pogo-apache")}; then
		apache_prefix=
		build_failed apache "the apache toolchain, or Pogo against it (tools/build-ext.sh apache)"
	fi
fi
pogo_stage "smoke"
if [ ${#servers[@]} = 0 ]; then
	echo "$passed passed, $failed failed"
	exit 1
fi
# The CLI of one of those PHPs, with the Pogo built for it (jobs.php uses its interface).
if [ -n "${embed_prefix:-}" ]; then cli=("$embed_prefix/bin/php" -n -d "extension=$embed_so"); else
	cli=("$apache_prefix/bin/php" -n -d "extension=$apache_so"); fi

run=$(mktemp -d /tmp/pogo-servers-smoke.XXXXXX)
chmod 755 "$run" # Apache's children (www-data, when run by root) read the pages
log "logs in $run"

# ---- stopping everything we start, by pid -----------------------------------

pids=()
cleanup() {
	local rc=$? i
	trap - EXIT INT TERM
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		stop_pid "${pids[$i]}" TERM 10 || true
		wait "${pids[$i]}" 2>/dev/null || true
	done
	log "logs kept in $run"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
	# shellcheck disable=SC2016 # PHP code
	"${cli[@]}" -r '
		$s = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr) or exit(1);
		echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";'
}

# ---- the application ----------------------------------------------------------

# The results of the page's 4 jobs, computed by the CLI without Pogo.
# shellcheck disable=SC2016 # PHP code
expected_results=$("${cli[@]}" -r '
	require $argv[1];
	$out = [];
	for ($i = 0; $i < 4; $i++) {
		$out[] = (new Example\Checksum())->handle(["seed" => "smoke-$i", "rounds" => 2000]);
	}
	echo implode(",", $out);' "$here/examples/jobs.php")

# app DIR: the pages and the jobs under DIR/public
app() {
	mkdir -p "$1/public"
	cp "$here/examples/jobs.php" "$1/public/jobs.php"
	cat >"$1/public/smoke.php" <<'PHP'
<?php

/* tools/servers-smoke.sh: 4 jobs on the pool "default", awaited. */

declare(strict_types=1);

require_once __DIR__ . '/jobs.php';

header('Content-Type: text/plain');
try {
    $handles = [];
    for ($i = 0; $i < 4; $i++) {
        $handles[] = pogo_dispatch(Example\Checksum::class, ['seed' => "smoke-$i", 'rounds' => 2000]);
    }
    $results = [];
    foreach ($handles as $handle) {
        $results[] = pogo_await($handle, 10.0);
    }
} catch (Throwable $e) {
    http_response_code(500);
    printf("pogo-smoke error %s: %s\n", $e::class, $e->getMessage());

    return;
}
printf("pogo-smoke sapi=%s pogo=%s mode=%s results=%s\n", PHP_SAPI, phpversion('pogo'),
    $smokeMode ?? 'classic', implode(',', $results));
PHP
	cat >"$1/public/worker.php" <<'PHP'
<?php

/* tools/servers-smoke.sh: a FrankenPHP worker serving smoke.php. */

declare(strict_types=1);

require_once __DIR__ . '/jobs.php';

$served = 0;
$handler = static function () use (&$served): void {
    $served++;
    $smokeMode = "worker#$served";
    // ?page=functions or ?page=scope: the other pages, served by this worker.
    $page = $_GET['page'] ?? 'smoke';
    require __DIR__ . '/' . (in_array($page, ['functions', 'scope'], true) ? $page : 'smoke') . '.php';
};
while (frankenphp_handle_request($handler)) {
    gc_collect_cycles();
}
PHP
	cat >>"$1/public/jobs.php" <<'PHP'

/** tools/servers-smoke.sh: calls the server's own functions from a job. */
final class SmokeServerFunctions implements \Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $out = [];
        foreach ($args['functions'] as $f) {
            if (!function_exists($f)) {
                continue;
            }
            try {
                $out[$f] = in_array($f, ['apache_note', 'apache_getenv', 'virtual', 'apache_lookup_uri', 'mercure_publish'], true)
                    ? $f('x') : ($f === 'frankenphp_handle_request' ? $f(static fn () => null) : $f());
            } catch (\Error $e) {
                $out[$f] = 'Error: ' . $e->getMessage();
            }
        }
        ob_start();
        phpinfo();
        $out['phpinfo'] = strlen((string) ob_get_clean()) > 1000;
        return $out;
    }
}
PHP
	cat >"$1/public/functions.php" <<'PHP'
<?php

/* tools/servers-smoke.sh: a job calls the server's functions; the page shows what each gave. */

require_once __DIR__ . '/jobs.php';

header('Content-Type: application/json');
echo json_encode(pogo_await(pogo_dispatch(Example\SmokeServerFunctions::class, ['functions' => [
    'getallheaders', 'apache_request_headers', 'apache_response_headers', 'apache_note',
    'apache_getenv', 'virtual', 'apache_lookup_uri', 'apache_get_version',
    'frankenphp_finish_request', 'fastcgi_finish_request', 'frankenphp_request_headers',
    'headers_send', 'frankenphp_handle_request', 'mercure_publish', 'getenv', 'opcache_reset',
]]), 10.0)), "\n";
PHP
	cat >"$1/public/scope.php" <<'PHP'
<?php

/*
 * tools/servers-smoke.sh: ?keep dispatches a slow job without awaiting it and
 * prints its handle; ?await=H awaits an earlier request's handle, which must
 * be foreign to this request.
 */

require_once __DIR__ . '/jobs.php';

header('Content-Type: text/plain');
if (isset($_GET['await'])) {
    try {
        pogo_await((int) $_GET['await'], 1.0);
        echo "awaited another request's handle\n";
    } catch (Pogo\PogoException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
} else {
    echo pogo_dispatch(Example\Checksum::class, ['seed' => 'kept', 'rounds' => 200000]), "\n";
}
PHP
	chmod -R a+rX "$1"
}

# php_ini DIR SO PREFIX: DIR/php.ini loading Pogo from SO
php_ini() {
	{
		echo "; tools/servers-smoke.sh"
		echo "extension = $2"
		if [ "$opcache" = 1 ]; then
			echo "zend_extension = $("$3/bin/php-config" --extension-dir)/opcache.so"
			echo "opcache.enable = 1"
		fi
		echo "memory_limit = 128M"
		echo "display_errors = Off"
		echo "log_errors = On"
		echo "error_reporting = E_ALL"
		echo "pogo.shutdown_timeout = 3s"
		echo "pogo.pool.default.bootstrap = $1/public/jobs.php"
		echo "pogo.pool.default.num_threads = 4"
		echo "pogo.pool.default.max_wait = 5s"
		echo "pogo.pool.default.max_execution_time = 10"
	} >"$1/php.ini"
}

# ---- one server ---------------------------------------------------------------

# body_ok FILE SAPI MODE: the page's body, with the right results
body_ok() {
	local line
	line=$(cat "$1" 2>/dev/null) || return 1
	[[ "$line" == "pogo-smoke sapi=$2 pogo="* ]] || return 1
	[[ "$line" == *" mode=$3"* ]] || return 1
	[[ "$line" == *" results=$expected_results" ]] || return 1
}

# requests NAME URL SAPI MODE DIR: the page, one at a time, then 4 at a time
requests() {
	local name=$1 url=$2 sapi=$3 mode=$4 dir=$5 i bad=0 sample='' f
	mkdir -p "$dir/bodies"
	for ((i = 1; i <= requests; i++)); do
		curl -s --max-time 20 -o "$dir/bodies/seq-$i" "$url" || true
	done
	seq 1 "$requests" | xargs -P 4 -I{} curl -s --max-time 20 -o "$dir/bodies/par-{}" "$url" || true
	for f in "$dir"/bodies/seq-* "$dir"/bodies/par-*; do
		if ! body_ok "$f" "$sapi" "$mode"; then
			bad=$((bad + 1))
			[ -n "$sample" ] || sample=$(head -c 200 "$f" 2>/dev/null | tr '\n' ' ')
		fi
	done
	pogo_check "$name: the page" "$([ "$bad" = 0 ] && echo 1 || echo 0)" \
		"$((requests * 2)) requests ($requests one at a time, $requests 4 at a time), $bad wrong${sample:+; e.g. \"$sample\"}; e.g. \"$(head -c 200 "$dir/bodies/seq-1" 2>/dev/null | tr -d "\n")\""
}

# page_url PAGES NAME: the URL of a page, with a query to add to (PAGES: "DIR/" or "WORKER?page=")
page_url() {
	if [[ $1 == *"?page=" ]]; then echo "$1$2"; else echo "$1$2.php?"; fi
}

# server_functions NAME PAGES SAPI: a job calling the server's own functions gets
# what a request without a client would, or an Error saying it needs one
server_functions() {
	local name=$1 base=$2 sapi=$3 body ok=1 want w
	body=$(curl -s --max-time 20 "$(page_url "$base" functions)" || true)
	case "$sapi" in
		apache2handler) want=('"getallheaders":[]' '"apache_note":"Error: apache_note() needs a client request'
			'"virtual":"Error: virtual() needs a client request' '"apache_lookup_uri":"Error:' ) ;;
		*) want=('"getallheaders":[]' '"frankenphp_finish_request":false' '"fastcgi_finish_request":false'
			'"headers_send":"Error: headers_send() needs a client request'
			'"frankenphp_handle_request":"Error:' '"opcache_reset":"Error:' ) ;;
	esac
	want+=('"phpinfo":true')
	for w in "${want[@]}"; do [[ $body == *"$w"* ]] || ok=0; done
	pogo_check "$name: server functions in a job" "$ok" "$(printf '%s' "$body" | head -c 300)"
}

# scopes NAME PAGES: a handle that one request did not await is foreign to the next
scopes() {
	local name=$1 base=$2 handle body
	handle=$(curl -s --max-time 20 "$(page_url "$base" scope)&keep" || true)
	body=$(curl -s --max-time 20 "$(page_url "$base" scope)&await=$handle" || true)
	pogo_check "$name: handles end with their request" \
		"$([[ $body == *"cannot be awaited here"* ]] && echo 1 || echo 0)" "handle $handle, then: $body"
}

# serve NAME DIR BINARY PID URL SAPI MODE LOGS...: the checks of a running server, then its stop
serve() {
	local name=$1 dir=$2 binary=$3 pid=$4 url=$5 sapi=$6 mode=$7 crash rc=0 procs left=() p
	shift 7
	local logs=("$@")
	if ! wait_http "$url" 60 "$pid"; then
		pogo_check "$name: starts" 0 "no answer at $url in 60 s; $(crash_in "${logs[@]}")$(tail -3 "${logs[@]}" 2>/dev/null | tr '\n' ' ' | cut -c1-300)"
		stop_pid "$pid" TERM 10 || true
		wait "$pid" 2>/dev/null || true
		return
	fi
	pogo_check "$name: starts" 1 "$url (pid $pid)"
	local pages
	requests "$name" "$url" "$sapi" "$mode" "$dir"
	# The other pages: files beside smoke.php, or in worker mode ?page= of the worker.
	if [[ $url == */worker.php ]]; then pages="$url?page="; else pages="${url%/*}/"; fi
	scopes "$name" "$pages"
	server_functions "$name" "$pages" "$sapi"

	crash=$(crash_in "${logs[@]}")
	procs=$(tree "$pid" | tr '\n' ' ')
	pogo_check "$name: running, no crash" "$([ -z "$crash" ] && kill -0 "$pid" 2>/dev/null && echo 1 || echo 0)" \
		"processes [${procs% }]${crash:+; $crash}"

	if stop_pid "$pid" TERM 30; then
		wait "$pid" 2>/dev/null || rc=$?
		crash=$(crash_in "${logs[@]}")
		pogo_check "$name: stops on SIGTERM" "$([ "$rc" = 0 ] && [ -z "$crash" ] && echo 1 || echo 0)" \
			"exit status $rc$( [ "$rc" -gt 128 ] && echo " (signal $((rc - 128)))")${crash:+; $crash}"
	else
		wait "$pid" 2>/dev/null || true
		pogo_check "$name: stops on SIGTERM" 0 "still running after 30 s: killed"
	fi
	sleep 0.5
	for p in $procs; do [ -d "/proc/$p" ] && left+=("$p"); done
	pogo_check "$name: no process left" "$([ ${#left[@]} = 0 ] && echo 1 || echo 0)" \
		"$(if [ ${#left[@]} = 0 ]; then echo "all of [${procs% }] gone"; else echo "still there: ${left[*]}"; fi)"
	backtraces "$dir" "$binary"
}

# ---- FrankenPHP -----------------------------------------------------------------

# frankenphp_run NAME WORKER(0|1)
frankenphp_run() {
	local name=$1 worker=$2 dir="$run/$1" port worker_block='' path=/smoke.php mode=classic
	mkdir -p "$dir/xdg"
	app "$dir"
	php_ini "$dir" "$embed_so" "$embed_prefix"
	port=$(free_port)
	if [ "$worker" = 1 ]; then
		worker_block="
		worker {
			file $dir/public/worker.php
			num 1
		}"
		path=/worker.php
		mode='worker#'
	fi
	cat >"$dir/Caddyfile" <<EOF
# tools/servers-smoke.sh: FrankenPHP, $name
{
	admin off
	persist_config off
	auto_https off
	frankenphp {
		num_threads 4$worker_block
	}
}

http://127.0.0.1:$port {
	bind 127.0.0.1
	root * $dir/public
	php_server
}
EOF
	# PHPRC: the php.ini; XDG_*: where Caddy would keep its data and config.
	(
		cd "$dir"
		ulimit -c unlimited 2>/dev/null || true
		PHPRC="$dir/php.ini" XDG_DATA_HOME="$dir/xdg" XDG_CONFIG_HOME="$dir/xdg" \
			exec "$frankenphp" run --config "$dir/Caddyfile" --adapter caddyfile
	) >"$dir/frankenphp.log" 2>&1 </dev/null &
	local pid=$!
	pids+=("$pid")
	serve "$name" "$dir" "$frankenphp" "$pid" "http://127.0.0.1:$port$path" frankenphp "$mode" \
		"$dir/frankenphp.log"
}

if want frankenphp; then
	log "FrankenPHP $("$frankenphp" build-info 2>/dev/null | awk '$2 == "github.com/dunglas/frankenphp" { print $3 }'), classic mode: $run/frankenphp"
	frankenphp_run frankenphp 0
fi
if want worker; then
	log "FrankenPHP, worker mode: $run/worker"
	frankenphp_run worker 1
fi

# ---- Apache ---------------------------------------------------------------------

if want apache; then
	dir="$run/apache"
	mkdir -p "$dir"
	app "$dir"
	php_ini "$dir" "$apache_so" "$apache_prefix"
	port=$(free_port)
	{ read -r apache2; read -r conf; } < <("$here/tools/apache.sh" "$dir" "$port" "$dir/public")
	log "$("$apache2" -v | head -1 | cut -d: -f2- | sed 's/^ *//'), event MPM, mod_php: $dir"
	(
		ulimit -c unlimited 2>/dev/null || true
		exec "$apache2" -f "$conf" -DFOREGROUND
	) >"$dir/apache.stderr" 2>&1 </dev/null &
	pid=$!
	pids+=("$pid")
	serve apache "$dir" "$apache2" "$pid" "http://127.0.0.1:$port/smoke.php" apache2handler classic \
		"$dir/error.log" "$dir/apache.stderr"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
