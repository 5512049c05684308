/*
 * history.c — the address-invalidity rule over a bounce history as an
 * order-independent, mergeable state (see history.h for the rule).
 *
 * Why the state looks like this: a reset discards every event before it, and
 * a later reset may arrive at any moment — later in an unordered input, or in
 * another worker's partial state.  A state that kept only a count and the first
 * and last time of its soft bounces could not say how many of them survive a
 * reset it has not seen yet.  So the state keeps the latest reset and every
 * distinct (time, code) pair of a hard or soft bounce at or after it, as
 * entries ordered by (time, code); a later reset prunes them.  That is exact
 * and nothing more: a history that repeats an instant or a pair costs nothing,
 * and everything before the latest reset is only counted (for remove).
 *
 * The entries are kept lazily: rows arriving in time order are appended in
 * order and keep a running summary (the common case, O(1) per row); rows out
 * of order are appended as they come and sorted, merged and pruned in one pass
 * ("tidy") when the block is full or an answer is wanted.
 */
#include "history.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "big_endian.h"
#include "bounce_codes.h"

/* One distinct (time, code) pair of a hard or soft bounce. */
typedef struct history_entry
{
	int64_t		at;
	uint32_t	rows;			/* input rows with this pair; 0: removed again */
	uint16_t	code;
	uint16_t	unused;
} history_entry;

/*
 * The header is 64 bytes, so that a new state's 128-byte block holds four
 * pairs: most groups never grow, and their state stays next to the hash
 * table entry it was allocated after.  Row counts are 32-bit and stop at
 * UINT32_MAX; they only serve remove (and "any rows at all"), which a
 * saturated count turns off.
 */
struct bounce_history
{
	int32_t		soft_limit;		/* the rule */
	uint8_t		tidy;			/* strictly ordered, none before reset_at, summary exact */
	uint8_t		saturated;		/* a row count stopped at UINT32_MAX: remove is off */
	uint8_t		cap_shift;		/* the block is HISTORY_MIN_BYTES << cap_shift bytes */
	uint8_t		unused;
	int64_t		min_span;		/* the rule */
	int64_t		reset_at;		/* the latest reset; 0 when there is none */
	uint32_t	rows;			/* non-NULL rows added and not removed */
	uint32_t	reset_rows;		/* reset rows at reset_at; 0: no reset */
	uint32_t	dropped;		/* hard, soft and reset rows before reset_at, no longer kept */
	uint32_t	n;				/* entries in use */
	uint32_t	hard_pairs;		/* summary of the counted entries, exact when tidy */
	uint32_t	soft_pairs;
	int64_t		first_soft;
	int64_t		last_soft;
	history_entry entries[];
};

#define HISTORY_HEADER offsetof(bounce_history, entries)
/* Blocks are powers of two from 128 bytes: PostgreSQL's allocator rounds to them anyway. */
#define HISTORY_MIN_BYTES 128
#define HISTORY_MAX_SHIFT 40
#define HISTORY_MAX_ENTRIES UINT32_MAX

/* The header must stay 64 bytes, or the build fails. */
typedef char history_header_is_64_bytes[(HISTORY_HEADER == 64) ? 1 : -1];

/* Key bounds for "every pair at one instant", below and above every code. */
#define CODE_BELOW_ALL (-1)
#define CODE_ABOVE_ALL (BOUNCE_CODE_MAX + 1)

/* The resets of the rule: non-bounce, auto-reply, challenge-response. */
#define IS_RESET_CODE(c) ((c) == BOUNCE_0 || (c) == BOUNCE_60 || (c) == BOUNCE_100)

/* Every code's role, derived from the code table's kinds and the reset codes. */
static const unsigned char code_roles[BOUNCE_CODE_MAX + 1] = {
#define HISTORY_ROLE(code, name, kind, en, sv, example) \
	[code] = IS_RESET_CODE(code) ? BOUNCE_ROLE_RESET : \
		(BOUNCE_KIND_##kind == BOUNCE_KIND_HARD ? BOUNCE_ROLE_HARD : \
		 (BOUNCE_KIND_##kind == BOUNCE_KIND_SOFT ? BOUNCE_ROLE_SOFT : BOUNCE_ROLE_NEUTRAL)),
	BOUNCE_CODE_TABLE(HISTORY_ROLE)
#undef HISTORY_ROLE
};

/* The role of a code number; numbers outside the table are neutral. */
bounce_history_role
bounce_history_role_of(int code)
{
	if (code < 0 || code > BOUNCE_CODE_MAX)
		return BOUNCE_ROLE_NEUTRAL;
	return (bounce_history_role) code_roles[code];
}

/* soft_limit at least 1, min_span not negative. */
int
bounce_history_params_valid(const bounce_history_params *params)
{
	return params->soft_limit >= 1 && params->min_span >= 0;
}

/* Nonzero when two states have the same rule. */
static int
same_rule(const bounce_history *a, const bounce_history *b)
{
	return a->soft_limit == b->soft_limit && a->min_span == b->min_span;
}

/* a + b, stopping at UINT32_MAX (which turns remove off). */
static uint32_t
add_count(bounce_history *h, uint32_t a, uint64_t b)
{
	if (b > (uint64_t) (UINT32_MAX - a))
	{
		h->saturated = 1;
		return UINT32_MAX;
	}
	return a + (uint32_t) b;
}

/* Entries a block of 128 << shift bytes has room for. */
static uint32_t
capacity(unsigned shift)
{
	uint64_t	cap = (((uint64_t) HISTORY_MIN_BYTES << shift) - HISTORY_HEADER) / sizeof(history_entry);

	return cap > HISTORY_MAX_ENTRIES ? HISTORY_MAX_ENTRIES : (uint32_t) cap;
}

/* Order of the pair (at, code) against an entry: by time, then by code. */
static inline int
key_cmp(int64_t at, int code, const history_entry *e)
{
	if (at != e->at)
		return at < e->at ? -1 : 1;
	if (code != e->code)
		return code < e->code ? -1 : 1;
	return 0;
}

/* qsort's comparison of two entries. */
static int
entry_cmp(const void *a, const void *b)
{
	const history_entry *x = a;

	return key_cmp(x->at, x->code, (const history_entry *) b);
}


/* The summary of no entries. */
static void
summary_clear(bounce_history *h)
{
	h->hard_pairs = 0;
	h->soft_pairs = 0;
	h->first_soft = 0;
	h->last_soft = 0;
}

/* Count a counted pair that orders after every other counted pair. */
static void
summary_append(bounce_history *h, const history_entry *e)
{
	if (bounce_history_role_of(e->code) == BOUNCE_ROLE_HARD)
		h->hard_pairs++;
	else
	{
		if (h->soft_pairs++ == 0)
			h->first_soft = e->at;
		h->last_soft = e->at;
	}
}

/* First index whose pair is at or after (at, code), in a tidy state. */
static uint32_t
lower_bound(const bounce_history *h, int64_t at, int code)
{
	uint32_t	lo = 0,
				hi = h->n;

	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (key_cmp(at, code, &h->entries[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Time of the first counted soft pair from index i on (one must exist). */
static int64_t
next_soft_at(const bounce_history *h, uint32_t i)
{
	for (; i < h->n; i++)
		if (h->entries[i].rows > 0 && bounce_history_role_of(h->entries[i].code) == BOUNCE_ROLE_SOFT)
			return h->entries[i].at;
	return 0;
}

/* Time of the last counted soft pair before index end (one must exist). */
static int64_t
prev_soft_at(const bounce_history *h, uint32_t end)
{
	while (end-- > 0)
		if (h->entries[end].rows > 0 && bounce_history_role_of(h->entries[end].code) == BOUNCE_ROLE_SOFT)
			return h->entries[end].at;
	return 0;
}

/* Uncount the pair at index i, whose rows just reached 0, from a tidy summary. */
static void
summary_remove(bounce_history *h, uint32_t i)
{
	int64_t		at = h->entries[i].at;

	if (bounce_history_role_of(h->entries[i].code) == BOUNCE_ROLE_HARD)
	{
		h->hard_pairs--;
		return;
	}
	if (--h->soft_pairs == 0)
	{
		h->first_soft = h->last_soft = 0;
		return;
	}
	/* Another code may remain at the same instant: search from the instant's bounds. */
	if (at == h->first_soft)
		h->first_soft = next_soft_at(h, lower_bound(h, at, CODE_BELOW_ALL));
	if (at == h->last_soft)
		h->last_soft = prev_soft_at(h, lower_bound(h, at, CODE_ABOVE_ALL));
}

/* Nonzero when the entries are in (time, code) order, repeats allowed. */
static int
entries_ordered(const bounce_history *h)
{
	uint32_t	i;

	for (i = 1; i < h->n; i++)
		if (key_cmp(h->entries[i].at, h->entries[i].code, &h->entries[i - 1]) < 0)
			return 0;
	return 1;
}

/* Sort the entries by (time, code): insertion sort for the usual handful. */
static void
sort_entries(bounce_history *h)
{
	uint32_t	i,
				j;

	if (h->n > 16)
	{
		qsort(h->entries, h->n, sizeof(history_entry), entry_cmp);
		return;
	}
	for (i = 1; i < h->n; i++)
	{
		history_entry e = h->entries[i];

		for (j = i; j > 0 && key_cmp(e.at, e.code, &h->entries[j - 1]) < 0; j--)
			h->entries[j] = h->entries[j - 1];
		h->entries[j] = e;
	}
}

/*
 * Bring the state to its tidy form without changing what it means: sort,
 * merge repeated pairs, drop removed pairs and pairs before the latest reset
 * (counting their rows as dropped), and recount the summary.  O(n) when the
 * entries are already in order.
 */
static void
tidy(bounce_history *h)
{
	uint32_t	r,
				w = 0;

	if (!h->tidy && !entries_ordered(h))
		sort_entries(h);
	summary_clear(h);
	for (r = 0; r < h->n; r++)
	{
		history_entry e = h->entries[r];

		if (e.rows == 0)
			continue;
		if (h->reset_rows > 0 && e.at < h->reset_at)
		{
			h->dropped = add_count(h, h->dropped, e.rows);
			continue;
		}
		if (w > 0 && key_cmp(e.at, e.code, &h->entries[w - 1]) == 0)
		{
			h->entries[w - 1].rows = add_count(h, h->entries[w - 1].rows, e.rows);
			continue;
		}
		h->entries[w++] = e;
		summary_append(h, &h->entries[w - 1]);
	}
	h->n = w;
	h->tidy = 1;
}

/* The smallest block shift with room for need entries, or -1 when there is none. */
static int
shift_for(uint64_t need)
{
	unsigned	shift;

	for (shift = 0; shift <= HISTORY_MAX_SHIFT; shift++)
		if (capacity(shift) >= need)
			return (int) shift;
	return -1;
}

/* Grow the block to room for at least need entries (doubling at least). */
static bounce_history_status
reserve(bounce_history **hp, uint64_t need, const bounce_history_allocator *allocator)
{
	bounce_history *h = *hp;
	int			shift;

	if (need <= capacity(h->cap_shift))
		return BOUNCE_HISTORY_OK;
	shift = need > HISTORY_MAX_ENTRIES ? -1 : shift_for(need);
	if (shift < 0 || ((uint64_t) HISTORY_MIN_BYTES << shift) > SIZE_MAX)
		return BOUNCE_HISTORY_TOO_LARGE;
	h = allocator->resize(h, (size_t) HISTORY_MIN_BYTES << shift, allocator->arg);
	if (h == NULL)
		return BOUNCE_HISTORY_NO_MEMORY;
	h->cap_shift = (uint8_t) shift;
	*hp = h;
	return BOUNCE_HISTORY_OK;
}

/* A new state in a block of 128 << shift bytes; NULL when out of memory. */
static bounce_history *
new_state(const bounce_history_params *params, unsigned shift, const bounce_history_allocator *allocator)
{
	bounce_history *h = allocator->alloc((size_t) HISTORY_MIN_BYTES << shift, allocator->arg);

	if (h == NULL)
		return NULL;
	memset(h, 0, HISTORY_HEADER);
	h->soft_limit = params->soft_limit;
	h->min_span = params->min_span;
	h->cap_shift = (uint8_t) shift;
	h->tidy = 1;
	return h;
}

/* A new state in one 128-byte block, with room for four pairs. */
bounce_history *
bounce_history_create(const bounce_history_params *params, const bounce_history_allocator *allocator)
{
	return new_state(params, 0, allocator);
}

/* The rule the state was created for. */
bounce_history_params
bounce_history_get_params(const bounce_history *h)
{
	bounce_history_params params;

	params.soft_limit = h->soft_limit;
	params.min_span = h->min_span;
	return params;
}

/* A reset at at has become the latest: kept pairs before it stop counting. */
static void
drop_before(bounce_history *h, int64_t at)
{
	/* An untidy state drops them when it is tidied. */
	if (!h->tidy || h->n == 0)
		return;
	if (h->entries[h->n - 1].at < at)
	{
		uint32_t	i;

		/* The usual case in time order: the reset clears everything. */
		for (i = 0; i < h->n; i++)
			h->dropped = add_count(h, h->dropped, h->entries[i].rows);
		h->n = 0;
		summary_clear(h);
	}
	else if (h->entries[0].at < at)
		h->tidy = 0;
}

/* Count k reset rows at at. */
static void
note_reset(bounce_history *h, int64_t at, uint32_t k)
{
	if (h->reset_rows > 0 && at < h->reset_at)
		h->dropped = add_count(h, h->dropped, k);
	else if (h->reset_rows > 0 && at == h->reset_at)
		h->reset_rows = add_count(h, h->reset_rows, k);
	else
	{
		/* A later reset: the one before it is history too. */
		h->dropped = add_count(h, h->dropped, h->reset_rows);
		h->reset_at = at;
		h->reset_rows = k;
		drop_before(h, at);
	}
}

/* Keep one row of the hard or soft pair (at, code), at or after the latest reset. */
static bounce_history_status
keep(bounce_history **hp, int code, int64_t at, const bounce_history_allocator *allocator)
{
	bounce_history *h = *hp;
	history_entry *e;

	for (;;)
	{
		/* In time order a repeat of the last pair only adds a row. */
		if (h->tidy && h->n > 0)
		{
			e = &h->entries[h->n - 1];
			if (key_cmp(at, code, e) == 0)
			{
				if (e->rows == 0)
					summary_append(h, e);	/* removed, now back: still the last */
				e->rows = add_count(h, e->rows, 1);
				return BOUNCE_HISTORY_OK;
			}
		}
		if (h->n < capacity(h->cap_shift))
			break;
		/* Full: tidying may free room; grow only when it frees less than half. */
		tidy(h);
		if (h->n > capacity(h->cap_shift) / 2)
		{
			bounce_history_status status = reserve(hp, (uint64_t) capacity(h->cap_shift) + 1, allocator);

			if (status != BOUNCE_HISTORY_OK)
				return status;
			h = *hp;
		}
	}

	e = &h->entries[h->n++];
	e->at = at;
	e->code = (uint16_t) code;
	e->rows = 1;
	e->unused = 0;
	if (h->n == 1)
	{
		h->tidy = 1;
		summary_clear(h);
		summary_append(h, e);
	}
	else if (h->tidy)
	{
		if (key_cmp(at, code, &h->entries[h->n - 2]) > 0)
			summary_append(h, e);
		else
			h->tidy = 0;
	}
	return BOUNCE_HISTORY_OK;
}

/* Add one event: count it, note a reset, or keep a hard or soft pair. */
bounce_history_status
bounce_history_add(bounce_history **hp, int code, int64_t at, const bounce_history_allocator *allocator)
{
	bounce_history *h = *hp;

	switch (bounce_history_role_of(code))
	{
		case BOUNCE_ROLE_NEUTRAL:
			break;
		case BOUNCE_ROLE_RESET:
			note_reset(h, at, 1);
			break;
		case BOUNCE_ROLE_HARD:
		case BOUNCE_ROLE_SOFT:
			if (h->reset_rows > 0 && at < h->reset_at)
				h->dropped = add_count(h, h->dropped, 1);
			else
			{
				bounce_history_status status = keep(hp, code, at, allocator);

				if (status != BOUNCE_HISTORY_OK)
					return status;
				h = *hp;
			}
			break;
	}
	h->rows = add_count(h, h->rows, 1);
	return BOUNCE_HISTORY_OK;
}

/* Take one row of the kept pair (at, code) out of a tidy state. */
static bounce_history_status
forget(bounce_history *h, int code, int64_t at)
{
	uint32_t	i = lower_bound(h, at, code);
	history_entry *e;

	if (i == h->n || key_cmp(at, code, &h->entries[i]) != 0 || h->entries[i].rows == 0)
		return BOUNCE_HISTORY_CANNOT_UNDO;	/* never added: not our row */
	e = &h->entries[i];
	e->rows--;
	/* The pair stays (as a removed entry) until the next tidy. */
	if (e->rows == 0)
		summary_remove(h, i);
	return BOUNCE_HISTORY_OK;
}

/* Take one event out again; CANNOT_UNDO leaves the state's meaning unchanged. */
bounce_history_status
bounce_history_remove(bounce_history *h, int code, int64_t at)
{
	if (h->saturated || h->rows == 0)
		return BOUNCE_HISTORY_CANNOT_UNDO;
	if (!h->tidy)
		tidy(h);

	switch (bounce_history_role_of(code))
	{
		case BOUNCE_ROLE_NEUTRAL:
			break;
		case BOUNCE_ROLE_RESET:
			if (h->reset_rows == 0 || at > h->reset_at)
				return BOUNCE_HISTORY_CANNOT_UNDO;	/* never added */
			if (at < h->reset_at)
			{
				if (h->dropped == 0)
					return BOUNCE_HISTORY_CANNOT_UNDO;
				h->dropped--;
			}
			else if (h->reset_rows > 1)
				h->reset_rows--;
			else if (h->dropped == 0)
			{
				/*
				 * The latest reset goes, and nothing before it remains: the kept
				 * pairs are the whole history.
				 */
				h->reset_rows = 0;
				h->reset_at = 0;
			}
			else
				return BOUNCE_HISTORY_CANNOT_UNDO;	/* what it dropped is gone */
			break;
		case BOUNCE_ROLE_HARD:
		case BOUNCE_ROLE_SOFT:
			if (h->reset_rows > 0 && at < h->reset_at)
			{
				if (h->dropped == 0)
					return BOUNCE_HISTORY_CANNOT_UNDO;
				h->dropped--;
			}
			else
			{
				bounce_history_status status = forget(h, code, at);

				if (status != BOUNCE_HISTORY_OK)
					return status;
			}
			break;
	}
	h->rows--;
	return BOUNCE_HISTORY_OK;
}

/* Merge src into *dstp: the later reset wins, the pairs are merged and pruned. */
bounce_history_status
bounce_history_combine(bounce_history **dstp, const bounce_history *src,
					   const bounce_history_allocator *allocator)
{
	bounce_history *dst = *dstp;
	bounce_history_status status;
	uint32_t	i;

	if (!same_rule(dst, src))
		return BOUNCE_HISTORY_PARAMS_DIFFER;
	status = reserve(dstp, (uint64_t) dst->n + src->n, allocator);
	if (status != BOUNCE_HISTORY_OK)
		return status;
	dst = *dstp;

	dst->rows = add_count(dst, dst->rows, src->rows);
	dst->dropped = add_count(dst, dst->dropped, src->dropped);
	dst->saturated |= src->saturated;
	if (src->reset_rows > 0)
		note_reset(dst, src->reset_at, src->reset_rows);
	/* src's pairs before the combined latest reset are dropped by tidy. */
	for (i = 0; i < src->n; i++)
	{
		if (src->entries[i].rows == 0)
			continue;
		dst->entries[dst->n++] = src->entries[i];
	}
	dst->tidy = 0;
	tidy(dst);
	return BOUNCE_HISTORY_OK;
}

/* The span from first to last reaches min_span; exact over all int64 times. */
static int
span_reached(int64_t first, int64_t last, int64_t min_span)
{
	/* last >= first, so the unsigned difference is the true distance. */
	return (uint64_t) last - (uint64_t) first >= (uint64_t) min_span;
}

/* The verdict from the tidy summary: hard wins, then enough soft pairs over min_span. */
int
bounce_history_decide(bounce_history *h, bounce_history_verdict *verdict)
{
	if (!h->tidy)
		tidy(h);
	memset(verdict, 0, sizeof(*verdict));
	if (h->rows == 0)
		return 0;

	verdict->hard_bounces = h->hard_pairs;
	verdict->soft_bounces = h->soft_pairs;
	verdict->has_soft = h->soft_pairs > 0;
	verdict->first_soft = h->first_soft;
	verdict->last_soft = h->last_soft;
	verdict->has_reset = h->reset_rows > 0;
	verdict->last_reset = h->reset_at;
	if (h->hard_pairs > 0)
		verdict->reason = BOUNCE_REASON_HARD;
	else if (h->soft_pairs >= (uint32_t) h->soft_limit &&
			 span_reached(h->first_soft, h->last_soft, h->min_span))
		verdict->reason = BOUNCE_REASON_SOFT;
	verdict->invalid = verdict->reason != BOUNCE_REASON_NONE;
	return 1;
}

/* Serialized size: the header and one entry per counted pair. */
size_t
bounce_history_serial_size(bounce_history *h)
{
	tidy(h);
	return BOUNCE_HISTORY_SERIAL_HEADER + (size_t) h->n * BOUNCE_HISTORY_SERIAL_ENTRY;
}

/* Write the canonical big-endian form (see history.h). */
void
bounce_history_serialize(bounce_history *h, unsigned char *out)
{
	uint32_t	i;

	/* Tidy again: a no-op after bounce_history_serial_size, and it drops removed pairs. */
	tidy(h);
	out = put_uint(out, BOUNCE_HISTORY_SERIAL_VERSION, 1);
	out = put_uint(out, h->saturated ? 1 : 0, 1);
	out = put_uint(out, (uint32_t) h->soft_limit, 4);
	out = put_uint(out, (uint64_t) h->min_span, 8);
	out = put_uint(out, h->rows, 4);
	out = put_uint(out, h->dropped, 4);
	out = put_uint(out, h->reset_rows, 4);
	out = put_uint(out, (uint64_t) h->reset_at, 8);
	out = put_uint(out, h->n, 4);
	for (i = 0; i < h->n; i++)
	{
		out = put_uint(out, (uint64_t) h->entries[i].at, 8);
		out = put_uint(out, h->entries[i].code, 2);
		out = put_uint(out, h->entries[i].rows, 4);
	}
}

/* The header fields of a serialized state. */
typedef struct serial_header
{
	unsigned	flags;
	bounce_history_params params;
	uint32_t	rows;
	uint32_t	dropped;
	uint32_t	reset_rows;
	int64_t		reset_at;
	uint32_t	n;
} serial_header;

/* Read and check the header; 0 when it is not canonical. */
static int
read_header(const unsigned char *in, size_t len, serial_header *hd)
{
	if (len < BOUNCE_HISTORY_SERIAL_HEADER || in[0] != BOUNCE_HISTORY_SERIAL_VERSION)
		return 0;
	hd->flags = in[1];
	hd->params.soft_limit = (int32_t) (uint32_t) get_uint(in + 2, 4);
	hd->params.min_span = (int64_t) get_uint(in + 6, 8);
	hd->rows = (uint32_t) get_uint(in + 14, 4);
	hd->dropped = (uint32_t) get_uint(in + 18, 4);
	hd->reset_rows = (uint32_t) get_uint(in + 22, 4);
	hd->reset_at = (int64_t) get_uint(in + 26, 8);
	hd->n = (uint32_t) get_uint(in + 34, 4);
	if ((hd->flags & ~1u) != 0 || !bounce_history_params_valid(&hd->params))
		return 0;
	if (hd->reset_rows == 0 && hd->reset_at != 0)
		return 0;
	return (len - BOUNCE_HISTORY_SERIAL_HEADER) / BOUNCE_HISTORY_SERIAL_ENTRY == hd->n &&
		(len - BOUNCE_HISTORY_SERIAL_HEADER) % BOUNCE_HISTORY_SERIAL_ENTRY == 0;
}

/* Read entry i of a serialized state. */
static void
read_entry(const unsigned char *in, uint32_t i, history_entry *e)
{
	const unsigned char *p = in + BOUNCE_HISTORY_SERIAL_HEADER + (size_t) i * BOUNCE_HISTORY_SERIAL_ENTRY;

	e->at = (int64_t) get_uint(p, 8);
	e->code = (uint16_t) get_uint(p + 8, 2);
	e->rows = (uint32_t) get_uint(p + 10, 4);
	e->unused = 0;
}

/* Check every entry and the row counts; 0 when they are not canonical. */
static int
entries_valid(const unsigned char *in, const serial_header *hd)
{
	history_entry prev = {0, 0, 0, 0};
	uint64_t	sum = 0;
	uint32_t	i;
	bounce_history_role role;

	for (i = 0; i < hd->n; i++)
	{
		history_entry e;

		read_entry(in, i, &e);
		role = bounce_history_role_of(e.code);
		if ((role != BOUNCE_ROLE_HARD && role != BOUNCE_ROLE_SOFT) || e.rows == 0)
			return 0;
		if (hd->reset_rows > 0 && e.at < hd->reset_at)
			return 0;
		if (i > 0 && key_cmp(e.at, e.code, &prev) <= 0)
			return 0;
		sum += e.rows;			/* < 2^32 entries of < 2^32 rows: no overflow */
		prev = e;
	}
	/* Every kept, dropped and reset row is one of the rows. */
	if ((uint64_t) hd->dropped + hd->reset_rows + sum > hd->rows)
		return 0;
	return 1;
}

/* Read the canonical form into a new tidy state. */
bounce_history_status
bounce_history_deserialize(const unsigned char *in, size_t len, bounce_history **out,
						   const bounce_history_allocator *allocator)
{
	serial_header hd;
	bounce_history *h;
	int			shift;
	uint32_t	i;

	/* Check everything before allocating, so a bad input leaves nothing behind. */
	if (!read_header(in, len, &hd) || !entries_valid(in, &hd))
		return BOUNCE_HISTORY_MALFORMED;
	shift = shift_for(hd.n);
	if (shift < 0 || ((uint64_t) HISTORY_MIN_BYTES << shift) > SIZE_MAX)
		return BOUNCE_HISTORY_TOO_LARGE;
	h = new_state(&hd.params, (unsigned) shift, allocator);
	if (h == NULL)
		return BOUNCE_HISTORY_NO_MEMORY;
	h->rows = hd.rows;
	h->dropped = hd.dropped;
	h->reset_rows = hd.reset_rows;
	h->reset_at = hd.reset_at;
	h->saturated = (uint8_t) (hd.flags & 1);
	h->n = hd.n;
	for (i = 0; i < hd.n; i++)
	{
		read_entry(in, i, &h->entries[i]);
		summary_append(h, &h->entries[i]);
	}
	*out = h;
	return BOUNCE_HISTORY_OK;
}
