/*
 * matcher.c — building the Aho-Corasick DFA (see matcher.h).
 *
 * Construction: a trie of the patterns, then a breadth-first pass that fills
 * every missing transition from the failure state, making a complete DFA.  Each
 * state's output list is its own patterns followed by its failure state's, so
 * the scanner reads all matches ending at a byte from one list.
 */
#include "matcher.h"

#include <string.h>

/* Build context: the trie before it becomes a DFA. */
typedef struct build
{
	matcher    *m;
	int32_t    *own;			/* per state: first pattern ending here, -1 */
	int32_t    *own_next;		/* per pattern: next pattern ending in the same state */
	int32_t    *fail;
	void	   *(*alloc) (size_t);
	void		(*release) (void *);
} build;

/* Assign byte classes: every byte used in a pattern gets its own class. */
static void
assign_classes(matcher *m, const char *const *patterns, int npatterns)
{
	int			i;

	memset(m->byte_class, 0, sizeof(m->byte_class));
	m->nclasses = 1;
	for (i = 0; i < npatterns; i++)
	{
		const unsigned char *p;

		for (p = (const unsigned char *) patterns[i]; *p; p++)
			if (m->byte_class[*p] == 0)
				m->byte_class[*p] = (uint8_t) m->nclasses++;
	}
}

/* Insert every pattern into the trie; returns the number of states or -1. */
static int
insert_patterns(build *b, const char *const *patterns, int npatterns, int max_states)
{
	matcher    *m = b->m;
	int			nstates = 1;
	int			i;

	for (i = 0; i < npatterns; i++)
	{
		const unsigned char *p;
		int			s = 0;

		for (p = (const unsigned char *) patterns[i]; *p; p++)
		{
			size_t		slot = (size_t) s * (size_t) m->nclasses + m->byte_class[*p];

			if (m->next[slot] == 0)
			{
				if (nstates >= max_states)
					return -1;
				m->next[slot] = (matcher_state) nstates++;
			}
			s = m->next[slot];
		}
		b->own_next[i] = b->own[s];
		b->own[s] = i;
	}
	return nstates;
}

/* Breadth-first: failure links, completed transitions, merged output lists. */
static int
complete_dfa(build *b, int npatterns)
{
	matcher    *m = b->m;
	int			nclasses = m->nclasses;
	int32_t    *queue = b->alloc(sizeof(int32_t) * (size_t) m->nstates);
	int			head = 0,
				tail = 0,
				c,
				noutputs = 0;

	if (queue == NULL)
		return -1;
	(void) npatterns;
	b->fail[0] = 0;
	for (c = 1; c < nclasses; c++)
	{
		matcher_state t = m->next[c];

		if (t != 0)
		{
			b->fail[t] = 0;
			queue[tail++] = t;
		}
	}
	while (head < tail)
	{
		int			s = queue[head++];

		for (c = 1; c < nclasses; c++)
		{
			size_t		slot = (size_t) s * (size_t) nclasses + (size_t) c;
			matcher_state t = m->next[slot];
			matcher_state f = m->next[(size_t) b->fail[s] * (size_t) nclasses + (size_t) c];

			if (t != 0)
			{
				b->fail[t] = f;
				queue[tail++] = t;
			}
			else
				m->next[slot] = f;
		}
	}

	/* Output lists: in BFS order a state's failure state is already done. */
	{
		int			i;
		int			capacity = 0;

		/* Each state's list: own patterns + failure state's list + terminator. */
		int32_t    *len = b->alloc(sizeof(int32_t) * (size_t) m->nstates);

		if (len == NULL)
		{
			b->release(queue);
			return -1;
		}
		len[0] = 0;
		for (i = 0; i < tail + 1; i++)
		{
			int			s = i == 0 ? 0 : queue[i - 1];
			int			n = 0;
			int32_t		p;

			for (p = b->own[s]; p >= 0; p = b->own_next[p])
				n++;
			len[s] = n + (s == 0 ? 0 : len[b->fail[s]]);
			if (len[s] > 0)
				capacity += len[s] + 1;
		}
		m->outputs = b->alloc(sizeof(int32_t) * (size_t) (capacity + 1));
		if (m->outputs == NULL)
		{
			b->release(len);
			b->release(queue);
			return -1;
		}
		for (i = 0; i < tail + 1; i++)
		{
			int			s = i == 0 ? 0 : queue[i - 1];
			int32_t		p;

			if (len[s] == 0)
			{
				m->first_output[s] = -1;
				continue;
			}
			m->first_output[s] = noutputs;
			for (p = b->own[s]; p >= 0; p = b->own_next[p])
				m->outputs[noutputs++] = p;
			if (s != 0 && m->first_output[b->fail[s]] >= 0)
			{
				const int32_t *q = &m->outputs[m->first_output[b->fail[s]]];

				while (*q >= 0)
					m->outputs[noutputs++] = *q++;
			}
			m->outputs[noutputs++] = -1;
		}
		b->release(len);
	}
	b->release(queue);
	return 0;
}

/*
 * Renumber the states breadth-first, so the shallow states that ordinary text
 * keeps returning to share a few kilobytes of the table (cache-friendly), not
 * rows scattered over megabytes; the states where patterns end go last, in
 * the same order, so matcher_has_output() is one comparison.  The root has no
 * output (patterns are never empty), so it stays state 0.  Returns 0 or -1
 * when memory runs out.
 */
static int
renumber_breadth_first(matcher *m, void *(*alloc) (size_t), void (*release) (void *))
{
	int			n = m->nstates,
				nclasses = m->nclasses;
	int32_t    *order = alloc(sizeof(int32_t) * (size_t) n);
	int32_t    *rank = alloc(sizeof(int32_t) * (size_t) n);
	matcher_state *next = alloc(sizeof(matcher_state) * (size_t) n * (size_t) nclasses);
	int32_t    *first = alloc(sizeof(int32_t) * (size_t) n);
	int			head = 0,
				tail = 0,
				s,
				c;

	if (!order || !rank || !next || !first)
	{
		if (order)
			release(order);
		if (rank)
			release(rank);
		if (next)
			release(next);
		if (first)
			release(first);
		return -1;
	}
	for (s = 0; s < n; s++)
		rank[s] = -1;
	order[tail++] = 0;
	rank[0] = 0;
	while (head < tail)
	{
		s = order[head++];
		for (c = 0; c < nclasses; c++)
		{
			int			t = m->next[(size_t) s * (size_t) nclasses + (size_t) c];

			if (rank[t] < 0)
			{
				rank[t] = tail;
				order[tail++] = t;
			}
		}
	}
	/* Breadth-first order, the states without output first. */
	{
		int			r = 0,
					i,
					pass;

		for (pass = 0; pass < 2; pass++)
		{
			if (pass == 1)
				m->first_output_state = (matcher_state) r;
			for (i = 0; i < tail; i++)
				if ((m->first_output[order[i]] >= 0) == (pass == 1))
					rank[order[i]] = r++;
		}
	}
	for (s = 0; s < n; s++)
	{
		int			r = rank[s];

		first[r] = m->first_output[s];
		for (c = 0; c < nclasses; c++)
			next[(size_t) r * (size_t) nclasses + (size_t) c] =
				(matcher_state) rank[m->next[(size_t) s * (size_t) nclasses + (size_t) c]];
	}
	release(m->next);
	release(m->first_output);
	m->next = next;
	m->first_output = first;
	release(order);
	release(rank);
	return 0;
}

void
matcher_free(matcher *m, void (*release) (void *))
{
	if (m->next)
		release(m->next);
	if (m->first_output)
		release(m->first_output);
	if (m->outputs)
		release(m->outputs);
	memset(m, 0, sizeof(*m));
}

int
matcher_build(matcher *m, const char *const *patterns, int npatterns,
			  void *(*alloc) (size_t), void (*release) (void *))
{
	build		b;
	int			max_states = 1;
	int			i;
	size_t		table;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < npatterns; i++)
		if (patterns[i][0] == '\0')
			return -1;			/* an empty pattern would match everywhere */
	assign_classes(m, patterns, npatterns);
	/*
	 * The trie has at most one state per pattern byte, and far fewer where
	 * patterns share prefixes: allocate for the smaller of that bound and the
	 * most states a matcher_state can name; insert_patterns fails only when
	 * the trie truly needs more.
	 */
	for (i = 0; i < npatterns && max_states < MATCHER_MAX_STATES; i++)
		max_states += (int) strlen(patterns[i]);
	if (max_states > MATCHER_MAX_STATES)
		max_states = MATCHER_MAX_STATES;

	b.m = m;
	b.alloc = alloc;
	b.release = release;
	table = (size_t) max_states * (size_t) m->nclasses;
	m->next = alloc(sizeof(matcher_state) * table);
	b.own = alloc(sizeof(int32_t) * (size_t) max_states);
	b.own_next = alloc(sizeof(int32_t) * (size_t) (npatterns > 0 ? npatterns : 1));
	b.fail = alloc(sizeof(int32_t) * (size_t) max_states);
	m->first_output = alloc(sizeof(int32_t) * (size_t) max_states);
	if (!m->next || !b.own || !b.own_next || !b.fail || !m->first_output)
		goto fail;
	memset(m->next, 0, sizeof(matcher_state) * table);
	for (i = 0; i < max_states; i++)
		b.own[i] = -1;

	m->nstates = insert_patterns(&b, patterns, npatterns, max_states);
	if (m->nstates < 0 || complete_dfa(&b, npatterns) < 0 ||
		renumber_breadth_first(m, alloc, release) < 0)
		goto fail;
	release(b.own);
	release(b.own_next);
	release(b.fail);
	return 0;

fail:
	if (b.own)
		release(b.own);
	if (b.own_next)
		release(b.own_next);
	if (b.fail)
		release(b.fail);
	matcher_free(m, release);
	return -1;
}
