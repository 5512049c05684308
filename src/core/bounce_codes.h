/*
 * bounce_codes.h — the bounce code table: the one source of truth for every
 * code, its stable symbolic name, its kind and its descriptions.
 *
 * Pure C (no PostgreSQL headers): used by the PostgreSQL glue, by the
 * classifier and by the unit tests alike.
 */
#ifndef BOUNCE_CODES_H
#define BOUNCE_CODES_H

#include <stddef.h>

/* The kind of a code, in the order of the SQL enum bounce_kind. */
typedef enum bounce_kind
{
	BOUNCE_KIND_HARD = 0,		/* the address is invalid at once */
	BOUNCE_KIND_SOFT,			/* invalid only when it repeats over time */
	BOUNCE_KIND_OTHER,			/* "Annat": never the address's fault */
	BOUNCE_KIND_NA				/* not a delivery result (spam complaint) */
} bounce_kind;

#define BOUNCE_KIND_COUNT 4

/*
 * The table as an X-macro, so that the array, the lookup switch and anything
 * else derived from it cannot drift apart.  Columns: code, symbolic name (stable
 * forever: it is accepted as text input), kind, English description (the seed's
 * exact wording, UTF-8 en dashes included), Swedish description, the seed's
 * example SMTP response (or NULL).
 */
#define BOUNCE_CODE_TABLE(X) \
	X(0,   "non_bounce",          OTHER, "Non-bounce", "Ingen studs", NULL) \
	X(10,  "bad_address",         HARD,  "Bad email address", "Felaktig e-postadress", "550 User Unknown") \
	X(20,  "temp_failure",        SOFT,  "Temp failure \xE2\x80\x93 General", "Tillfälligt fel \xE2\x80\x93 Allmänt", NULL) \
	X(21,  "dns_failure",         SOFT,  "Temp failure \xE2\x80\x93 DNS Failure", "Tillfälligt fel \xE2\x80\x93 DNS-fel", NULL) \
	X(22,  "mailbox_full",        SOFT,  "Temp failure \xE2\x80\x93 Mailbox full", "Tillfälligt fel \xE2\x80\x93 Brevlådan är full", NULL) \
	X(23,  "message_too_large",   OTHER, "Temp failure \xE2\x80\x93 Message size too large", "Tillfälligt fel \xE2\x80\x93 Meddelandet är för stort", NULL) \
	X(29,  "unable_to_connect",   SOFT,  "Temp failure \xE2\x80\x93 Unable to connect", "Tillfälligt fel \xE2\x80\x93 Kan inte ansluta", NULL) \
	X(30,  "no_address",          OTHER, "Bounce with no email address", "Studs utan e-postadress", NULL) \
	X(40,  "general_bounce",      OTHER, "General bounce", "Allmän studs", \
	  "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)/I'm not going to try again; this message has been in the queue too long") \
	X(50,  "mail_block",          OTHER, "Mail block \xE2\x80\x93 General", "E-postblockering \xE2\x80\x93 Allmän", NULL) \
	X(51,  "known_spammer",       OTHER, "Mail block \xE2\x80\x93 Known Spammer", "E-postblockering \xE2\x80\x93 Känd spammare", NULL) \
	X(52,  "spam_detected",       OTHER, "Mail block \xE2\x80\x93 Spam detected", "E-postblockering \xE2\x80\x93 Spam upptäckt", NULL) \
	X(53,  "attachment_detected", OTHER, "Mail block \xE2\x80\x93 Attachment detected", "E-postblockering \xE2\x80\x93 Bilaga upptäckt", NULL) \
	X(54,  "relay_denied",        OTHER, "Mail block \xE2\x80\x93 Relay denied", "E-postblockering \xE2\x80\x93 Vidarebefordran nekad", NULL) \
	X(59,  "blocked_connect",     OTHER, "Mail block \xE2\x80\x93 Unable to connect", "E-postblockering \xE2\x80\x93 Kan inte ansluta", NULL) \
	X(60,  "auto_reply",          OTHER, "Auto-reply", "Autosvar", NULL) \
	X(70,  "transient",           OTHER, "Transient bounce", "Tillfällig studs", NULL) \
	X(90,  "unsubscribe",         HARD,  "Unsubscribe request", "Begäran om avregistrering", NULL) \
	X(100, "challenge_response",  OTHER, "Challenge response", "Kontrollfråga (challenge-response)", NULL) \
	X(110, "throttle_limit",      OTHER, "Over MarketingPlatform throttle limit", "Över MarketingPlatforms gräns för sändningstakt", NULL) \
	X(120, "queue_dumped",        OTHER, "Queue dumped", "Kön tömd", NULL) \
	X(121, "paused_expired",      OTHER, "Delivery paused then message expired", "Leveransen pausades och meddelandet gick ut", NULL) \
	X(122, "inactive_suppressed", OTHER, "Suppressed by System due to Subscriber Inactivity", "Undertryckt av systemet på grund av mottagarens inaktivitet", NULL) \
	X(123, "policy_blocked",      OTHER, "Blocked due to System policy enforcement", "Blockerad på grund av systemets policytillämpning", NULL) \
	X(200, "spam_complaint",      NA,    "Spam complaint", "Spamklagomål", NULL)

/* Symbolic constants BOUNCE_0, BOUNCE_10, ... for the classifier's rules. */
enum
{
#define BOUNCE_CODE_ENUM(code, name, kind, en, sv, example) BOUNCE_##code = code,
	BOUNCE_CODE_TABLE(BOUNCE_CODE_ENUM)
#undef BOUNCE_CODE_ENUM
	BOUNCE_CODE_MAX = 200		/* largest code: bounds the fixed-size parser */
};

/* One row of the table. */
typedef struct bounce_code_info
{
	int			code;
	const char *name;
	bounce_kind kind;
	const char *description_en;
	const char *description_sv;
	const char *example;		/* NULL when the seed gives none */
} bounce_code_info;

#define BOUNCE_CODE_COUNT 25

/* The rows, ordered by code. */
extern const bounce_code_info bounce_code_table[BOUNCE_CODE_COUNT];

/* Position of code in bounce_code_table, or -1 when it is no code. */
extern int	bounce_code_index(long code);

/* Row of code, or NULL when it is no code. */
extern const bounce_code_info *bounce_code_lookup(long code);

/* Lower-case label of a kind, as in the SQL enum: "hard", "soft", ... */
extern const char *bounce_kind_label(bounce_kind kind);

/* Is the code a delivery failure, 10-59 (as opposed to a reply, a report or an event)? */
static inline int
bounce_is_failure(int code)
{
	return code >= BOUNCE_10 && code <= BOUNCE_59;
}

/* Does the code ask something of the sender: to unsubscribe (90), to confirm (100), to stop spamming (200)? */
static inline int
bounce_is_request(int code)
{
	return code == BOUNCE_90 || code == BOUNCE_100 || code == BOUNCE_200;
}

/*
 * Parse the text form of a bounce code: blanks around a decimal number without
 * sign or leading zeros ("21"), or a symbolic name in any case
 * ("DNS_Failure").  Reads exactly len bytes (no NUL needed).  Returns 1 and sets
 * *code on success, 0 when the text is no code.
 */
extern int	bounce_code_parse(const char *text, size_t len, int *code);

/* Write "0, 10, 20, ..., 200" (NUL-terminated, truncated to size) into buf. */
extern void bounce_code_format_list(char *buf, size_t size);

#endif							/* BOUNCE_CODES_H */
