/*
 * phrases.c — the phrase table, assembled from the .def files.
 */
#include "phrases.h"

#include <stddef.h>

#define ENTRY(text, code, strength, rule, kind, where) \
	{text, code, strength, rule, kind, where, PHRASE_LANG, PHRASE_SOURCE},
#define PHRASE(code, strength, rule, text) ENTRY(text, code, strength, rule, PHRASE_CUE, IN_ANY)
#define SUBJECT(code, strength, rule, text) ENTRY(text, code, strength, rule, PHRASE_CUE, IN_SUBJECT_ONLY)
#define CUT(text) ENTRY(text, -1, 0, "original_message", PHRASE_CUT, IN_ANY)
#define FORWARD(text) ENTRY(text, -1, 0, "forwarded", PHRASE_FORWARD, IN_ANY)
#define QUOTE(text) ENTRY(text, -1, 0, "quoted_reply", PHRASE_QUOTE, IN_ANY)
#define BANNER(text) ENTRY(text, -1, 0, "banner", PHRASE_BANNER, IN_ANY)
#define SENDER_STAGE(text) ENTRY(text, -1, 0, "sender_stage", PHRASE_SENDER_STAGE, IN_ANY)
#define ENCLOSED_BOUNCE(text) ENTRY(text, -1, 0, "enclosed_bounce", PHRASE_ENCLOSED_BOUNCE, IN_ANY)

/*
 * Each table names itself (PHRASE_SOURCE) and its language (PHRASE_LANG;
 * phrases_intl.def sets it per section).  bounce_phrases() shows both.
 */
const phrase bounce_phrases[] = {
#define PHRASE_SOURCE "mta_wordings"
#define PHRASE_LANG "en"
#include "phrases_en.def"
#undef PHRASE_SOURCE
#define PHRASE_SOURCE "mta_wordings_intl"
#include "phrases_intl.def"
#undef PHRASE_SOURCE
#undef PHRASE_LANG
#define PHRASE_SOURCE "segments"
#define PHRASE_LANG NULL
#include "phrases_segments.def"
#undef PHRASE_SOURCE
#undef PHRASE_LANG
#define PHRASE_SOURCE "provider_documentation"
#define PHRASE_LANG "en"
#include "phrases_providers.def"
};

const int	bounce_phrase_count = (int) (sizeof(bounce_phrases) / sizeof(bounce_phrases[0]));
