/*
 * phrases.c — the phrase table, assembled from the .def files.
 */
#include "phrases.h"

#define PHRASE(code, strength, rule, text) {text, code, strength, rule, PHRASE_CUE, IN_ANY},
#define SUBJECT(code, strength, rule, text) {text, code, strength, rule, PHRASE_CUE, IN_SUBJECT_ONLY},
#define CUT(text) {text, 0, 0, "original_message", PHRASE_CUT, IN_ANY},
#define FORWARD(text) {text, 0, 0, "forwarded", PHRASE_FORWARD, IN_ANY},
#define QUOTE(text) {text, 0, 0, "quoted_reply", PHRASE_QUOTE, IN_ANY},
#define BANNER(text) {text, 0, 0, "banner", PHRASE_BANNER, IN_ANY},

const phrase bounce_phrases[] = {
#include "phrases_en.def"
#include "phrases_intl.def"
#include "phrases_segments.def"
#include "phrases_providers.def"
};

const int	bounce_phrase_count = (int) (sizeof(bounce_phrases) / sizeof(bounce_phrases[0]));
