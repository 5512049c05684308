/*
 * esp_events.h — what the webhook events of email service providers mean in
 * bounce codes: per provider, each event name's rule (the event decides, the
 * remote server's words decide, or the event says nothing about delivery)
 * and each provider classification's code (SES bounceType/bounceSubType,
 * SendGrid bounce_classification, Postmark Type, SparkPost bounce_class, ...).
 *
 * Pure C, no PostgreSQL headers: the PostgreSQL glue (src/bounce_events.c)
 * walks the JSON and hands the names and the classifier's verdict on the
 * diagnostic text to esp_decide().  Every entry comes from the provider's own
 * documentation, cited in esp_events.c and in docs/events.md.
 */
#ifndef BOUNCE_ESP_EVENTS_H
#define BOUNCE_ESP_EVENTS_H

#include <stddef.h>

/* The providers, in the order of their names in esp_provider_name(). */
typedef enum esp_provider
{
	ESP_SES = 0,
	ESP_SENDGRID,
	ESP_MAILGUN,
	ESP_POSTMARK,
	ESP_SPARKPOST,
	ESP_MAILJET,
	ESP_BREVO,
	ESP_KUMOMTA,
	ESP_PROVIDER_COUNT
} esp_provider;

/* An event or a provider type that gives no code: the row's code is NULL. */
#define ESP_NO_CODE (-1)

/* How an event's code is decided. */
typedef enum esp_rule
{
	ESP_RULE_NONE = 0,			/* says nothing about delivery (sent, processed, ...): no code */
	ESP_RULE_FIXED,				/* the event itself decides (delivered 0, complaint 200, ...) */
	ESP_RULE_FAILED,			/* a failure: the words, else the provider's type, else the default */
	ESP_RULE_DELAYED			/* a delay (the provider retries): as FAILED, never hard or soft */
} esp_rule;

/* An event name's rule, and its code (FIXED) or default code (FAILED, DELAYED). */
typedef struct esp_event_rule
{
	esp_rule	rule;
	int			code;			/* a bounce code or ESP_NO_CODE */
} esp_event_rule;

/* How lasting a failure the provider's classification says it is. */
typedef enum esp_lasting
{
	ESP_PERMANENT = 0,			/* any code */
	ESP_TEMPORARY,				/* the address may work later: never a hard code */
	ESP_RETRYING				/* a delay, the provider retries: never a hard or soft code */
} esp_lasting;

/* What a provider's own classification says. */
typedef struct esp_type_rule
{
	int			known;			/* 0: the type is absent or unknown, it says nothing */
	int			code;			/* a bounce code, or ESP_NO_CODE: not about delivery */
	esp_lasting lasting;
} esp_type_rule;

/* The lower-case name of a provider: "ses", "sendgrid", ... */
extern const char *esp_provider_name(esp_provider provider);

/* The rule of a provider's event name (any case); an unknown name is ESP_RULE_NONE. */
extern esp_event_rule esp_event_lookup(esp_provider provider, const char *event, size_t len);

/* What a provider's classification (as bounce_events() shows it) says; len 0: none. */
extern esp_type_rule esp_type_lookup(esp_provider provider, const char *type, size_t len);

/*
 * Does the classifier's verdict on an event's diagnostic text say something?
 * Not when it found no cue (rule "no_cue"), had no text ("empty") or read the words as no bounce
 * (code 0: a failure event's text is then a provider's note, not a reply).
 */
extern int	esp_text_decides(int code, const char *rule);

/*
 * The code of one event: event is its name's rule, type its classification,
 * text_code the classifier's code on its words (ESP_NO_CODE when it has none
 * or they say nothing, see esp_text_decides).  Returns a code or ESP_NO_CODE.
 */
extern int	esp_decide(esp_event_rule event, esp_type_rule type, int text_code);

#endif
