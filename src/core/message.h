/*
 * message.h — the bounce message reader: finds the parts of an RFC 5322 / MIME
 * message that say why delivery failed (the human-readable text, the RFC 3464
 * delivery-status fields, the RFC 5965 feedback report) and feeds them, decoded
 * (quoted-printable, base64), to the scanner.  The returned original message
 * (message/rfc822, text/rfc822-headers) is skipped: its subject, body and links
 * are not the bounce's reason.
 */
#ifndef BOUNCE_MESSAGE_H
#define BOUNCE_MESSAGE_H

#include <stddef.h>

#include "scanner.h"

/*
 * True when text starts like a message (after any blank lines and an mbox
 * "From " line with blank lines after it): a header block ending in a blank
 * line.
 */
extern int	message_looks_like(const char *text, size_t len);

/*
 * Scan a whole message; text that is not a message is scanned as plain lines.
 * Returns 1 when the text was read as a message (headers and a body), else 0.
 */
extern int	message_scan(scan_state *sc, const char *text, size_t len);

#endif
