/*
 * domain_health.c — the domain-health rule over counts (see domain_health.h).
 *
 * Why counts and three extremes are enough: every clause of the rule reads
 * only how many rows of each kind there are, the first and last problem and
 * the last success.  Counts add and subtract; extremes merge by min and max.
 * So the state is of fixed size whatever the group's volume (a provider's
 * millions of rows included), and order never matters.  Remove cannot always
 * undo an extreme: when the row leaving is the last one at the extreme's
 * instant while rows of its kind remain, the next extreme is unknown, and
 * PostgreSQL recomputes the window frame from its rows.
 */
#include "domain_health.h"

#include <string.h>

#include "big_endian.h"
#include "bounce_codes.h"

/* The kind of every code of the table (domain_health.h lists why). */
domain_kind
domain_kind_of(int code)
{
	switch (code)
	{
		case BOUNCE_0:
		case BOUNCE_60:
		case BOUNCE_100:
		case BOUNCE_200:
			return DOMAIN_KIND_SUCCESS;
		case BOUNCE_21:
		case BOUNCE_29:
			return DOMAIN_KIND_UNREACHABLE;
		case BOUNCE_50:
		case BOUNCE_51:
		case BOUNCE_52:
		case BOUNCE_53:
		case BOUNCE_54:
		case BOUNCE_59:
			return DOMAIN_KIND_BLOCK;
		case BOUNCE_20:
		case BOUNCE_70:
			return DOMAIN_KIND_THROTTLE;
		default:
			return DOMAIN_KIND_OTHER;
	}
}

domain_health_params
domain_health_default_params(void)
{
	domain_health_params p = {DOMAIN_HEALTH_DEFAULT_MIN_EVENTS, DOMAIN_HEALTH_DEFAULT_WINDOW,
	DOMAIN_HEALTH_DEFAULT_PROBLEM_SHARE, DOMAIN_HEALTH_DEFAULT_DOMINANT_SHARE};

	return p;
}

/* Is a share a number from 0 to 1 (NaN is not)? */
static int
share_valid(double share)
{
	return share >= 0.0 && share <= 1.0;
}

int
domain_health_params_valid(const domain_health_params *params)
{
	return params->min_events >= 1 && params->window >= 0 &&
		share_valid(params->problem_share) && share_valid(params->dominant_share);
}

int
domain_health_params_equal(const domain_health_params *a, const domain_health_params *b)
{
	return a->min_events == b->min_events && a->window == b->window &&
		a->problem_share == b->problem_share && a->dominant_share == b->dominant_share;
}

static const char *const state_names[] = {"healthy", "unreachable", "blocking", "throttling", "mixed"};

const char *
domain_state_name(domain_state state)
{
	return state_names[state];
}

void
domain_health_init(domain_health *h, const domain_health_params *params)
{
	memset(h, 0, sizeof(*h));
	h->params = *params;
}

/* Is the kind one of the domain's problems? */
static int
is_problem(domain_kind kind)
{
	return kind == DOMAIN_KIND_UNREACHABLE || kind == DOMAIN_KIND_BLOCK || kind == DOMAIN_KIND_THROTTLE;
}

/* Take rows at instant at into an extreme (*t, *rows); later wins when want_later, else earlier. */
static void
extreme_add(int64_t *t, uint64_t *rows, int64_t at, uint64_t n, int want_later)
{
	if (n == 0)
		return;
	if (*rows == 0 || (want_later ? at > *t : at < *t))
	{
		*t = at;
		*rows = n;
	}
	else if (at == *t)
		*rows += n;
}

/*
 * Take one row at instant at out of an extreme; remaining is the number of
 * rows of its kind left.  0 when the extreme is still known.
 */
static int
extreme_remove(int64_t *t, uint64_t *rows, int64_t at, uint64_t remaining)
{
	if (remaining == 0)
	{
		*t = 0;
		*rows = 0;
		return 0;
	}
	if (at != *t)
		return 0;
	if (*rows > 1)
	{
		(*rows)--;
		return 0;
	}
	return -1;
}

void
domain_health_add(domain_health *h, int code, int64_t at)
{
	domain_kind kind = domain_kind_of(code);

	h->counts[kind]++;
	if (is_problem(kind))
	{
		extreme_add(&h->first_problem, &h->first_problem_rows, at, 1, 0);
		extreme_add(&h->last_problem, &h->last_problem_rows, at, 1, 1);
	}
	else if (kind == DOMAIN_KIND_SUCCESS)
		extreme_add(&h->last_success, &h->last_success_rows, at, 1, 1);
}

/* Problems counted in the state. */
static uint64_t
problems(const domain_health *h)
{
	return h->counts[DOMAIN_KIND_UNREACHABLE] + h->counts[DOMAIN_KIND_BLOCK] + h->counts[DOMAIN_KIND_THROTTLE];
}

domain_health_status
domain_health_remove(domain_health *h, int code, int64_t at)
{
	domain_kind kind = domain_kind_of(code);

	if (h->counts[kind] == 0)
		return DOMAIN_HEALTH_CANNOT_UNDO;
	h->counts[kind]--;
	if (is_problem(kind))
	{
		uint64_t	left = problems(h);

		if (extreme_remove(&h->first_problem, &h->first_problem_rows, at, left) < 0 ||
			extreme_remove(&h->last_problem, &h->last_problem_rows, at, left) < 0)
			return DOMAIN_HEALTH_CANNOT_UNDO;
	}
	else if (kind == DOMAIN_KIND_SUCCESS &&
			 extreme_remove(&h->last_success, &h->last_success_rows, at, h->counts[kind]) < 0)
		return DOMAIN_HEALTH_CANNOT_UNDO;
	return DOMAIN_HEALTH_OK;
}

domain_health_status
domain_health_combine(domain_health *dst, const domain_health *src)
{
	int			k;

	if (!domain_health_params_equal(&dst->params, &src->params))
		return DOMAIN_HEALTH_PARAMS_DIFFER;
	for (k = 0; k < DOMAIN_KIND_COUNT; k++)
		dst->counts[k] += src->counts[k];
	extreme_add(&dst->first_problem, &dst->first_problem_rows, src->first_problem, src->first_problem_rows, 0);
	extreme_add(&dst->last_problem, &dst->last_problem_rows, src->last_problem, src->last_problem_rows, 1);
	extreme_add(&dst->last_success, &dst->last_success_rows, src->last_success, src->last_success_rows, 1);
	return DOMAIN_HEALTH_OK;
}

/* Does count reach share of total (count >= share x total)? */
static int
reaches(uint64_t count, double share, uint64_t total)
{
	return (double) count >= share * (double) total;
}

/* Clause 3: did the domain accept mail at most window before its last problem, or after it? */
static int
accepted_recently(const domain_health *h)
{
	if (h->last_success_rows == 0)
		return 0;
	/* last_success >= last_problem - window, written without overflow. */
	if (h->last_success >= h->last_problem)
		return 1;
	return (uint64_t) h->last_problem - (uint64_t) h->last_success <= (uint64_t) h->params.window;
}

/* The rule of domain_health.h over the counts. */
static domain_state
decide_state(const domain_health *h)
{
	uint64_t	p = problems(h);
	uint64_t	outcomes = p + h->counts[DOMAIN_KIND_SUCCESS];

	if (p < (uint64_t) h->params.min_events || !reaches(p, h->params.problem_share, outcomes))
		return DOMAIN_HEALTHY;
	if (reaches(h->counts[DOMAIN_KIND_BLOCK], h->params.dominant_share, p))
		return DOMAIN_BLOCKING;
	if (reaches(h->counts[DOMAIN_KIND_UNREACHABLE], h->params.dominant_share, p))
		return accepted_recently(h) ? DOMAIN_BLOCKING : DOMAIN_UNREACHABLE;
	if (reaches(h->counts[DOMAIN_KIND_THROTTLE], h->params.dominant_share, p))
		return DOMAIN_THROTTLING;
	return DOMAIN_MIXED;
}

int
domain_health_decide(const domain_health *h, domain_health_verdict *verdict)
{
	uint64_t	outcomes = problems(h) + h->counts[DOMAIN_KIND_SUCCESS];
	int			k;

	memset(verdict, 0, sizeof(*verdict));
	for (k = 0; k < DOMAIN_KIND_COUNT; k++)
	{
		verdict->counts[k] = h->counts[k];
		verdict->events += h->counts[k];
	}
	if (verdict->events == 0)
		return 0;
	verdict->state = decide_state(h);
	verdict->has_outcomes = outcomes > 0;
	if (outcomes > 0)
		verdict->block_share = (double) h->counts[DOMAIN_KIND_BLOCK] / (double) outcomes;
	verdict->has_problem = h->first_problem_rows > 0;
	verdict->first_problem = h->first_problem;
	verdict->last_problem = h->last_problem;
	verdict->has_success = h->last_success_rows > 0;
	verdict->last_success = h->last_success;
	return 1;
}

/* The IEEE 754 bits of a double. */
static uint64_t
double_bits(double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

/* The double of IEEE 754 bits. */
static double
bits_double(uint64_t u)
{
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

void
domain_health_serialize(const domain_health *h, unsigned char *out)
{
	int			k;

	out = put_uint(out, DOMAIN_HEALTH_SERIAL_VERSION, 1);
	out = put_uint(out, (uint32_t) h->params.min_events, 4);
	out = put_uint(out, (uint64_t) h->params.window, 8);
	out = put_uint(out, double_bits(h->params.problem_share), 8);
	out = put_uint(out, double_bits(h->params.dominant_share), 8);
	for (k = 0; k < DOMAIN_KIND_COUNT; k++)
		out = put_uint(out, h->counts[k], 8);
	out = put_uint(out, (uint64_t) h->first_problem, 8);
	out = put_uint(out, h->first_problem_rows, 8);
	out = put_uint(out, (uint64_t) h->last_problem, 8);
	out = put_uint(out, h->last_problem_rows, 8);
	out = put_uint(out, (uint64_t) h->last_success, 8);
	put_uint(out, h->last_success_rows, 8);
}

/* An extreme is consistent with the rows of its kind: set exactly when there are some, within them. */
static int
extreme_valid(int64_t t, uint64_t rows, uint64_t kind_rows)
{
	if (kind_rows == 0)
		return rows == 0 && t == 0;
	return rows >= 1 && rows <= kind_rows;
}

domain_health_status
domain_health_deserialize(const unsigned char *in, size_t len, domain_health *out)
{
	domain_health h;
	uint64_t	p,
				total = 0;
	int			k;

	if (len != DOMAIN_HEALTH_SERIAL_SIZE || in[0] != DOMAIN_HEALTH_SERIAL_VERSION)
		return DOMAIN_HEALTH_MALFORMED;
	memset(&h, 0, sizeof(h));
	h.params.min_events = (int32_t) (uint32_t) get_uint(in + 1, 4);
	h.params.window = (int64_t) get_uint(in + 5, 8);
	h.params.problem_share = bits_double(get_uint(in + 13, 8));
	h.params.dominant_share = bits_double(get_uint(in + 21, 8));
	in += 29;
	for (k = 0; k < DOMAIN_KIND_COUNT; k++, in += 8)
	{
		h.counts[k] = get_uint(in, 8);
		if (h.counts[k] > UINT64_MAX - total)
			return DOMAIN_HEALTH_MALFORMED;
		total += h.counts[k];
	}
	h.first_problem = (int64_t) get_uint(in, 8);
	h.first_problem_rows = get_uint(in + 8, 8);
	h.last_problem = (int64_t) get_uint(in + 16, 8);
	h.last_problem_rows = get_uint(in + 24, 8);
	h.last_success = (int64_t) get_uint(in + 32, 8);
	h.last_success_rows = get_uint(in + 40, 8);
	p = h.counts[DOMAIN_KIND_UNREACHABLE] + h.counts[DOMAIN_KIND_BLOCK] + h.counts[DOMAIN_KIND_THROTTLE];
	if (!domain_health_params_valid(&h.params) ||
		!extreme_valid(h.first_problem, h.first_problem_rows, p) ||
		!extreme_valid(h.last_problem, h.last_problem_rows, p) ||
		!extreme_valid(h.last_success, h.last_success_rows, h.counts[DOMAIN_KIND_SUCCESS]) ||
		h.first_problem > h.last_problem ||
		(h.first_problem == h.last_problem && h.first_problem_rows != h.last_problem_rows) ||
		(h.first_problem != h.last_problem && h.first_problem_rows > p - h.last_problem_rows))
		return DOMAIN_HEALTH_MALFORMED;
	*out = h;
	return DOMAIN_HEALTH_OK;
}
