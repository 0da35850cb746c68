/*
 * Pogo: one directive's value as text: durations ("30s", "500ms", "2m"),
 * thread counts and counts read strictly, and durations written back the way
 * the INI takes them. Plain C: the unit tests link it without PHP.
 */
#include "config_value.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>

#define MS_PER_SECOND INT64_C(1000)
#define MS_PER_MINUTE INT64_C(60000)
/* The longest duration accepted: one year. */
#define DURATION_MAX_MS (INT64_C(365) * 24 * 3600 * 1000)
/* Fraction digits past this many are read but ignored. */
#define FRACTION_DIGITS_MAX 9

#define DURATION_HINT                                                                              \
	"use a number of seconds or a number followed by ms, s or m (e.g. 500ms, 30s, 2m)"

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p)) {
		p++;
	}
	return p;
}

/* Reads a run of decimal digits as a whole number; false once it exceeds max. */
static bool parse_digits(const char **pp, int64_t max, int64_t *out)
{
	const char *p = *pp;
	int64_t value = 0;
	bool fits = true;

	for (; isdigit((unsigned char)*p); p++) {
		if (fits && value > (max - (*p - '0')) / 10) {
			fits = false;
		}
		if (fits) {
			value = value * 10 + (*p - '0');
		}
	}
	*pp = p;
	*out = value;
	return fits;
}

/* Reads a duration's unit (none, "s", "ms" or "m"): milliseconds per unit, 0 if unknown. */
static int64_t parse_unit(const char **pp)
{
	const char *unit = *pp;
	const char *p = unit;
	size_t len;

	while (isalpha((unsigned char)*p)) {
		p++;
	}
	*pp = p;
	len = (size_t)(p - unit);
	if (len == 0 || (len == 1 && unit[0] == 's')) {
		return MS_PER_SECOND;
	}
	if (len == 2 && unit[0] == 'm' && unit[1] == 's') {
		return 1;
	}
	if (len == 1 && unit[0] == 'm') {
		return MS_PER_MINUTE;
	}
	return 0;
}

zend_result pogo_parse_duration_ms(const char *text, int64_t *out_ms, pogo_error *err)
{
	const char *p;
	int64_t whole;
	int64_t fraction = 0;
	int64_t scale = 1; /* 10 ^ number of fraction digits kept */
	int64_t multiplier;
	int64_t ms;
	int digits = 0;
	bool positive; /* some digit, kept or ignored, is not 0 */

	if (text == NULL) {
		text = "";
	}
	p = skip_space(text);
	if (*p == '-') {
		pogo_error_set(err, POGO_ERR_CONFIG, "invalid duration \"%s\": it cannot be negative",
		               text);
		return FAILURE;
	}
	if (!isdigit((unsigned char)*p)) {
		goto fail_syntax;
	}
	if (!parse_digits(&p, DURATION_MAX_MS, &whole)) {
		goto fail_range;
	}
	positive = whole > 0;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p)) {
			goto fail_syntax;
		}
		for (; isdigit((unsigned char)*p); p++) {
			positive = positive || *p != '0';
			if (digits < FRACTION_DIGITS_MAX) {
				fraction = fraction * 10 + (*p - '0');
				scale *= 10;
				digits++;
			}
		}
	}

	multiplier = parse_unit(&p);
	if (multiplier == 0 || *skip_space(p) != '\0') {
		goto fail_syntax;
	}

	/*
	 * No overflow: whole <= DURATION_MAX_MS (< 2^35), fraction < 10^9 and
	 * multiplier <= 60000 (< 2^16). A positive duration below 1ms fails:
	 * rounded to 0 it would mean something else (no limit, or at once), and
	 * rounded up it would be longer than asked. Above 1ms, fractions of a
	 * millisecond round half up.
	 */
	if (positive && whole == 0 && fraction * multiplier < scale) {
		goto fail_too_short;
	}
	ms = whole * multiplier + (fraction * multiplier + scale / 2) / scale;
	if (ms > DURATION_MAX_MS) {
		goto fail_range;
	}
	*out_ms = ms;
	return SUCCESS;

fail_syntax:
	pogo_error_set(err, POGO_ERR_CONFIG, "invalid duration \"%s\": " DURATION_HINT, text);
	return FAILURE;
fail_range:
	pogo_error_set(err, POGO_ERR_CONFIG, "invalid duration \"%s\": longer than one year", text);
	return FAILURE;
fail_too_short:
	pogo_error_set(err, POGO_ERR_CONFIG,
	               "invalid duration \"%s\": shorter than 1ms, the shortest duration above 0",
	               text);
	return FAILURE;
}

zend_result pogo_parse_thread_count(const char *text, unsigned *out, pogo_error *err)
{
	const char *p;
	int64_t value;

	if (text == NULL) {
		text = "";
	}
	p = skip_space(text);
	if (!isdigit((unsigned char)*p)) {
		goto fail;
	}
	if (!parse_digits(&p, POGO_MAX_THREADS, &value) || value < 1) {
		goto fail;
	}
	if (*skip_space(p) != '\0') {
		goto fail;
	}
	*out = (unsigned)value;
	return SUCCESS;

fail:
	pogo_error_set(err, POGO_ERR_CONFIG,
	               "invalid thread count \"%s\": use a whole number from 1 to %d", text,
	               POGO_MAX_THREADS);
	return FAILURE;
}

zend_result pogo_parse_count(const char *text, int64_t max, int64_t *out, pogo_error *err)
{
	const char *p;
	int64_t value;

	if (text == NULL) {
		text = "";
	}
	p = skip_space(text);
	if (!isdigit((unsigned char)*p) || !parse_digits(&p, max, &value) || *skip_space(p) != '\0') {
		pogo_error_set(err, POGO_ERR_CONFIG,
		               "invalid number \"%s\": use a whole number from 0 to %" PRId64, text, max);
		return FAILURE;
	}
	*out = value;
	return SUCCESS;
}

/* Fills a new pool with the defaults every pool starts from. */
void pogo_format_time_limit(int64_t ms, char *buf, size_t size)
{
	if (ms == 0) {
		snprintf(buf, size, "no limit");
	} else {
		pogo_format_duration(ms, buf, size);
	}
}

void pogo_format_duration(int64_t ms, char *buf, size_t size)
{
	if (ms % MS_PER_SECOND != 0) {
		snprintf(buf, size, "%" PRId64 "ms", ms);
	} else if (ms != 0 && ms % MS_PER_MINUTE == 0) {
		snprintf(buf, size, "%" PRId64 "m", ms / MS_PER_MINUTE);
	} else {
		snprintf(buf, size, "%" PRId64 "s", ms / MS_PER_SECOND);
	}
}
