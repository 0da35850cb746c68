#!/usr/bin/env bash
# make fresh: the README's two commands on a bare Debian 12, as a new user
# would run them.
#
#   tools/fresh-machine.sh [COMMIT]     default: HEAD of this repository
#
# Builds a minimal Debian tree of this machine's release with debootstrap
# (--variant=minbase, from the archive named in this machine's own apt
# sources), adds only git and make, copies the machine's apt sources and
# resolv.conf in, mounts proc, sys and dev, clones COMMIT into /root/pogo and
# runs `make demo`, then `make test`, in it with chroot and a clean
# environment (env -i, HOME, PATH, no stdin), as root. Nothing of this
# machine's caches goes in: the ZTS toolchain is built cold.
#
# The debootstrap tarball (the .debs of the base system) is cached in
# $POGO_CACHE/fresh; the tree itself is made anew each run and removed at the
# end (FRESH_KEEP=1 keeps it). Every mount is undone on any exit, and
# processes left in the tree are killed first. Logs: $POGO_CACHE/logs/fresh-*.log.
# Prints each command's result, time and the tail of its log; exits nonzero
# if either command failed. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"

say() { printf 'fresh: %s\n' "$*"; }
[ "$(id -u)" = 0 ] || { say "needs root (debootstrap, mount, chroot)"; exit 2; }

commit=$(git -C "$here" rev-parse --verify "${1:-HEAD}^{commit}")
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
arch=$(dpkg --print-architecture)

# The archive this machine installs from: the first URI of its sources.
mirror=
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
	mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
	mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' /etc/apt/sources.list)
fi
[ -n "$mirror" ] || { say "no archive found in this machine's apt sources"; exit 1; }

pogo_apt_install debootstrap git

fresh_cache="$POGO_CACHE/fresh"
tarball="$fresh_cache/debootstrap-$codename-$arch-minbase.tgz"
root=$(mktemp -d /var/tmp/pogo-fresh.XXXXXX)
# mktemp makes it 0700: as the tree's "/" that would shut every user but
# root out of everything (Apache's www-data children could not read a file).
chmod 755 "$root"
mounts=()

# Kills what runs inside the tree, undoes the mounts (newest first), removes the tree.
cleanup() {
	local rc=$? p i
	trap - EXIT INT TERM
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2>/dev/null
	done
	sleep 0.5
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" 2>/dev/null ||
			say "could not unmount ${mounts[$i]}"
	done
	if grep -q " $root" /proc/mounts; then
		say "still mounted under $root: leaving the tree in place"
		rc=1
	elif [ "${FRESH_KEEP:-0}" = 1 ]; then
		say "tree kept in $root"
	else
		rm -rf "$root"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$fresh_cache"
if [ ! -s "$tarball" ]; then
	say "downloading the $codename minbase packages once (cached in $tarball)"
	pogo_stage "debootstrap --make-tarball" "$pogo_logs/fresh-debootstrap.log"
	debootstrap --variant=minbase --make-tarball="$tarball.tmp" "$codename" "$root/tarball" "$mirror" \
		>"$pogo_logs/fresh-debootstrap.log" 2>&1
	mv "$tarball.tmp" "$tarball"
	rm -rf "$root/tarball"
fi

start=$SECONDS
say "bare $codename tree in $root"
pogo_stage "debootstrap" "$pogo_logs/fresh-debootstrap.log"
debootstrap --variant=minbase --unpack-tarball="$tarball" "$codename" "$root" "$mirror" \
	>"$pogo_logs/fresh-debootstrap.log" 2>&1

# The machine's own apt configuration, not the files Pogo's tools add to it.
pogo_stage "apt sources"
rm -f "$root/etc/apt/sources.list"
mkdir -p "$root/etc/apt/sources.list.d" "$root/etc/apt/apt.conf.d"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	case "$(basename "$f")" in pogo-*) continue ;; esac
	cp "$f" "$root$f"
done
for f in /etc/apt/apt.conf.d/*; do
	grep -qs '^Acquire::' "$f" && cp "$f" "$root$f"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

pogo_stage "mounts"
for m in proc sys dev dev/pts; do
	mkdir -p "$root/$m"
	case $m in
		proc) mount -t proc proc "$root/proc" ;;
		sys) mount -t sysfs sys "$root/sys" ;;
		*) mount --bind "/$m" "$root/$m" ;;
	esac
	mounts+=("$root/$m")
done

clean_env=(env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
in_tree() { chroot "$root" "${clean_env[@]}" "$@" </dev/null; }

say "adding git and make"
pogo_stage "apt-get install git make" "$pogo_logs/fresh-apt.log"
{
	in_tree apt-get update -qq
	in_tree env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		git make
} >"$pogo_logs/fresh-apt.log" 2>&1

pogo_stage "git clone"
git clone -q --no-local "$here" "$root/root/pogo"
git -C "$root/root/pogo" checkout -q --detach "$commit"
say "cloned $(git -C "$root/root/pogo" log -1 --format='%h %s')"
setup=$((SECONDS - start))

results=()
status=0
for cmd in "make demo" "make test"; do
	name=${cmd// /-}
	log="$pogo_logs/fresh-$name.log"
	say "running '$cmd' in the bare tree (log: $log)"
	pogo_stage "$cmd" "$log"
	t=$SECONDS
	rc=0
	in_tree bash -c "cd /root/pogo && $cmd" >"$log" 2>&1 || rc=$?
	took=$((SECONDS - t))
	echo "---- last lines of '$cmd':"
	tail -12 "$log" | sed 's/^/    /'
	if [ "$rc" = 0 ]; then
		results+=("$(printf 'PASS  %-10s %4d s' "$cmd" "$took")")
	else
		results+=("$(printf 'FAIL  %-10s %4d s  (exit %s, log %s)' "$cmd" "$took" "$rc" "$log")")
		status=1
	fi
done

# The tree's own stage logs (tools/test.sh names them on failure) outlive it.
rm -rf "$pogo_logs/fresh-tree"
if [ -d "$root/root/.cache/pogo/logs" ]; then
	cp -a "$root/root/.cache/pogo/logs" "$pogo_logs/fresh-tree"
	say "the tree's logs (/root/.cache/pogo/logs there) are copied to $pogo_logs/fresh-tree"
fi

echo
say "commit $commit on a bare $codename ($arch), setup ${setup} s:"
printf '  %s\n' "${results[@]}"
say "total $((SECONDS - start)) s"
n_pass=$(printf '%s\n' "${results[@]}" | grep -c '^PASS' || true)
n_fail=$(printf '%s\n' "${results[@]}" | grep -c '^FAIL' || true)
echo "$n_pass passed, $n_fail failed"
exit "$status"
