/*
 * classify_recipients.c — every recipient of a bounce with its own code (see
 * classify_recipients.h).
 *
 * The recipients' facts are kept, packed, in one growing block while the
 * message is scanned; once the message is decided, each is read back, its own
 * lines scanned (bounded: RECIPIENT_OWN_MAX) and decided.  Linear time in the
 * message and in the recipients; no rescan of the message per recipient.
 */
#include "classify_recipients.h"

#include <string.h>

#include "bounce_codes.h"
#include "decide.h"
#include "pipeline.h"
#include "recipients.h"
#include "scanner.h"

/* How many recipients are decided between two calls of the interrupt hook. */
#define ROWS_PER_INTERRUPT 4096

/* The strings a stored recipient keeps, in their order in its record. */
enum
{
	STORED_RECIPIENT,
	STORED_FINAL_RECIPIENT,
	STORED_ACTION,
	STORED_STATUS,
	STORED_REMOTE_MTA,
	STORED_SMTP_COMMAND,
	STORED_DIAGNOSTIC,
	STORED_OWN,
	STORED_COUNT
};

/* A stored recipient: this header, then its strings, each NUL-terminated. */
typedef struct stored_row
{
	size_t		size;			/* bytes of the record, header and strings, aligned */
	size_t		repeat;			/* offset + 1 of a later group naming the same address, 0: none */
	int			is_repeat;		/* an earlier group named this address: its facts join that one's */
	recipient_source source;
	int			smtp_reply;
	unsigned short len[STORED_COUNT];
} stored_row;

/* The growing block of stored recipients. */
typedef struct row_store
{
	bounce_recipients_io *io;
	char	   *block;
	size_t		used;
	size_t		room;
	long		rows;
	int			out_of_memory;
} row_store;

/* Records are aligned for the header that starts each one. */
#define ROW_ALIGN(n) (((n) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))

/* The i-th string of a stored recipient. */
static const char *
stored_string(const stored_row *s, int i)
{
	const char *p = (const char *) (s + 1);
	int			k;

	for (k = 0; k < i; k++)
		p += s->len[k] + 1;
	return p;
}

/* Grow the block to at least size bytes (doubling); 0 when memory ran out. */
static int
make_room(row_store *st, size_t size)
{
	size_t		room = st->room > 0 ? st->room : 4096;
	char	   *grown;

	if (size <= st->room)
		return 1;
	while (room < size)
		room *= 2;
	grown = st->io->grow(st->block, room, st->io->grow_arg);
	if (grown == NULL)
	{
		st->out_of_memory = 1;
		return 0;
	}
	st->block = grown;
	st->io->block = grown;
	st->room = room;
	return 1;
}

/* The recipient sink: pack a finished group into the block. */
static void
store_take(void *arg, const recipient_facts *f)
{
	row_store  *st = arg;
	const char *str[STORED_COUNT];
	size_t		len[STORED_COUNT];
	size_t		need = sizeof(stored_row);
	stored_row *s;
	char	   *p;
	int			i;

	if (st->out_of_memory)
		return;
	str[STORED_RECIPIENT] = f->recipient;
	str[STORED_FINAL_RECIPIENT] = f->final_recipient;
	str[STORED_ACTION] = f->action;
	str[STORED_STATUS] = f->status;
	str[STORED_REMOTE_MTA] = f->remote_mta;
	str[STORED_SMTP_COMMAND] = f->smtp_command;
	str[STORED_DIAGNOSTIC] = f->diagnostic;
	str[STORED_OWN] = f->own;
	for (i = 0; i < STORED_COUNT; i++)
	{
		len[i] = i == STORED_OWN ? f->own_len : strlen(str[i]);
		need += len[i] + 1;
	}
	need = ROW_ALIGN(need);
	if (!make_room(st, st->used + need))
		return;
	s = (stored_row *) (st->block + st->used);
	s->size = need;
	s->repeat = 0;
	s->is_repeat = 0;
	s->source = f->source;
	s->smtp_reply = f->smtp_reply;
	p = (char *) (s + 1);
	for (i = 0; i < STORED_COUNT; i++)
	{
		s->len[i] = (unsigned short) len[i];
		memcpy(p, str[i], len[i]);
		p[len[i]] = '\0';
		p += len[i] + 1;
	}
	st->used += need;
	st->rows++;
}

/* FNV-1a hash of a NUL-terminated string. */
static size_t
hash_string(const char *s)
{
	size_t		h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char) *s) * 16777619u;
	return h;
}

/*
 * Link each plain-text recipient to the next group naming the same address:
 * Microsoft's and Exchange's NDRs name every recipient twice, for the user
 * and "for administrators" with the server's reply.  A hash table of offsets,
 * after the records in the block: linear time.  0 when memory ran out.
 */
static int
link_repeats(row_store *st, recipient_source source)
{
	size_t		slots = 16,
				records = st->used,
				pos;
	size_t	   *table;

	while (slots < 2 * (size_t) st->rows)
		slots *= 2;
	if (!make_room(st, records + slots * sizeof(size_t)))
		return 0;
	table = (size_t *) (st->block + records);
	memset(table, 0, slots * sizeof(size_t));
	for (pos = 0; pos < records; pos += ((stored_row *) (st->block + pos))->size)
	{
		stored_row *s = (stored_row *) (st->block + pos);
		const char *addr = stored_string(s, STORED_FINAL_RECIPIENT);
		size_t		i;

		if (s->source != source)
			continue;
		for (i = hash_string(addr) & (slots - 1); table[i] != 0; i = (i + 1) & (slots - 1))
		{
			stored_row *first = (stored_row *) (st->block + table[i] - 1);

			if (strcmp(stored_string(first, STORED_FINAL_RECIPIENT), addr) == 0)
			{
				if (first->repeat == 0)
					first->repeat = pos + 1;
				s->is_repeat = 1;
				break;
			}
		}
		if (table[i] == 0)
			table[i] = pos + 1;
	}
	st->used = records;			/* the table is scratch space */
	return 1;
}

/* The string, or NULL when it is empty. */
static const char *
or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* Does a stored recipient report this action? */
static int
has_action(const stored_row *s, const char *action)
{
	return strcmp(stored_string(s, STORED_ACTION), action) == 0;
}

/*
 * The recipient classify_bounce and bounce_recipient report among those of
 * source: the first failed, else the first delayed, else the first.
 */
static const stored_row *
primary_row(const row_store *st, recipient_source source)
{
	const stored_row *first = NULL,
			   *delayed = NULL;
	size_t		pos;

	for (pos = 0; pos < st->used; pos += ((const stored_row *) (st->block + pos))->size)
	{
		const stored_row *s = (const stored_row *) (st->block + pos);

		if (s->source != source || s->is_repeat)
			continue;
		if (has_action(s, "failed"))
			return s;
		if (delayed == NULL && has_action(s, "delayed"))
			delayed = s;
		if (first == NULL)
			first = s;
	}
	return delayed != NULL ? delayed : first;
}

/*
 * Join a recipient's own evidence with the message's shared evidence: its
 * own reply, status and explanation first; the message's prose where it has
 * none of its own, the message's Subject and what the message is (a DSN,
 * from a mailer daemon, an auto-reply, ...).
 */
static void
join_shared(scan_state *own, const scan_state *msg, recipient_source source)
{
	if (own->cue[LEVEL_PROSE].score == 0)
		own->cue[LEVEL_PROSE] = msg->cue[LEVEL_PROSE];
	own->cue[LEVEL_SUBJECT] = msg->cue[LEVEL_SUBJECT];
	own->dsn |= msg->dsn;
	own->mdn = msg->mdn;
	own->null_sender = msg->null_sender;
	own->auto_replied = msg->auto_replied;
	own->left_company = msg->left_company;
	own->not_forwarded = msg->not_forwarded;
	own->from_mailer = msg->from_mailer;
	own->forwarded = msg->forwarded;
	own->queue_expired |= msg->queue_expired;	/* the MTA gave up on the message, every recipient with it */
	/* A plain-text recipient has no Action of its own: the message's stands. */
	if (source == RECIPIENT_FROM_TEXT ||
		!(own->action_failed || own->action_delayed || own->action_delivered))
	{
		own->action_failed = msg->action_failed;
		own->action_delayed = msg->action_delayed;
		own->action_delivered = msg->action_delivered;
		if (own->structure.score == 0)
			own->structure = msg->structure;
	}
}

/* Decide one recipient from its own lines and the message's shared evidence. */
static void
decide_row(const scan_state *msg, int is_message, const stored_row *s, const stored_row *repeat,
		   const bounce_options *options, bounce_recipient_row *row)
{
	scan_state	own;
	decision	d;
	bounce_options ropt;
	const char *addr = stored_string(s, STORED_RECIPIENT);

	/* The row's own address decides 29 against 59, not the caller's. */
	memset(&ropt, 0, sizeof(ropt));
	if (options != NULL)
	{
		ropt.rules = options->rules;
	}
	ropt.code_only = 1;
	scan_begin(&own, bounce_classifier_automaton(), &ropt);
	scan_lines(&own, stored_string(s, STORED_OWN), s->len[STORED_OWN], ZONE_TEXT);
	if (repeat != NULL)
		scan_lines(&own, stored_string(repeat, STORED_OWN), repeat->len[STORED_OWN], ZONE_TEXT);
	join_shared(&own, msg, s->source);
	bounce_decide(&own, is_message, addr, strlen(addr), &d);
	row->code = d.code;
	row->rule = d.rule;
}

/* A fact of a recipient: its own, else what a later group naming it says. */
static const char *
fact(const stored_row *s, const stored_row *repeat, int i)
{
	const char *v = stored_string(s, i);

	if (v[0] == '\0' && repeat != NULL)
		v = stored_string(repeat, i);
	return or_null(v);
}

/* Hand the stored recipients of source to the caller, each decided. */
static long
emit_stored(const row_store *st, recipient_source source, const scan_state *msg, int is_message,
			const bounce_result *r, const bounce_options *options, bounce_recipients_io *io)
{
	const stored_row *primary = primary_row(st, source);
	size_t		pos;
	long		n = 0;

	for (pos = 0; pos < st->used; pos += ((const stored_row *) (st->block + pos))->size)
	{
		const stored_row *s = (const stored_row *) (st->block + pos);
		const stored_row *repeat = NULL;
		bounce_recipient_row row;

		if (s->source != source || s->is_repeat)
			continue;
		if (s->repeat != 0)
			repeat = (const stored_row *) (st->block + s->repeat - 1);
		memset(&row, 0, sizeof(row));
		row.recipient = fact(s, repeat, STORED_RECIPIENT);
		row.final_recipient = fact(s, repeat, STORED_FINAL_RECIPIENT);
		row.action = fact(s, repeat, STORED_ACTION);
		/* A plain-text bounce that is a delay notice delays every recipient it names. */
		if (source == RECIPIENT_FROM_TEXT && r->code == 70)
			row.action = "delayed";
		row.status = fact(s, repeat, STORED_STATUS);
		row.smtp_reply = s->smtp_reply != 0 || repeat == NULL ? s->smtp_reply : repeat->smtp_reply;
		row.remote_mta = fact(s, repeat, STORED_REMOTE_MTA);
		row.smtp_command = fact(s, repeat, STORED_SMTP_COMMAND);
		row.diagnostic = fact(s, repeat, STORED_DIAGNOSTIC);
		if (s == primary)
		{
			/* The message's decision: classify_bounce's, by construction. */
			row.code = r->code;
			row.rule = r->rule;
			row.primary = 1;
		}
		else
			decide_row(msg, is_message, s, repeat, options, &row);
		io->row(io->row_arg, &row);
		if (++n % ROWS_PER_INTERRUPT == 0 && options != NULL && options->interrupt != NULL)
			options->interrupt(options->interrupt_arg);
	}
	return n;
}

long
bounce_classify_recipients(const char *text, size_t len, const bounce_options *options,
						   bounce_recipients_io *io)
{
	scan_state	msg;
	recipient_reader rr;
	bounce_result r;
	bounce_options mopt;
	row_store	st;
	recipient_sink sink = {store_take, &st};
	bounce_recipient_row row;
	char		single[BOUNCE_ADDRESS_MAX + 1];
	int			is_message;

	memset(&st, 0, sizeof(st));
	st.io = io;
	io->block = NULL;
	memset(&mopt, 0, sizeof(mopt));
	if (options != NULL)
		mopt = *options;
	mopt.code_only = 0;
	recipients_begin(&rr, sink);
	is_message = bounce_classify_scan(&msg, text, len, &mopt, &rr, &r);
	if (st.out_of_memory)
		return -1;

	memset(&row, 0, sizeof(row));
	single[0] = '\0';
	switch (recipient_choose(&rr, msg.arf, msg.dsn, r.code, r.rule))
	{
		case CHOOSE_DSN:
			return emit_stored(&st, RECIPIENT_FROM_DSN, &msg, is_message, &r, &mopt, io);
		case CHOOSE_TEXT:
			if (!link_repeats(&st, RECIPIENT_FROM_TEXT))
				return -1;
			return emit_stored(&st, RECIPIENT_FROM_TEXT, &msg, is_message, &r, &mopt, io);
		case CHOOSE_COMPLAINANT:
			memcpy(single, rr.complainant, sizeof(single));
			break;
		case CHOOSE_REPLIER:
			memcpy(single, rr.replier, sizeof(single));
			break;
		case CHOOSE_FOUND:
			recipient_found(single, msg.recipient);
			row.status = or_null(r.status);
			row.smtp_reply = r.smtp_reply;
			break;
	}
	/* One row: the message's own decision, with the one recipient it names (or none). */
	row.recipient = or_null(single);
	row.code = r.code;
	row.rule = r.rule;
	row.primary = 1;
	io->row(io->row_arg, &row);
	return 1;
}
