/*
 * test_history.c — unit tests of the bounce-history rule and its state: every
 * clause of the rule, order independence, combining any split, serialization
 * round trips, malformed input, and remove (sliding windows).  Random cases
 * are checked against an oracle that applies the rule directly to the events.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/history.h"
#include "unit.h"

#define DAY (INT64_C(86400000000))
#define HOUR (INT64_C(3600000000))

/* One input row. */
typedef struct event
{
	int			code;
	int64_t		at;
} event;

/* malloc-backed allocator; fail_after counts down to a simulated out-of-memory. */
static long fail_after = -1;

/* malloc, failing on demand. */
static void *
test_alloc(size_t size, void *arg)
{
	(void) arg;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	return malloc(size);
}

/* realloc, failing on demand. */
static void *
test_resize(void *block, size_t size, void *arg)
{
	(void) arg;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	return realloc(block, size);
}

static const bounce_history_allocator A = {test_alloc, test_resize, NULL};
static const bounce_history_params DEFAULTS = {BOUNCE_HISTORY_DEFAULT_SOFT_LIMIT, BOUNCE_HISTORY_DEFAULT_MIN_SPAN};

/* xorshift64*: a fixed-seed generator, so every run tests the same cases. */
static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

/* A random number below n. */
static uint64_t
rnd(uint64_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * UINT64_C(2685821657736338717)) % n;
}

/* A state holding the events, in the given order. */
static bounce_history *
build(const event *ev, size_t n, const bounce_history_params *params)
{
	bounce_history *h = bounce_history_create(params, &A);
	size_t		i;

	for (i = 0; i < n; i++)
		CHECK_INT(bounce_history_add(&h, ev[i].code, ev[i].at, &A), BOUNCE_HISTORY_OK);
	return h;
}

/* The rule applied directly: the reference the state must agree with. */
static int
oracle(const event *ev, size_t n, const bounce_history_params *params, bounce_history_verdict *v)
{
	int			has_reset = 0;
	int64_t		reset = 0;
	size_t		i,
				j;

	memset(v, 0, sizeof(*v));
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (bounce_history_role_of(ev[i].code) == BOUNCE_ROLE_RESET && (!has_reset || ev[i].at > reset))
		{
			has_reset = 1;
			reset = ev[i].at;
		}
	v->has_reset = has_reset;
	v->last_reset = has_reset ? reset : 0;
	for (i = 0; i < n; i++)
	{
		bounce_history_role role = bounce_history_role_of(ev[i].code);
		int			repeat = 0;

		if ((role != BOUNCE_ROLE_HARD && role != BOUNCE_ROLE_SOFT) || (has_reset && ev[i].at < reset))
			continue;
		/* A pair seen before is the same evidence. */
		for (j = 0; j < i; j++)
			if (ev[j].code == ev[i].code && ev[j].at == ev[i].at)
				repeat = 1;
		if (repeat)
			continue;
		if (role == BOUNCE_ROLE_HARD)
			v->hard_bounces++;
		else
		{
			if (!v->has_soft || ev[i].at < v->first_soft)
				v->first_soft = ev[i].at;
			if (!v->has_soft || ev[i].at > v->last_soft)
				v->last_soft = ev[i].at;
			v->has_soft = 1;
			v->soft_bounces++;
		}
	}
	if (v->hard_bounces > 0)
		v->reason = BOUNCE_REASON_HARD;
	else if (v->soft_bounces >= (uint64_t) params->soft_limit &&
			 (uint64_t) v->last_soft - (uint64_t) v->first_soft >= (uint64_t) params->min_span)
		v->reason = BOUNCE_REASON_SOFT;
	v->invalid = v->reason != BOUNCE_REASON_NONE;
	return 1;
}

/* Nonzero when two verdicts are the same in every field. */
static int
same_verdict(const bounce_history_verdict *a, const bounce_history_verdict *b)
{
	return a->invalid == b->invalid && a->reason == b->reason &&
		a->hard_bounces == b->hard_bounces && a->soft_bounces == b->soft_bounces &&
		a->has_soft == b->has_soft && a->first_soft == b->first_soft && a->last_soft == b->last_soft &&
		a->has_reset == b->has_reset && a->last_reset == b->last_reset;
}

/* The state's verdict equals the oracle's, NULL (0) included. */
static int
agrees(bounce_history *h, const event *ev, size_t n, const bounce_history_params *params)
{
	bounce_history_verdict got,
				want;
	int			got_rows = bounce_history_decide(h, &got);
	int			want_rows = oracle(ev, n, params, &want);

	return got_rows == want_rows && same_verdict(&got, &want);
}

/* The decision over events in one go, with the default rule. */
static bounce_history_verdict
decide(const event *ev, size_t n)
{
	bounce_history *h = build(ev, n, &DEFAULTS);
	bounce_history_verdict v;

	CHECK_INT(bounce_history_decide(h, &v), 1);
	free(h);
	return v;
}

#define DECIDE(...) \
	decide((const event[]) {__VA_ARGS__}, sizeof((const event[]) {__VA_ARGS__}) / sizeof(event))

/* The roles come from the code table's kinds, with 0, 60, 100 as resets. */
static void
test_roles(void)
{
	int			i;

	for (i = 0; i < BOUNCE_CODE_COUNT; i++)
	{
		int			code = bounce_code_table[i].code;
		bounce_history_role role = bounce_history_role_of(code);

		if (code == 0 || code == 60 || code == 100)
			CHECK_INT(role, BOUNCE_ROLE_RESET);
		else if (bounce_code_table[i].kind == BOUNCE_KIND_HARD)
			CHECK_INT(role, BOUNCE_ROLE_HARD);
		else if (bounce_code_table[i].kind == BOUNCE_KIND_SOFT)
			CHECK_INT(role, BOUNCE_ROLE_SOFT);
		else
			CHECK_INT(role, BOUNCE_ROLE_NEUTRAL);
	}
	CHECK_INT(bounce_history_role_of(10), BOUNCE_ROLE_HARD);
	CHECK_INT(bounce_history_role_of(90), BOUNCE_ROLE_HARD);
	CHECK_INT(bounce_history_role_of(29), BOUNCE_ROLE_SOFT);
	CHECK_INT(bounce_history_role_of(23), BOUNCE_ROLE_NEUTRAL);
	CHECK_INT(bounce_history_role_of(200), BOUNCE_ROLE_NEUTRAL);
	CHECK_INT(bounce_history_role_of(-1), BOUNCE_ROLE_NEUTRAL);
	CHECK_INT(bounce_history_role_of(201), BOUNCE_ROLE_NEUTRAL);
}

/* No rows: no verdict; rows without evidence: valid. */
static void
test_empty_and_no_evidence(void)
{
	bounce_history *h = bounce_history_create(&DEFAULTS, &A);
	bounce_history_verdict v;

	CHECK_INT(bounce_history_decide(h, &v), 0);
	free(h);

	v = DECIDE({23, 0}, {51, DAY}, {200, 2 * DAY}, {59, 30 * DAY});
	CHECK(!v.invalid);
	CHECK_INT(v.reason, BOUNCE_REASON_NONE);
	CHECK_INT(v.hard_bounces, 0);
	CHECK_INT(v.soft_bounces, 0);
	CHECK(!v.has_soft && !v.has_reset);

	v = DECIDE({0, DAY}, {60, 2 * DAY});
	CHECK(!v.invalid);
	CHECK(v.has_reset);
	CHECK_INT(v.last_reset, 2 * DAY);
}

/* A hard bounce is invalid at once, unless a later reset clears it. */
static void
test_hard_and_resets(void)
{
	static const int resets[] = {0, 60, 100};
	bounce_history_verdict v;
	int			i;

	v = DECIDE({10, 5 * DAY});
	CHECK(v.invalid);
	CHECK_INT(v.reason, BOUNCE_REASON_HARD);
	CHECK_INT(v.hard_bounces, 1);
	v = DECIDE({90, 5 * DAY});
	CHECK_INT(v.reason, BOUNCE_REASON_HARD);

	for (i = 0; i < 3; i++)
	{
		v = DECIDE({10, 5 * DAY}, {resets[i], 5 * DAY + 1});
		CHECK(!v.invalid);
		CHECK_INT(v.hard_bounces, 0);
		CHECK_INT(v.last_reset, 5 * DAY + 1);
		/* A reset before the hard bounce does not clear it. */
		v = DECIDE({resets[i], 5 * DAY - 1}, {10, 5 * DAY});
		CHECK_INT(v.reason, BOUNCE_REASON_HARD);
		/* The same instant counts as after the reset, in either order. */
		v = DECIDE({10, 5 * DAY}, {resets[i], 5 * DAY});
		CHECK_INT(v.reason, BOUNCE_REASON_HARD);
		v = DECIDE({resets[i], 5 * DAY}, {90, 5 * DAY});
		CHECK_INT(v.reason, BOUNCE_REASON_HARD);
	}
	/* Only the latest reset matters. */
	v = DECIDE({0, DAY}, {10, 2 * DAY}, {60, 3 * DAY}, {10, 4 * DAY}, {100, 5 * DAY});
	CHECK(!v.invalid);
	CHECK_INT(v.last_reset, 5 * DAY);
	v = DECIDE({100, 5 * DAY}, {10, 6 * DAY}, {0, DAY});
	CHECK_INT(v.reason, BOUNCE_REASON_HARD);
	CHECK_INT(v.last_reset, 5 * DAY);
}

/* Soft bounces: soft_limit of them spanning at least min_span. */
static void
test_soft(void)
{
	const int64_t span = BOUNCE_HISTORY_DEFAULT_MIN_SPAN;
	bounce_history_verdict v;

	/* Exactly three, spanning exactly 15 days: invalid. */
	v = DECIDE({20, 0}, {21, 7 * DAY}, {22, span});
	CHECK(v.invalid);
	CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
	CHECK_INT(v.soft_bounces, 3);
	CHECK_INT(v.first_soft, 0);
	CHECK_INT(v.last_soft, span);
	/* One microsecond short of the span: valid. */
	v = DECIDE({20, 0}, {21, 7 * DAY}, {22, span - 1});
	CHECK(!v.invalid);
	CHECK_INT(v.soft_bounces, 3);
	/* Two, however far apart: valid. */
	v = DECIDE({29, 0}, {29, 100 * DAY});
	CHECK(!v.invalid);
	/* A reset between them cuts the history. */
	v = DECIDE({20, 0}, {20, 10 * DAY}, {0, 11 * DAY}, {20, 20 * DAY}, {20, 30 * DAY});
	CHECK(!v.invalid);
	CHECK_INT(v.soft_bounces, 2);
	CHECK_INT(v.first_soft, 20 * DAY);
	/* A soft at the instant of the reset counts. */
	v = DECIDE({20, 0}, {0, 11 * DAY}, {21, 11 * DAY}, {20, 20 * DAY}, {20, 26 * DAY});
	CHECK(v.invalid);
	CHECK_INT(v.first_soft, 11 * DAY);
	CHECK_INT(v.soft_bounces, 3);
	/* Other and NA codes interleaved neither count nor reset. */
	v = DECIDE({20, 0}, {51, DAY}, {23, 2 * DAY}, {21, 8 * DAY}, {200, 9 * DAY}, {59, 10 * DAY},
			   {22, span}, {30, span + 1});
	CHECK(v.invalid);
	CHECK_INT(v.soft_bounces, 3);
	/* Hard wins over soft as the reason. */
	v = DECIDE({20, 0}, {21, 7 * DAY}, {22, span}, {10, DAY});
	CHECK_INT(v.reason, BOUNCE_REASON_HARD);
	CHECK_INT(v.soft_bounces, 3);
	CHECK_INT(v.hard_bounces, 1);
}

/* A repeated (code, time) pair is the same evidence; other codes at one instant are not. */
static void
test_pairs_count_once(void)
{
	const int64_t span = BOUNCE_HISTORY_DEFAULT_MIN_SPAN;
	bounce_history_verdict v;

	v = DECIDE({20, 0}, {20, 0}, {20, span}, {20, span});
	CHECK(!v.invalid);
	CHECK_INT(v.soft_bounces, 2);
	v = DECIDE({20, 0}, {21, 0}, {20, span});
	CHECK(v.invalid);
	CHECK_INT(v.soft_bounces, 3);
	v = DECIDE({10, DAY}, {10, DAY}, {90, DAY});
	CHECK_INT(v.hard_bounces, 2);
}

/* Other parameters, and the extremes of the time range. */
static void
test_params(void)
{
	bounce_history_params one = {1, 0};
	bounce_history_params far = {2, INT64_MAX};
	bounce_history_params bad_limit = {0, 0};
	bounce_history_params bad_span = {1, -1};
	const event single[] = {{22, 42}};
	const event extremes[] = {{20, INT64_MIN}, {21, INT64_MAX}};
	const event near_extremes[] = {{20, INT64_MIN + 1}, {21, INT64_MAX - 1}};
	bounce_history *h;
	bounce_history_verdict v;

	h = build(single, 1, &one);
	CHECK_INT(bounce_history_decide(h, &v), 1);
	CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
	CHECK(bounce_history_get_params(h).soft_limit == 1);
	CHECK(bounce_history_get_params(h).min_span == 0);
	free(h);

	/* The distance between the extreme times is 2^64 - 1: no overflow. */
	h = build(extremes, 2, &far);
	bounce_history_decide(h, &v);
	CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
	free(h);
	h = build(near_extremes, 2, &far);
	bounce_history_decide(h, &v);
	CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
	free(h);

	CHECK(bounce_history_params_valid(&DEFAULTS));
	CHECK(bounce_history_params_valid(&one));
	CHECK(!bounce_history_params_valid(&bad_limit));
	CHECK(!bounce_history_params_valid(&bad_span));
}

/* A random history over few instants, so that ties and repeats are common. */
static size_t
random_events(event *ev, size_t max)
{
	static const int codes[] = {0, 60, 100, 10, 90, 20, 21, 22, 29, 20, 21, 22, 29, 23, 51, 59, 200, 122};
	size_t		n = (size_t) rnd(max + 1);
	int64_t		instants = (int64_t) rnd(40) + 1;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		ev[i].code = codes[rnd(sizeof(codes) / sizeof(codes[0]))];
		ev[i].at = (int64_t) rnd((uint64_t) instants) * DAY;
	}
	return n;
}

/* A random rule close to the random histories' scale. */
static bounce_history_params
random_params(void)
{
	bounce_history_params p;

	p.soft_limit = (int32_t) rnd(5) + 1;
	p.min_span = (int64_t) rnd(30) * DAY;
	return p;
}

/* Fisher-Yates shuffle. */
static void
shuffle(event *ev, size_t n)
{
	size_t		i;

	for (i = n; i > 1; i--)
	{
		size_t		j = (size_t) rnd(i);
		event		t = ev[i - 1];

		ev[i - 1] = ev[j];
		ev[j] = t;
	}
}

/* Bytes of a serialized state (malloc'd), and their count. */
static unsigned char *
serialized(bounce_history *h, size_t *len)
{
	unsigned char *buf;

	*len = bounce_history_serial_size(h);
	buf = malloc(*len);
	bounce_history_serialize(h, buf);
	return buf;
}

/* Two states serialize to the same bytes. */
static int
same_bytes(bounce_history *a, bounce_history *b)
{
	size_t		la,
				lb;
	unsigned char *ba = serialized(a, &la);
	unsigned char *bb = serialized(b, &lb);
	int			same = la == lb && memcmp(ba, bb, la) == 0;

	free(ba);
	free(bb);
	return same;
}

/* Any order of the same rows gives the same verdict (the oracle's) and the same state. */
static void
test_order_independence(void)
{
	event		ev[200];
	int			round;

	for (round = 0; round < 500; round++)
	{
		size_t		n = random_events(ev, 200);
		bounce_history_params p = random_params();
		bounce_history *first = build(ev, n, &p);
		int			k;

		CHECK(agrees(first, ev, n, &p));
		for (k = 0; k < 5; k++)
		{
			bounce_history *h;

			shuffle(ev, n);
			h = build(ev, n, &p);
			CHECK(agrees(h, ev, n, &p));
			CHECK(same_bytes(h, first));
			free(h);
		}
		free(first);
	}
}

/* Time-ordered rows (the fast path) agree with the oracle too. */
static int
event_order(const void *a, const void *b)
{
	const event *x = a,
			   *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->code - y->code;
}

/* Sorted and reverse-sorted inputs, and a long history that has to grow. */
static void
test_ordered_and_long(void)
{
	static event ev[20002];
	int			round;
	size_t		i;
	bounce_history *h;

	for (round = 0; round < 200; round++)
	{
		size_t		n = random_events(ev, 200);
		bounce_history_params p = random_params();

		qsort(ev, n, sizeof(event), event_order);
		h = build(ev, n, &p);
		CHECK(agrees(h, ev, n, &p));
		free(h);
		for (i = 0; i < n / 2; i++)
		{
			event		t = ev[i];

			ev[i] = ev[n - 1 - i];
			ev[n - 1 - i] = t;
		}
		h = build(ev, n, &p);
		CHECK(agrees(h, ev, n, &p));
		free(h);
	}

	/* 20000 distinct soft instants in reverse order, then a reset in the middle. */
	for (i = 0; i < 20000; i++)
	{
		ev[i].code = 20 + (int) (i % 3);
		ev[i].at = (int64_t) (20000 - i) * HOUR;
	}
	h = build(ev, 20000, &DEFAULTS);
	CHECK(agrees(h, ev, 20000, &DEFAULTS));
	/* The size bound: the header and one entry per counted pair, exactly. */
	CHECK_INT(bounce_history_serial_size(h), BOUNCE_HISTORY_SERIAL_HEADER + 20000 * BOUNCE_HISTORY_SERIAL_ENTRY);
	ev[20000] = (event) {0, 10001 * HOUR};
	ev[20001] = (event) {20, 20000 * HOUR};	/* a repeat of the first row */
	CHECK_INT(bounce_history_add(&h, ev[20000].code, ev[20000].at, &A), BOUNCE_HISTORY_OK);
	CHECK_INT(bounce_history_add(&h, ev[20001].code, ev[20001].at, &A), BOUNCE_HISTORY_OK);
	CHECK(agrees(h, ev, 20002, &DEFAULTS));
	CHECK_INT(bounce_history_serial_size(h), BOUNCE_HISTORY_SERIAL_HEADER + 10000 * BOUNCE_HISTORY_SERIAL_ENTRY);
	free(h);
}

/* Combine the states of parts [lo, hi) of ev split at random points, in random tree order. */
static bounce_history *
combine_split(const event *ev, size_t lo, size_t hi, const bounce_history_params *p, int depth)
{
	size_t		mid;
	bounce_history *left,
			   *right;

	if (depth == 0 || hi - lo < 2 || rnd(4) == 0)
		return build(ev + lo, hi - lo, p);
	mid = lo + (size_t) rnd(hi - lo + 1);
	left = combine_split(ev, lo, mid, p, depth - 1);
	right = combine_split(ev, mid, hi, p, depth - 1);
	if (rnd(2))
	{
		bounce_history *t = left;

		left = right;
		right = t;
	}
	CHECK_INT(bounce_history_combine(&left, right, &A), BOUNCE_HISTORY_OK);
	free(right);
	return left;
}

/* Combining the states of any split equals the serial state, byte for byte. */
static void
test_combine(void)
{
	event		ev[300];
	int			round;

	for (round = 0; round < 500; round++)
	{
		size_t		n = random_events(ev, 300);
		bounce_history_params p = random_params();
		bounce_history *serial = build(ev, n, &p);
		bounce_history *merged = combine_split(ev, 0, n, &p, 6);

		CHECK(agrees(merged, ev, n, &p));
		CHECK(same_bytes(merged, serial));
		free(serial);
		free(merged);
	}
}

/* The rule is part of the state: groups with different rules do not combine. */
static void
test_combine_params_differ(void)
{
	bounce_history_params other = {4, DAY};
	bounce_history *a = bounce_history_create(&DEFAULTS, &A);
	bounce_history *b = bounce_history_create(&other, &A);

	CHECK_INT(bounce_history_combine(&a, b, &A), BOUNCE_HISTORY_PARAMS_DIFFER);
	free(a);
	free(b);
}

/* Serialize, deserialize, serialize: the same bytes, the same verdict. */
static void
test_round_trip(void)
{
	event		ev[201];
	int			round;

	for (round = 0; round < 300; round++)
	{
		size_t		n = random_events(ev, 200);
		bounce_history_params p = random_params();
		bounce_history *h = build(ev, n, &p);
		bounce_history *back = NULL;
		size_t		len;
		unsigned char *bytes = serialized(h, &len);

		CHECK_INT(bounce_history_deserialize(bytes, len, &back, &A), BOUNCE_HISTORY_OK);
		CHECK(back != NULL && agrees(back, ev, n, &p));
		CHECK(back != NULL && same_bytes(back, h));
		/* A deserialized state goes on taking rows. */
		CHECK_INT(bounce_history_add(&back, 10, 1, &A), BOUNCE_HISTORY_OK);
		ev[n] = (event) {10, 1};
		CHECK(agrees(back, ev, n + 1, &p));
		free(back);
		free(bytes);
		free(h);
	}
}

/* Write a big-endian integer of the given width at p (for crafting inputs). */
static void
poke(unsigned char *p, uint64_t v, int bytes)
{
	int			i;

	for (i = bytes - 1; i >= 0; i--)
	{
		p[i] = (unsigned char) (v & 0xFF);
		v >>= 8;
	}
}

/* Deserializing buf[0..len) fails as malformed and leaves nothing behind. */
static int
rejected(const unsigned char *buf, size_t len)
{
	bounce_history *h = NULL;

	return bounce_history_deserialize(buf, len, &h, &A) == BOUNCE_HISTORY_MALFORMED && h == NULL;
}

/* Offsets in the serialized form (see history.h). */
enum
{
	OFF_VERSION = 0, OFF_FLAGS = 1, OFF_LIMIT = 2, OFF_SPAN = 6, OFF_ROWS = 14, OFF_DROPPED = 18,
	OFF_RESET_ROWS = 22, OFF_RESET_AT = 26, OFF_N = 34, OFF_ENTRY = 38
};

/* Every kind of malformed input is refused; every single-byte change is refused or canonical. */
static void
test_malformed(void)
{
	const event ev[] = {{0, 2 * DAY}, {10, 3 * DAY}, {20, 3 * DAY}, {21, 5 * DAY}, {51, 9 * DAY}, {20, DAY}};
	bounce_history *h = build(ev, 6, &DEFAULTS);
	size_t		len,
				i;
	unsigned char *good = serialized(h, &len);
	unsigned char *buf = malloc(len + 1);
	const size_t e1 = OFF_ENTRY + BOUNCE_HISTORY_SERIAL_ENTRY;

	CHECK_INT(len, BOUNCE_HISTORY_SERIAL_HEADER + 3 * BOUNCE_HISTORY_SERIAL_ENTRY);

	/* Every truncation, and one byte too many. */
	for (i = 0; i < len; i++)
		CHECK(rejected(good, i));
	memcpy(buf, good, len);
	buf[len] = 0;
	CHECK(rejected(buf, len + 1));

#define MUTATED(offset, value, width) \
	(memcpy(buf, good, len), poke(buf + (offset), (value), (width)), rejected(buf, len))

	CHECK(MUTATED(OFF_VERSION, 2, 1));
	CHECK(MUTATED(OFF_FLAGS, 2, 1));
	CHECK(MUTATED(OFF_LIMIT, 0, 4));
	CHECK(MUTATED(OFF_LIMIT, UINT32_MAX, 4));	/* -1 */
	CHECK(MUTATED(OFF_SPAN, UINT64_MAX, 8));	/* -1 */
	CHECK(MUTATED(OFF_ROWS, 4, 4));	/* fewer rows than kept, dropped and resets */
	CHECK(MUTATED(OFF_DROPPED, 7, 4));
	CHECK(MUTATED(OFF_DROPPED, UINT32_MAX, 4));
	CHECK(MUTATED(OFF_RESET_ROWS, 0, 4));	/* no reset, yet a reset time */
	CHECK(MUTATED(OFF_RESET_AT, 3 * DAY + 1, 8));	/* entries before the reset */
	CHECK(MUTATED(OFF_N, 2, 4));
	CHECK(MUTATED(OFF_N, UINT32_MAX, 4));
	CHECK(MUTATED(OFF_ENTRY + 8, 23, 2));	/* an Other code kept */
	CHECK(MUTATED(OFF_ENTRY + 8, 0, 2));	/* a reset kept */
	CHECK(MUTATED(OFF_ENTRY + 8, 7, 2));	/* no code */
	CHECK(MUTATED(OFF_ENTRY + 10, 0, 4));	/* a pair with no rows */
	CHECK(MUTATED(e1 + 8, 10, 2));	/* a repeated pair: (3 days, 10) twice */
	CHECK(MUTATED(e1, 3 * DAY - 1, 8));	/* out of order with the first */
	CHECK(MUTATED(e1, 6 * DAY, 8));	/* out of order with the last */

	/* A changed byte either is refused or reads back to exactly the same bytes. */
	for (i = 0; i < len; i++)
	{
		int			bit;

		for (bit = 0; bit < 8; bit++)
		{
			bounce_history *back = NULL;

			memcpy(buf, good, len);
			buf[i] ^= (unsigned char) (1u << bit);
			if (bounce_history_deserialize(buf, len, &back, &A) == BOUNCE_HISTORY_OK)
			{
				size_t		len2;
				unsigned char *again = serialized(back, &len2);

				CHECK(len2 == len && memcmp(again, buf, len) == 0);
				free(again);
				free(back);
			}
			else
				CHECK(back == NULL);
		}
	}
#undef MUTATED
	free(buf);
	free(good);
	free(h);
}

/*
 * Slide a frame over events, adding at the tail and removing at the head;
 * when remove cannot undo, rebuild from the frame, as PostgreSQL does.  Every
 * frame must agree with the oracle.  Returns how many removals needed a rebuild.
 */
static int
slide(const event *ev, size_t n, size_t width, const bounce_history_params *p)
{
	bounce_history *h = bounce_history_create(p, &A);
	size_t		head = 0,
				tail;
	int			rebuilds = 0;

	for (tail = 0; tail < n; tail++)
	{
		CHECK_INT(bounce_history_add(&h, ev[tail].code, ev[tail].at, &A), BOUNCE_HISTORY_OK);
		if (tail + 1 - head > width)
		{
			if (bounce_history_remove(h, ev[head].code, ev[head].at) != BOUNCE_HISTORY_OK)
			{
				free(h);
				h = build(ev + head + 1, tail - head, p);
				rebuilds++;
			}
			head++;
		}
		CHECK(agrees(h, ev + head, tail + 1 - head, p));
	}
	/* Removing everything leaves a state with no rows: NULL. */
	for (; head < n; head++)
		if (bounce_history_remove(h, ev[head].code, ev[head].at) != BOUNCE_HISTORY_OK)
		{
			free(h);
			h = build(ev + head + 1, n - head - 1, p);
			rebuilds++;
		}
	CHECK(agrees(h, ev, 0, p));
	free(h);
	return rebuilds;
}

/* Sliding frames, in time order and not, agree with the oracle at every step. */
static void
test_remove_sliding(void)
{
	event		ev[300];
	int			round;
	int			rebuilds = 0;
	int			removals = 0;

	for (round = 0; round < 300; round++)
	{
		size_t		n = random_events(ev, 300);
		bounce_history_params p = random_params();
		size_t		width = (size_t) rnd(20) + 1;

		if (round % 2 == 0)
		{
			/*
			 * In time order, every event before a leaving reset has left
			 * already: the inverse never needs a rebuild.
			 */
			qsort(ev, n, sizeof(event), event_order);
			CHECK_INT(slide(ev, n, width, &p), 0);
		}
		else
		{
			rebuilds += slide(ev, n, width, &p);
			removals += (int) n;
		}
	}
	/* Out of order, most removals still need no rebuild. */
	CHECK(rebuilds * 2 < removals);
}

/* What remove can and cannot undo. */
static void
test_remove_cases(void)
{
	bounce_history *h;
	bounce_history_verdict v;
	const event only_reset_and_after[] = {{0, DAY}, {20, DAY}, {10, 2 * DAY}};
	const event before_reset[] = {{10, 0}, {0, DAY}, {20, 2 * DAY}};

	/* The latest reset goes and nothing before it remains: exact. */
	h = build(only_reset_and_after, 3, &DEFAULTS);
	CHECK_INT(bounce_history_remove(h, 0, DAY), BOUNCE_HISTORY_OK);
	CHECK(agrees(h, only_reset_and_after + 1, 2, &DEFAULTS));
	free(h);

	/* The latest reset goes while the hard bounce it dropped is still in: cannot undo. */
	h = build(before_reset, 3, &DEFAULTS);
	CHECK_INT(bounce_history_remove(h, 0, DAY), BOUNCE_HISTORY_CANNOT_UNDO);
	free(h);
	/* Removing the dropped hard bounce first makes it possible. */
	h = build(before_reset, 3, &DEFAULTS);
	CHECK_INT(bounce_history_remove(h, 10, 0), BOUNCE_HISTORY_OK);
	CHECK_INT(bounce_history_remove(h, 0, DAY), BOUNCE_HISTORY_OK);
	CHECK(agrees(h, before_reset + 2, 1, &DEFAULTS));
	free(h);

	/* Removing a row that was never added is refused, not miscounted. */
	h = build(only_reset_and_after, 3, &DEFAULTS);
	CHECK_INT(bounce_history_remove(h, 21, DAY), BOUNCE_HISTORY_CANNOT_UNDO);
	CHECK_INT(bounce_history_remove(h, 60, 5 * DAY), BOUNCE_HISTORY_CANNOT_UNDO);
	free(h);
	h = bounce_history_create(&DEFAULTS, &A);
	CHECK_INT(bounce_history_remove(h, 51, DAY), BOUNCE_HISTORY_CANNOT_UNDO);
	free(h);

	/* A repeated pair leaves only when its last row does. */
	{
		const event twice[] = {{20, 0}, {20, 0}, {21, 8 * DAY}, {22, 15 * DAY}};

		h = build(twice, 4, &DEFAULTS);
		CHECK_INT(bounce_history_remove(h, 20, 0), BOUNCE_HISTORY_OK);
		bounce_history_decide(h, &v);
		CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
		CHECK_INT(bounce_history_remove(h, 20, 0), BOUNCE_HISTORY_OK);
		bounce_history_decide(h, &v);
		CHECK(!v.invalid);
		CHECK_INT(v.first_soft, 8 * DAY);
		free(h);
	}
}

/* Out of memory: the call fails and the state is as it was. */
static void
test_out_of_memory(void)
{
	const event ev[] = {{20, 0}, {21, DAY}, {22, 2 * DAY}, {29, 3 * DAY}};
	bounce_history *h = build(ev, 4, &DEFAULTS);	/* a full first block */
	bounce_history_verdict before,
				after;

	bounce_history_decide(h, &before);
	fail_after = 0;
	CHECK_INT(bounce_history_add(&h, 22, 20 * DAY, &A), BOUNCE_HISTORY_NO_MEMORY);
	CHECK(bounce_history_create(&DEFAULTS, &A) == NULL);
	fail_after = -1;
	bounce_history_decide(h, &after);
	CHECK(same_verdict(&before, &after));
	CHECK(agrees(h, ev, 4, &DEFAULTS));
	free(h);
}

/* A row count that reaches UINT32_MAX stops there and turns remove off; the verdict stays exact. */
static void
test_saturated_counts(void)
{
	const event ev[] = {{20, 0}, {21, 8 * DAY}, {22, 15 * DAY}};
	bounce_history *h = build(ev, 3, &DEFAULTS);
	bounce_history *back = NULL;
	bounce_history_verdict v;
	size_t		len;
	unsigned char *bytes = serialized(h, &len);

	poke(bytes + OFF_ROWS, UINT32_MAX, 4);	/* as if 2^32 - 1 rows had come */
	CHECK_INT(bounce_history_deserialize(bytes, len, &back, &A), BOUNCE_HISTORY_OK);
	CHECK_INT(bounce_history_remove(back, 51, DAY), BOUNCE_HISTORY_OK);	/* not saturated yet */
	CHECK_INT(bounce_history_add(&back, 51, DAY, &A), BOUNCE_HISTORY_OK);
	CHECK_INT(bounce_history_add(&back, 51, DAY, &A), BOUNCE_HISTORY_OK);	/* one too many */
	CHECK_INT(bounce_history_remove(back, 51, DAY), BOUNCE_HISTORY_CANNOT_UNDO);
	CHECK_INT(bounce_history_decide(back, &v), 1);
	CHECK_INT(v.reason, BOUNCE_REASON_SOFT);
	free(bytes);
	bytes = serialized(back, &len);
	CHECK_INT(bytes[OFF_FLAGS], 1);
	CHECK_INT(bytes[OFF_ROWS], 0xFF);
	free(bytes);
	free(back);
	free(h);
}

int
main(void)
{
	test_roles();
	test_empty_and_no_evidence();
	test_hard_and_resets();
	test_soft();
	test_pairs_count_once();
	test_params();
	test_order_independence();
	test_ordered_and_long();
	test_combine();
	test_combine_params_differ();
	test_round_trip();
	test_malformed();
	test_remove_sliding();
	test_remove_cases();
	test_out_of_memory();
	test_saturated_counts();
	return unit_finish("history");
}
