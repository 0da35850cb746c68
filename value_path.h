/*
 * Pogo: naming where a value is wrong (value_path.c), for the encoder
 * (value_codec.c) and nothing else.
 */
#ifndef POGO_VALUE_PATH_H
#define POGO_VALUE_PATH_H

#include "php.h"
#include "pogo_error.h"

/* A table the encoder is in, on its C stack, and the entry it is at. */
typedef struct pogo_value_frame {
	struct pogo_value_frame *outer; /* the table this one is in; NULL at the root */
	zend_string *key;               /* the entry's string key, or NULL: idx */
	zend_ulong idx;
	bool property; /* an object's property: "->name" */
} pogo_value_frame;

/*
 * Fills into (POGO_ERR_ARG) with "PATH what", PATH being root and the keys
 * of the frames from the outermost to inner; a path past 160 bytes shows its
 * end after "...".
 */
void pogo_value_path_error(const pogo_value_frame *inner, const char *root, pogo_error *into,
                           const char *what);

#endif
