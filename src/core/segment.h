/*
 * segment.h — the segment stage: which part of a bounce each line belongs to,
 * in order of authority (scanner.h, evidence_level), and which text is never
 * evidence: quoted reply text ('>' lines, all that follows an attribution
 * line or a quoted header block's "Sent:"), banners, disclaimers and footers
 * to the end of their paragraph.  A forwarded bounce is read through its '>'
 * marks.  A new part's headers end what the last part quoted.
 */
#ifndef BOUNCE_SEGMENT_H
#define BOUNCE_SEGMENT_H

#include <stddef.h>

#include "scanner.h"

/*
 * A line is about to be read in zone: strip what is no part of its text (an
 * SMTP transcript's "<<< ", a forwarded bounce's "> "), update the segment
 * state, and return 0 when the line is never evidence (quoted text).
 */
extern int	segment_line(scan_state *sc, const char **line, size_t *len, scan_zone zone);

/* The level a cue read now, in this zone, belongs to. */
extern evidence_level segment_level(const scan_state *sc, scan_zone zone);

/*
 * Is the phrase (folded length plen, ended `after` bytes before the end of
 * the scanner's look-back ring) negated by one of the three words before it
 * ("please do not remove me")?
 */
extern int	segment_negated(const scan_state *sc, int plen, int after);
/* (Also when a verb of getting mail comes just before it: "I get no more emails since May" asks nothing.) */

/*
 * Is it a guess, a hedge among the three words before it in its clause ("the
 * account or domain may not exist, they may be blacklisted")?
 */
extern int	segment_hedged(const scan_state *sc, int plen, int after);

/* Do a person's own words come just before it ("I want to unsubscribe from this list")? */
extern int	segment_first_person(const scan_state *sc, int plen, int after);

/*
 * Is "you" the one who wants: the nearest subject among the three words before
 * it in its clause ("if you would like to unsubscribe", "should you wish to
 * unsubscribe"; not "I told you I want to unsubscribe")?
 */
extern int	segment_second_person(const scan_state *sc, int plen, int after);

/*
 * Does the phrase stand in double quotation marks ('the page says "user
 * unknown"', curly quotes too): words cited, not said?
 */
extern int	segment_in_quotes(const scan_state *sc, int plen, int after, const char *line, size_t len,
							  size_t at);

#endif
