/*
 * matcher.h — a multi-pattern matcher: an Aho-Corasick automaton compiled to a
 * full DFA over byte classes, so scanning costs one table lookup per byte
 * whatever the number of patterns (no backtracking, linear time).
 *
 * Patterns are byte strings, matched exactly; the caller folds case and
 * whitespace before stepping (see scanner.c; fold_pattern in fold.h folds a
 * pattern as text is folded).  The whole public interface, for any pattern
 * set built at run time:
 *
 *   matcher_build(&m, patterns, n, alloc, release)   once per pattern set
 *   s = 0; s = matcher_step(&m, s, byte)             per byte of text
 *   matcher_has_output(&m, s), matcher_outputs(&m, s) the pattern ids ending here
 *   matcher_free(&m, release)                        when the set is dropped
 *
 * Whole-word matching is the caller's (scanner.c checks the bytes around a
 * match with scan_pattern_shape's boundaries).
 */
#ifndef BOUNCE_MATCHER_H
#define BOUNCE_MATCHER_H

#include <stddef.h>
#include <stdint.h>

typedef uint16_t matcher_state;

/* The most states one automaton can have (state ids 0 .. MATCHER_MAX_STATES - 1). */
#define MATCHER_MAX_STATES 65535

typedef struct matcher
{
	int			nstates;
	int			nclasses;
	/*
	 * States are numbered so that those where patterns end come last: the
	 * hot loop knows whether to look for matches by one comparison with the
	 * state it already holds, with no flag bit taken from the state's range.
	 */
	matcher_state first_output_state;
	uint8_t		byte_class[256];	/* byte -> class; class 0 is "in no pattern" */
	matcher_state *next;		/* nstates * nclasses transitions */
	int32_t    *first_output;	/* per state: index into outputs, or -1 */
	int32_t    *outputs;		/* pattern ids, each run ended by -1 */
} matcher;

/*
 * Build the automaton for npatterns NUL-terminated patterns.  Returns 0, or -1
 * when memory runs out or there are more states than matcher_state can hold.
 * alloc/release are the caller's allocator (malloc/free in tests, a long-lived
 * memory context in PostgreSQL).
 */
extern int	matcher_build(matcher *m, const char *const *patterns, int npatterns,
						  void *(*alloc) (size_t), void (*release) (void *));

/* Release what matcher_build allocated (with the same allocator's release). */
extern void matcher_free(matcher *m, void (*release) (void *));

/* The next state after byte c. */
static inline matcher_state
matcher_step(const matcher *m, matcher_state s, unsigned char c)
{
	return m->next[(size_t) s * (size_t) m->nclasses + m->byte_class[c]];
}

/* Do patterns end in state s? */
static inline int
matcher_has_output(const matcher *m, matcher_state s)
{
	return s >= m->first_output_state;
}

/* The pattern ids that end in state s, terminated by -1; NULL when none. */
static inline const int32_t *
matcher_outputs(const matcher *m, matcher_state s)
{
	int32_t		first = m->first_output[s];

	return first < 0 ? NULL : &m->outputs[first];
}

#endif
