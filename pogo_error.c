/*
 * Pogo: the error that C functions fill for the PHP layer (pogo_error.h).
 *
 * Plain C: the unit tests link this file without PHP.
 */
#include "pogo_error.h"

#include <stdarg.h>
#include <stdio.h>

void pogo_error_set(pogo_error *err, pogo_error_code code, const char *fmt, ...)
{
	va_list args;
	int written;

	if (err == NULL) {
		return;
	}
	err->code = code;
	err->arg = 0;
	va_start(args, fmt);
	written = vsnprintf(err->message, sizeof(err->message), fmt, args);
	va_end(args);
	if (written >= (int)sizeof(err->message)) {
		/* Cut off: do not end inside a UTF-8 character. */
		size_t end = sizeof(err->message) - 1, lead = end;
		unsigned char c;
		size_t need;

		while (lead > 0 && end - lead < 4 &&
		       ((unsigned char)err->message[lead - 1] & 0xC0) == 0x80) {
			lead--;
		}
		if (lead > 0) {
			c = (unsigned char)err->message[lead - 1];
			need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (lead - 1 + need > end) {
				end = lead - 1; /* drop the incomplete character */
			}
		}
		err->message[end] = '\0';
	}
}
