#!/usr/bin/env bash
# Debian's apache2 with the event MPM and the cached thread-safe mod_php.
#
#   tools/apache.sh [DIR [PORT [DOCROOT]]]   write DIR/httpd.conf; print two lines:
#                                            the apache2 binary, then that file
#
# Run it with `APACHE2 -f CONF -DFOREGROUND`; SIGTERM stops it. The config
# names nothing of the system's Apache but its binary and its module files
# (/usr/lib/apache2/modules): ServerRoot, PidFile, ErrorLog, the runtime
# directory and CoreDumpDirectory (DIR/cores: a crashed child's core, when
# `ulimit -c` allows one) are in DIR, and it listens on 127.0.0.1:PORT
# only. mod_php is $(tools/php-toolchain.sh apache)/libexec/libphp.so (the
# apache toolchain is built if missing, and apache2 installed without a
# system Apache started); PHP reads DIR/php.ini (PHPIniDir), which the caller
# writes. .php files under DOCROOT run through mod_php.
#
# Apache refuses to serve as root: started by root, its children run as
# www-data (APACHE_USER), and they must be able to read DOCROOT and whatever
# the scripts require (Pogo's bootstraps included: worker threads start in
# the children). The parent, root, loads libphp.so, php.ini and extensions.
#
# Defaults: DIR $POGO_CACHE/apache, PORT 8080, DOCROOT DIR/htdocs.
# Environment:
#   APACHE_USER          the children's user when started by root (default www-data)
#   APACHE_SERVERS       child processes (default 1; ServerLimit twice that)
#   APACHE_THREADS       request threads per child (ThreadsPerChild, default 4)
#   APACHE_MAX_CONNS     MaxConnectionsPerChild (default 0: never recycled)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$here/tools/lib.sh"

dir=${1:-$POGO_CACHE/apache}
port=${2:-8080}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
docroot=${3:-$dir/htdocs}
mkdir -p "$docroot"
docroot=$(cd "$docroot" && pwd)
servers=${APACHE_SERVERS:-1}
threads=${APACHE_THREADS:-4}
max_conns=${APACHE_MAX_CONNS:-0}
user=${APACHE_USER:-www-data}

pogo_apache_install
prefix=$("$here/tools/php-toolchain.sh" apache)
libphp="$prefix/libexec/libphp.so"
[ -f "$libphp" ] || { printf 'apache.sh: no %s: the apache toolchain is broken\n' "$libphp" >&2; exit 1; }
apache2=/usr/sbin/apache2
modules=/usr/lib/apache2/modules

user_lines=
mkdir -p "$dir/cores"
if [ "$(id -u)" = 0 ]; then
	user_lines="User $user
Group $(id -gn "$user")"
	chown "$user" "$dir/cores"
fi

cat >"$dir/httpd.conf" <<EOF
# Written by tools/apache.sh: event MPM, ZTS mod_php from $prefix.
ServerRoot "$dir"
ServerName 127.0.0.1
PidFile "$dir/httpd.pid"
DefaultRuntimeDir "$dir"
ErrorLog "$dir/error.log"
LogLevel info
CoreDumpDirectory "$dir/cores"
Listen 127.0.0.1:$port
$user_lines

LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule dir_module $modules/mod_dir.so
LoadModule php_module "$libphp"

StartServers $servers
ServerLimit $((servers * 2))
ThreadsPerChild $threads
ThreadLimit $threads
MinSpareThreads 1
MaxSpareThreads $((servers * 2 * threads))
MaxRequestWorkers $((servers * 2 * threads))
MaxConnectionsPerChild $max_conns

LogFormat "%h %t \"%r\" %>s %b %D" timing
CustomLog "$dir/access.log" timing

PHPIniDir "$dir"

DocumentRoot "$docroot"
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory "$docroot">
	Require all granted
</Directory>
DirectoryIndex index.php
<FilesMatch "\.php\$">
	SetHandler application/x-httpd-php
</FilesMatch>
EOF

echo "$apache2"
echo "$dir/httpd.conf"
