/*
 * esp_events.c — the providers' event names and classifications as bounce
 * codes.  Sources (each provider's own documentation; docs/events.md has the
 * same list with the fields each provider's events carry):
 *
 *   Amazon SES   https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 *                https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 *   SendGrid     https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
 *   Mailgun      https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads
 *                https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhooks
 *   Postmark     https://postmarkapp.com/developer/webhooks/bounce-webhook (and delivery-, open-,
 *                click-, spam-complaint-, subscription-change-webhook),
 *                https://postmarkapp.com/developer/api/bounce-api#bounce-types
 *   SparkPost    https://developers.sparkpost.com/api/webhooks/
 *                https://support.sparkpost.com/docs/deliverability/bounce-classification-codes
 *   Mailjet      https://dev.mailjet.com/email/guides/webhooks/
 *   Brevo        https://developers.brevo.com/docs/transactional-webhooks
 *   KumoMTA      https://docs.kumomta.com/reference/log_record/
 *                https://docs.kumomta.com/rustapi/bounce_classify/enum.PreDefinedBounceClass.html
 */
#include "esp_events.h"

#include <string.h>

#include "ascii.h"
#include "bounce_codes.h"

/* One event name of a provider. */
typedef struct event_entry
{
	const char *name;
	esp_rule	rule;
	int			code;
} event_entry;

/* One classification of a provider; a name ending in '*' matches by prefix. */
typedef struct type_entry
{
	const char *name;
	int			code;
	esp_lasting lasting;
} type_entry;

#define NONE(name)			{name, ESP_RULE_NONE, ESP_NO_CODE}
#define FIXED(name, code)	{name, ESP_RULE_FIXED, code}
#define FAILED(name, code)	{name, ESP_RULE_FAILED, code}
#define DELAYED(name, code) {name, ESP_RULE_DELAYED, code}
#define P ESP_PERMANENT
#define T ESP_TEMPORARY
#define R ESP_RETRYING
#define END_EVENTS			{NULL, ESP_RULE_NONE, ESP_NO_CODE}
#define END_TYPES			{NULL, ESP_NO_CODE, ESP_PERMANENT}

/*
 * Amazon SES: notificationType (notifications) or eventType (event
 * publishing).  Reject: SES found a virus and did not send (53 unless the
 * reason says otherwise).  Send, Rendering Failure and Subscription say
 * nothing about the recipient's mailbox.
 */
static const event_entry ses_events[] = {
	FAILED("Bounce", BOUNCE_40), FIXED("Complaint", BOUNCE_200), FIXED("Delivery", BOUNCE_0),
	DELAYED("DeliveryDelay", BOUNCE_70), FAILED("Reject", BOUNCE_53),
	FIXED("Open", BOUNCE_0), FIXED("Click", BOUNCE_0),
	NONE("Send"), NONE("Rendering Failure"), NONE("Subscription"),
	END_EVENTS
};

/*
 * SES bounceType/bounceSubType, and a DeliveryDelay's delayType.  SES asks
 * senders to remove the address after a Permanent bounce of any subtype but
 * Suppressed-by-account-list and Unsubscribed, hence 10 for General too.
 */
static const type_entry ses_types[] = {
	{"Undetermined/Undetermined", BOUNCE_40, P},
	{"Permanent/General", BOUNCE_10, P}, {"Permanent/NoEmail", BOUNCE_10, P},
	{"Permanent/Suppressed", BOUNCE_10, P}, {"Permanent/OnAccountSuppressionList", BOUNCE_40, P},
	{"Permanent/UnsubscribedRecipient", BOUNCE_90, P},
	{"Transient/General", BOUNCE_20, T}, {"Transient/MailboxFull", BOUNCE_22, T},
	{"Transient/MessageTooLarge", BOUNCE_23, T}, {"Transient/ContentRejected", BOUNCE_52, T},
	{"Transient/AttachmentRejected", BOUNCE_53, T},
	{"MailboxFull", BOUNCE_22, R}, {"SpamDetected", BOUNCE_52, R}, {"IPFailure", BOUNCE_51, R},
	{"RecipientServerError", BOUNCE_70, R}, {"TransientCommunicationFailure", BOUNCE_29, R},
	{"SendingDeferral", BOUNCE_70, R}, {"Undetermined", BOUNCE_70, R},
	END_TYPES
};

/*
 * SendGrid event webhook.  dropped: SendGrid did not send (a suppression or
 * an invalid message), so only its reason's words can give a code.
 */
static const event_entry sendgrid_events[] = {
	FAILED("bounce", BOUNCE_40), FAILED("blocked", BOUNCE_50), FAILED("dropped", ESP_NO_CODE),
	DELAYED("deferred", BOUNCE_70), FIXED("spamreport", BOUNCE_200),
	FIXED("unsubscribe", BOUNCE_90), FIXED("group_unsubscribe", BOUNCE_90),
	FIXED("delivered", BOUNCE_0), FIXED("open", BOUNCE_0), FIXED("click", BOUNCE_0),
	NONE("processed"), NONE("group_resubscribe"),
	END_EVENTS
};

/* SendGrid bounce_classification. */
static const type_entry sendgrid_types[] = {
	{"Invalid Address", BOUNCE_10, P}, {"Mailbox Unavailable", BOUNCE_40, P},
	{"Technical", BOUNCE_40, P}, {"Content", BOUNCE_52, P}, {"Reputation", BOUNCE_50, P},
	{"Frequency or Volume", BOUNCE_50, P}, {"Unclassified", BOUNCE_40, P},
	END_TYPES
};

/* Mailgun event-data.event (webhooks and the Events API). */
static const event_entry mailgun_events[] = {
	FAILED("failed", BOUNCE_40), FAILED("bounced", BOUNCE_40), FAILED("dropped", BOUNCE_40),
	FIXED("delivered", BOUNCE_0), FIXED("opened", BOUNCE_0), FIXED("clicked", BOUNCE_0),
	FIXED("unsubscribed", BOUNCE_90), FIXED("complained", BOUNCE_200),
	NONE("accepted"), NONE("rejected"), NONE("stored"), NONE("list_member_uploaded"),
	END_EVENTS
};

/* Mailgun severity/reason of a failed event. */
static const type_entry mailgun_types[] = {
	{"permanent/suppress-bounce", BOUNCE_10, P},
	{"permanent/suppress-unsubscribe", BOUNCE_90, P},
	{"permanent/suppress-complaint", BOUNCE_200, P},
	{"temporary/*", BOUNCE_70, R},
	END_TYPES
};

/* Postmark RecordType. */
static const event_entry postmark_events[] = {
	FAILED("Bounce", BOUNCE_40), FIXED("SpamComplaint", BOUNCE_200), FIXED("Delivery", BOUNCE_0),
	FIXED("Open", BOUNCE_0), FIXED("Click", BOUNCE_0), FAILED("SubscriptionChange", ESP_NO_CODE),
	END_EVENTS
};

/*
 * Postmark bounce Type (and a SubscriptionChange's SuppressionReason).  Types
 * that are not a delivery result (a subscribe request, a deactivation by
 * hand, an inbound or template error) give no code.
 */
static const type_entry postmark_types[] = {
	{"HardBounce", BOUNCE_10, P}, {"Transient", BOUNCE_70, R}, {"Unsubscribe", BOUNCE_90, P},
	{"Subscribe", ESP_NO_CODE, P}, {"AutoResponder", BOUNCE_60, P}, {"AddressChange", BOUNCE_40, P},
	{"DnsError", BOUNCE_21, T}, {"SpamNotification", BOUNCE_52, P}, {"OpenRelayTest", ESP_NO_CODE, P},
	{"Unknown", BOUNCE_40, P}, {"SoftBounce", BOUNCE_20, T}, {"VirusNotification", BOUNCE_53, P},
	{"ChallengeVerification", BOUNCE_100, P}, {"BadEmailAddress", BOUNCE_10, P},
	{"SpamComplaint", BOUNCE_200, P}, {"ManuallyDeactivated", ESP_NO_CODE, P},
	{"Unconfirmed", ESP_NO_CODE, P}, {"Blocked", BOUNCE_50, P}, {"SMTPApiError", BOUNCE_40, P},
	{"InboundError", ESP_NO_CODE, P}, {"DMARCPolicy", BOUNCE_50, P},
	{"TemplateRenderingFailed", ESP_NO_CODE, P},
	{"ManualSuppression", BOUNCE_90, P},
	END_TYPES
};

/* SparkPost msys.*_event.type. */
static const event_entry sparkpost_events[] = {
	FAILED("bounce", BOUNCE_40), FAILED("out_of_band", BOUNCE_40), DELAYED("delay", BOUNCE_70),
	FAILED("policy_rejection", ESP_NO_CODE), FIXED("spam_complaint", BOUNCE_200),
	FIXED("delivery", BOUNCE_0), FIXED("open", BOUNCE_0), FIXED("initial_open", BOUNCE_0),
	FIXED("click", BOUNCE_0), FIXED("amp_open", BOUNCE_0), FIXED("amp_initial_open", BOUNCE_0),
	FIXED("amp_click", BOUNCE_0), FIXED("list_unsubscribe", BOUNCE_90),
	FIXED("link_unsubscribe", BOUNCE_90),
	NONE("injection"), NONE("generation_failure"), NONE("generation_rejection"), NONE("sms_status"),
	END_EVENTS
};

/*
 * SparkPost bounce_class: the Momentum classes this extension's code table
 * descends from, so most map to the code of the same number.  1
 * (Undetermined) says nothing; 80 (Subscribe) is no delivery result.
 */
static const type_entry sparkpost_types[] = {
	{"10", BOUNCE_10, P}, {"20", BOUNCE_20, T}, {"21", BOUNCE_21, T}, {"22", BOUNCE_22, T},
	{"23", BOUNCE_23, T}, {"24", BOUNCE_20, T}, {"25", BOUNCE_40, P}, {"26", BOUNCE_40, P},
	{"30", BOUNCE_30, P}, {"40", BOUNCE_40, P}, {"50", BOUNCE_50, P}, {"51", BOUNCE_51, P},
	{"52", BOUNCE_52, P}, {"53", BOUNCE_53, P}, {"54", BOUNCE_54, P}, {"60", BOUNCE_60, P},
	{"70", BOUNCE_70, R}, {"80", ESP_NO_CODE, P}, {"90", BOUNCE_90, P}, {"100", BOUNCE_100, P},
	END_TYPES
};

/* Mailjet event. */
static const event_entry mailjet_events[] = {
	FAILED("bounce", BOUNCE_40), FAILED("blocked", ESP_NO_CODE), FIXED("spam", BOUNCE_200),
	FIXED("unsub", BOUNCE_90), FIXED("sent", BOUNCE_0), FIXED("open", BOUNCE_0),
	FIXED("click", BOUNCE_0),
	END_EVENTS
};

/* Mailjet error (the "possible values for errors" table). */
static const type_entry mailjet_types[] = {
	{"user unknown", BOUNCE_10, P}, {"mailbox inactive", BOUNCE_10, P},
	{"quota exceeded", BOUNCE_22, T}, {"invalid domain", BOUNCE_21, P},
	{"no mail host", BOUNCE_21, P}, {"relay/access denied", BOUNCE_54, P},
	{"sender blocked", BOUNCE_50, P}, {"content blocked", BOUNCE_52, P},
	{"policy issue", BOUNCE_50, P}, {"system issue", BOUNCE_20, T},
	{"protocol issue", BOUNCE_20, T}, {"connection issue", BOUNCE_29, T},
	{"greylisted", BOUNCE_70, R}, {"spam reporter", BOUNCE_200, P},
	{"typofix", BOUNCE_10, P}, {"preblocked", ESP_NO_CODE, P},
	{"duplicate in campaign", ESP_NO_CODE, P}, {"bad or empty template", ESP_NO_CODE, P},
	{"error in template language", ESP_NO_CODE, P},
	END_TYPES
};

/* Brevo transactional webhook event; it has no classification of its own. */
static const event_entry brevo_events[] = {
	FAILED("hard_bounce", BOUNCE_10), FAILED("soft_bounce", BOUNCE_20),
	FAILED("blocked", ESP_NO_CODE), FIXED("invalid_email", BOUNCE_10),
	DELAYED("deferred", BOUNCE_70), FIXED("spam", BOUNCE_200), FIXED("complaint", BOUNCE_200),
	FIXED("unsubscribed", BOUNCE_90), FIXED("delivered", BOUNCE_0), FIXED("opened", BOUNCE_0),
	FIXED("unique_opened", BOUNCE_0), FIXED("proxy_open", BOUNCE_0), FIXED("click", BOUNCE_0),
	NONE("request"), NONE("sent"), NONE("error"),
	END_EVENTS
};

static const type_entry brevo_types[] = {END_TYPES};

/*
 * KumoMTA log record type.  AdminBounce (the operator's own bounce) and
 * Rejection (of inbound mail) say nothing about the recipient's mailbox.
 */
static const event_entry kumomta_events[] = {
	FAILED("Bounce", BOUNCE_40), FAILED("OOB", BOUNCE_40), FAILED("Expiration", BOUNCE_40),
	DELAYED("TransientFailure", BOUNCE_70), FIXED("Delivery", BOUNCE_0),
	FIXED("Feedback", BOUNCE_200), NONE("Reception"), NONE("AdminBounce"), NONE("Rejection"),
	END_EVENTS
};

/* KumoMTA bounce_classification (PreDefinedBounceClass). */
static const type_entry kumomta_types[] = {
	{"InvalidRecipient", BOUNCE_10, P}, {"DNSFailure", BOUNCE_21, P}, {"SpamBlock", BOUNCE_51, P},
	{"SpamContent", BOUNCE_52, P}, {"ProhibitedAttachment", BOUNCE_53, P},
	{"RelayDenied", BOUNCE_54, P}, {"AutoReply", BOUNCE_60, P}, {"TransientFailure", BOUNCE_70, R},
	{"Subscribe", ESP_NO_CODE, P}, {"Unsubscribe", BOUNCE_90, P}, {"ChallengeResponse", BOUNCE_100, P},
	{"BadConfiguration", BOUNCE_40, P}, {"BadConnection", BOUNCE_29, T}, {"BadDomain", BOUNCE_21, P},
	{"ContentRelated", BOUNCE_52, P}, {"InactiveMailbox", BOUNCE_10, P},
	{"InvalidSender", BOUNCE_50, P}, {"MessageExpired", BOUNCE_40, P},
	{"NoAnswerFromHost", BOUNCE_29, T}, {"PolicyRelated", BOUNCE_50, P},
	{"ProtocolErrors", BOUNCE_40, P}, {"QuotaIssues", BOUNCE_22, T}, {"RelayingIssues", BOUNCE_54, P},
	{"RoutingErrors", BOUNCE_40, P}, {"SpamRelated", BOUNCE_52, P}, {"VirusRelated", BOUNCE_53, P},
	{"AuthenticationFailed", BOUNCE_50, P}, {"TooManyRecipients", BOUNCE_70, T},
	END_TYPES
};

/* Each provider's name and tables, indexed by esp_provider. */
static const struct
{
	const char *name;
	const event_entry *events;
	const type_entry *types;
}			providers[ESP_PROVIDER_COUNT] = {
	{"ses", ses_events, ses_types},
	{"sendgrid", sendgrid_events, sendgrid_types},
	{"mailgun", mailgun_events, mailgun_types},
	{"postmark", postmark_events, postmark_types},
	{"sparkpost", sparkpost_events, sparkpost_types},
	{"mailjet", mailjet_events, mailjet_types},
	{"brevo", brevo_events, brevo_types},
	{"kumomta", kumomta_events, kumomta_types},
};

/* Do the first n bytes of s and name agree, in any ASCII case? */
static int
same_bytes(const char *s, const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char) s[i]) != ascii_lower((unsigned char) name[i]))
			return 0;
	return 1;
}

/* Is s (len bytes) the name, or does it start with a name ending in '*'? */
static int
name_matches(const char *s, size_t len, const char *name)
{
	size_t		n;

	/* Most names differ in their first byte: decided before measuring the name. */
	if (len == 0 || ascii_lower((unsigned char) s[0]) != ascii_lower((unsigned char) name[0]))
		return 0;
	n = strlen(name);
	if (name[n - 1] == '*')
		return len >= n - 1 && same_bytes(s, name, n - 1);
	return len == n && same_bytes(s, name, n);
}

/* Is provider one of the table's? */
static int
valid_provider(esp_provider provider)
{
	return (int) provider >= 0 && provider < ESP_PROVIDER_COUNT;
}

/* The lower-case name of a provider. */
const char *
esp_provider_name(esp_provider provider)
{
	return valid_provider(provider) ? providers[provider].name : "";
}

/* The rule of an event name; an unknown one says nothing about delivery. */
esp_event_rule
esp_event_lookup(esp_provider provider, const char *event, size_t len)
{
	esp_event_rule result = {ESP_RULE_NONE, ESP_NO_CODE};

	if (!valid_provider(provider) || event == NULL)
		return result;
	for (const event_entry *e = providers[provider].events; e->name != NULL; e++)
		if (name_matches(event, len, e->name))
		{
			result.rule = e->rule;
			result.code = e->code;
			break;
		}
	return result;
}

/* What a provider's classification says; an unknown one says nothing. */
esp_type_rule
esp_type_lookup(esp_provider provider, const char *type, size_t len)
{
	esp_type_rule result = {0, ESP_NO_CODE, ESP_PERMANENT};

	if (!valid_provider(provider) || type == NULL || len == 0)
		return result;
	for (const type_entry *t = providers[provider].types; t->name != NULL; t++)
		if (name_matches(type, len, t->name))
		{
			result.known = 1;
			result.code = t->code;
			result.lasting = t->lasting;
			break;
		}
	return result;
}

/* Whether the classifier's verdict on an event's words is evidence. */
int
esp_text_decides(int code, const char *rule)
{
	return code != BOUNCE_0 &&
		!(rule != NULL && (strcmp(rule, "no_cue") == 0 || strcmp(rule, "empty") == 0));
}

/* The kind of a code; NA for ESP_NO_CODE. */
static bounce_kind
kind_of(int code)
{
	const bounce_code_info *info = bounce_code_lookup(code);

	return info != NULL ? info->kind : BOUNCE_KIND_NA;
}

/* May an event this lasting have code?  No code is always possible. */
static int
fits(int code, esp_lasting lasting)
{
	bounce_kind kind = kind_of(code);

	if (code == ESP_NO_CODE || lasting == ESP_PERMANENT)
		return 1;
	if (kind == BOUNCE_KIND_HARD)
		return 0;
	return lasting == ESP_TEMPORARY || kind != BOUNCE_KIND_SOFT;
}

/*
 * The code of one event.  A failure's words decide first, as for a raw
 * bounce; where they say nothing the provider's classification decides, then
 * the event's default.  A temporary failure never gives a hard code (the
 * address may work later), and a delay the provider retries gives neither a
 * hard nor a soft one: the address's history should count the final bounce,
 * not every retry.  Such a code gives way to 70 (transient).
 */
int
esp_decide(esp_event_rule event, esp_type_rule type, int text_code)
{
	esp_lasting lasting = event.rule == ESP_RULE_DELAYED ? ESP_RETRYING : ESP_PERMANENT;
	int			code;

	switch (event.rule)
	{
		case ESP_RULE_NONE:
			return ESP_NO_CODE;
		case ESP_RULE_FIXED:
			return event.code;
		case ESP_RULE_FAILED:
		case ESP_RULE_DELAYED:
			break;
	}
	if (type.known && type.lasting > lasting)
		lasting = type.lasting;
	/* A classification that says the event is no delivery result gives no code. */
	if (type.known && type.code == ESP_NO_CODE)
		return ESP_NO_CODE;
	if (text_code != ESP_NO_CODE && fits(text_code, lasting))
		return text_code;
	code = type.known ? type.code : event.code;
	return fits(code, lasting) ? code : BOUNCE_70;
}
