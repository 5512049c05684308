/*
 * rule_sets.h — the glue of user rule sets: the compiled set of a name, read
 * from the extension's tables (bounce_rulesets, bounce_rules,
 * bounce_large_providers) and cached per backend until their rows change.
 */
#ifndef BOUNCECODE_RULE_SETS_H
#define BOUNCECODE_RULE_SETS_H

#include "postgres.h"

#include "core/rules.h"

/*
 * The compiled rule set named name[0..len), read from the tables in the
 * schema namespace (the calling function's).  Error 42704 when there is no
 * such set.  The set stays valid until the next call of this function.
 */
extern const bounce_ruleset *bounce_rule_set(const char *name, size_t len, Oid namespace);

/* The compiled rule set named by a function's text argument, NULL when absent or SQL NULL. */
extern const bounce_ruleset *bounce_rule_set_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* BOUNCECODE_RULE_SETS_H */
