/*
 * pipeline.h — the classifier's stages for other core files: the scan with its
 * decision, the built automaton and the large-provider test.  classify.c
 * runs them for one code; classify_recipients.c runs them once per message and
 * then decides each recipient from its own evidence.
 */
#ifndef BOUNCE_PIPELINE_H
#define BOUNCE_PIPELINE_H

#include <stddef.h>

#include "classify.h"
#include "matcher.h"
#include "scanner.h"

struct recipient_reader;

/* The automaton bounce_classifier_init built, or NULL before. */
extern const matcher *bounce_classifier_automaton(void);

/*
 * Scan text into sc, with the recipient reader attached (may be NULL), and
 * decide: r holds the message's code as bounce_classify gives it (the
 * explanation unless options->code_only; not the recipient).  Returns 1 when
 * the text was read as a message.
 */
extern int	bounce_classify_scan(scan_state *sc, const char *text, size_t len,
								 const bounce_options *options, struct recipient_reader *reader,
								 bounce_result *r);

#endif
