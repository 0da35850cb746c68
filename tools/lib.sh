# Shared by tools/*.sh: sourced, not run.
#
# What it gives every script:
#   POGO_CACHE        where builds and logs are cached, outside the work tree
#                     (default ~/.cache/pogo, found from passwd when HOME is unset)
#   pogo_logs         $POGO_CACHE/logs: stage logs that outlive the script
#   pogo_apt_install PKG...   installs Debian packages that are missing (as root or with sudo)
#   pogo_apt_install_nostart PKG...   the same, with no service started by the install
#   pogo_apache_install       Debian's apache2 and apache2-dev, no system Apache left running
#   pogo_stage NAME [LOG]     names what the script does now, for the failure report
#   pogo_baseline_ext COMMIT PREFIX   builds COMMIT's Pogo once against the PHP in PREFIX
#                             (bench baselines), prints its pogo.so
#   pogo_spinners_start PHP / pogo_spinners_stop   one CPU-bound php per core, and their end
#   a failure report: in a script run with `set -e`, any command that ends it
#   prints the script, the stage, the line, the command, its exit status and
#   the tail of the stage's log. No early exit is silent.

POGO_CACHE=${POGO_CACHE:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache/pogo}
export POGO_CACHE
pogo_logs="$POGO_CACHE/logs"
mkdir -p "$pogo_logs"
pogo_script=$(basename "$0")
pogo_stage_name=
pogo_stage_log=

pogo_stage() {
	pogo_stage_name=$1
	pogo_stage_log=${2:-}
}

pogo_as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# pogo_apt_install PKG...: installs those of the packages that are not installed.
pogo_apt_install() {
	local missing=() p apt_log
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	printf '%s: installing %s (apt-get)\n' "$pogo_script" "${missing[*]}" >&2
	apt_log="$pogo_logs/apt-$pogo_script.log"
	if ! { pogo_as_root apt-get update -qq &&
		pogo_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
		>"$apt_log" 2>&1 </dev/null; then
		printf '%s: could not install %s; apt-get said (%s):\n' "$pogo_script" "${missing[*]}" "$apt_log" >&2
		tail -20 "$apt_log" >&2
		return 1
	fi
}

# pogo_apt_install_nostart PKG...: pogo_apt_install, with a policy-rc.d that
# forbids every service start (exit 101) while it runs, unless the machine
# has one already.
pogo_apt_install_nostart() {
	local policy=/usr/sbin/policy-rc.d made=0 rc=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# %s: no service starts during its package install\nexit 101\n' "$pogo_script" |
			pogo_as_root tee "$policy" >/dev/null
		pogo_as_root chmod 755 "$policy"
		made=1
	fi
	pogo_apt_install "$@" || rc=$?
	[ "$made" = 0 ] || pogo_as_root rm -f "$policy"
	return "$rc"
}

# pogo_apache_install: Debian's apache2 (the server) and apache2-dev (apxs,
# headers), with no system Apache started. Should one run from Debian's
# pid file all the same (a policy-rc.d of the machine's own that allows
# starts), and not before the install, it is stopped by its pid.
pogo_apache_install() {
	local pidfile=/run/apache2/apache2.pid before= after
	if [ -s "$pidfile" ]; then before=$(cat "$pidfile" 2>/dev/null || true); fi
	pogo_apt_install_nostart apache2 apache2-dev || return 1
	after=$(cat "$pidfile" 2>/dev/null || true)
	if [ -n "$after" ] && [ "$after" != "$before" ] && kill -0 "$after" 2>/dev/null; then
		printf '%s: the apache2 install started a system Apache (pid %s): stopping it\n' "$pogo_script" "$after" >&2
		pogo_as_root kill -TERM "$after" || true
	fi
}

pogo_on_error() {
	local rc=$1 line=$2 cmd=$3
	# A command substitution that failed reports itself; its caller reports the
	# line that used it, so that the chain shows.
	printf '%s: FAILED (exit %s) at line %s%s: %s\n' "$pogo_script" "$rc" "$line" \
		"${pogo_stage_name:+ in stage \"$pogo_stage_name\"}" "$cmd" >&2
	if [ -n "$pogo_stage_log" ] && [ -s "$pogo_stage_log" ]; then
		printf '%s: its log is %s; last lines:\n' "$pogo_script" "$pogo_stage_log" >&2
		tail -15 "$pogo_stage_log" | sed 's/^/    /' >&2
	fi
}

case $- in
	*e*)
		set -E
		trap 'pogo_on_error $? $LINENO "$BASH_COMMAND"' ERR
		;;
esac

# pogo_check NAME OK DETAIL: a PASS or FAIL line (NAME padded to
# $pogo_check_width, default 30), counted in the caller's passed or failed.
pogo_check() {
	if [ "$2" = 1 ]; then
		passed=$((passed + 1))
		printf 'PASS  %-*s %s\n' "${pogo_check_width:-30}" "$1" "$3"
	else
		failed=$((failed + 1))
		printf 'FAIL  %-*s %s\n' "${pogo_check_width:-30}" "$1" "$3"
	fi
}

# pogo_php_and_ext: sets php and ext to the PHP binary and the Pogo build to
# test. POGO_PHP and POGO_EXT override them; otherwise the cached ZTS debug
# PHP and the in-tree build (made if needed). Needs $here, the repository.
pogo_php_and_ext() {
	if [ -n "${POGO_PHP:-}" ]; then
		php=$POGO_PHP
	else
		php="$("$here/tools/php-toolchain.sh" debug)/bin/php" || return 1
	fi
	if [ -n "${POGO_EXT:-}" ]; then
		ext=$POGO_EXT
	else
		"$here/tools/build-ext.sh" zts >/dev/null || return 1
		ext="$here/modules/pogo.so"
	fi
}

# pogo_baseline_ext COMMIT PREFIX: COMMIT's sources (git archive) built once
# with PREFIX's phpize into $POGO_CACHE/bench-baseline-COMMIT; prints the
# pogo.so, or fails (the build log is beside it).
pogo_baseline_ext() {
	local dir=$POGO_CACHE/bench-baseline-$1 top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	if [ ! -f "$dir/src/modules/pogo.so" ]; then
		echo "building the baseline $1 against $2 in $dir" >&2
		rm -rf "$dir" && mkdir -p "$dir/src" &&
			git -C "$top" archive "$1" | tar -x -C "$dir/src" &&
			(cd "$dir/src" && "$2/bin/phpize" && ./configure --with-php-config="$2/bin/php-config" \
				--enable-pogo && make -j"$(nproc)") >"$dir/build.log" 2>&1 || return 1
	fi
	echo "$dir/src/modules/pogo.so"
}

# pogo_spinners_start PHP: one `php -r 'for (;;) {}'` per core (a busy
# machine), each under timeout(1) so that it ends by itself at the latest in
# 20 minutes; pogo_spinners_stop ends them. Stopped with TERM, which timeout
# passes on to its php (a KILL would end timeout alone and leave the php
# spinning, with no limit).
pogo_spinners=()
pogo_spinners_start() {
	local _
	for _ in $(seq "$(nproc)"); do
		timeout 1200 "$1" -n -r 'for (;;) {}' &
		pogo_spinners+=($!)
	done
}
pogo_spinners_stop() {
	local p
	for p in "${pogo_spinners[@]}"; do
		kill -TERM "$p" 2>/dev/null
		wait "$p" 2>/dev/null || true
	done
	pogo_spinners=()
}
