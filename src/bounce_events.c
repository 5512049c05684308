/*
 * bounce_events.c — bounce_events(payload jsonb): the webhook events of email
 * service providers (Amazon SES, SendGrid, Mailgun, Postmark, SparkPost,
 * Mailjet, Brevo, KumoMTA) as one row per recipient event with its bounce code.
 *
 * This file only knows where each provider puts its fields, and walks the
 * jsonb with PostgreSQL's own jsonb API (no text round trip).  What an event
 * name or a provider's classification means is the core's (core/esp_events.c);
 * the diagnostic words are read by the classifier (bounce_classify_bytes);
 * times by core/event_time.c, which is why the function can be IMMUTABLE.
 * Sources of every format: the comment of core/esp_events.c, docs/events.md.
 */
#include "bouncecode.h"

#include "access/htup_details.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "bounce_classify.h"
#include "rule_sets.h"
#include "core/esp_events.h"
#include "core/event_time.h"

/* The columns of bounce_events(), in order. */
enum
{
	EV_PROVIDER,
	EV_EVENT,
	EV_RECIPIENT,
	EV_OCCURRED_AT,
	EV_CODE,
	EV_KIND,
	EV_DIAGNOSTIC,
	EV_PROVIDER_TYPE,
	EV_NCOLUMNS
};

#define FORMATS_HINT \
	"bounce_events() reads Amazon SES notifications and event publishing records (also in an SNS envelope), " \
	"SendGrid event webhook batches, Mailgun webhooks and Events API pages, Postmark webhooks, " \
	"SparkPost webhook batches, Mailjet and Brevo webhook events, and KumoMTA log records."

/* A string of the payload: bytes in the database encoding, not NUL-terminated; len 0 is none. */
typedef struct EventText
{
	const char *data;
	int			len;
} EventText;

/* One recipient event, as the provider's format gives it. */
typedef struct EventFields
{
	esp_provider provider;
	EventText	event;
	EventText	recipient;
	EventText	diagnostic;
	EventText	provider_type;
	bool		has_time;
	TimestampTz occurred_at;
} EventFields;

/* An event of provider with every field absent. */
static EventFields
new_event(esp_provider provider)
{
	EventFields ev;

	memset(&ev, 0, sizeof(ev));
	ev.provider = provider;
	return ev;
}

/* Where rows go, and what they need. */
typedef struct EventSink
{
	Tuplestorestate *store;
	TupleDesc	tupdesc;
	BounceKindLabels *labels;
	Datum		provider_names[ESP_PROVIDER_COUNT];	/* text Datums, made once per call */
	const bounce_ruleset *rules;	/* the rule set the words are read with; NULL: built-in only */
} EventSink;

/* ---------- reading jsonb values ---------- */

/*
 * The value under key (keylen bytes) in an object container; false when absent
 * (or c is no object).  The helpers below take a string literal as key: the
 * macros pass its length, so no key is measured at run time.
 */
static bool
get_key_len(JsonbContainer *c, const char *key, int keylen, JsonbValue *out)
{
	if (c == NULL || !JsonContainerIsObject(c))
		return false;
	return getKeyJsonValueFromContainer(c, key, keylen, out) != NULL;
}

/* "" literal "": only a string literal compiles here, never a pointer whose sizeof would lie. */
#define KEY(literal) "" literal "", (int) (sizeof(literal) - 1)
#define get_key(c, key, out) get_key_len((c), KEY(key), (out))
#define get_string(c, key) get_string_len((c), KEY(key))
#define get_container(c, key, want_array) get_container_len((c), KEY(key), (want_array))
#define get_number_text(c, key) get_number_text_len((c), KEY(key))
#define get_true(c, key) get_true_len((c), KEY(key))
#define has_key(c, key) has_key_len((c), KEY(key))
#define read_time(c, key, ev) read_time_len((c), KEY(key), (ev))

/* The string under key; an absent key or one of another type gives none. */
static EventText
get_string_len(JsonbContainer *c, const char *key, int keylen)
{
	JsonbValue	v;
	EventText	t = {NULL, 0};

	if (get_key_len(c, key, keylen, &v) && v.type == jbvString)
	{
		t.data = v.val.string.val;
		t.len = v.val.string.len;
	}
	return t;
}

/* The container (object or array) under key, or NULL when absent or a scalar. */
static JsonbContainer *
get_container_len(JsonbContainer *c, const char *key, int keylen, bool want_array)
{
	JsonbValue	v;

	if (!get_key_len(c, key, keylen, &v) || v.type != jbvBinary)
		return NULL;
	if (want_array ? !JsonContainerIsArray(v.val.binary.data) : !JsonContainerIsObject(v.val.binary.data))
		return NULL;
	return v.val.binary.data;
}

/* A number or a numeric string under key as text ("550", "1513299569.5"). */
static EventText
get_number_text_len(JsonbContainer *c, const char *key, int keylen)
{
	JsonbValue	v;
	EventText	t = {NULL, 0};

	if (!get_key_len(c, key, keylen, &v))
		return t;
	if (v.type == jbvNumeric)
	{
		t.data = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
		t.len = (int) strlen(t.data);
	}
	else if (v.type == jbvString)
	{
		t.data = v.val.string.val;
		t.len = v.val.string.len;
	}
	return t;
}

/* Is the boolean under key true? */
static bool
get_true_len(JsonbContainer *c, const char *key, int keylen)
{
	JsonbValue	v;

	return get_key_len(c, key, keylen, &v) && v.type == jbvBool && v.val.boolean;
}

/* Is t exactly the word? */
static bool
text_is(EventText t, const char *word)
{
	return t.len == (int) strlen(word) && memcmp(t.data, word, t.len) == 0;
}

/* Does the object have key, of any type? */
static bool
has_key_len(JsonbContainer *c, const char *key, int keylen)
{
	JsonbValue	v;

	return get_key_len(c, key, keylen, &v);
}


/* Number of elements of an array container (0 for NULL). */
static int
array_size(JsonbContainer *array)
{
	return array != NULL ? (int) JsonContainerSize(array) : 0;
}

/* Element i of an array container. */
static JsonbValue *
array_element(JsonbContainer *array, int i)
{
	return getIthJsonbValueFromContainer(array, (uint32) i);
}

/* The object container of an element, or NULL when it is no object. */
static JsonbContainer *
element_object(JsonbValue *v)
{
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		return NULL;
	return v->val.binary.data;
}

/* Two texts joined with a separator ("Permanent/General", "550 5.1.1 ..."); either may be none. */
static EventText
join_texts(EventText a, const char *separator, EventText b)
{
	StringInfoData buf;
	EventText	t;

	if (a.len == 0)
		return b;
	if (b.len == 0)
		return a;
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, a.data, a.len);
	appendStringInfoString(&buf, separator);
	appendBinaryStringInfo(&buf, b.data, b.len);
	t.data = buf.data;
	t.len = buf.len;
	return t;
}

/* A C string as a text of the payload. */
static EventText
cstring_text(const char *s)
{
	EventText	t = {s, (int) strlen(s)};

	return t;
}

/* ---------- times ---------- */

/* Unix microseconds as a timestamptz; false when out of PostgreSQL's range. */
static bool
unix_usec_to_timestamptz(int64 usec, TimestampTz *out)
{
	int64		shift = (int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY;
	TimestampTz ts = usec - shift;

	if (!IS_VALID_TIMESTAMP(ts))
		return false;
	*out = ts;
	return true;
}

/* The time under key: Unix seconds (number or string) or an RFC 3339 date-time with a zone. */
static void
read_time_len(JsonbContainer *c, const char *key, int keylen, EventFields *ev)
{
	EventText	t;
	int64_t		usec;

	if (ev->has_time)
		return;
	t = get_number_text_len(c, key, keylen);
	if (t.len == 0)
		return;
	if (event_time_epoch(t.data, (size_t) t.len, &usec) ||
		event_time_iso8601(t.data, (size_t) t.len, &usec))
		ev->has_time = unix_usec_to_timestamptz((int64) usec, &ev->occurred_at);
}

/* ---------- rows ---------- */

/* A text column: the text, or NULL when none. */
static void
text_column(EventText t, Datum *value, bool *isnull)
{
	*isnull = t.len == 0;
	if (t.len > 0)
		*value = PointerGetDatum(cstring_to_text_with_len(t.data, t.len));
}

/* The bounce code of one event: the core's rules, the classifier on its words. */
static int
event_code(const EventFields *ev, const bounce_ruleset *rules)
{
	esp_event_rule rule = esp_event_lookup(ev->provider, ev->event.data, (size_t) ev->event.len);
	esp_type_rule type = esp_type_lookup(ev->provider, ev->provider_type.data, (size_t) ev->provider_type.len);
	int			text_code = ESP_NO_CODE;

	if ((rule.rule == ESP_RULE_FAILED || rule.rule == ESP_RULE_DELAYED) &&
		ev->diagnostic.len > 0 && !(type.known && type.code == ESP_NO_CODE))
	{
		bounce_result result;

		bounce_classify_bytes(ev->diagnostic.data, (size_t) ev->diagnostic.len,
							  ev->recipient.len > 0 ? ev->recipient.data : NULL,
							  (size_t) ev->recipient.len, rules, true, &result);
		if (esp_text_decides(result.code, result.rule))
			text_code = result.code;
	}
	return esp_decide(rule, type, text_code);
}

/* Add one row for the event. */
static void
emit(EventSink *sink, const EventFields *ev)
{
	Datum		values[EV_NCOLUMNS];
	bool		nulls[EV_NCOLUMNS];
	int			code = event_code(ev, sink->rules);

	memset(nulls, 0, sizeof(nulls));
	values[EV_PROVIDER] = sink->provider_names[ev->provider];
	text_column(ev->event, &values[EV_EVENT], &nulls[EV_EVENT]);
	text_column(ev->recipient, &values[EV_RECIPIENT], &nulls[EV_RECIPIENT]);
	values[EV_OCCURRED_AT] = TimestampTzGetDatum(ev->occurred_at);
	nulls[EV_OCCURRED_AT] = !ev->has_time;
	nulls[EV_CODE] = nulls[EV_KIND] = code == ESP_NO_CODE;
	if (code != ESP_NO_CODE)
	{
		values[EV_CODE] = BounceCodeGetDatum((BounceCode) code);
		values[EV_KIND] = ObjectIdGetDatum(sink->labels->oids[bounce_code_info_of((BounceCode) code)->kind]);
	}
	text_column(ev->diagnostic, &values[EV_DIAGNOSTIC], &nulls[EV_DIAGNOSTIC]);
	text_column(ev->provider_type, &values[EV_PROVIDER_TYPE], &nulls[EV_PROVIDER_TYPE]);
	tuplestore_putvalues(sink->store, sink->tupdesc, values, nulls);
}

/* An event with no recipient list gives one row with a NULL recipient; else one per recipient. */
typedef void (*recipient_reader) (JsonbValue *element, EventFields *ev);

/* One row per element of recipients (read by reader), or one row when there are none. */
static void
emit_per_recipient(EventSink *sink, EventFields *ev, JsonbContainer *recipients, recipient_reader reader)
{
	int			n = array_size(recipients);

	if (n == 0)
	{
		emit(sink, ev);
		return;
	}
	for (int i = 0; i < n; i++)
	{
		EventFields one = *ev;

		CHECK_FOR_INTERRUPTS();
		reader(array_element(recipients, i), &one);
		emit(sink, &one);
	}
}

/* A recipient given as a bare address string. */
static void
recipient_string(JsonbValue *element, EventFields *ev)
{
	if (element != NULL && element->type == jbvString)
	{
		ev->recipient.data = element->val.string.val;
		ev->recipient.len = element->val.string.len;
	}
}

/* ---------- Amazon SES ---------- */

/* The key of the object an SES event type's details are under ("DeliveryDelay" -> "deliveryDelay"). */
static const char *
ses_detail_key(EventText event)
{
	static const char *const map[][2] = {
		{"Bounce", "bounce"}, {"Complaint", "complaint"}, {"Delivery", "delivery"},
		{"DeliveryDelay", "deliveryDelay"}, {"Reject", "reject"}, {"Open", "open"},
		{"Click", "click"}, {"Send", "send"}, {"Rendering Failure", "failure"},
		{"Subscription", "subscription"},
	};

	for (int i = 0; i < (int) lengthof(map); i++)
		if (event.len == (int) strlen(map[i][0]) && memcmp(event.data, map[i][0], event.len) == 0)
			return map[i][1];
	return NULL;
}

/* A bounced or delayed recipient: emailAddress, and its own diagnosticCode (else status). */
static void
ses_failed_recipient(JsonbValue *element, EventFields *ev)
{
	JsonbContainer *r = element_object(element);
	EventText	diagnostic = get_string(r, "diagnosticCode");

	ev->recipient = get_string(r, "emailAddress");
	ev->diagnostic = diagnostic.len > 0 ? diagnostic : get_string(r, "status");
}

/* A complained recipient: emailAddress. */
static void
ses_complained_recipient(JsonbValue *element, EventFields *ev)
{
	ev->recipient = get_string(element_object(element), "emailAddress");
}

/* An SES notification or event publishing record. */
static void
ses_events(EventSink *sink, JsonbContainer *obj)
{
	EventFields ev = new_event(ESP_SES);
	EventText	type = get_string(obj, "notificationType");
	const char *detail_key;
	JsonbContainer *detail = NULL;
	JsonbContainer *mail = get_container(obj, "mail", false);

	ev.event = type.len > 0 ? type : get_string(obj, "eventType");
	detail_key = ses_detail_key(ev.event);
	if (detail_key != NULL)
		detail = get_container_len(obj, detail_key, (int) strlen(detail_key), false);
	else
		detail_key = "";
	read_time(detail, "timestamp", &ev);
	read_time(mail, "timestamp", &ev);

	if (strcmp(detail_key, "bounce") == 0)
	{
		ev.provider_type = join_texts(get_string(detail, "bounceType"), "/", get_string(detail, "bounceSubType"));
		emit_per_recipient(sink, &ev, get_container(detail, "bouncedRecipients", true), ses_failed_recipient);
	}
	else if (strcmp(detail_key, "deliveryDelay") == 0)
	{
		ev.provider_type = get_string(detail, "delayType");
		emit_per_recipient(sink, &ev, get_container(detail, "delayedRecipients", true), ses_failed_recipient);
	}
	else if (strcmp(detail_key, "complaint") == 0)
	{
		ev.provider_type = get_string(detail, "complaintFeedbackType");
		emit_per_recipient(sink, &ev, get_container(detail, "complainedRecipients", true), ses_complained_recipient);
	}
	else if (strcmp(detail_key, "delivery") == 0)
	{
		ev.diagnostic = get_string(detail, "smtpResponse");
		emit_per_recipient(sink, &ev, get_container(detail, "recipients", true), recipient_string);
	}
	else
	{
		if (strcmp(detail_key, "reject") == 0)
			ev.diagnostic = get_string(detail, "reason");
		emit_per_recipient(sink, &ev, get_container(mail, "destination", true), recipient_string);
	}
}

/* Does the object look like an SES record (a mail object and an event type)? */
static bool
is_ses(JsonbContainer *obj)
{
	return get_container(obj, "mail", false) != NULL &&
		(get_string(obj, "notificationType").len > 0 || get_string(obj, "eventType").len > 0);
}

/* An SNS envelope: its Message, a JSON string, must hold an SES record. */
static void
sns_events(EventSink *sink, JsonbContainer *obj)
{
	EventText	message = get_string(obj, "Message");
	Jsonb	   *inner;

	/* SubscriptionConfirmation and UnsubscribeConfirmation carry no event. */
	if (!text_is(get_string(obj, "Type"), "Notification"))
		return;
	if (message.len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("SNS notification has no Message string")));
	inner = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(pnstrdup(message.data, message.len))));
	if (!JsonContainerIsObject(&inner->root) || !is_ses(&inner->root))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("SNS notification's Message is not an Amazon SES notification"),
				 errhint(FORMATS_HINT)));
	ses_events(sink, &inner->root);
}

/* ---------- SendGrid, Mailjet, Brevo: flat events ---------- */

/*
 * Where a flat format (one JSON object per event, with "event" and "email")
 * keeps the rest: the remote server's words (and the field to fall back on),
 * the provider's classification, and the time in Unix seconds (and its
 * fallback).  NULL: the format has no such field.
 */
typedef struct FlatFormat
{
	esp_provider provider;
	const char *diagnostic;
	const char *diagnostic_else;
	const char *provider_type;
	const char *time;
	const char *time_else;
} FlatFormat;

/* SendGrid: reason (bounce, dropped), else response (deferred, delivered). */
static const FlatFormat sendgrid_format =
{ESP_SENDGRID, "reason", "response", "bounce_classification", "timestamp", NULL};

/* Mailjet: comment holds the remote server's words, error Mailjet's classification. */
static const FlatFormat mailjet_format = {ESP_MAILJET, "comment", "smtp_reply", "error", "time", NULL};

/* Brevo: no classification; ts_event is Unix seconds (date has no zone). */
static const FlatFormat brevo_format = {ESP_BREVO, "reason", NULL, NULL, "ts_event", "ts"};

/* The string under a key that may be NULL (none). */
static EventText
get_string_opt(JsonbContainer *c, const char *key)
{
	EventText	none = {NULL, 0};

	return key != NULL ? get_string_len(c, key, (int) strlen(key)) : none;
}

/* One event of a flat format, whose event and email the caller read. */
static void
flat_format_event(EventSink *sink, const FlatFormat *format, JsonbContainer *obj, EventText event, EventText email)
{
	EventFields ev = new_event(format->provider);

	ev.event = event;
	ev.recipient = email;
	ev.diagnostic = get_string_opt(obj, format->diagnostic);
	if (ev.diagnostic.len == 0)
		ev.diagnostic = get_string_opt(obj, format->diagnostic_else);
	ev.provider_type = get_string_opt(obj, format->provider_type);
	read_time_len(obj, format->time, (int) strlen(format->time), &ev);
	if (format->time_else != NULL)
		read_time_len(obj, format->time_else, (int) strlen(format->time_else), &ev);
	emit(sink, &ev);
}

/* ---------- Mailgun ---------- */

/* One Mailgun event (a webhook's event-data, or an Events API item). */
static void
mailgun_event(EventSink *sink, JsonbContainer *data)
{
	EventFields ev = new_event(ESP_MAILGUN);
	JsonbContainer *status = get_container(data, "delivery-status", false);
	EventText	message = get_string(status, "message");

	ev.event = get_string(data, "event");
	ev.recipient = get_string(data, "recipient");
	if (message.len == 0)
		message = get_string(status, "description");
	ev.diagnostic = join_texts(get_number_text(status, "code"), " ", message);
	if (get_string(data, "severity").len > 0)
		ev.provider_type = join_texts(get_string(data, "severity"), "/", get_string(data, "reason"));
	read_time(data, "timestamp", &ev);
	emit(sink, &ev);
}

/* ---------- Postmark ---------- */

/* A Postmark webhook record. */
static void
postmark_event(EventSink *sink, JsonbContainer *obj)
{
	EventFields ev = new_event(ESP_POSTMARK);
	EventText	email = get_string(obj, "Email");

	ev.event = get_string(obj, "RecordType");
	ev.recipient = email.len > 0 ? email : get_string(obj, "Recipient");
	ev.diagnostic = get_string(obj, "Details");
	if (text_is(get_string(obj, "RecordType"), "SubscriptionChange"))
	{
		/* Only a suppression is a fact about the address; a reactivation has no code. */
		if (get_true(obj, "SuppressSending"))
			ev.provider_type = get_string(obj, "SuppressionReason");
		ev.diagnostic = cstring_text("");
	}
	else
		ev.provider_type = get_string(obj, "Type");
	read_time(obj, "BouncedAt", &ev);
	read_time(obj, "DeliveredAt", &ev);
	read_time(obj, "ReceivedAt", &ev);
	read_time(obj, "ChangedAt", &ev);
	emit(sink, &ev);
}

/* ---------- SparkPost ---------- */

/* One SparkPost msys wrapper: message_event, track_event or unsubscribe_event. */
static void
sparkpost_event(EventSink *sink, JsonbContainer *msys)
{
	static const char *const wrappers[] = {"message_event", "track_event", "unsubscribe_event",
	"relay_event", "gen_event", "ab_test_event", "ingest_event"};
	JsonbContainer *e = NULL;
	EventFields ev = new_event(ESP_SPARKPOST);
	EventText	raw;

	for (int i = 0; i < (int) lengthof(wrappers) && e == NULL; i++)
		e = get_container_len(msys, wrappers[i], (int) strlen(wrappers[i]), false);
	/* An empty msys is SparkPost's test ping: no event. */
	if (e == NULL)
		return;
	raw = get_string(e, "raw_reason");
	ev.event = get_string(e, "type");
	ev.recipient = get_string(e, "rcpt_to");
	ev.diagnostic = raw.len > 0 ? raw : get_string(e, "reason");
	ev.provider_type = get_number_text(e, "bounce_class");
	read_time(e, "timestamp", &ev);
	emit(sink, &ev);
}

/* ---------- KumoMTA ---------- */

/* A KumoMTA log record: the response's code, enhanced code and content are the words. */
static void
kumomta_event(EventSink *sink, JsonbContainer *obj)
{
	EventFields ev = new_event(ESP_KUMOMTA);
	JsonbContainer *response = get_container(obj, "response", false);
	JsonbContainer *enhanced = get_container(response, "enhanced_code", false);
	EventText	status = {NULL, 0};

	if (enhanced != NULL)
		status = join_texts(join_texts(get_number_text(enhanced, "class"), ".", get_number_text(enhanced, "subject")),
							".", get_number_text(enhanced, "detail"));
	ev.event = get_string(obj, "type");
	ev.diagnostic = join_texts(join_texts(get_number_text(response, "code"), " ", status),
							   " ", get_string(response, "content"));
	ev.provider_type = get_string(obj, "bounce_classification");
	read_time(obj, "timestamp", &ev);
	if (get_container(obj, "recipient", true) != NULL)
		emit_per_recipient(sink, &ev, get_container(obj, "recipient", true), recipient_string);
	else
	{
		ev.recipient = get_string(obj, "recipient");
		emit(sink, &ev);
	}
}

/* ---------- detection ---------- */

/*
 * The events of an object with an "event" string: SendGrid, Mailjet, Brevo, or
 * a bare Mailgun event; false when it is none.  Checked first, with as few
 * key look-ups as possible, because batches of these are the common load.
 */
static bool
flat_event(EventSink *sink, JsonbContainer *obj, EventText event)
{
	EventText	email = get_string(obj, "email");

	if (email.len > 0)
	{
		if (has_key(obj, "sg_event_id") || has_key(obj, "sg_message_id") || has_key(obj, "smtp-id"))
			flat_format_event(sink, &sendgrid_format, obj, event, email);
		else if (has_key(obj, "MessageID") || has_key(obj, "mj_contact_id") || has_key(obj, "time"))
			flat_format_event(sink, &mailjet_format, obj, event, email);
		else if (has_key(obj, "ts_event") || has_key(obj, "message-id") || has_key(obj, "ts"))
			flat_format_event(sink, &brevo_format, obj, event, email);
		else if (has_key(obj, "timestamp"))
			flat_format_event(sink, &sendgrid_format, obj, event, email);
		else
			return false;
		return true;
	}
	if (get_string(obj, "recipient").len > 0 &&
		(has_key(obj, "log-level") || has_key(obj, "delivery-status") || has_key(obj, "envelope")))
	{
		mailgun_event(sink, obj);
		return true;
	}
	return false;
}

/* The events of one JSON object of any known format; false when it is none. */
static bool
object_events(EventSink *sink, JsonbContainer *obj, bool top)
{
	EventText	event = get_string(obj, "event");
	EventText	sns_type;
	JsonbContainer *c;

	if (event.len > 0)
		return flat_event(sink, obj, event);
	if (is_ses(obj))
		ses_events(sink, obj);
	else if ((c = get_container(obj, "msys", false)) != NULL)
		sparkpost_event(sink, c);
	else if ((c = get_container(obj, "event-data", false)) != NULL)
		mailgun_event(sink, c);
	else if (get_string(obj, "RecordType").len > 0)
		postmark_event(sink, obj);
	else if (text_is(sns_type = get_string(obj, "Type"), "Notification") ||
			 text_is(sns_type, "SubscriptionConfirmation") || text_is(sns_type, "UnsubscribeConfirmation"))
	{
		if (!has_key(obj, "TopicArn"))
			return false;
		sns_events(sink, obj);
	}
	else if (top && (c = get_container(obj, "items", true)) != NULL && has_key(obj, "paging"))
	{
		for (int i = 0; i < array_size(c); i++)
		{
			JsonbContainer *item = element_object(array_element(c, i));

			CHECK_FOR_INTERRUPTS();
			if (item == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("Mailgun Events API item %d is not a JSON object", i + 1)));
			mailgun_event(sink, item);
		}
	}
	else if (get_string(obj, "type").len > 0 && has_key(obj, "recipient") && has_key(obj, "queue"))
		kumomta_event(sink, obj);
	else
		return false;
	return true;
}

/* The error for a payload (or batch element) of no known format. */
static void
unknown_format(int element)
{
	if (element > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("element %d of the payload is no event of a known email service provider", element),
				 errhint(FORMATS_HINT)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("payload is no event of a known email service provider"),
			 errhint(FORMATS_HINT)));
}

/*
 * All events of a payload: an object, or an array of objects (the batches of
 * SendGrid, SparkPost and Mailjet).  Each element's memory is freed before
 * the next, so a batch of any size runs in bounded memory besides its rows.
 */
static void
payload_events(EventSink *sink, Jsonb *payload)
{
	JsonbContainer *root = &payload->root;
	MemoryContext tmp,
				old;

	if (JsonContainerIsScalar(root))
		unknown_format(0);
	tmp = AllocSetContextCreate(CurrentMemoryContext, "bounce_events element", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(tmp);
	if (JsonContainerIsObject(root))
	{
		if (!object_events(sink, root, true))
			unknown_format(0);
	}
	else
	{
		int			n = array_size(root);

		for (int i = 0; i < n; i++)
		{
			JsonbContainer *obj;

			CHECK_FOR_INTERRUPTS();
			obj = element_object(array_element(root, i));
			if (obj == NULL || !object_events(sink, obj, false))
				unknown_format(i + 1);
			MemoryContextReset(tmp);
		}
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
}

PG_FUNCTION_INFO_V1(bounce_events_jsonb);
/*
 * bounce_events(payload jsonb [, ruleset text]): one row per recipient event
 * of an ESP webhook payload.  The two-argument form is not STRICT: a NULL rule
 * set means none, a NULL payload gives no rows.
 */
Datum
bounce_events_jsonb(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *payload = PG_ARGISNULL(0) ? NULL : PG_GETARG_JSONB_P(0);
	EventSink	sink;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || (rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("bounce_events() must be called where a set of rows is accepted")));

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	sink.tupdesc = CreateTupleDescCopy(bounce_result_tupdesc(fcinfo, EV_NCOLUMNS, "bounce_events()"));
	sink.store = tuplestore_begin_heap(true, false, work_mem);
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = bounce_kind_labels(TupleDescAttr(sink.tupdesc, EV_KIND)->atttypid,
													  fcinfo->flinfo->fn_mcxt);
	sink.labels = (BounceKindLabels *) fcinfo->flinfo->fn_extra;
	MemoryContextSwitchTo(old);
	for (int p = 0; p < ESP_PROVIDER_COUNT; p++)
		sink.provider_names[p] = PointerGetDatum(cstring_to_text(esp_provider_name((esp_provider) p)));

	if (payload != NULL)
	{
		sink.rules = bounce_rule_set_arg(fcinfo, 1);
		payload_events(&sink, payload);
	}

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = sink.store;
	rsinfo->setDesc = sink.tupdesc;
	return (Datum) 0;
}
