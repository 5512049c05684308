/*
 * test_esp_events.c — the providers' event tables and esp_decide(), and the
 * event time readers (core/esp_events.c, core/event_time.c).
 */
#include <string.h>

#include "core/bounce_codes.h"
#include "core/esp_events.h"
#include "core/event_time.h"
#include "unit.h"

/* The code of an event of provider, with its type and the classifier's code on its words. */
static int
decide(esp_provider provider, const char *event, const char *type, int text_code)
{
	return esp_decide(esp_event_lookup(provider, event, strlen(event)),
					  esp_type_lookup(provider, type, type != NULL ? strlen(type) : 0),
					  text_code);
}

/* Event names: fixed codes, failures, and events that say nothing. */
static void
test_event_names(void)
{
	CHECK_INT(decide(ESP_SENDGRID, "delivered", NULL, ESP_NO_CODE), 0);
	CHECK_INT(decide(ESP_SENDGRID, "open", NULL, ESP_NO_CODE), 0);
	CHECK_INT(decide(ESP_SENDGRID, "click", NULL, ESP_NO_CODE), 0);
	CHECK_INT(decide(ESP_SENDGRID, "spamreport", NULL, ESP_NO_CODE), 200);
	CHECK_INT(decide(ESP_SENDGRID, "unsubscribe", NULL, ESP_NO_CODE), 90);
	CHECK_INT(decide(ESP_SENDGRID, "deferred", NULL, ESP_NO_CODE), 70);
	CHECK_INT(decide(ESP_SENDGRID, "processed", NULL, ESP_NO_CODE), ESP_NO_CODE);
	CHECK_INT(decide(ESP_SENDGRID, "no_such_event", NULL, 10), ESP_NO_CODE);
	/* A fixed event is not changed by its words. */
	CHECK_INT(decide(ESP_SES, "Delivery", NULL, 10), 0);
	CHECK_INT(decide(ESP_MAILGUN, "complained", NULL, ESP_NO_CODE), 200);
	CHECK_INT(decide(ESP_POSTMARK, "SpamComplaint", NULL, ESP_NO_CODE), 200);
	CHECK_INT(decide(ESP_SPARKPOST, "list_unsubscribe", NULL, ESP_NO_CODE), 90);
	CHECK_INT(decide(ESP_MAILJET, "unsub", NULL, ESP_NO_CODE), 90);
	CHECK_INT(decide(ESP_BREVO, "unique_opened", NULL, ESP_NO_CODE), 0);
	CHECK_INT(decide(ESP_KUMOMTA, "Feedback", NULL, ESP_NO_CODE), 200);
	CHECK_INT(decide(ESP_KUMOMTA, "Reception", NULL, ESP_NO_CODE), ESP_NO_CODE);
	/* Names match in any case, but whole. */
	CHECK_INT(decide(ESP_SES, "BOUNCE", NULL, ESP_NO_CODE), 40);
	CHECK_INT(decide(ESP_SES, "Bounc", NULL, ESP_NO_CODE), ESP_NO_CODE);
	CHECK_INT(decide(ESP_SES, "Bounces", NULL, ESP_NO_CODE), ESP_NO_CODE);
}

/* A failure: the words first, then the provider's type, then the event's default. */
static void
test_failure_order(void)
{
	CHECK_INT(decide(ESP_SES, "Bounce", "Permanent/NoEmail", 22), 22);
	CHECK_INT(decide(ESP_SES, "Bounce", "Permanent/NoEmail", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_SES, "Bounce", "Permanent/General", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_SES, "Bounce", "Transient/MailboxFull", ESP_NO_CODE), 22);
	CHECK_INT(decide(ESP_SES, "Bounce", "Permanent/SomethingNew", ESP_NO_CODE), 40);
	CHECK_INT(decide(ESP_SES, "Bounce", NULL, ESP_NO_CODE), 40);
	CHECK_INT(decide(ESP_SENDGRID, "bounce", "Invalid Address", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_SENDGRID, "dropped", NULL, ESP_NO_CODE), ESP_NO_CODE);
	CHECK_INT(decide(ESP_SPARKPOST, "bounce", "10", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_SPARKPOST, "bounce", "1", ESP_NO_CODE), 40);
	CHECK_INT(decide(ESP_SPARKPOST, "bounce", "51", 52), 52);
	CHECK_INT(decide(ESP_POSTMARK, "Bounce", "HardBounce", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_MAILJET, "bounce", "quota exceeded", ESP_NO_CODE), 22);
	CHECK_INT(decide(ESP_KUMOMTA, "Bounce", "InvalidRecipient", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_BREVO, "hard_bounce", NULL, ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_BREVO, "soft_bounce", NULL, ESP_NO_CODE), 20);
	/* A type that says the event is no delivery result gives no code, whatever the words. */
	CHECK_INT(decide(ESP_POSTMARK, "Bounce", "Subscribe", 10), ESP_NO_CODE);
	CHECK_INT(decide(ESP_SPARKPOST, "bounce", "80", ESP_NO_CODE), ESP_NO_CODE);
	/* Mailgun: severity/reason, the temporary ones by prefix. */
	CHECK_INT(decide(ESP_MAILGUN, "failed", "permanent/suppress-bounce", ESP_NO_CODE), 10);
	CHECK_INT(decide(ESP_MAILGUN, "failed", "permanent/bounce", ESP_NO_CODE), 40);
	CHECK_INT(decide(ESP_MAILGUN, "failed", "temporary/generic", ESP_NO_CODE), 70);
	CHECK_INT(decide(ESP_MAILGUN, "failed", "temporary/", ESP_NO_CODE), 70);
	CHECK_INT(decide(ESP_MAILGUN, "failed", "temporar", ESP_NO_CODE), 40);
}

/* How lasting a failure is limits its code. */
static void
test_lasting(void)
{
	/* A delay the provider retries is neither hard nor soft. */
	CHECK_INT(decide(ESP_SENDGRID, "deferred", NULL, 22), 70);
	CHECK_INT(decide(ESP_SENDGRID, "deferred", NULL, 10), 70);
	CHECK_INT(decide(ESP_SENDGRID, "deferred", NULL, 51), 51);
	CHECK_INT(decide(ESP_SES, "DeliveryDelay", "MailboxFull", ESP_NO_CODE), 70);
	CHECK_INT(decide(ESP_SES, "DeliveryDelay", "SpamDetected", ESP_NO_CODE), 52);
	CHECK_INT(decide(ESP_MAILGUN, "failed", "temporary/generic", 22), 70);
	CHECK_INT(decide(ESP_POSTMARK, "Bounce", "Transient", 29), 70);
	/* A temporary failure is never hard, but may be soft. */
	CHECK_INT(decide(ESP_SES, "Bounce", "Transient/General", 10), 20);
	CHECK_INT(decide(ESP_SES, "Bounce", "Transient/General", 22), 22);
	CHECK_INT(decide(ESP_POSTMARK, "Bounce", "SoftBounce", 10), 20);
	/* A permanent one takes any code. */
	CHECK_INT(decide(ESP_SES, "Bounce", "Permanent/General", 29), 29);
}

/* Which verdicts of the classifier are evidence. */
static void
test_text_decides(void)
{
	CHECK(esp_text_decides(10, "phrase"));
	CHECK(!esp_text_decides(40, "no_cue"));
	CHECK(!esp_text_decides(40, "empty"));
	CHECK(!esp_text_decides(0, "success_reply"));
	CHECK(esp_text_decides(40, "expired_after_retries"));
	CHECK(esp_text_decides(22, NULL));
}

/* Every table entry's code is one of the 25 codes, and every provider has a name. */
static void
test_names(void)
{
	static const char *const names[] = {"ses", "sendgrid", "mailgun", "postmark", "sparkpost",
	"mailjet", "brevo", "kumomta"};

	for (int p = 0; p < ESP_PROVIDER_COUNT; p++)
		CHECK(strcmp(esp_provider_name((esp_provider) p), names[p]) == 0);
	CHECK(strcmp(esp_provider_name(ESP_PROVIDER_COUNT), "") == 0);
	CHECK_INT(esp_event_lookup(ESP_PROVIDER_COUNT, "bounce", 6).rule, ESP_RULE_NONE);
	CHECK_INT(esp_type_lookup(ESP_SES, NULL, 0).known, 0);
}

/* RFC 3339 date-times with a zone. */
static void
test_iso8601(void)
{
	int64_t		t = -1;

#define ISO(s, ok) event_time_iso8601((s), strlen(s), &t) == (ok)
	CHECK(ISO("1970-01-01T00:00:00Z", 1) && t == 0);
	CHECK(ISO("2016-01-27T14:59:38.237Z", 1) && t == INT64_C(1453906778237000));
	CHECK(ISO("2014-08-01T13:28:10.2735393-04:00", 1) && t == INT64_C(1406914090273539));
	CHECK(ISO("2019-11-05T16:33:54+0200", 1) && t == INT64_C(1572964434000000));
	CHECK(ISO("2020-02-29 23:59:59z", 1) && t == INT64_C(1583020799000000));
	CHECK(ISO("1969-12-31T23:59:59Z", 1) && t == -INT64_C(1000000));
	CHECK(ISO("2016-01-27T14:59:38", 0));		/* no zone: refused, never the session's */
	CHECK(ISO("2019-02-29T00:00:00Z", 0));
	CHECK(ISO("2016-13-01T00:00:00Z", 0));
	CHECK(ISO("2016-01-27T24:00:00Z", 0));
	CHECK(ISO("2016-01-27T14:59:38.Z", 0));
	CHECK(ISO("2016-01-27T14:59:38Z ", 0));
	CHECK(ISO("2016-01-27T14:59:38+25:00", 0));
	CHECK(ISO("2016-01-27", 0));
	CHECK(ISO("", 0));
#undef ISO
}

/* Decimal Unix seconds. */
static void
test_epoch(void)
{
	int64_t		t = -1;

#define EPOCH(s, ok) event_time_epoch((s), strlen(s), &t) == (ok)
	CHECK(EPOCH("1513299569", 1) && t == INT64_C(1513299569000000));
	CHECK(EPOCH("1521243339.873676", 1) && t == INT64_C(1521243339873676));
	CHECK(EPOCH("1521243339.8736769999", 1) && t == INT64_C(1521243339873676));
	CHECK(EPOCH("0", 1) && t == 0);
	CHECK(EPOCH("999999999999", 1));
	CHECK(EPOCH("9999999999999", 0));
	CHECK(EPOCH("-5", 0));
	CHECK(EPOCH("1e300", 0));
	CHECK(EPOCH(".5", 0));
	CHECK(EPOCH("12 ", 0));
	CHECK(EPOCH("", 0));
#undef EPOCH
}

int
main(void)
{
	test_event_names();
	test_failure_order();
	test_lasting();
	test_text_decides();
	test_names();
	test_iso8601();
	test_epoch();
	return unit_finish("esp_events");
}
