/*
 * test_domain_health.c — unit tests of the domain-health rule and its state:
 * every state and parameter, order independence, combining any split,
 * serialization round trips, malformed input, and remove (sliding windows).
 * Random cases are checked against an oracle that applies the rule directly
 * to the list of rows.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/domain_health.h"
#include "unit.h"

#define DAY (INT64_C(86400000000))

/* One input row. */
typedef struct event
{
	int			code;
	int64_t		at;
} event;

/* The rule of domain_health.h, straight from a list of rows. */
static int
oracle(const event *ev, int n, const domain_health_params *p, domain_health_verdict *v)
{
	uint64_t	c[DOMAIN_KIND_COUNT] = {0},
				problems,
				outcomes;
	int64_t		first = 0,
				last = 0,
				success = 0;
	int			any_problem = 0,
				any_success = 0,
				i,
				k;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < n; i++)
	{
		domain_kind kind = domain_kind_of(ev[i].code);

		c[kind]++;
		if (kind == DOMAIN_KIND_SUCCESS)
		{
			if (!any_success || ev[i].at > success)
				success = ev[i].at;
			any_success = 1;
		}
		else if (kind != DOMAIN_KIND_OTHER)
		{
			if (!any_problem || ev[i].at < first)
				first = ev[i].at;
			if (!any_problem || ev[i].at > last)
				last = ev[i].at;
			any_problem = 1;
		}
	}
	if (n == 0)
		return 0;
	for (k = 0; k < DOMAIN_KIND_COUNT; k++)
		v->counts[k] = c[k];
	v->events = (uint64_t) n;
	problems = c[DOMAIN_KIND_UNREACHABLE] + c[DOMAIN_KIND_BLOCK] + c[DOMAIN_KIND_THROTTLE];
	outcomes = problems + c[DOMAIN_KIND_SUCCESS];
	if (problems < (uint64_t) p->min_events || (double) problems < p->problem_share * (double) outcomes)
		v->state = DOMAIN_HEALTHY;
	else if ((double) c[DOMAIN_KIND_BLOCK] >= p->dominant_share * (double) problems)
		v->state = DOMAIN_BLOCKING;
	else if ((double) c[DOMAIN_KIND_UNREACHABLE] >= p->dominant_share * (double) problems)
		v->state = (any_success && success >= last - p->window) ? DOMAIN_BLOCKING : DOMAIN_UNREACHABLE;
	else if ((double) c[DOMAIN_KIND_THROTTLE] >= p->dominant_share * (double) problems)
		v->state = DOMAIN_THROTTLING;
	else
		v->state = DOMAIN_MIXED;
	v->has_outcomes = outcomes > 0;
	v->block_share = outcomes > 0 ? (double) c[DOMAIN_KIND_BLOCK] / (double) outcomes : 0;
	v->has_problem = any_problem;
	v->first_problem = first;
	v->last_problem = last;
	v->has_success = any_success;
	v->last_success = success;
	return 1;
}

/* Do two verdicts say the same? */
static int
same_verdict(const domain_health_verdict *a, const domain_health_verdict *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* The verdict of a state built from the rows in order. */
static int
decide_rows(const event *ev, int n, const domain_health_params *p, domain_health_verdict *v)
{
	domain_health h;
	int			i;

	domain_health_init(&h, p);
	for (i = 0; i < n; i++)
		domain_health_add(&h, ev[i].code, ev[i].at);
	return domain_health_decide(&h, v);
}

/* The state of rows given as (code, day) pairs, under the defaults. */
static domain_state
state_of(const int *pairs, int n)
{
	event		ev[64];
	domain_health_params p = domain_health_default_params();
	domain_health_verdict v;
	int			i;

	for (i = 0; i < n; i++)
	{
		ev[i].code = pairs[2 * i];
		ev[i].at = pairs[2 * i + 1] * DAY;
	}
	if (!decide_rows(ev, n, &p, &v))
		return (domain_state) -1;
	return v.state;
}

#define STATE_OF(...) state_of((const int[]) {__VA_ARGS__}, (int) (sizeof((const int[]) {__VA_ARGS__}) / sizeof(int) / 2))

/* Each state and clause of the rule, under the defaults (5 problems, 7 days, 0.5, 0.6). */
static void
test_states(void)
{
	domain_health h;
	domain_health_params p = domain_health_default_params();
	domain_health_verdict v;

	/* No rows: no verdict. */
	domain_health_init(&h, &p);
	CHECK(!domain_health_decide(&h, &v));
	/* Four problems are too few. */
	CHECK_INT(STATE_OF(29, 1, 29, 2, 29, 3, 29, 4), DOMAIN_HEALTHY);
	/* Five connection failures and no success ever: unreachable (the seed's 29: the domain does not work). */
	CHECK_INT(STATE_OF(29, 1, 29, 2, 21, 3, 29, 4, 29, 5), DOMAIN_UNREACHABLE);
	/* The same after a success 8 days before the last failure: still unreachable. */
	CHECK_INT(STATE_OF(0, 0, 29, 1, 29, 2, 21, 3, 29, 4, 29, 8), DOMAIN_UNREACHABLE);
	/* A success 7 days before the last failure: it works and refuses us, blocking (29 read as a block). */
	CHECK_INT(STATE_OF(0, 1, 29, 1, 29, 2, 21, 3, 29, 4, 29, 8), DOMAIN_BLOCKING);
	/* A success after the failures is recent too. */
	CHECK_INT(STATE_OF(29, 1, 29, 2, 21, 3, 29, 4, 29, 5, 0, 30), DOMAIN_BLOCKING);
	/* Blocks dominate (the seed's 59: a large domain blocks us). */
	CHECK_INT(STATE_OF(59, 1, 59, 1, 51, 2, 52, 3, 50, 4, 0, 5), DOMAIN_BLOCKING);
	/* Rate limits dominate. */
	CHECK_INT(STATE_OF(70, 1, 70, 1, 20, 2, 70, 3, 70, 4, 29, 5), DOMAIN_THROTTLING);
	/* No kind reaches 60% of problems. */
	CHECK_INT(STATE_OF(70, 1, 70, 1, 29, 2, 29, 3, 51, 4, 51, 5), DOMAIN_MIXED);
	/* Most mail got through: 5 blocks, 6 successes. */
	CHECK_INT(STATE_OF(51, 1, 51, 1, 51, 1, 51, 1, 51, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), DOMAIN_HEALTHY);
	/* Exactly half: a problem share of 0.5 is reached. */
	CHECK_INT(STATE_OF(51, 1, 51, 1, 51, 1, 51, 1, 51, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), DOMAIN_BLOCKING);
	/* Other codes (about addresses, the platform) count as events only. */
	CHECK_INT(STATE_OF(10, 1, 10, 1, 22, 1, 110, 1, 123, 1, 40, 1, 90, 1), DOMAIN_HEALTHY);

	/* The evidence. */
	{
		event		ev[] = {{0, 1 * DAY}, {51, 2 * DAY}, {59, 3 * DAY}, {10, 4 * DAY}, {70, 5 * DAY}, {60, 6 * DAY}};

		CHECK(decide_rows(ev, 6, &p, &v));
		CHECK_INT(v.events, 6);
		CHECK_INT(v.counts[DOMAIN_KIND_SUCCESS], 2);
		CHECK_INT(v.counts[DOMAIN_KIND_BLOCK], 2);
		CHECK_INT(v.counts[DOMAIN_KIND_THROTTLE], 1);
		CHECK_INT(v.counts[DOMAIN_KIND_OTHER], 1);
		CHECK(v.has_outcomes && v.block_share == 2.0 / 5.0);
		CHECK(v.has_problem && v.first_problem == 2 * DAY && v.last_problem == 5 * DAY);
		CHECK(v.has_success && v.last_success == 6 * DAY);
	}
	{
		event		ev[] = {{10, DAY}};

		CHECK(decide_rows(ev, 1, &p, &v));
		CHECK(!v.has_outcomes && !v.has_problem && !v.has_success && v.state == DOMAIN_HEALTHY);
	}
}

/* Each parameter moves the answer where it should. */
static void
test_parameters(void)
{
	event		ev[] = {{29, 1 * DAY}, {29, 2 * DAY}, {29, 3 * DAY}, {0, 4 * DAY}, {0, 5 * DAY}, {29, 9 * DAY}};
	domain_health_params p = domain_health_default_params();
	domain_health_verdict v;

	/* Defaults: 4 problems < 5: healthy. */
	decide_rows(ev, 6, &p, &v);
	CHECK_INT(v.state, DOMAIN_HEALTHY);
	/* min_events 4: 4 of 6 outcomes are problems, all unreachable; success 4 days before: blocking. */
	p.min_events = 4;
	decide_rows(ev, 6, &p, &v);
	CHECK_INT(v.state, DOMAIN_BLOCKING);
	/* window 3 days: the success is too old: unreachable. */
	p.window = 3 * DAY;
	decide_rows(ev, 6, &p, &v);
	CHECK_INT(v.state, DOMAIN_UNREACHABLE);
	/* problem_share 0.7: 4 of 6 is below: healthy. */
	p.problem_share = 0.7;
	decide_rows(ev, 6, &p, &v);
	CHECK_INT(v.state, DOMAIN_HEALTHY);
	/* problem_share 0: any min_events problems are enough. */
	p.problem_share = 0;
	decide_rows(ev, 6, &p, &v);
	CHECK_INT(v.state, DOMAIN_UNREACHABLE);
	/* dominant_share: 3 blocks of 5 problems is 0.6. */
	{
		event		mix[] = {{51, DAY}, {51, DAY}, {51, DAY}, {70, DAY}, {29, DAY}};

		p = domain_health_default_params();
		decide_rows(mix, 5, &p, &v);
		CHECK_INT(v.state, DOMAIN_BLOCKING);
		p.dominant_share = 0.61;
		decide_rows(mix, 5, &p, &v);
		CHECK_INT(v.state, DOMAIN_MIXED);
	}
	/* Validity. */
	p = domain_health_default_params();
	CHECK(domain_health_params_valid(&p));
	p.min_events = 0;
	CHECK(!domain_health_params_valid(&p));
	p = domain_health_default_params();
	p.window = -1;
	CHECK(!domain_health_params_valid(&p));
	p = domain_health_default_params();
	p.problem_share = 1.01;
	CHECK(!domain_health_params_valid(&p));
	p = domain_health_default_params();
	p.dominant_share = -0.1;
	CHECK(!domain_health_params_valid(&p));
	p.dominant_share = 0.0 / 0.0;
	CHECK(!domain_health_params_valid(&p));
}

/* The codes of the table, to draw from. */
static const int codes[] = {0, 10, 20, 21, 22, 23, 29, 30, 40, 50, 51, 52, 53, 54, 59, 60, 70, 90, 100, 110,
120, 121, 122, 123, 200};

/* n random rows over few instants (so that extremes repeat). */
static void
random_rows(event *ev, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		ev[i].code = codes[rand() % (int) (sizeof(codes) / sizeof(codes[0]))];
		ev[i].at = (int64_t) (rand() % 20) * DAY - 5 * DAY;
	}
}

/* Random parameters in range. */
static domain_health_params
random_params(void)
{
	domain_health_params p;

	p.min_events = 1 + rand() % 8;
	p.window = (int64_t) (rand() % 10) * DAY;
	p.problem_share = (rand() % 11) / 10.0;
	p.dominant_share = (rand() % 11) / 10.0;
	return p;
}

/* Shuffles, splits, round trips and windows against the oracle. */
static void
test_random(void)
{
	int			round;

	srand(1515);
	for (round = 0; round < 3000; round++)
	{
		event		ev[80] = {{0, 0}},
					shuffled[80];
		int			n = rand() % 80,
					i,
					split;
		domain_health_params p = random_params();
		domain_health_verdict want,
					got;
		domain_health a,
					b,
					back;
		unsigned char bytes[DOMAIN_HEALTH_SERIAL_SIZE],
					again[DOMAIN_HEALTH_SERIAL_SIZE];
		int			has = 0;

		random_rows(ev, n);
		has = oracle(ev, n, &p, &want);

		/* Any order. */
		memcpy(shuffled, ev, (size_t) n * sizeof(event));
		for (i = n - 1; i > 0; i--)
		{
			int			j = rand() % (i + 1);
			event		t = shuffled[i];

			shuffled[i] = shuffled[j];
			shuffled[j] = t;
		}
		CHECK(decide_rows(shuffled, n, &p, &got) == has);
		if (has)
			CHECK(same_verdict(&got, &want));

		/* Any split, combined either way, through bytes. */
		split = n > 0 ? rand() % (n + 1) : 0;
		domain_health_init(&a, &p);
		domain_health_init(&b, &p);
		for (i = 0; i < split; i++)
			domain_health_add(&a, shuffled[i].code, shuffled[i].at);
		for (i = split; i < n; i++)
			domain_health_add(&b, shuffled[i].code, shuffled[i].at);
		domain_health_serialize(&b, bytes);
		CHECK(domain_health_deserialize(bytes, sizeof(bytes), &back) == DOMAIN_HEALTH_OK);
		/* The state read back writes the same bytes (the struct's padding is never compared). */
		domain_health_serialize(&back, again);
		CHECK(memcmp(again, bytes, sizeof(bytes)) == 0);
		CHECK(domain_health_combine(&a, &back) == DOMAIN_HEALTH_OK);
		CHECK(domain_health_decide(&a, &got) == has);
		if (has)
			CHECK(same_verdict(&got, &want));

		/* A sliding window: the oldest rows leave; when remove cannot undo, rebuild. */
		{
			event		sorted[80];
			domain_health w;
			int			head;

			memcpy(sorted, ev, (size_t) n * sizeof(event));
			/* Insertion sort by time: the frame's order. */
			for (i = 1; i < n; i++)
			{
				event		t = sorted[i];
				int			j = i;

				while (j > 0 && sorted[j - 1].at > t.at)
				{
					sorted[j] = sorted[j - 1];
					j--;
				}
				sorted[j] = t;
			}
			domain_health_init(&w, &p);
			for (i = 0; i < n; i++)
				domain_health_add(&w, sorted[i].code, sorted[i].at);
			for (head = 0; head < n; head++)
			{
				if (domain_health_remove(&w, sorted[head].code, sorted[head].at) != DOMAIN_HEALTH_OK)
				{
					domain_health_init(&w, &p);
					for (i = head + 1; i < n; i++)
						domain_health_add(&w, sorted[i].code, sorted[i].at);
				}
				has = oracle(sorted + head + 1, n - head - 1, &p, &want);
				CHECK(domain_health_decide(&w, &got) == has);
				if (has)
					CHECK(same_verdict(&got, &want));
			}
		}
	}
}

/* Combining different rules is refused; malformed bytes are refused. */
static void
test_errors(void)
{
	domain_health_params p = domain_health_default_params(),
				q = p;
	domain_health a,
				b,
				out;
	unsigned char bytes[DOMAIN_HEALTH_SERIAL_SIZE],
				bad[DOMAIN_HEALTH_SERIAL_SIZE];
	size_t		i;
	int			accepted = 0;

	q.min_events = 6;
	domain_health_init(&a, &p);
	domain_health_init(&b, &q);
	CHECK(domain_health_combine(&a, &b) == DOMAIN_HEALTH_PARAMS_DIFFER);

	domain_health_add(&a, 29, DAY);
	domain_health_add(&a, 0, 2 * DAY);
	domain_health_add(&a, 51, 3 * DAY);
	domain_health_serialize(&a, bytes);
	CHECK(domain_health_deserialize(bytes, sizeof(bytes) - 1, &out) == DOMAIN_HEALTH_MALFORMED);
	memcpy(bad, bytes, sizeof(bad));
	bad[0] = 2;
	CHECK(domain_health_deserialize(bad, sizeof(bad), &out) == DOMAIN_HEALTH_MALFORMED);
	/* min_events 0. */
	memcpy(bad, bytes, sizeof(bad));
	memset(bad + 1, 0, 4);
	CHECK(domain_health_deserialize(bad, sizeof(bad), &out) == DOMAIN_HEALTH_MALFORMED);
	/* Every single-byte change in the counts and extremes gives a consistent state or MALFORMED, never a crash. */
	for (i = 29; i < sizeof(bytes); i++)
	{
		memcpy(bad, bytes, sizeof(bad));
		bad[i] ^= 0x01;
		if (domain_health_deserialize(bad, sizeof(bad), &out) == DOMAIN_HEALTH_OK)
			accepted++;
	}
	/* Flipping a low bit of a count of "other" or of a time keeps a consistent state; of an extreme's rows, not. */
	CHECK(accepted > 0 && accepted < (int) (sizeof(bytes) - 29));
	/* Remove of a row never added. */
	domain_health_init(&a, &p);
	CHECK(domain_health_remove(&a, 29, DAY) == DOMAIN_HEALTH_CANNOT_UNDO);
}

int
main(void)
{
	test_states();
	test_parameters();
	test_random();
	test_errors();
	return unit_finish("domain_health");
}
