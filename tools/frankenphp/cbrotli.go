//go:build !nobrotli

package main

// Brotli compression (cgo, Debian's libbrotli-dev): FrankenPHP's php_server
// enables the "br" encoder unless built with the nobrotli tag.
import _ "github.com/dunglas/caddy-cbrotli"
