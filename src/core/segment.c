/*
 * segment.c — the parts of a bounce and what is never evidence (see
 * segment.h).  The wordings that start quoted text or a banner are phrases
 * (phrases_segments.def), found by the matcher; the scanner reports them here
 * through sc->quoted, sc->banner and sc->forwarded, and this file decides
 * what each line is.
 */
#include "segment.h"

#include <string.h>

#include "ascii.h"
#include "fold.h"
#include "recipients.h"

/* What a recipient's heading names, against the first heading of the part's text. */
#define FIRST_RECIPIENT 0		/* the first heading: remembered */
#define ANOTHER_RECIPIENT 1
#define SAME_RECIPIENT_AGAIN 2	/* Exchange names each recipient again above its diagnostic information */

/* A recipient's heading in a report's text names addr[0..n): which recipient is it? */
static int
another_text_recipient(scan_state *sc, const char *addr, size_t n)
{
	size_t		i;

	if (n > 0 && addr[0] == '<')
		addr++, n--;
	if (sc->first_text_recipient[0] == '\0')
	{
		if (n > BOUNCE_ADDRESS_MAX)
			n = BOUNCE_ADDRESS_MAX;
		for (i = 0; i < n; i++)
			sc->first_text_recipient[i] = (char) ascii_lower((unsigned char) addr[i]);
		sc->first_text_recipient[n] = '\0';
		return FIRST_RECIPIENT;
	}
	return strlen(sc->first_text_recipient) == n && ascii_has_prefix(addr, n, sc->first_text_recipient) ?
		SAME_RECIPIENT_AGAIN : ANOTHER_RECIPIENT;
}

/*
 * A heading of a recipient in a report's text: after the first recipient's
 * reason, another recipient's words no longer count, and the first one's
 * named again (its diagnostic information) count again.
 */
static void
note_text_recipient(scan_state *sc, const char *addr, size_t n)
{
	int			which = another_text_recipient(sc, addr, n);

	if (which == SAME_RECIPIENT_AGAIN)
		sc->later_text_recipient = 0;
	else if (sc->cue[LEVEL_REMOTE].score > 0 || (which == ANOTHER_RECIPIENT && sc->cue[LEVEL_PROSE].score > 0))
		sc->later_text_recipient = 1;
}

int
segment_line(scan_state *sc, const char **linep, size_t *lenp, scan_zone zone)
{
	const char *line = *linep;
	size_t		len = *lenp;

	if (zone == ZONE_TEXT)
	{
		/* An SMTP transcript ("<<< 550 ...") reads like the plain text. */
		if (len >= 4 && (memcmp(line, "<<< ", 4) == 0 || memcmp(line, ">>> ", 4) == 0))
		{
			line += 4;
			len -= 4;
		}
		/*
		 * A forwarded bounce ("Begin forwarded message:") is read through its
		 * quote marks: it is the bounce, passed on.
		 */
		else if (sc->forwarded && !sc->quoted && len > 0 && line[0] == '>')
		{
			while (len > 0 && line[0] == '>')
			{
				line++;
				len--;
				if (len > 0 && line[0] == ' ')
				{
					line++;
					len--;
				}
			}
		}
		/* Quoted reply text ("> ...", or all that follows "On ... wrote:") is no evidence. */
		else if (sc->quoted || (len > 0 && line[0] == '>'))
		{
			sc->not_evidence_seen = 1;
			return 0;
		}
		/*
		 * "<b@example.com>: host ... said: ..." begins another recipient's
		 * report (Postfix, qmail): once one recipient's reply was read, or
		 * the first recipient's own report gave a reason ("<a@example.org>:
		 * delivery temporarily suspended: connect to ...: No route to host"),
		 * the next one's words no longer count (LABELS.md: the first failed
		 * recipient is labelled).
		 */
		if (len > 2 && line[0] == '<' && memchr(line, '@', len) != NULL && memchr(line, '>', len) != NULL)
		{
			const char *close = memchr(line, '>', len);

			if ((size_t) (close - line) + 1 < len && close[1] == ':')
				note_text_recipient(sc, line + 1, (size_t) (close - line) - 1);
		}
		/*
		 * So does another address alone on its line, at most as indented as
		 * Exim's list of failed addresses (its reasons are indented deeper):
		 * Exim, Exchange and Microsoft 365 NDRs, Domino.  (The first such
		 * address is counted too: its own reason, read, ends the list.)
		 */
		else if (memchr(line, '@', len) != NULL)
		{
			size_t		indent,
						rest_at;

			/*
			 * Not Exim's "A message sent by\n\n  <news@example.com>\n\ncould
			 * not be delivered": the sender, in brackets and indented
			 * (Sendmail's recipients in brackets start their lines).
			 */
			if (recipient_heading_at(line, len, &indent, &rest_at) > 0 && indent <= 2 &&
				!(indent > 0 && line[indent] == '<'))
			{
				size_t		end = indent;

				while (end < len && line[end] != ' ' && line[end] != '\t' && line[end] != ':' && line[end] != '>')
					end++;
				note_text_recipient(sc, line + indent, end - indent);
			}
		}
		/* A blank line ends a paragraph, so a banner, and a reply's continuation. */
		if (ascii_is_blank(line, len))
		{
			sc->paragraph++;
			sc->banner = 0;
			sc->remote_line = 0;
			if (sc->dsn_group_failed)
				sc->dsn_failed_group_closed = 1;
			sc->dsn_group_failed = 0;
		}
		else if (line[0] != ' ' && line[0] != '\t')
			sc->remote_line = 0;
	}
	else if (zone == ZONE_HEADER)
	{
		/* A new part's headers: what was quoted or a banner in the last part is over. */
		sc->quoted = 0;
		sc->later_text_recipient = 0;
		sc->first_text_recipient[0] = '\0';
		sc->paragraph++;
		sc->banner = 0;
		sc->remote_line = 0;
	}

	*linep = line;
	*lenp = len;
	return 1;
}

evidence_level
segment_level(const scan_state *sc, scan_zone zone)
{
	if (zone == ZONE_DIAGNOSTIC || (zone == ZONE_TEXT && sc->remote_line))
		return LEVEL_REMOTE;
	return zone == ZONE_SUBJECT ? LEVEL_SUBJECT : LEVEL_PROSE;
}

/*
 * Words that negate a request just before it ("please do not remove me",
 * "ich möchte mich nicht abmelden"), in the languages the phrases cover.
 */
static const char *const negations[] = {
	"not", "don't", "dont", "never", "no", "inte", "ej", "icke", "nicht", "kein", "keine", "ne", "pas",
	"niet", "ikke", "ei", "ala", "non", "nao", "nie",
	"\xd0\xbd\xd0\xb5",		/* ru "не" */
	NULL
};

/*
 * Chinese negates a request with one character right before it, no space:
 * "不要取消订阅", "别退订", "勿" (UTF-8 of 不, 别, 別, 勿).
 */
static const char *const negation_chars[] = {
	"\xe4\xb8\x8d", "\xe5\x88\xab", "\xe5\x88\xa5", "\xe5\x8b\xbf", NULL
};

/* Is c part of a word for the negation and first-person look-back: a letter, a digit, a byte of a non-Latin letter? */
static int
is_lookback_word_byte(unsigned char c)
{
	return fold_is_word_byte(c) || c >= 0x80 || c == '\'';
}

/*
 * Words of a person speaking for themself: a footer's "unsubscribe from this
 * list" after them ("I want to unsubscribe from this list") is a request, not
 * a footer.
 */
static const char *const first_person[] = {
	"i", "i'd", "i'm", "i'll", "me", "my", "we", "we'll", "want", "wish", "like", "please", "would", NULL
};

/* Bytes of look-back for the words before a phrase. */
#define BEFORE_BYTES 56

/*
 * The words before a phrase of folded length plen that ended `after` bytes
 * before the ring's end, nearest first, at most max of them and none past a
 * clause's end (". , ; ! ?"): "I'm not sure, but please unsubscribe me" is a
 * request.  Each word is (start, length) in buf; returns how many.
 */
static int
words_before(const scan_state *sc, int plen, int after, unsigned char *buf, int *starts, int *lens,
			 int max)
{
	int			n = 0,
				i,
				end,
				count = 0;

	for (i = BEFORE_BYTES; i >= 1; i--)
		buf[n++] = sc->ring[(unsigned char) (sc->ring_pos - after - plen - i)];
	end = n;
	while (count < max)
	{
		int			start;

		while (end > 0 && !is_lookback_word_byte(buf[end - 1]))
		{
			unsigned char c = buf[end - 1];

			if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?')
				return count;
			end--;
		}
		start = end;
		while (start > 0 && is_lookback_word_byte(buf[start - 1]))
			start--;
		if (start == end || start == 0)
			return count;		/* no word, or one cut off by the window */
		starts[count] = start;
		lens[count] = end - start;
		count++;
		end = start;
	}
	return count;
}

/* Is one of the three words before the phrase, in its clause, in the list? */
static int
preceded_by(const scan_state *sc, int plen, int after, const char *const *list)
{
	unsigned char buf[BEFORE_BYTES];
	int			starts[3],
				lens[3],
				n = words_before(sc, plen, after, buf, starts, lens, 3),
				i;

	for (i = 0; i < n; i++)
		if (ascii_is_one_of((const char *) buf + starts[i], (size_t) lens[i], list))
			return 1;
	return 0;
}

/*
 * Verbs of asking: a negation before them reaches the request they ask for
 * ("I never asked you to stop sending me", "I did not ask to be removed").
 */
static const char *const asking[] = {
	"ask", "asked", "request", "requested", "tell", "told", NULL
};

/*
 * Verbs of getting mail: after them the words tell what arrives ("I get no
 * more emails from you since May"), they ask for nothing.
 */
static const char *const receiving[] = {
	"get", "gets", "got", "getting", "receive", "received", "receiving", NULL
};

int
segment_negated(const scan_state *sc, int plen, int after)
{
	unsigned char buf[BEFORE_BYTES];
	unsigned char before[4];
	int			starts[5],
				lens[5],
				n = words_before(sc, plen, after, buf, starts, lens, 5),
				i,
				asked = 0;

	/* The three folded bytes just before the phrase: a Chinese negation? */
	for (i = 0; i < 3; i++)
		before[i] = sc->ring[(unsigned char) (sc->ring_pos - after - plen - 3 + i)];
	before[3] = '\0';
	for (i = 0; negation_chars[i] != NULL; i++)
		if (memcmp(before, negation_chars[i], 3) == 0)
			return 1;
	for (i = 0; i < n; i++)
	{
		const char *w = (const char *) buf + starts[i];

		/* Danish "vil I ikke nok afmelde mig": "ikke nok" is a courtesy ("would you kindly"), no negation. */
		if (i > 0 && lens[i - 1] == 3 && memcmp(buf + starts[i - 1], "nok", 3) == 0 &&
			lens[i] == 4 && memcmp(w, "ikke", 4) == 0)
			continue;
		if (ascii_is_one_of(w, (size_t) lens[i], negations) && (i < 3 || asked))
			return 1;
		if (i < 2 && ascii_is_one_of(w, (size_t) lens[i], receiving))
			return 1;
		if (ascii_is_one_of(w, (size_t) lens[i], asking))
			asked = 1;
	}
	return 0;
}
/* Words that make a claim a guess ("they may be blacklisted"). */
static const char *const hedges[] = {
	"may", "might", "possibly", "perhaps", "could", NULL
};

int
segment_hedged(const scan_state *sc, int plen, int after)
{
	return preceded_by(sc, plen, after, hedges);
}

int
segment_first_person(const scan_state *sc, int plen, int after)
{
	return preceded_by(sc, plen, after, first_person);
}

/*
 * Words that make the reader the subject: "if you would like to unsubscribe
 * from this list, visit ..." (Mailman's notices, every list footer) tells the
 * reader how, it asks for nothing.
 */
static const char *const second_person[] = {
	"you", "you'd", "youd", "u", NULL
};

/* The speaker as the subject: "I told you I want to unsubscribe" still asks. */
static const char *const speaker[] = {
	"i", "i'd", "id", "we", "we'd", NULL
};

int
segment_second_person(const scan_state *sc, int plen, int after)
{
	unsigned char buf[BEFORE_BYTES];
	int			starts[3],
				lens[3],
				n = words_before(sc, plen, after, buf, starts, lens, 3),
				i;

	/* The nearest subject decides. */
	for (i = 0; i < n; i++)
	{
		const char *w = (const char *) buf + starts[i];

		if (ascii_is_one_of(w, (size_t) lens[i], speaker))
			return 0;
		if (ascii_is_one_of(w, (size_t) lens[i], second_person))
			return 1;
	}
	return 0;
}

/* The folded byte `back` bytes before the ring's end. */
static unsigned char
ring_byte(const scan_state *sc, int back)
{
	return sc->ring[(unsigned char) (sc->ring_pos - back)];
}

int
segment_in_quotes(const scan_state *sc, int plen, int after, const char *line, size_t len, size_t at)
{
	int			open_at = after + plen + 1;
	const unsigned char *close = (const unsigned char *) line + at + 1;
	size_t		rest = at < len ? len - at - 1 : 0;

	/*
	 * '"' on both sides, or U+201C before and U+201D after (E2 80 9C, E2 80
	 * 9D).  The opening mark is in the ring of folded bytes; the closing one
	 * is read in the line itself (the ring holds at most one byte past the
	 * phrase), all three bytes: E2 80 94 is an em dash.
	 */
	if (ring_byte(sc, open_at) == '"')
		return rest >= 1 && close[0] == '"';
	return ring_byte(sc, open_at + 2) == 0xE2 && ring_byte(sc, open_at + 1) == 0x80 &&
		ring_byte(sc, open_at) == 0x9C && rest >= 3 && close[0] == 0xE2 && close[1] == 0x80 && close[2] == 0x9D;
}
