/*
 * event_time.h — the times ESP webhook events carry, read into microseconds
 * since the Unix epoch: RFC 3339 / ISO 8601 date-times with a zone (Amazon
 * SES, Postmark) and decimal Unix seconds (SendGrid, Mailgun, SparkPost,
 * Mailjet, Brevo's ts_event, KumoMTA).
 *
 * Pure C, no PostgreSQL headers.  Neither reader depends on a time zone or a
 * locale setting, which is what lets bounce_events() be IMMUTABLE: a
 * date-time without a zone is refused rather than read in the session's zone.
 */
#ifndef BOUNCE_EVENT_TIME_H
#define BOUNCE_EVENT_TIME_H

#include <stddef.h>
#include <stdint.h>

/*
 * Read "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM)" (a space for the
 * T is accepted; digits past microseconds are dropped) of exactly len bytes.
 * Returns 1 and sets *usec, or 0 when the text is no such date-time.
 */
extern int	event_time_iso8601(const char *text, size_t len, int64_t *usec);

/*
 * Read decimal Unix seconds ("1513299569", "1521243339.873676"), no sign,
 * no exponent, at most 12 integer digits, of exactly len bytes.  Returns 1 and
 * sets *usec, or 0.
 */
extern int	event_time_epoch(const char *text, size_t len, int64_t *usec);

#endif
