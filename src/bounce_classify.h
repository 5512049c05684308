/*
 * bounce_classify.h — the glue's one way into the core classifier.
 *
 * classify_bounce(), bounce_explain() and the classification trigger all call
 * the core through this function, so the recipient, the rule set and the
 * cancel hook are wired in one place and every face decides alike.
 */
#ifndef BOUNCECODE_CLASSIFY_GLUE_H
#define BOUNCECODE_CLASSIFY_GLUE_H

#include <stddef.h>

#include "core/classify.h"
#include "core/rules.h"

/*
 * The core's options as every face sets them: the recipient and the rule set
 * (NULL: none) and the cancel hook.
 */
extern void bounce_classify_options(bounce_options *options, const char *recipient,
									size_t recipient_len, const bounce_ruleset *rules);

/*
 * Classify len bytes of response; recipient and rules may be NULL (none).  code_only:
 * only result->code (and rule) is wanted, the explanation is not computed.
 */
extern void bounce_classify_bytes(const char *response, size_t len,
								  const char *recipient, size_t recipient_len,
								  const bounce_ruleset *rules, bool code_only, bounce_result *result);

#endif							/* BOUNCECODE_CLASSIFY_GLUE_H */
