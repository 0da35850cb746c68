# Included into the Makefile that phpize/configure generate.

# Check unit tests of the plain-C parts, against this build's PHP headers.
pogo-unit:
	@$(MAKE) -s -C $(srcdir)/tests/unit PHP_INCLUDES="$(INCLUDES)" run

.PHONY: pogo-unit
