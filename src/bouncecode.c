/*
 * bouncecode.c — the module's magic block and start-up: the classifier's
 * automaton is built once per backend, and the setting prefix is claimed.
 */
#include "bouncecode.h"

#include "utils/guc.h"
#include "utils/memutils.h"

#include "core/classify.h"

BOUNCECODE_MODULE_MAGIC;

void		_PG_init(void);

/* Long-lived allocation for the automaton: it lives as long as the backend. */
static void *
automaton_alloc(size_t size)
{
	return MemoryContextAllocExtended(TopMemoryContext, size, MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
}

/* The matching release. */
static void
automaton_release(void *p)
{
	pfree(p);
}

/* Build the classifier when the library loads; bouncecode.* names no setting (a typo is an error). */
void
_PG_init(void)
{
	if (bounce_classifier_init(automaton_alloc, automaton_release) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("bouncecode could not build its classifier")));
	ReserveBounceSettingPrefix("bouncecode");
}
