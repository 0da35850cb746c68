/*
 * Pogo: naming where a value is wrong, for the encoder's refusals
 * (value_codec.c): "$args['items'][3] is a Closure". The encoder keeps a
 * frame per table it is in, on its C stack; a message walks them from the
 * root. Keys are shown as PHP would write them, cut when long, with bytes
 * that are not printable UTF-8 escaped.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_smart_str.h"

#include "utf8.h"
#include "value_path.h"

/* Paths longer than this are cut in messages (their end is shown). */
#define PATH_SHOWN 160

static void path_push_key(smart_str *path, const pogo_value_frame *f)
{
	zend_string *key = f->key;

	smart_str_appends(path, f->property ? "->" : "[");
	if (!key) {
		smart_str_append_long(path, (zend_long)f->idx);
	} else {
		bool printable = pogo_utf8_valid((unsigned char *)ZSTR_VAL(key), ZSTR_LEN(key));
		size_t shown = MIN(ZSTR_LEN(key), 64);

		/* Cut a long key on a character boundary (invalid UTF-8 is escaped). */
		while (printable && shown < ZSTR_LEN(key) && shown > 0 &&
		       ((unsigned char)ZSTR_VAL(key)[shown] & 0xC0) == 0x80) {
			shown--;
		}
		if (!f->property) {
			smart_str_appendc(path, '\'');
		}
		for (size_t i = 0; i < shown; i++) {
			unsigned char c = ZSTR_VAL(key)[i];

			if (c < 0x20 || c == 0x7F || (!printable && c >= 0x80)) {
				smart_str_append_printf(path, "\\x%02X", c);
			} else {
				if ((c == '\'' || c == '\\') && !f->property) {
					smart_str_appendc(path, '\\');
				}
				smart_str_appendc(path, (char)c);
			}
		}
		if (shown < ZSTR_LEN(key)) {
			smart_str_appends(path, "...");
		}
		if (!f->property) {
			smart_str_appendc(path, '\'');
		}
	}
	if (!f->property) {
		smart_str_appendc(path, ']');
	}
}

void pogo_value_path_error(const pogo_value_frame *inner, const char *root, pogo_error *into,
                           const char *what)
{
	smart_str path = {0};
	size_t len, start, n = 0, i;
	const char *p;
	const pogo_value_frame **chain;

	for (const pogo_value_frame *f = inner; f; f = f->outer) {
		n++;
	}
	/* The chain runs from the inside out: the path is written from the root. */
	chain = safe_emalloc(n ? n : 1, sizeof(*chain), 0);
	i = n;
	for (const pogo_value_frame *f = inner; f; f = f->outer) {
		chain[--i] = f;
	}
	smart_str_appends(&path, root);
	for (i = 0; i < n; i++) {
		path_push_key(&path, chain[i]);
	}
	efree(chain);
	smart_str_0(&path);
	p = ZSTR_VAL(path.s);
	len = ZSTR_LEN(path.s);
	start = len > PATH_SHOWN ? len - PATH_SHOWN : 0;
	/* Start on a character, not inside one: the path is valid UTF-8. */
	while (start > 0 && start < len && ((unsigned char)p[start] & 0xC0) == 0x80) {
		start++;
	}
	pogo_error_set(into, POGO_ERR_ARG, "%s%s %s", start > 0 ? "..." : "", p + start, what);
	smart_str_free(&path);
}
