#!/usr/bin/env bash
# Checks composer.json, the package that PIE (PHP Installer for Extensions)
# installs Pogo from:
#
#   tools/composer-check.sh
#
# - `composer validate --strict` (Debian's composer, installed if missing).
#   A Composer older than 2.7 does not know the "php-ext" key and refuses it
#   as a publish error; then the same validation runs on a copy without it,
#   and says so;
# - tools/composer-check.php: "type", and the "php-ext" section against
#   PIE's schema and config.m4;
# - the stubs ship for IDEs: pogo.stub.php is in `composer archive`'s
#   package, and neither export-ignore'd (.gitattributes) nor untracked, so
#   that the archive of a tag, which PIE downloads, has it.
#
# Ends with "N passed, N failed".
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"
passed=0
failed=0
pogo_check_width=34

pogo_stage "install composer"
pogo_apt_install composer
export COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_DISABLE_NETWORK=1 COMPOSER_NO_INTERACTION=1
export COMPOSER_HOME="$POGO_CACHE/composer"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(composer --version 2>/dev/null | sed -n 's/^Composer version \([^ ]*\).*/\1/p')

pogo_stage "composer validate"
ok=1
out=$(composer validate --strict --no-ansi composer.json 2>&1) || ok=0
if [ "$ok" = 0 ] && [[ $out == *"The property php-ext is not defined"* ]]; then
	# Composer's schema predates PIE: validate everything else.
	php -r '$j = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
		unset($j["php-ext"]);
		file_put_contents($argv[2], json_encode($j, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");' \
		composer.json "$tmp/composer.json"
	ok=1
	out2=$(composer validate --strict --no-ansi "$tmp/composer.json" 2>&1) || ok=0
	pogo_check "composer validate --strict" "$ok" \
		"Composer $version does not know php-ext (it says: $(grep -m1 'php-ext' <<<"$out" | sed 's/^- //')); without it: $(tr '\n' ' ' <<<"$out2")"
else
	pogo_check "composer validate --strict" "$ok" "Composer $version: $(tr '\n' ' ' <<<"$out")"
fi

pogo_stage "php-ext against PIE's schema"
ok=1
out=$(php tools/composer-check.php composer.json config.m4 2>&1) || ok=0
pogo_check "php-ext section (PIE's schema)" "$ok" "$(tr '\n' ' ' <<<"$out")"

pogo_stage "pogo.stub.php in the package"
ok=1
composer archive --no-ansi --format=tar --dir="$tmp" --file=pogo >"$tmp/archive.log" 2>&1 || ok=0
# The list in a file: grep -q stops reading early, and tar's SIGPIPE would fail the pipe.
[ "$ok" = 0 ] || tar tf "$tmp/pogo.tar" >"$tmp/archive.list" 2>>"$tmp/archive.log" || ok=0
if [ "$ok" = 1 ] && grep -qx 'pogo.stub.php' "$tmp/archive.list"; then
	detail="in composer archive's package"
else
	ok=0
	detail="not in composer archive's package (archive.exclude in composer.json?): $(tail -3 "$tmp/archive.log" | tr '\n' ' ')"
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	attr=$(git check-attr export-ignore -- pogo.stub.php | sed 's/.*: //')
	if ! git ls-files --error-unmatch pogo.stub.php >/dev/null 2>&1; then
		ok=0
		detail+="; not tracked by git, so not in a tag's archive"
	elif [ "$attr" = unspecified ] || [ "$attr" = unset ]; then
		detail+="; tracked, export-ignore $attr (in a tag's archive)"
	else
		ok=0
		detail+="; export-ignore is $attr in .gitattributes: a tag's archive leaves it out"
	fi
else
	detail+="; no git work tree here, the tag archive's rules not checked"
fi
pogo_check "pogo.stub.php ships" "$ok" "$detail"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
