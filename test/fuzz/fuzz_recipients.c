/*
 * fuzz_recipients.c — libFuzzer target: the recipient reader and
 * bounce_classify_recipients on arbitrary bytes.  Properties: at least one
 * row, exactly one primary row, which is classify_bounce's code and
 * bounce_recipient's address; every code one of the 25; every string clean,
 * bounded UTF-8; deterministic.  Slow inputs are caught by libFuzzer's -timeout.
 */
#include "fuzz.h"

#include "core/classify_recipients.h"

/* What the rows of one call add up to. */
typedef struct row_summary
{
	long		rows;
	long		primaries;
	int			primary_code;
	char		primary_recipient[BOUNCE_ADDRESS_MAX + 1];
	unsigned long checksum;		/* of every row's code and strings, for determinism */
} row_summary;

/* realloc for the core's block. */
static void *
fuzz_grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

/* Fold a string (or its absence) into the checksum, checking it is clean UTF-8. */
static void
sum_string(row_summary *s, const char *v, size_t max)
{
	if (v == NULL)
	{
		s->checksum = s->checksum * 31 + 7;
		return;
	}
	PROPERTY(fuzz_clean_utf8(v));
	PROPERTY(strlen(v) <= max);
	PROPERTY(v[0] != '\0');		/* absent facts are NULL, never "" */
	for (; *v; v++)
		s->checksum = s->checksum * 31 + (unsigned char) *v;
}

/* Check one row and fold it into the summary. */
static void
take_row(void *arg, const bounce_recipient_row *row)
{
	row_summary *s = arg;

	PROPERTY(bounce_code_index(row->code) >= 0);
	PROPERTY(row->rule != NULL);
	sum_string(s, row->recipient, BOUNCE_ADDRESS_MAX);
	sum_string(s, row->final_recipient, BOUNCE_ADDRESS_MAX);
	sum_string(s, row->action, 15);
	sum_string(s, row->status, BOUNCE_STATUS_MAX);
	sum_string(s, row->remote_mta, 255);
	sum_string(s, row->smtp_command, 15);
	sum_string(s, row->diagnostic, 500);
	s->checksum = s->checksum * 31 + (unsigned long) row->code + (unsigned long) row->smtp_reply;
	if (row->primary)
	{
		s->primaries++;
		s->primary_code = row->code;
		strcpy(s->primary_recipient, row->recipient != NULL ? row->recipient : "");
	}
	s->rows++;
}

/* Every recipient of the input, checked. */
static row_summary
read_recipients(const char *text, size_t len)
{
	row_summary s;
	bounce_recipients_io io;
	long		n;

	memset(&s, 0, sizeof(s));
	io.grow = fuzz_grow;
	io.grow_arg = NULL;
	io.row = take_row;
	io.row_arg = &s;
	io.block = NULL;
	n = bounce_classify_recipients(text, len, NULL, &io);
	free(io.block);
	PROPERTY(n == s.rows);
	return s;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *) data;
	row_summary a,
				b;
	bounce_result r;

	fuzz_init();
	a = read_recipients(text, size);
	PROPERTY(a.rows >= 1);
	PROPERTY(a.primaries == 1);
	r = fuzz_classify_checked(text, size);
	PROPERTY(a.primary_code == r.code);	/* the three agree */
	PROPERTY(strcmp(a.primary_recipient, r.recipient) == 0);
	b = read_recipients(text, size);	/* the same input, the same rows */
	PROPERTY(a.rows == b.rows && a.checksum == b.checksum);
	return 0;
}
