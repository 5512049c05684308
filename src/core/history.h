/*
 * history.h — is an address invalid, given its bounce history?  The rule of
 * bounce_invalid() and bounce_verdict() as an order-independent state that can
 * be built row by row, have rows taken out again (sliding windows), be merged
 * with another state (parallel workers, shards) and travel as bytes.
 *
 * The rule, over the (code, time) pairs of one group:
 *   1. Only events at or after the latest reset count.  A reset (codes 0, 60,
 *      100) is evidence that the mailbox accepted mail.  An event at the same
 *      instant as a reset counts.
 *   2. Invalid if a hard code (10, 90) is counted, or at least soft_limit soft
 *      codes (20, 21, 22, 29) are counted and the earliest and latest of them
 *      are at least min_span apart.
 *   3. Other and NA codes neither count nor reset.
 *   4. The result depends only on the set of (code, time) pairs: a row repeated
 *      with the same code and time is the same evidence and counts once.
 *
 * Pure C (no PostgreSQL headers).  Times are int64 microseconds, as
 * PostgreSQL's timestamptz; the core never interprets them beyond ordering and
 * subtraction.
 *
 * Size: the state keeps one 16-byte entry per distinct (time, code) pair of a
 * hard or soft bounce at or after the latest reset, after a 64-byte header, in
 * one block of 128 bytes or a power of two above (room to grow); serialized,
 * exactly BOUNCE_HISTORY_SERIAL_HEADER + BOUNCE_HISTORY_SERIAL_ENTRY bytes per
 * pair.  Row counts are 32-bit and stop at UINT32_MAX; they serve only remove
 * (which a stopped count turns off) and "were there rows at all".
 */
#ifndef BOUNCE_HISTORY_H
#define BOUNCE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

/* What a code does in the rule. */
typedef enum bounce_history_role
{
	BOUNCE_ROLE_NEUTRAL = 0,	/* Other and NA codes (and no code): ignored */
	BOUNCE_ROLE_RESET,			/* 0, 60, 100: the mailbox accepted mail */
	BOUNCE_ROLE_HARD,			/* 10, 90: invalid at once */
	BOUNCE_ROLE_SOFT			/* 20, 21, 22, 29: invalid when they repeat */
} bounce_history_role;

/* The role of a code number in the rule. */
extern bounce_history_role bounce_history_role_of(int code);

/* The rule's two parameters. */
typedef struct bounce_history_params
{
	int32_t		soft_limit;		/* soft bounces needed, >= 1 */
	int64_t		min_span;		/* microseconds from first to last soft, >= 0 */
} bounce_history_params;

#define BOUNCE_HISTORY_DEFAULT_SOFT_LIMIT 3
#define BOUNCE_HISTORY_DEFAULT_MIN_SPAN (INT64_C(15) * 24 * 3600 * 1000000)

/* Nonzero when both parameters are in range. */
extern int	bounce_history_params_valid(const bounce_history_params *params);

/* Results of the operations that can fail. */
typedef enum bounce_history_status
{
	BOUNCE_HISTORY_OK = 0,
	BOUNCE_HISTORY_NO_MEMORY,	/* the allocator returned NULL; state unchanged */
	BOUNCE_HISTORY_TOO_LARGE,	/* more pairs than the state can count */
	BOUNCE_HISTORY_PARAMS_DIFFER,	/* combining groups with different rules */
	BOUNCE_HISTORY_CANNOT_UNDO, /* remove: the state no longer knows enough */
	BOUNCE_HISTORY_MALFORMED	/* deserialize: not a valid serialized state */
} bounce_history_status;

/*
 * Where states live.  alloc and resize behave as malloc and realloc (NULL on
 * failure, the old block intact); arg is passed through (PostgreSQL: the
 * aggregate's memory context).  States are freed by the owner of the memory.
 */
typedef struct bounce_history_allocator
{
	void	   *(*alloc) (size_t size, void *arg);
	void	   *(*resize) (void *block, size_t size, void *arg);
	void	   *arg;
} bounce_history_allocator;

/* The state of one group: opaque, one allocation. */
typedef struct bounce_history bounce_history;

/* Why an address is invalid. */
typedef enum bounce_history_reason
{
	BOUNCE_REASON_NONE = 0,		/* valid */
	BOUNCE_REASON_HARD,			/* a counted hard bounce (wins over soft) */
	BOUNCE_REASON_SOFT			/* enough counted soft bounces over min_span */
} bounce_history_reason;

/* The decision and its evidence. */
typedef struct bounce_history_verdict
{
	int			invalid;
	bounce_history_reason reason;
	uint64_t	hard_bounces;	/* counted distinct (time, hard code) pairs */
	uint64_t	soft_bounces;	/* counted distinct (time, soft code) pairs */
	int			has_soft;		/* first_soft and last_soft are set */
	int64_t		first_soft;
	int64_t		last_soft;
	int			has_reset;		/* last_reset is set */
	int64_t		last_reset;
} bounce_history_verdict;

/* A new state without events, for the rule params; NULL when out of memory. */
extern bounce_history *bounce_history_create(const bounce_history_params *params,
											 const bounce_history_allocator *allocator);

/* The rule the state was created for. */
extern bounce_history_params bounce_history_get_params(const bounce_history *h);

/* Add one event.  The state may move to a larger block: *hp is updated. */
extern bounce_history_status bounce_history_add(bounce_history **hp, int code, int64_t at,
												const bounce_history_allocator *allocator);

/*
 * Take out one event that was added before (a window frame's head moving on).
 * BOUNCE_HISTORY_CANNOT_UNDO when the state cannot say what remains: the
 * latest reset goes while events before it are still in the frame.  The
 * state must then be rebuilt from the remaining events.
 */
extern bounce_history_status bounce_history_remove(bounce_history *h, int code, int64_t at);

/* Merge src into *dstp (both must have the same rule); src is not changed. */
extern bounce_history_status bounce_history_combine(bounce_history **dstp, const bounce_history *src,
													const bounce_history_allocator *allocator);

/*
 * The decision.  Returns 0 when the state holds no rows (the SQL result is
 * NULL), else 1 with *verdict filled in.  Tidies the state in place without
 * changing what it means, so events can still be added afterwards.
 */
extern int	bounce_history_decide(bounce_history *h, bounce_history_verdict *verdict);

/*
 * Serialized form, big-endian, version 1:
 *   u8 version, u8 flags (bit 0: a row count stopped at UINT32_MAX),
 *   i32 soft_limit, i64 min_span, u32 rows, u32 dropped (hard, soft and reset
 *   rows before the latest reset), u32 reset_rows (rows of the latest reset;
 *   0: none), i64 reset_at (0 when there is no reset), u32 n,
 *   then n entries of (i64 at, u16 code, u32 rows), strictly ordered by
 *   (at, code), each a hard or soft code at or after reset_at.
 */
#define BOUNCE_HISTORY_SERIAL_VERSION 1
#define BOUNCE_HISTORY_SERIAL_HEADER 38
#define BOUNCE_HISTORY_SERIAL_ENTRY 14

/* Bytes bounce_history_serialize will write (tidies the state first). */
extern size_t bounce_history_serial_size(bounce_history *h);

/* Write the state into out, which holds bounce_history_serial_size(h) bytes. */
extern void bounce_history_serialize(bounce_history *h, unsigned char *out);

/*
 * Read a serialized state into a new state (*out).  Only the canonical form
 * that bounce_history_serialize writes is accepted: anything else is
 * BOUNCE_HISTORY_MALFORMED.
 */
extern bounce_history_status bounce_history_deserialize(const unsigned char *in, size_t len,
														bounce_history **out,
														const bounce_history_allocator *allocator);

#endif							/* BOUNCE_HISTORY_H */
