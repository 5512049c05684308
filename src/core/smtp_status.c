/*
 * smtp_status.c — recognising SMTP codes and mapping them to bounce codes.
 *
 * The enhanced-status mapping covers the whole IANA "SMTP Enhanced Status
 * Codes" registry.  Its strengths sit just below a STRONG phrase: a specific
 * phrase ("relay access denied") beats the generic 5.7.1 it comes with, while
 * a specific code (5.1.1) beats a vague phrase ("mailbox unavailable").
 */
#include "smtp_status.h"

#include <string.h>

#include "ascii.h"
#include "bounce_codes.h"
#include "phrases.h"

/* Strengths of enhanced codes: specific subjects, and the catch-all ones. */
#define ENH_SPECIFIC (STRONG - 5)
#define ENH_GENERAL (MEDIUM - 10)

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read 1-3 digits at *p; returns the count, 0 when none, -1 when more than 3. */
static int
read_number(const char *text, size_t len, size_t *pos, int *value)
{
	size_t		start = *pos;

	*value = 0;
	while (*pos < len && is_digit(text[*pos]))
	{
		if (*pos - start == 3)
			return -1;
		*value = *value * 10 + (text[*pos] - '0');
		(*pos)++;
	}
	return (int) (*pos - start);
}

size_t
smtp_read_enhanced(const char *text, size_t len, smtp_enhanced *out)
{
	size_t		pos = 1;

	if (len < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.')
		return 0;
	pos = 2;
	if (read_number(text, len, &pos, &out->subject) <= 0 || pos >= len || text[pos] != '.')
		return 0;
	/*
	 * RFC 3463 defines subjects 0 to 7 only: "2.213.00" in a virus scanner's
	 * "Engine/Pattern = 7.100-1004/2.213.00" is a version number, no status.
	 */
	if (out->subject > 7)
		return 0;
	pos++;
	if (read_number(text, len, &pos, &out->detail) <= 0)
		return 0;
	/* "5.1.1.1" is an address, "5.1.10" a code; a trailing "." ending a sentence is fine. */
	if (pos + 1 < len && text[pos] == '.' && is_digit(text[pos + 1]))
		return 0;
	out->klass = text[0] - '0';
	return pos;
}

/*
 * Does text start with a group of a telephone number: digits that neither a
 * decimal point ("5.1.1") nor words follow ("0711 555 3400", "416 555 0148",
 * "020 7946 550 0")?  A relay's own code before the remote's ("550 550 5.1.1
 * ...", "554 554 Rejected") is no such group.
 */
static int
is_number_group(const char *text, size_t len)
{
	size_t		at = 0,
				j;
	int			groups;

	/* At most four groups are looked at: linear time over any text. */
	for (groups = 0; groups < 4; groups++)
	{
		for (j = at; j < len && is_digit(text[j]); j++)
			;
		if (j == at || (j + 1 < len && text[j] == '.' && is_digit(text[j + 1])))
			return 0;
		if (j - at != 3)
			return 1;
		/* Three digits may be a reply code: a number only if another group follows. */
		if (!(j + 1 < len && text[j] == ' ' && is_digit(text[j + 1])))
			return 0;
		at = j + 1;
	}
	return 1;
}

/*
 * Units a quantity is counted in, lower case: "over its size quota of 250 MB"
 * is no 250 reply.  Currencies too: prices in a reply that quotes an offer
 * ("5 nights from 420 EUR", "499 kr") are no reply code; those count only as
 * a word of their own (a blank, ',', ';', ')' or the end after them), since
 * "550 euro.example.com: user unknown" and "552 kr.example.net" name hosts
 * after a real code.
 */
#define UNIT(w) {w, sizeof(w) - 1, 0}
#define CURRENCY(w) {w, sizeof(w) - 1, 1}
static const struct
{
	const char *word;
	size_t		len;
	int			own_word;		/* must be followed by a blank, ',', ';', ')' or the end */
}			units[] = {
	UNIT("kb"), UNIT("mb"), UNIT("gb"), UNIT("k"), UNIT("m"), UNIT("g"), UNIT("kib"), UNIT("mib"), UNIT("gib"),
	UNIT("bytes"), UNIT("byte"), UNIT("octets"), UNIT("kbytes"), UNIT("mbytes"), UNIT("messages"), UNIT("msgs"),
	UNIT("mails"), UNIT("emails"), UNIT("e-mails"), UNIT("recipients"), UNIT("rcpts"), UNIT("connections"),
	UNIT("seconds"), UNIT("secs"), UNIT("sec"), UNIT("minutes"), UNIT("mins"), UNIT("min"), UNIT("hours"),
	UNIT("hrs"), UNIT("days"), UNIT("%"), UNIT("percent"), UNIT("times"), UNIT("per"),
	CURRENCY("\xe2\x82\xac"), CURRENCY("\xc2\xa3"), CURRENCY("eur"), CURRENCY("euro"), CURRENCY("euros"),
	CURRENCY("usd"), CURRENCY("dollars"), CURRENCY("chf"), CURRENCY("sek"), CURRENCY("nok"), CURRENCY("dkk"),
	CURRENCY("kr"), CURRENCY("pln"),
};

/* Does text start with a unit word (one of units, then what its kind allows after it)? */
static int
is_unit_word(const char *text, size_t len)
{
	size_t		u;
	unsigned char c;

	if (len == 0)
		return 0;
	c = ascii_lower((unsigned char) text[0]);
	/* Most replies go on with a status or a word that starts no unit: decided at the first byte. */
	if (!strchr("kmgbormecsdhtp%un\xe2\xc2", c) || c == '\0')
		return 0;
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
	{
		size_t		n = units[u].len;

		if (units[u].word[0] == (char) c && n <= len && ascii_has_prefix(text, len, units[u].word) &&
			(n == len || (units[u].own_word ? strchr(" \t\r\n,;)", text[n]) != NULL :
						  !ascii_is_alnum((unsigned char) text[n]))))
			return 1;
	}
	return 0;
}

int
smtp_read_reply(const char *text, size_t len)
{
	if (len < 3 || (text[0] != '2' && text[0] != '4' && text[0] != '5') ||
		text[1] < '0' || text[1] > '5' || !is_digit(text[2]))
		return 0;
	if (len > 3 && text[3] != ' ' && text[3] != '-' && text[3] != '\t' &&
		text[3] != '\r' && text[3] != '\n')
		return 0;

	/*
	 * A continuation line goes on with text, an enhanced status or an address
	 * ("550-5.1.1 ...", "521-192.0.2.1 blocked"); digits that no dot and
	 * digit follow ("555-1234", "400-8899,628", a sentence ending in
	 * "call 555-0133.") are a telephone number.
	 */
	if (len > 4 && text[3] == '-' && is_digit(text[4]))
	{
		size_t		j = 4;

		while (j < len && is_digit(text[j]))
			j++;
		if (j + 1 >= len || text[j] != '.' || !is_digit(text[j + 1]))
			return 0;
	}
	if (len > 4 && text[3] == ' ' && (is_number_group(text + 4, len - 4) || is_unit_word(text + 4, len - 4)))
		return 0;
	return (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
}

/* Shorthand for the mapping table below. */
static smtp_meaning
meaning(int code, int strength, const char *rule)
{
	smtp_meaning m;

	m.code = code;
	m.strength = strength;
	m.rule = rule;
	return m;
}

/* X.1.x: addressing status. */
static smtp_meaning
addressing(int klass, int detail)
{
	switch (detail)
	{
		case 1:					/* bad destination mailbox address */
		case 3:					/* bad destination mailbox address syntax */
		case 4:					/* destination mailbox address ambiguous */
		case 6:					/* destination mailbox has moved */
			return klass == 5 ? meaning(BOUNCE_10, ENH_SPECIFIC, "status_bad_mailbox")
				: meaning(BOUNCE_20, ENH_GENERAL, "status_temporary_address");
		case 2:					/* bad destination system address */
			return meaning(BOUNCE_21, ENH_SPECIFIC, "status_bad_domain");
		case 10:				/* recipient address has null MX */
			return meaning(BOUNCE_10, ENH_SPECIFIC, "status_null_mx");
		case 7:					/* bad sender's mailbox address syntax */
		case 8:					/* bad sender's system address */
			return meaning(BOUNCE_50, ENH_SPECIFIC, "status_bad_sender");
		case 5:					/* destination address valid */
			return meaning(-1, 0, NULL);
		case 0:					/* other address status */
			return klass == 5 ? meaning(BOUNCE_10, ENH_GENERAL, "status_address")
				: meaning(BOUNCE_20, ENH_GENERAL, "status_temporary_address");
		default:

			/*
			 * 9 relayed to a non-compliant mailer, and the details no registry
			 * holds (Microsoft's 5.1.90 "daily limit for message recipients",
			 * 5.1.20 "multiple From addresses"): they say nothing about the
			 * recipient's address, so no hard code.
			 */
			return meaning(klass == 5 ? BOUNCE_40 : BOUNCE_20, ENH_GENERAL, "status_address_other");
	}
}

/* X.2.x: mailbox status. */
static smtp_meaning
mailbox(int klass, int detail)
{
	switch (detail)
	{
		case 1:					/* mailbox disabled, not accepting messages */
			return klass == 5 ? meaning(BOUNCE_10, ENH_SPECIFIC, "status_mailbox_disabled")
				: meaning(BOUNCE_20, ENH_GENERAL, "status_mailbox_disabled");
		case 2:					/* mailbox full */
			return meaning(BOUNCE_22, ENH_SPECIFIC, "status_mailbox_full");
		case 3:					/* message length exceeds administrative limit */
			return meaning(BOUNCE_23, ENH_SPECIFIC, "status_too_large");
		case 4:					/* mailing list expansion problem */
			return meaning(BOUNCE_40, ENH_GENERAL, "status_list_expansion");
		default:				/* 0 other or undefined mailbox status */
			return meaning(klass == 5 ? BOUNCE_40 : BOUNCE_20, ENH_GENERAL, "status_mailbox");
	}
}

/* X.3.x: mail system status. */
static smtp_meaning
mail_system(int klass, int detail)
{
	switch (detail)
	{
		case 4:					/* message too big for system */
			return meaning(BOUNCE_23, ENH_SPECIFIC, "status_too_large");
		case 1:					/* mail system full */
		case 2:					/* system not accepting network messages */
		case 5:					/* system incorrectly configured */
			return meaning(BOUNCE_20, ENH_GENERAL, "status_system");
		default:				/* 0 other, 3 not capable of features, 6 priority changed */
			return meaning(klass == 5 ? BOUNCE_40 : BOUNCE_20, ENH_GENERAL, "status_system");
	}
}

/* X.4.x: network and routing status. */
static smtp_meaning
network(int klass, int detail)
{
	switch (detail)
	{
		case 1:					/* no answer from host */
		case 2:					/* bad connection */
			return meaning(BOUNCE_29, ENH_SPECIFIC, "status_no_connection");
		case 3:					/* directory server failure */
		case 4:					/* unable to route */
			return meaning(BOUNCE_21, ENH_SPECIFIC, "status_routing");
		case 5:					/* mail system congestion */
			return meaning(BOUNCE_20, ENH_SPECIFIC, "status_congestion");
		case 7:					/* delivery time expired */
			return meaning(BOUNCE_40, ENH_SPECIFIC, "status_expired");
		case 6:					/* routing loop detected */
		case 8:					/* MX loop */
			return meaning(BOUNCE_40, ENH_SPECIFIC, "status_loop");
		default:				/* 0 other network or routing status */
			return meaning(klass == 5 ? BOUNCE_40 : BOUNCE_29, ENH_GENERAL, "status_network");
	}
}

/* X.5.x: mail delivery protocol status. */
static smtp_meaning
protocol(int klass, int detail)
{
	if (detail == 3)			/* too many recipients */
		return meaning(BOUNCE_20, ENH_GENERAL, "status_too_many_recipients");
	return meaning(klass == 5 ? BOUNCE_40 : BOUNCE_20, ENH_GENERAL, "status_protocol");
}

/* X.7.x: security or policy status. */
static smtp_meaning
security(int klass, int detail)
{
	if (klass == 4)				/* a temporary policy deferral: come back later */
		return meaning(BOUNCE_20, ENH_GENERAL, "status_deferred_policy");
	switch (detail)
	{
		case 13:				/* user account disabled */
		case 17:				/* mailbox owner has changed */
		case 18:				/* domain owner has changed */
			return meaning(BOUNCE_10, ENH_SPECIFIC, "status_account_disabled");
		case 16:				/* message too big for specified priority */
			return meaning(BOUNCE_23, ENH_SPECIFIC, "status_too_large");
		case 28:				/* mail flood detected */
			return meaning(BOUNCE_52, ENH_SPECIFIC, "status_mail_flood");
		case 20:				/* no passing DKIM signature */
		case 21:				/* no acceptable DKIM signature */
		case 22:				/* no valid author-matched DKIM signature */
		case 23:				/* SPF validation failed */
		case 24:				/* SPF validation error */
		case 25:				/* reverse DNS validation failed */
		case 26:				/* multiple authentication checks failed (DMARC) */
		case 27:				/* sender address has null MX */
		case 29:				/* ARC validation failure */
		case 30:				/* REQUIRETLS support required */
			return meaning(BOUNCE_50, ENH_SPECIFIC, "status_authentication");
		case 19:				/* RRVS test cannot be completed */
			return meaning(BOUNCE_40, ENH_GENERAL, "status_rrvs");
		default:				/* 0 other, 1 not authorized, 2-12, 14, 15: policy and security */
			return meaning(BOUNCE_50, ENH_GENERAL, "status_policy");
	}
}

smtp_meaning
smtp_enhanced_meaning(const smtp_enhanced *status)
{
	if (status->klass == 2)
		return meaning(BOUNCE_0, ENH_GENERAL, "status_success");
	if (status->klass != 4 && status->klass != 5)
		return meaning(-1, 0, NULL);
	switch (status->subject)
	{
		case 1:
			return addressing(status->klass, status->detail);
		case 2:
			return mailbox(status->klass, status->detail);
		case 3:
			return mail_system(status->klass, status->detail);
		case 4:
			return network(status->klass, status->detail);
		case 5:
			return protocol(status->klass, status->detail);
		case 6:					/* message content or media status */
			/*
			 * X.6.7-X.6.10 (RFC 6531, RFC 6533): the path cannot carry an
			 * internationalised address or header (SMTPUTF8 not offered) -
			 * a capability the message needs, no content policy: 40.
			 */
			if (status->detail >= 7 && status->detail <= 10)
				return meaning(status->klass == 5 ? BOUNCE_40 : BOUNCE_20, ENH_GENERAL, "status_smtputf8");
			return meaning(BOUNCE_50, ENH_GENERAL, "status_content");
		case 7:
			return security(status->klass, status->detail);
		default:				/* X.0.x other or undefined: the class alone */
			return meaning(status->klass == 5 ? BOUNCE_40 : BOUNCE_20, WEAK, "status_undefined");
	}
}

smtp_meaning
smtp_reply_meaning(int reply)
{
	if (reply >= 200 && reply < 300)
		return meaning(BOUNCE_0, WEAK - 5, "reply_success");
	if (reply == 421)			/* service not available, closing channel: come back later */
		return meaning(BOUNCE_20, WEAK - 5, "reply_421");
	if (reply == 552)
		return meaning(BOUNCE_22, WEAK - 5, "reply_552");
	if (reply >= 530 && reply <= 538)	/* AUTH's replies (RFC 4954): the sender's login, a block */
		return meaning(BOUNCE_50, WEAK - 5, "reply_auth");
	if (reply >= 400 && reply < 500)
		return meaning(BOUNCE_20, WEAK - 10, "reply_temporary");
	if (reply >= 500 && reply < 600)
		return meaning(BOUNCE_40, WEAK - 10, "reply_permanent");
	return meaning(-1, 0, NULL);
}
