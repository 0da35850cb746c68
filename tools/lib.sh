# Shared by tools/*.sh: sourced, not run.

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
