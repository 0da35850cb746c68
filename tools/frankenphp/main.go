// FrankenPHP for Pogo's server tests: Caddy's command line with its
// standard modules and FrankenPHP's module, as xcaddy would build it.
// tools/frankenphp.sh builds it against the cached embed PHP.
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	_ "github.com/caddyserver/caddy/v2/modules/standard"
	_ "github.com/dunglas/frankenphp/caddy"
)

func main() {
	caddycmd.Main()
}
