# shellcheck shell=bash disable=SC2154 # run, base, marker, connections: set by the caller
# Shared by tools/e2e-fpm.sh and tools/e2e-server.sh:
# sourced (after tools/lib.sh), not run.
#
# Processes (by pid, never by name):
#   stop_pid PID SIGNAL SECONDS   SIGNAL, then SIGKILL after SECONDS; 0 if it stopped in time
#   tree PID...                   PID and its descendants
#   wait_http URL SECONDS [PID]   0 once URL answers 2xx; 1 on time out, or once PID is gone
#   free_ports PHP N              N free loopback ports (PHP: a php binary)
#   status_field PID FIELD        a number of /proc/PID/status (Threads, VmRSS)
# Crashes:
#   crash_in FILE...              the first line that tells of a crash, if any
#   backtraces DIR BINARY         every core file under DIR as DIR/backtrace-N.txt
#   all_thread_backtraces PID OUT gdb's backtraces of a live process (a hang)
# Load (needs run, base, marker, connections set by the caller):
#   e2e_expect PHP SO APP DIR     what every response of examples/app must be
#   load PAGE SECONDS [TAG]       wrk on one page; TAG's output in $run/wrk/TAG.out
#   load_start PAGE SECONDS TAG   the same in the background (load_wait ends it)
#   result TAG KEY                a value of a run's E2E_RESULT line
#   judge NAME TAG...             PASS when wrk checked every response and all were right
#   row SERVER PAGE TAG CRASHES   the table line of a run ("e2e-row:", gathered by e2e.sh)

e2e_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

stop_pid() {
	local pid=$1 sig=$2 secs=$3 i
	kill -0 "$pid" 2>/dev/null || return 0
	kill "-$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < secs * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		# a child of ours that exited is a zombie until waited for
		[[ $(ps -o stat= -p "$pid" 2>/dev/null) == Z* ]] && return 0
		sleep 0.1
	done
	printf '%s: pid %s did not stop on SIG%s in %ss: SIGKILL\n' "$pogo_script" "$pid" "$sig" "$secs" >&2
	kill -KILL "$pid" 2>/dev/null || true
	return 1
}

tree() {
	local p c
	for p in "$@"; do
		echo "$p"
		for c in $(pgrep -P "$p" || true); do tree "$c"; done
	done
}

wait_http() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		curl -fs -o /dev/null --max-time 5 "$1" && return 0
		[ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

free_ports() {
	# Held open together, so that they differ.
	# shellcheck disable=SC2016 # PHP code
	"$1" -n -r '
		for ($i = 0; $i < (int) $argv[1]; $i++) {
			$s[$i] = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr) or exit(1);
			$ports[] = parse_url("tcp://" . stream_socket_get_name($s[$i], false), PHP_URL_PORT);
		}
		echo implode(" ", $ports), "\n";' "$2"
}

status_field() {
	local key value rest
	while read -r key value rest; do
		[ "$key" = "$2:" ] && { echo "$value"; return 0; }
	done <"/proc/$1/status" 2>/dev/null
	return 1
}

crash_in() {
	grep -h -m1 -E 'SIGSEGV|SIGABRT|SIGBUS|exit signal|exited on signal|Segmentation fault|signal arrived during cgo|fatal error:|^panic:|Assertion .* failed|core dumped' "$@" 2>/dev/null |
		head -1 | cut -c1-200 || true
}

backtraces() {
	local dir=$1 binary=$2 core n=0 out
	while IFS= read -r core; do
		n=$((n + 1))
		if ! command -v gdb >/dev/null; then
			printf '      core file %s (no gdb for a backtrace)\n' "$core"
			continue
		fi
		out="$dir/backtrace-$n.txt"
		gdb -batch -ex 'set pagination off' -ex 'bt 12' -ex 'thread apply all bt 16' \
			"$binary" "$core" >"$out" 2>&1 </dev/null || true
		rm -f "$core"
		printf '      backtrace: %s; the crashed thread:\n' "$out"
		# Its first frames, from where the signal arrived (below Go's
		# signal handler, in FrankenPHP); gdb names frame #0 twice.
		awk '/^Thread [0-9]+ / { exit } /<signal handler called>/ { n = 0; split("", seen); next }
			/^#[0-9]+ / && n < 6 && !seen[$1]++ { f[n++] = $0 }
			END { for (i = 0; i < n; i++) print f[i] }' "$out" |
			cut -c1-160 | sed 's/^/        /' || true
	done < <(find "$dir" -name 'core*' -type f 2>/dev/null)
}

all_thread_backtraces() {
	command -v gdb >/dev/null || { echo "no gdb" >"$2"; return 0; }
	timeout 60 gdb -p "$1" -batch -ex 'set pagination off' -ex 'thread apply all bt 30' >"$2" 2>&1 </dev/null || true
}

# ---- what every response must be ----------------------------------------------
# Computed by running the application's own job code in the CLI, without
# Pogo's pools, and the page contracts (slow.php's answer, what a worker must
# see of the request) written out by hand.
e2e_expect() {
	# shellcheck disable=SC2016 # PHP code
	"$1" -n -d extension="$2" -r '
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
	file_put_contents("$dir/detached.subs", "{\"page\":\"detached\",\"dispatched\":2,\"handle\":\n");

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
' "$3" "$4"
}

# e2e_server_subs SAPI DIR: what /server.php answers in that SAPI (DIR/server.subs):
# a job calling the server's functions gets [] or false, or an Error saying it
# needs a client request.
e2e_server_subs() {
	local need='needs a client request'
	{
		printf '{"page":"server","sapi":"%s","job":{\n' "$1"
		echo '"getallheaders":[]'
		case "$1" in
			fpm-fcgi)
				echo '"fastcgi_finish_request":false'
				echo "\"fpm_get_status\":\"Error: fpm_get_status() $need" ;;
			apache2handler)
				echo '"apache_request_headers":[]'
				echo "\"apache_note\":\"Error: apache_note() $need"
				echo "\"virtual\":\"Error: virtual() $need" ;;
			frankenphp)
				echo '"frankenphp_finish_request":false'
				echo '"frankenphp_request_headers":[]'
				echo "\"headers_send\":\"Error: headers_send() $need"
				echo '"frankenphp_handle_request":"Error: ' ;;
		esac
		echo '"phpinfo":true'
	} >"$2/server.subs"
}

# check_server_functions NAME BASE: a job that calls the server's own
# functions gets what a request without a client would (nothing to finish,
# no headers) or an Error saying it needs one, and the server survives.
# /server.php's body must hold every line of expect/server.subs.
check_server_functions() {
	local name=$1 base=$2 body want ok=1
	body=$(curl -s --max-time 10 "$base/server.php" || true)
	while IFS= read -r want; do [[ $body == *"$want"* ]] || ok=0; done <"$run/expect/server.subs"
	pogo_check "$name" "$ok" "${body:0:400}"
}

# check_foreign_handle NAME BASE: a handle that /detached.php dispatched
# cannot be awaited by a later request. Where the later request may reach
# another process (php-fpm's or Apache's children), that process has never
# had the handle: "unknown handle" is its refusal. Up to 10 tries, until one
# lands in the same process; every answer must be one of the two refusals.
check_foreign_handle() {
	local name=$1 base=$2 i handle body same=0 ok=1 last=
	for ((i = 1; i <= 10; i++)); do
		handle=$(curl -s --max-time 10 "$base/detached.php" | sed -n 's/.*"handle":\([0-9]*\).*/\1/p')
		body=$(curl -s --max-time 10 "$base/detached.php?await=${handle:-0}" || true)
		last="handle ${handle:-none}, then: ${body:0:160}"
		if [ -n "$handle" ] && [[ $body == *"handle $handle cannot be awaited here"* ]]; then
			same=1
			break
		fi
		if [ -z "$handle" ] || [[ $body != *"unknown handle $handle: no job has this handle"* ]]; then
			ok=0
			break
		fi
	done
	# Ten tries that all reached other processes still saw ten refusals:
	# that passes too, and says so.
	[ "$same" = 1 ] || [ "$ok" = 0 ] || last="every try reached another process, which refused it: $last"
	pogo_check "$name" "$ok" "try $((i > 10 ? 10 : i)): $last"
}

# check_metrics NAME BASE: /metrics.php answers in Prometheus' text format
# (its Content-Type) with every pool's figures, the default pool's count of
# dispatched jobs (a counter) among them.
check_metrics() {
	local name=$1 base=$2 headers body ok=1
	headers=$(curl -s --max-time 10 -D - -o "$run/metrics.txt" "$base/metrics.php" | tr -d '\r' || true)
	body=$(cat "$run/metrics.txt" 2>/dev/null || true)
	grep -qi '^content-type: text/plain; version=0\.0\.4' <<<"$headers" || ok=0
	grep -qx '# TYPE pogo_dispatched_total counter' <<<"$body" || ok=0
	grep -Eqx 'pogo_dispatched_total\{pool="default"\} [0-9]+' <<<"$body" || ok=0
	pogo_check "$name" "$ok" "$(head -1 <<<"$headers"); $(grep -m1 '^pogo_dispatched_total{pool="default"}' <<<"$body" || tr '\n' ' ' <<<"body: ${body:0:200}")"
}

# ---- wrk ------------------------------------------------------------------------

wrk_pid=

# load_start PAGE SECONDS TAG
load_start() {
	local page=$1 secs=$2 tag=$3 timeout=${wrk_timeout:-10}
	mkdir -p "$run/wrk"
	# One connection per thread: e2e-check.lua tells what each one waits for.
	E2E_PAGE=$page E2E_DIR="$run/expect" E2E_MARKER=$marker E2E_TIMEOUT=$timeout \
		wrk -t"$connections" -c"$connections" -d"${secs}s" --timeout "${timeout}s" --latency \
		-s "$e2e_lib_dir/e2e-check.lua" "$base/$page.php" >"$run/wrk/$tag.out" 2>&1 &
	wrk_pid=$!
}

load_wait() {
	[ -n "$wrk_pid" ] || return 0
	wait "$wrk_pid" || true
	wrk_pid=
}

load() {
	load_start "$1" "$2" "${3:-$1}"
	load_wait
}

result() { sed -n "s/^E2E_RESULT .* $2=\([^ ]*\).*/\1/p" "$run/wrk/$1.out" | tail -1; }

total_marked=0

# judge NAME TAG...: load runs pass when wrk checked every response, all
# right, no 5xx and no socket error. judge_sockets=closed lets read and
# write errors pass (a server closing keep-alive connections at a reload),
# not connect errors or time-outs (a request left without an answer);
# judge_sockets=0 lets every socket error pass. Passed ones are printed.
# A request left without an answer for wrk's whole time-out fails it too,
# unless judge_unanswered=report (printed then).
judge() {
	local name=$1 tag v requests=0 checked=0 wrong=0 marked=0 srv=0 sock=0 ok=1
	local conn=0 rd=0 wr=0 tmo=0 sent=0 unanswered=0
	shift
	for tag in "$@"; do
		if [ -z "$(result "$tag" requests)" ]; then
			pogo_check "$name" 0 "wrk gave no result ($tag, $run/wrk/$tag.out): $(tail -3 "$run/wrk/$tag.out" | tr '\n' ' ')"
			return
		fi
		requests=$((requests + $(result "$tag" requests)))
		checked=$((checked + $(result "$tag" checked)))
		wrong=$((wrong + $(result "$tag" wrong)))
		marked=$((marked + $(result "$tag" marked)))
		srv=$((srv + $(result "$tag" server_errors)))
		sock=$((sock + $(result "$tag" socket_errors)))
		conn=$((conn + $(result "$tag" connect_errors)))
		rd=$((rd + $(result "$tag" read_errors)))
		wr=$((wr + $(result "$tag" write_errors)))
		tmo=$((tmo + $(result "$tag" timeouts)))
		sent=$((sent + $(result "$tag" sent)))
		unanswered=$((unanswered + $(result "$tag" unanswered)))
	done
	[ "$unanswered" = 0 ] || [ "${judge_unanswered:-fail}" = report ] || ok=0
	[ "$requests" -gt 0 ] && [ "$checked" = "$requests" ] && [ "$wrong" = 0 ] && [ "$srv" = 0 ] || ok=0
	case "${judge_sockets:-1}" in
		0) ;;
		closed) [ "$conn" = 0 ] && [ "$tmo" = 0 ] || ok=0 ;;
		*) [ "$sock" = 0 ] || ok=0 ;;
	esac
	total_marked=$((total_marked + marked))
	if [ $# = 1 ]; then
		v=$(printf '%d requests, %s req/s, latency p50 %s ms, p99 %s ms; %d wrong, %d 5xx, %d socket errors' \
			"$requests" "$(result "$tag" rps)" "$(result "$tag" p50_ms)" "$(result "$tag" p99_ms)" "$wrong" "$srv" "$sock")
	else
		v=$(printf '%d requests in %d runs; %d wrong, %d 5xx, %d socket errors' "$requests" $# "$wrong" "$srv" "$sock")
	fi
	[ "$sock" = 0 ] || v+=" (connect $conn, read $rd, write $wr, time-out $tmo)"
	[ "$unanswered" = 0 ] || v+="; $sent sent, $unanswered never answered"
	pogo_check "$name" "$ok" "$v"
	for tag in "$@"; do
		grep '^E2E_SAMPLE' "$run/wrk/$tag.out" | head -1 | sed "s/^E2E_SAMPLE/      wrong ($tag):/" | cut -c1-200 || true
	done | head -3
}

row() {
	[ -n "$(result "$3" requests)" ] || { printf 'e2e-row: %s %s - - - - - %s\n' "$1" "$2" "$4"; return 0; }
	printf 'e2e-row: %s %s %s %s %s %s %s %s\n' "$1" "$2" "$(result "$3" rps)" "$(result "$3" p50_ms)" \
		"$(result "$3" p99_ms)" "$(result "$3" wrong)" "$(result "$3" server_errors)" "$4"
}
