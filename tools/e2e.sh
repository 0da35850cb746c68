#!/usr/bin/env bash
# make e2e: examples/app on the cached ZTS php-fpm behind nginx, under wrk.
#
#   tools/e2e.sh                 20 s of load per page (about 2 minutes)
#   E2E_QUICK=1 tools/e2e.sh     3 s per page (what `make test` runs, under a minute)
#
# Installs nginx and wrk from Debian if they are missing, starts two php-fpm
# (the application's, and a second one for the 50 ms "remote API" that jobs
# call) and nginx as the current user on free loopback ports, in a new
# directory under /tmp that keeps every log. Then:
#   - warms every page up, and measures the children's memory;
#   - runs wrk (16 connections) on each page with a Lua script that checks
#     every response's status and body, and that no body holds the marker
#     that every job prints;
#   - runs wrk on /fanout.php again while php-fpm reloads (SIGUSR2);
#   - meanwhile samples php-fpm's children: their pids, threads and memory.
# Each check prints PASS or FAIL; the last line is "N passed, N failed", and
# the exit status is 0 only when none failed. Everything started here is
# stopped by its process id when the script ends, however it ends.
#
# Environment:
#   E2E_QUICK=1         3 s per page instead of 20
#   E2E_DURATION=N      seconds per page (overrides both)
#   E2E_POGO_SO=FILE    the extension to test (default: modules/pogo.so; the
#                       file must be called pogo.so)
#   E2E_PHP=debug|release   which cached ZTS toolchain (default debug; the
#                       extension must be built against the same one)
#   E2E_OPCACHE=0       without opcache (default: on, as in production)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
app="$here/examples/app"

quick=${E2E_QUICK:-0}
if [ "$quick" = 1 ]; then duration=3; else duration=20; fi
duration=${E2E_DURATION:-$duration}
flavor=${E2E_PHP:-debug}
so=${E2E_POGO_SO:-$here/modules/pogo.so}
opcache=${E2E_OPCACHE:-1}
connections=16
marker=POGO-E2E-JOB-OUTPUT
children=2 # per php-fpm pool: [app] (recycled) and [steady]
# Pool sizes, as in examples/app/conf.d/pogo.ini: a child has 1 + the sizes
# of the pools it has started (they start at its first dispatch to each).
pool_sizes=(4 4 2)

log() { printf 'e2e: %s\n' "$*"; }
die() { printf 'e2e: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---- tools ------------------------------------------------------------------

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]} from Debian"
	as_root apt-get update -qq
	# Debian's nginx package starts a system nginx on port 80 where it can;
	# a policy-rc.d that says no keeps it from starting anything here.
	policy=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
		as_root chmod 755 /usr/sbin/policy-rc.d
		policy=/usr/sbin/policy-rc.d
	fi
	apt_log=$(mktemp)
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$apt_log" 2>&1 || {
		cat "$apt_log" >&2
		rm -f "$apt_log"
		[ -z "$policy" ] || as_root rm -f "$policy"
		die "could not install ${missing[*]}"
	}
	rm -f "$apt_log"
	[ -z "$policy" ] || as_root rm -f "$policy"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

prefix=$("$here/tools/php-toolchain.sh" "$flavor")
php="$prefix/bin/php"
php_fpm="$prefix/sbin/php-fpm"
[ -x "$php_fpm" ] || die "no php-fpm in $prefix"
[ -f "$so" ] || die "no extension at $so (make build)"
[ "$(basename "$so")" = pogo.so ] || die "E2E_POGO_SO must name a file called pogo.so"
so=$(cd "$(dirname "$so")" && pwd)/pogo.so

run=$(mktemp -d /tmp/pogo-e2e.XXXXXX)
mkdir -p "$run/nginx" "$run/expect" "$run/wrk"
log "logs in $run"

# ---- stopping everything we start, by pid -----------------------------------

pids=()         # long-running processes started here, stopped at exit
wrk_pid=
sampler_pid=
reloader_pid=

stop_pid() { # stop_pid PID SIGNAL SECONDS: SIGNAL, then SIGKILL after SECONDS
	local pid=$1 sig=$2 secs=$3 i
	kill -0 "$pid" 2>/dev/null || return 0
	kill "-$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < secs * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
		sleep 0.1
	done
	log "pid $pid did not stop on SIG$sig in ${secs}s: SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	[ -n "$sampler_pid" ] && stop_pid "$sampler_pid" TERM 2
	[ -n "$reloader_pid" ] && stop_pid "$reloader_pid" TERM 2
	[ -n "$wrk_pid" ] && stop_pid "$wrk_pid" TERM 2
	# nginx first (no new requests), then the php-fpm masters: SIGQUIT is
	# their graceful stop; they stop their own children.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		stop_pid "${pids[$i]}" QUIT 25
	done
	log "logs kept in $run"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- configuration ----------------------------------------------------------

# Free loopback ports, held open together so that they differ.
# shellcheck disable=SC2016 # PHP code
read -r http_port slow_port fpm_port steady_fpm_port slow_fpm_port < <("$php" -n -r '
	$s = [];
	for ($i = 0; $i < 5; $i++) {
		$s[$i] = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr) or exit(1);
		$ports[] = parse_url("tcp://" . stream_socket_get_name($s[$i], false), PHP_URL_PORT);
	}
	echo implode(" ", $ports), "\n";')

# pm.max_requests of the [app] pool: its children are recycled many times.
if [ "$quick" = 1 ]; then max_requests=${E2E_MAX_REQUESTS:-300}; else max_requests=${E2E_MAX_REQUESTS:-1000}; fi

if [ "$(id -u)" = 0 ]; then
	user_line="user $(id -un) $(id -gn);" # nginx's workers would otherwise be nobody
	fpm_root=(-R)                         # php-fpm refuses root without it
else
	user_line=
	fpm_root=()
fi

render() { # render TEMPLATE OUT
	sed -e "s#@RUN_DIR@#$run#g" -e "s#@APP_DIR@#$app#g" -e "s#@HTTP_PORT@#$http_port#g" \
		-e "s#@SLOW_PORT@#$slow_port#g" -e "s#@FPM_PORT@#$fpm_port#g" \
		-e "s#@STEADY_FPM_PORT@#$steady_fpm_port#g" -e "s#@LOG_LEVEL@#debug#g" \
		-e "s#@SLOW_FPM_PORT@#$slow_fpm_port#g" -e "s#@MAX_CHILDREN@#$children#g" \
		-e "s#@MAX_REQUESTS@#$max_requests#g" -e "s#@USER_LINE@#$user_line#g" "$1" >"$2"
}
render "$app/deploy/php-fpm.conf.in" "$run/php-fpm.conf"
render "$app/deploy/slow-fpm.conf.in" "$run/slow-fpm.conf"
render "$app/deploy/nginx.conf.in" "$run/nginx.conf"

{
	echo "; php.ini of the application's php-fpm; Pogo and its pools: $app/conf.d/pogo.ini"
	echo "extension_dir = $(dirname "$so")"
	echo "memory_limit = 128M"
	echo "display_errors = Off"
	echo "log_errors = On"
	echo "error_reporting = E_ALL"
	if [ "$opcache" = 1 ]; then
		echo "zend_extension = $("$prefix/bin/php-config" --extension-dir)/opcache.so"
		echo "opcache.enable = 1"
		echo "opcache.memory_consumption = 64"
	fi
} >"$run/php.ini"

# ---- what every response must be ---------------------------------------------
# Computed here by running the application's own job code in the CLI,
# without Pogo's pools, and the page contracts (slow.php's answer, what a
# worker must see of the request) written out by hand.

# shellcheck disable=SC2016 # PHP code
"$php" -n -d extension="$so" -r '
	[, $app, $dir] = $argv;
	require "$app/bootstrap.php";
	ob_start(static fn () => ""); // the jobs print their marker
	$json = static fn ($v) => json_encode($v, App\Http::JSON_FLAGS);

	$sku = "apple";
	$results = [
		"quote" => ["sku" => $sku, "upstream" => "slow-ok $sku"],
		"stock" => (new App\Jobs\CheckStock())->handle(["sku" => $sku])["value"],
		"checksum" => App\Jobs\Checksum::compute($sku, 2000),
	];
	file_put_contents("$dir/fanout.subs",
		"{\"page\":\"fanout\",\"results\":" . $json($results) . ",\"timing\":{\"elapsed_ms\":\n");

	$fragments = [];
	foreach (App\Layout::SECTIONS as $name => [$title, $items]) {
		$fragments[$name] = App\Jobs\RenderFragment::render($name, $title, $items);
	}
	file_put_contents("$dir/fragments.body", App\Layout::page($fragments));

	$body = "";
	for ($i = 0; strlen($body) < 1048576; $i++) {
		$body .= hash("sha256", "pogo body $i") . "\n";
	}
	$body = substr($body, 0, 1048576);
	file_put_contents("$dir/body.bin", $body);
	file_put_contents("$dir/post.body", $json([
		"page" => "post", "bytes" => strlen($body), "md5" => md5($body),
		"jobs" => [
			"checksum" => App\Jobs\Checksum::compute("post", 500),
			"inspect" => ["input_bytes" => 0, "post_fields" => 0, "files" => 0,
			              "content_length" => null, "method" => null],
		],
	]) . "\n");

	$error = static fn (string $class) => "\"error\":" . $json($class);
	$faults = [
		"exception" => [500, $error(Pogo\JobException::class), "\"message\":\"the upstream refused the order\"",
		                "\"code\":42", "\"remoteClass\":" . $json(App\Jobs\UpstreamFailed::class)],
		"fatal" => [502, $error(Pogo\WorkerException::class), "failed: fault: a fatal error in a job in "],
		"exit" => [502, $error(Pogo\WorkerException::class), "failed: the job called exit()"],
		"memory" => [502, $error(Pogo\WorkerException::class), "failed: Allowed memory size of 134217728 bytes exhausted"],
		"timeout" => [504, $error(Pogo\TimeoutException::class), "did not finish within 0.02 s"],
		"pool" => [503, $error(Pogo\PoolException::class), "unknown pool \\\"no_such_pool\\\""],
	];
	$tsv = "";
	foreach ($faults as $kind => $want) {
		$status = array_shift($want);
		$tsv .= implode("\t", [$kind, $status, "{\"page\":\"faults\",\"kind\":\"$kind\",", ...$want]) . "\n";
	}
	file_put_contents("$dir/faults.tsv", $tsv);
' "$app" "$run/expect"

cat >"$run/check.lua" <<'LUA'
-- wrk script of tools/e2e.sh: checks every response of one page.
-- E2E_PAGE: fanout | fragments | post | faults; E2E_DIR: expectations; E2E_MARKER.
local page = os.getenv("E2E_PAGE")
local dir = os.getenv("E2E_DIR")
local marker = os.getenv("E2E_MARKER")

local function slurp(path)
	local f = assert(io.open(path, "rb"))
	local s = f:read("*a")
	f:close()
	return s
end

local function split(line, sep)
	local out = {}
	for field in string.gmatch(line, "([^" .. sep .. "]+)") do
		table.insert(out, field)
	end
	return out
end

local function contains(s, sub)
	return string.find(s, sub, 1, true) ~= nil
end

-- per thread
checked, wrong, marked, server_errors = 0, 0, 0, 0
sample = ""
local expected_body, subs
local faults, kinds, pending, head, tail, turn = {}, {}, {}, 1, 0, 0

function init(args)
	if page == "fragments" or page == "post" then
		expected_body = slurp(dir .. "/" .. page .. ".body")
	elseif page == "fanout" then
		subs = { (string.gsub(slurp(dir .. "/fanout.subs"), "\n$", "")) }
	elseif page == "faults" then
		for line in io.lines(dir .. "/faults.tsv") do
			local f = split(line, "\t")
			local kind = table.remove(f, 1)
			local status = tonumber(table.remove(f, 1))
			faults[kind] = { status = status, subs = f }
			table.insert(kinds, kind)
		end
		turn = math.random(#kinds)
	end
	if page == "post" then
		wrk.method = "POST"
		wrk.body = slurp(dir .. "/body.bin")
		wrk.headers["Content-Type"] = "application/octet-stream"
	end
end

if page == "faults" then
	-- One connection per thread: its responses come back in request order.
	function request()
		if #kinds == 0 then -- wrk's main state, checking the request's syntax
			return wrk.format("GET", "/faults.php?kind=exception")
		end
		turn = turn % #kinds + 1
		local kind = kinds[turn]
		tail = tail + 1
		pending[tail] = kind
		return wrk.format("GET", "/faults.php?kind=" .. kind)
	end
end

local function right(status, body)
	if page == "faults" then
		if head == 1 and tail >= 2 and not contains(body, '"kind":"' .. pending[1] .. '"') then
			-- wrk calls request() once in its first thread only to check the
			-- request's syntax: that one was never sent.
			pending[1] = nil
			head = 2
		end
		local kind = pending[head]
		pending[head] = nil
		head = head + 1
		local want = kind and faults[kind]
		if not want or status ~= want.status then
			return false
		end
		for _, s in ipairs(want.subs) do
			if not contains(body, s) then
				return false
			end
		end
		return true
	end
	if status ~= 200 then
		return false
	end
	if expected_body then
		return body == expected_body
	end
	for _, s in ipairs(subs) do
		if not contains(body, s) then
			return false
		end
	end
	return true
end

function response(status, headers, body)
	body = body or ""
	checked = checked + 1
	local ok = right(status, body)
	if contains(body, marker) then
		marked = marked + 1
		ok = false
	end
	if status >= 500 and page ~= "faults" then
		server_errors = server_errors + 1
	end
	if not ok then
		wrong = wrong + 1
		if sample == "" then
			sample = status .. " " .. string.sub(string.gsub(body, "%s+", " "), 1, 400)
		end
	end
end

-- main state: sums the threads' counts
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function done(summary, latency, requests)
	local c, w, m, s = 0, 0, 0, 0
	for _, t in ipairs(threads) do
		c = c + t:get("checked")
		w = w + t:get("wrong")
		m = m + t:get("marked")
		s = s + t:get("server_errors")
		local sam = t:get("sample")
		if sam ~= "" then
			io.write("E2E_SAMPLE ", sam, "\n")
		end
	end
	local e = summary.errors
	io.write(string.format(
		"E2E_RESULT page=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f checked=%d wrong=%d marked=%d server_errors=%d socket_errors=%d\n",
		page, summary.requests, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		c, w, m, s, e.connect + e.read + e.write + e.timeout))
end
LUA

# ---- start ------------------------------------------------------------------

wait_http() { # wait_http URL SECONDS
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		curl -fs -o /dev/null --max-time 2 "$1" && return 0
		sleep 0.1
	done
	return 1
}

"$php_fpm" "${fpm_root[@]}" -n -F -y "$run/slow-fpm.conf" >>"$run/slow-fpm.stderr" 2>&1 &
pids+=($!)
POGO_APP_DIR="$app" PHP_INI_SCAN_DIR="$app/conf.d" \
	"$php_fpm" "${fpm_root[@]}" -c "$run/php.ini" -F -y "$run/php-fpm.conf" >>"$run/php-fpm.stderr" 2>&1 &
fpm_pid=$!
pids+=("$fpm_pid")
"$nginx_bin" -p "$run" -c "$run/nginx.conf" -e "$run/nginx-error.log" >>"$run/nginx.stderr" 2>&1 &
pids+=($!)

base="http://127.0.0.1:$http_port"
wait_http "$base/index.php" 20 || die "the application did not answer at $base (see $run)"
wait_http "http://127.0.0.1:$slow_port/slow.php" 10 || die "slow.php did not answer (see $run)"
log "php-fpm $fpm_pid: pools [app] and [steady], $children children each ([app]: pm.max_requests $max_requests)"
log "nginx on $base; $("$php_fpm" -v | head -1 | cut -d'(' -f1)($flavor)$([ "$opcache" = 1 ] && echo ", opcache")"

# ---- checks -----------------------------------------------------------------

passed=0
failed=0

# children_now: the pids of php-fpm's children (both pools)
children_now() { cat /proc/"$fpm_pid"/task/*/children 2>/dev/null | tr ' ' '\n' | grep . || true; }
status_field() { # status_field PID FIELD: a number from /proc/PID/status
	local key value rest
	while read -r key value rest; do
		[ "$key" = "$2:" ] && { echo "$value"; return 0; }
	done <"/proc/$1/status" 2>/dev/null
	return 1
}
pool_of() { # pool_of PID: the php-fpm pool a child serves ("php-fpm: pool NAME")
	local title
	title=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
	title=${title#*pool }
	echo "${title%% *}"
}

# Thread counts a child may have: 1 + the sizes of any pools it started.
declare -A allowed_threads=([1]=1)
for size in "${pool_sizes[@]}"; do
	for t in "${!allowed_threads[@]}"; do allowed_threads[$((t + size))]=1; done
done
full_threads=1
for size in "${pool_sizes[@]}"; do full_threads=$((full_threads + size)); done

# load PAGE SECONDS [TAG]: wrk on one page; its output goes to $run/wrk/TAG.out
load() {
	local page=$1 secs=$2 tag=${3:-$1} path threads=2
	case "$page" in
		fanout) path=/fanout.php ;;
		fragments) path=/fragments.php ;;
		post) path=/post.php ;;
		faults) path=/faults.php; threads=$connections ;; # one connection per thread
	esac
	E2E_PAGE=$page E2E_DIR="$run/expect" E2E_MARKER=$marker \
		wrk -t"$threads" -c"$connections" -d"${secs}s" --timeout 10s --latency \
		-s "$run/check.lua" "$base$path" >"$run/wrk/$tag.out" 2>&1 &
	wrk_pid=$!
	wait "$wrk_pid" || true
	wrk_pid=
}

# result TAG KEY: a value of a run's E2E_RESULT line
result() { sed -n "s/^E2E_RESULT .* $2=\([^ ]*\).*/\1/p" "$run/wrk/$1.out" | tail -1; }

total_marked=0

# judge NAME TAG...: load runs pass when wrk checked every response, all right
judge() {
	local name=$1 tag v requests=0 checked=0 wrong=0 marked=0 srv=0 sock=0 ok=1
	shift
	for tag in "$@"; do
		if [ -z "$(result "$tag" requests)" ]; then
			pogo_check "$name" 0 "wrk gave no result ($tag): $(tail -3 "$run/wrk/$tag.out" | tr '\n' ' ')"
			return
		fi
		requests=$((requests + $(result "$tag" requests)))
		checked=$((checked + $(result "$tag" checked)))
		wrong=$((wrong + $(result "$tag" wrong)))
		marked=$((marked + $(result "$tag" marked)))
		srv=$((srv + $(result "$tag" server_errors)))
		sock=$((sock + $(result "$tag" socket_errors)))
	done
	[ "$requests" -gt 0 ] && [ "$checked" = "$requests" ] && [ "$wrong" = 0 ] && [ "$srv" = 0 ] &&
		[ "$sock" = 0 ] || ok=0
	total_marked=$((total_marked + marked))
	if [ $# = 1 ]; then
		v=$(printf '%d requests, %s req/s, latency p50 %s ms, p99 %s ms; %d wrong, %d 5xx, %d socket errors' \
			"$requests" "$(result "$tag" rps)" "$(result "$tag" p50_ms)" "$(result "$tag" p99_ms)" "$wrong" "$srv" "$sock")
	else
		v=$(printf '%d requests in %d runs; %d wrong, %d 5xx, %d socket errors' "$requests" $# "$wrong" "$srv" "$sock")
	fi
	pogo_check "$name" "$ok" "$v"
	for tag in "$@"; do
		grep '^E2E_SAMPLE' "$run/wrk/$tag.out" | head -1 | sed "s/^E2E_SAMPLE/      wrong ($tag):/" | cut -c1-200 || true
	done | head -3
}

# rss_steady: "pid:threads:rss_kB" of each child of the [steady] pool
rss_steady() {
	local c
	for c in $(children_now); do
		[ "$(pool_of "$c")" = steady ] || continue
		printf '%s:%s:%s ' "$c" "$(status_field "$c" Threads || echo 0)" "$(status_field "$c" VmRSS || echo 0)"
	done
}

# warm SECONDS TAG: a short run of each page, so that every child runs every
# page (and starts every pool), and its allocators grow to their size under load.
warm() {
	local page
	for page in fanout fragments post faults; do
		load "$page" "$1" "warm-$page-$2"
	done
}

# The fan-out's latency against the sum of its jobs' times, one request at a
# time before any load.
for i in $(seq 1 30); do
	curl -fs --max-time 10 "$base/fanout.php" || echo '{"timing":{"elapsed_ms":-1,"sum_ms":-1}}'
done >"$run/fanout-sequential.json"
# shellcheck disable=SC2016 # PHP code
read -r fan_elapsed fan_sum fan_jobs < <("$php" -n -r '
	$e = $s = $j = [];
	foreach (file($argv[1]) as $line) {
		$r = json_decode($line, true);
		$e[] = $r["timing"]["elapsed_ms"];
		$s[] = $r["timing"]["sum_ms"];
		foreach ($r["timing"]["jobs_ms"] ?? [] as $k => $v) { $j[$k][] = $v; }
	}
	$med = static function (array $v) { sort($v); return $v[intdiv(count($v), 2)]; };
	$jobs = [];
	foreach ($j as $k => $v) { $jobs[] = "$k " . $med($v); }
	echo $med($e), " ", $med($s), " ", implode(", ", $jobs), "\n";' "$run/fanout-sequential.json")

warm_secs=$((duration < 10 ? 2 : 4))
log "warming up: ${warm_secs}s of each page"
warm "$warm_secs" before
rss_before=$(rss_steady)

# A job that calls the server's own functions gets what a request without a
# client would (nothing to finish, no headers) or an Error saying it needs
# one; the child survives ("no child crashed" below).
server_body=$(curl -s --max-time 10 "$base/server.php" || true)
ok=0
if [[ $server_body == *'"fastcgi_finish_request":false'* && $server_body == *'"getallheaders":[]'* &&
	$server_body == *'"fpm_get_status":"Error: fpm_get_status() needs a client request'* &&
	$server_body == *'"phpinfo":true'* ]]; then
	ok=1
fi
pogo_check "server functions in a job" "$ok" "${server_body:0:400}"

# The sampler: every 0.2 s, each child's pid, pool, threads and RSS.
(
	trap 'exit 0' TERM
	declare -A pool
	while :; do
		now=$(date +%s.%N)
		for c in $(children_now); do
			[ -n "${pool[$c]:-}" ] || pool[$c]=$(pool_of "$c" || echo '?')
			echo "$now $c ${pool[$c]} $(status_field "$c" Threads || echo 0) $(status_field "$c" VmRSS || echo 0)"
		done
		sleep 0.2
	done
) >"$run/children.log" 2>/dev/null &
sampler_pid=$!

for page in fanout fragments post faults; do
	log "wrk: $page, ${duration}s, $connections connections"
	load "$page" "$duration" "$page"
	judge "/$page.php$([ "$page" = faults ] && echo '?kind=*')" "$page"
done
rss_after=$(rss_steady)

# A graceful reload (SIGUSR2) in the middle of a run.
reload_secs=$((duration < 6 ? 6 : duration))
log "wrk: fanout, ${reload_secs}s, php-fpm reloaded (SIGUSR2) after $((reload_secs / 3))s"
children_before_reload=$(children_now | sort -n | tr '\n' ' ')
sleep $((reload_secs / 3)) && kill -USR2 "$fpm_pid" &
reloader_pid=$!
load fanout "$reload_secs" reload
wait "$reloader_pid" || true
reloader_pid=
children_after_reload=$(children_now | sort -n | tr '\n' ' ')
judge "reload under load (SIGUSR2)" reload

sleep 1 # children recycled last finish exiting
warm 1 after
stop_pid "$sampler_pid" TERM 2
sampler_pid=
judge "warm-up runs" warm-{fanout,fragments,post,faults}-{before,after}

# The reload: the master stays, its children before were replaced, and
# each of them exited with code 0.
reloaded=1
for c in $children_before_reload; do
	[ -d "/proc/$c" ] && reloaded=0
	grep -q "child $c exited with code 0 " "$run/php-fpm.log" || reloaded=0
done
grep -q "Reloading in progress" "$run/php-fpm.log" || reloaded=0
kill -0 "$fpm_pid" 2>/dev/null || reloaded=0
pogo_check "reload replaced children" "$reloaded" \
	"master $fpm_pid kept; children [${children_before_reload% }] exited with code 0 -> [${children_after_reload% }]"

# No job output in any response (the Lua script looked for the marker in
# each), and the jobs' output went to the php-fpm log.
in_log=$(grep -c "$marker" "$run/php-fpm.log" || true)
pogo_check "no job output in responses" "$([ "$total_marked" = 0 ] && [ "$in_log" -gt 0 ] && echo 1 || echo 0)" \
	"$total_marked responses held the marker; $in_log lines of job output in php-fpm.log (the children's stderr)"

# Memory: each child of [steady] (never recycled) after the runs, against
# after warm-up.
ok=1 detail='' n=0
for entry in $rss_before; do
	IFS=: read -r c t r <<<"$entry"
	after=$(tr ' ' '\n' <<<"$rss_after" | grep "^$c:" || true)
	if [ -z "$after" ]; then
		ok=0
		detail+="child $c gone; "
		continue
	fi
	IFS=: read -r _ t2 r2 <<<"$after"
	growth=$(((r2 - r) * 1000 / r))
	[ "$growth" -le 100 ] || ok=0
	[ "$t" = "$full_threads" ] || ok=0
	n=$((n + 1))
	detail+=$(printf 'child %s (%s threads): %d -> %d kB (%+.1f%%); ' "$c" "$t2" "$r" "$r2" "$(awk -v g="$growth" 'BEGIN { print g / 10 }')")
done
[ "$n" -gt 0 ] || ok=0
pogo_check "children memory (10%)" "$ok" "[steady] after warm-up -> after the runs: ${detail%; }"

# pm.max_requests: [app]'s children recycled during the runs, each exited
# with code 0 and is gone, none lost a request (the runs above), and no
# live child has a thread more than its started pools.
declare -A seen_pool=()
while read -r _ c p _; do seen_pool[$c]=$p; done <"$run/children.log"
live=$(children_now | sort -n)
recycled=0 lingering=() not_logged=()
for c in "${!seen_pool[@]}"; do
	[ "${seen_pool[$c]}" = app ] || continue
	# gone before the reload: recycled by pm.max_requests
	grep -qw "$c" <<<"$children_before_reload" && continue
	grep -qx "$c" <<<"$live" && continue
	recycled=$((recycled + 1))
	[ -d "/proc/$c" ] && lingering+=("$c")
	grep -q "child $c exited with code 0 " "$run/php-fpm.log" || not_logged+=("$c")
done
bad_threads=() live_threads=
for c in $live; do
	t=$(status_field "$c" Threads) || continue
	live_threads+="$(pool_of "$c"):$t "
	[ -n "${allowed_threads[$t]:-}" ] || bad_threads+=("$c:$t")
done
max_threads=$(awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$run/children.log")
ok=1
[ "$recycled" -gt 0 ] && [ ${#lingering[@]} = 0 ] && [ ${#not_logged[@]} = 0 ] && [ ${#bad_threads[@]} = 0 ] &&
	[ "$max_threads" -le "$full_threads" ] || ok=0
detail="$recycled [app] children recycled during the runs"
if [ ${#lingering[@]} = 0 ] && [ ${#not_logged[@]} = 0 ]; then
	detail+=", all gone and exited with code 0"
else
	detail+=", ${#lingering[@]} still there [${lingering[*]:0:5}], ${#not_logged[@]} without an exit with code 0 [${not_logged[*]:0:5}]"
fi
detail+="; threads of live children [${live_threads% }], most seen $max_threads (allowed: 1 + the pools started, at most $full_threads)"
pogo_check "pm.max_requests recycling" "$ok" "$detail${bad_threads:+; wrong [${bad_threads[*]}]}"

# No child died on a signal: a worker thread's crash, or one of PHP's
# shutdown with a job still running (children exit with jobs of
# faults.php?kind=timeout running).
crashes=$(grep -c "exited on signal" "$run/php-fpm.log" || true)
pogo_check "no child crashed" "$([ "$crashes" = 0 ] && echo 1 || echo 0)" \
	"$crashes 'exited on signal' in php-fpm.log$([ "$crashes" -gt 0 ] && printf ', e.g. %s' "$(grep -m1 'exited on signal' "$run/php-fpm.log" | cut -c1-150)")"

# Fan-out: the page takes about as long as its slowest job, not their sum.
pogo_check "fan-out in parallel" "$(awk -v e="$fan_elapsed" -v s="$fan_sum" 'BEGIN { print (e > 0 && e < s) ? 1 : 0 }')" \
	"median of 30 requests one at a time: page ${fan_elapsed} ms, sum of its jobs ${fan_sum} ms ($fan_jobs)"

log "php-fpm log: $run/php-fpm.log; nginx: $run/nginx-error.log, $run/nginx-access.log; wrk: $run/wrk/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
