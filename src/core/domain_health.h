/*
 * domain_health.h — what is wrong with a domain (or a mailbox provider), from
 * the bounce codes of the mail sent to it: the rule of bounce_domain_health()
 * as an order-independent state of fixed size that can be built row by row,
 * have rows taken out again (sliding windows), be merged with another state
 * (parallel workers, shards) and travel as bytes.
 *
 * Each code is of one kind for a domain:
 *   success      0, 60, 100, 200: the domain's servers accepted the mail
 *                (a delivery, an auto-reply, a challenge, a complaint);
 *   unreachable  21, 29: no DNS answer, no connection;
 *   block        50-54, 59: the domain refuses the sender;
 *   throttle     20, 70: deferred, rate-limited;
 *   other        every other code: about the address or the sender's own
 *                platform, not the domain (10, 22, 23, 30, 40, 90, 110-123).
 *
 * The rule, over the counts of one group (problems = unreachable + block +
 * throttle; outcomes = problems + success):
 *   1. healthy when problems < min_events, or problems < problem_share x
 *      outcomes (most mail with an outcome got through);
 *   2. else blocking when blocks >= dominant_share x problems;
 *   3. else, when unreachable >= dominant_share x problems: blocking when the
 *      domain accepted mail at most window before its last problem (or at
 *      any time after it): it works, and refuses connections from us;
 *      unreachable otherwise (it does not work);
 *   4. else throttling when throttles >= dominant_share x problems;
 *   5. else mixed.
 * Rows count as they come (a row repeated counts twice): the rule is about
 * volumes of mail, not distinct events.  The result depends only on the
 * multiset of (code, time) rows, never on their order.
 *
 * Pure C (no PostgreSQL headers); times are int64 microseconds as PostgreSQL's
 * timestamptz, only compared and subtracted.
 */
#ifndef BOUNCE_DOMAIN_HEALTH_H
#define BOUNCE_DOMAIN_HEALTH_H

#include <stddef.h>
#include <stdint.h>

/* What a code says about the domain it was sent to. */
typedef enum domain_kind
{
	DOMAIN_KIND_SUCCESS,
	DOMAIN_KIND_UNREACHABLE,
	DOMAIN_KIND_BLOCK,
	DOMAIN_KIND_THROTTLE,
	DOMAIN_KIND_OTHER,
	DOMAIN_KIND_COUNT
} domain_kind;

/* The kind of a code number; numbers that are no code are other. */
extern domain_kind domain_kind_of(int code);

/* The rule's parameters. */
typedef struct domain_health_params
{
	int32_t		min_events;		/* problems needed before anything is wrong, >= 1 */
	int64_t		window;			/* microseconds: how recent a success must be, >= 0 */
	double		problem_share;	/* share of outcomes that are problems, 0..1 */
	double		dominant_share; /* share of problems that names the kind, 0..1 */
} domain_health_params;

#define DOMAIN_HEALTH_DEFAULT_MIN_EVENTS 5
#define DOMAIN_HEALTH_DEFAULT_WINDOW (INT64_C(7) * 24 * 3600 * 1000000)
#define DOMAIN_HEALTH_DEFAULT_PROBLEM_SHARE 0.5
#define DOMAIN_HEALTH_DEFAULT_DOMINANT_SHARE 0.6

/* The defaults above. */
extern domain_health_params domain_health_default_params(void);

/* Nonzero when every parameter is in range (shares must be numbers in [0, 1]). */
extern int	domain_health_params_valid(const domain_health_params *params);

/* Nonzero when both are the same rule. */
extern int	domain_health_params_equal(const domain_health_params *a, const domain_health_params *b);

/* The state of one group: fixed size, plain data (copy it with memcpy). */
typedef struct domain_health
{
	domain_health_params params;
	uint64_t	counts[DOMAIN_KIND_COUNT];
	/* Extremes, each with the rows at that instant (0: unset), so that remove can keep them. */
	int64_t		first_problem;
	uint64_t	first_problem_rows;
	int64_t		last_problem;
	uint64_t	last_problem_rows;
	int64_t		last_success;
	uint64_t	last_success_rows;
} domain_health;

/* Results of the operations that can fail. */
typedef enum domain_health_status
{
	DOMAIN_HEALTH_OK = 0,
	DOMAIN_HEALTH_PARAMS_DIFFER,	/* combining groups with different rules */
	DOMAIN_HEALTH_CANNOT_UNDO,	/* remove: an extreme leaves while others of its kind remain */
	DOMAIN_HEALTH_MALFORMED		/* deserialize: not a valid serialized state */
} domain_health_status;

/* The states a group can be in. */
typedef enum domain_state
{
	DOMAIN_HEALTHY,
	DOMAIN_UNREACHABLE,
	DOMAIN_BLOCKING,
	DOMAIN_THROTTLING,
	DOMAIN_MIXED
} domain_state;

/* The state's name as SQL shows it ("healthy", ...). */
extern const char *domain_state_name(domain_state state);

/* The decision and its evidence. */
typedef struct domain_health_verdict
{
	domain_state state;
	uint64_t	events;			/* rows with a code and a time */
	uint64_t	counts[DOMAIN_KIND_COUNT];
	int			has_outcomes;	/* block_share is defined */
	double		block_share;	/* blocks / (problems + successes) */
	int			has_problem;	/* first_problem and last_problem are set */
	int64_t		first_problem;
	int64_t		last_problem;
	int			has_success;
	int64_t		last_success;
} domain_health_verdict;

/* Start an empty state for the rule. */
extern void domain_health_init(domain_health *h, const domain_health_params *params);

/* Add one row. */
extern void domain_health_add(domain_health *h, int code, int64_t at);

/* Take out one row that was added before (a window frame's head moving on). */
extern domain_health_status domain_health_remove(domain_health *h, int code, int64_t at);

/* Merge src into dst (same rule). */
extern domain_health_status domain_health_combine(domain_health *dst, const domain_health *src);

/* Returns 0 when the state holds no rows (the SQL result is NULL), else 1 with *verdict filled in. */
extern int	domain_health_decide(const domain_health *h, domain_health_verdict *verdict);

/*
 * Serialized form, big-endian, version 1: u8 version, i32 min_events, i64
 * window, f64 problem_share, f64 dominant_share (IEEE 754 bits), 5 x u64
 * counts, then (i64 time, u64 rows) for first_problem, last_problem and
 * last_success.
 */
#define DOMAIN_HEALTH_SERIAL_VERSION 1
#define DOMAIN_HEALTH_SERIAL_SIZE (1 + 4 + 8 + 8 + 8 + 5 * 8 + 3 * 16)

/* Write the state into out (DOMAIN_HEALTH_SERIAL_SIZE bytes). */
extern void domain_health_serialize(const domain_health *h, unsigned char *out);

/* Read a serialized state; only a consistent state is accepted (else MALFORMED). */
extern domain_health_status domain_health_deserialize(const unsigned char *in, size_t len, domain_health *out);

#endif							/* BOUNCE_DOMAIN_HEALTH_H */
