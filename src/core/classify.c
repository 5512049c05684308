/*
 * classify.c — the classifier's pipeline, start to end:
 *
 *   decode   message.c: the MIME parts, transfer encodings, charsets
 *   segment  segment.c with phrases_segments.def: the parts of the bounce and
 *            their authority (remote reply, status, prose, subject); quoted
 *            text, banners and footers set aside
 *   words    fold.c folds the text; words.c steps over addresses, hosts,
 *            URLs, IPs and opaque tokens (hosts.c says what a host name means)
 *   cues     scanner.c runs matcher.c over the phrases (phrases_*.def) by
 *            whole words, reads fields and codes (smtp_status.c)
 *   decide   decide.c: one code, by the order of authority, constrained by
 *            the reply class, and last what the failed address changes (a
 *            large mailbox provider, no address at all)
 */
#include "classify.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bounce_codes.h"
#include "decide.h"
#include "fold.h"
#include "matcher.h"
#include "message.h"
#include "phrases.h"
#include "pipeline.h"
#include "recipients.h"
#include "scanner.h"

/*
 * The built-in phrases in two automata (scanner.h): those whose folded text
 * is ASCII (every Latin script folds to it), and those in other scripts.
 */
static matcher automaton;
static matcher script_automaton;
static int	automaton_ready;

/* Does a folded pattern hold a byte of a script that does not fold to ASCII? */
static int
is_script_pattern(const char *folded)
{
	for (; *folded != '\0'; folded++)
		if ((unsigned char) *folded >= 0x80)
			return 1;
	return 0;
}

/*
 * Build one automaton of the folded phrases whose script is `script`, with the
 * phrases and shapes its ids index.  Returns 0, or -1 when memory runs out or
 * the automaton would be too large.
 */
static int
build_part(matcher *m, int script, const char *const *texts, const phrase_shape *all_shapes,
		   int *count, const phrase **phrases_out, const phrase_shape **shapes_out,
		   void *(*alloc) (size_t), void (*release) (void *))
{
	const char **part_texts = alloc(sizeof(const char *) * (size_t) bounce_phrase_count);
	phrase	   *part_phrases = alloc(sizeof(phrase) * (size_t) bounce_phrase_count);
	phrase_shape *part_shapes = alloc(sizeof(phrase_shape) * (size_t) bounce_phrase_count);
	int			i,
				n = 0;

	if (part_texts == NULL || part_phrases == NULL || part_shapes == NULL)
		return -1;				/* the allocator's memory lives as long as the process (classify.h) */
	for (i = 0; i < bounce_phrase_count; i++)
		if (is_script_pattern(texts[i]) == script)
		{
			part_texts[n] = texts[i];
			part_phrases[n] = bounce_phrases[i];
			part_shapes[n] = all_shapes[i];
			n++;
		}
	*count = n;
	if (n > 0 && matcher_build(m, part_texts, n, alloc, release) != 0)
	{
		release(part_texts);
		release(part_phrases);
		release(part_shapes);
		return -1;
	}
	release(part_texts);
	*phrases_out = part_phrases;
	*shapes_out = part_shapes;
	return 0;
}

int
bounce_classifier_init(void *(*alloc) (size_t), void (*release) (void *))
{
	const char **texts;
	char	   *folded;
	phrase_shape *shapes;
	size_t		used = 0,
				room = 0;
	int			i,
				rc,
				latin_count,
				script_count;
	const phrase *latin_phrases,
			   *script_phrases;
	const phrase_shape *latin_shapes,
			   *script_shapes;

	if (automaton_ready)
		return 0;
	/*
	 * The automata match folded text, so they are built from folded patterns;
	 * a trailing '*' marks a stem and is no part of the pattern.
	 */
	for (i = 0; i < bounce_phrase_count; i++)
		room += strlen(bounce_phrases[i].text) + 1;
	texts = alloc(sizeof(const char *) * (size_t) bounce_phrase_count);
	folded = alloc(room);
	shapes = alloc(sizeof(phrase_shape) * (size_t) bounce_phrase_count);
	if (texts == NULL || folded == NULL || shapes == NULL)
		return -1;
	for (i = 0; i < bounce_phrase_count; i++)
	{
		size_t		n = fold_pattern(bounce_phrases[i].text, folded + used, room - used);
		int			stem = n > 0 && folded[used + n - 1] == '*';

		if (stem)
			folded[used + --n] = '\0';
		/* Whole-word checks look back through a 256-byte ring (scanner.h). */
		if (n == 0 || n > PHRASE_MAX_LEN)
		{
			release(texts);
			release(folded);
			release(shapes);
			return -1;
		}
		texts[i] = folded + used;
		shapes[i] = scan_pattern_shape(folded + used, n, stem);
		used += n + 1;
	}
	rc = build_part(&automaton, 0, texts, shapes, &latin_count, &latin_phrases, &latin_shapes, alloc, release);
	if (rc == 0)
		rc = build_part(&script_automaton, 1, texts, shapes, &script_count, &script_phrases, &script_shapes,
						alloc, release);
	release(texts);
	release(folded);
	release(shapes);
	if (rc != 0 || latin_count == 0)
		return -1;
	scan_latin_phrases = latin_phrases;
	scan_phrase_shapes = latin_shapes;
	scan_script_phrases = script_phrases;
	scan_script_shapes = script_shapes;
	scan_script_matcher = script_count > 0 ? &script_automaton : NULL;
	automaton_ready = 1;
	return 0;
}

const matcher *
bounce_classifier_automaton(void)
{
	return automaton_ready ? &automaton : NULL;
}

/* Is there nothing but whitespace? */
static int
is_blank_text(const char *text, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n' &&
			text[i] != '\f' && text[i] != '\v' && text[i] != '\0')
			return 0;
	return 1;
}

/* The evidence text, the enhanced status and the recipient: what bounce_explain shows. */
static void
explain(const scan_state *sc, const decision *d, const char *text, size_t len, bounce_result *r)
{
	if (d->evidence != NULL)
		scan_evidence_text(d->evidence, r->evidence);
	else if (sc->structure.score > 0 && (d->code == BOUNCE_0 || d->code == BOUNCE_70))
		scan_evidence_text(&sc->structure, r->evidence);
	else
		scan_copy_evidence(r->evidence, text, len < BOUNCE_EVIDENCE_MAX ? len : BOUNCE_EVIDENCE_MAX);
	if (sc->status_rank > 0)
		snprintf(r->status, sizeof(r->status), "%d.%d.%d",
				 sc->status_code.klass, sc->status_code.subject, sc->status_code.detail);
}

int
bounce_classify_scan(scan_state *sc, const char *text, size_t len, const bounce_options *options,
					 struct recipient_reader *reader, bounce_result *r)
{
	decision	d;
	int			is_message;

	/* The strings are set as far as their NULs: explain() fills them when asked. */
	memset(r, 0, offsetof(bounce_result, status));
	r->status[0] = r->evidence[0] = r->recipient[0] = '\0';
	r->code = BOUNCE_40;
	r->rule = "classifier_not_initialised";
	if (!automaton_ready)
		return 0;
	scan_begin(sc, &automaton, options);
	sc->reader = reader;
	is_message = message_scan(sc, text, len);
	if (reader != NULL)
		recipients_end(reader);
	bounce_decide(sc, is_message, sc->recipient, strlen(sc->recipient), &d);
	r->code = d.code;
	r->rule = d.rule;
	r->part = d.part;
	if (d.evidence != NULL)
		r->phrase = d.evidence->phrase;
	if (d.evidence == NULL && d.code == BOUNCE_40 && is_blank_text(text, len))
		r->rule = "empty";
	r->smtp_reply = sc->reply_code;
	r->remote_provider = sc->remote_provider;
	if (options == NULL || !options->code_only)
		explain(sc, &d, text, len, r);
	return is_message;
}

/* The recipient sink of bounce_classify: the first failed, delayed and any recipient per source. */
static void
take_first(void *arg, const recipient_facts *f)
{
	recipient_first *first = arg;

	recipient_first_take(&first[f->source == RECIPIENT_FROM_DSN ? 0 : 1], f);
}

void
bounce_classify(const char *text, size_t len, const bounce_options *options, bounce_result *r)
{
	scan_state	sc;
	recipient_reader rr;
	recipient_first first[2];
	recipient_sink sink = {take_first, first};
	const recipient_facts *best = NULL;

	if (options != NULL && options->code_only)
	{
		bounce_classify_scan(&sc, text, len, options, NULL, r);
		return;
	}
	/*
	 * The recipient is the first failed one (then delayed, then any) of the
	 * recipients bounce_recipients lists, chosen alike (recipients.h).
	 */
	memset(first, 0, sizeof(first));
	recipients_begin(&rr, sink);
	bounce_classify_scan(&sc, text, len, options, &rr, r);
	switch (recipient_choose(&rr, sc.arf, sc.dsn, r->code, r->rule))
	{
		case CHOOSE_COMPLAINANT:
			memcpy(r->recipient, rr.complainant, sizeof(r->recipient));
			return;
		case CHOOSE_REPLIER:
			memcpy(r->recipient, rr.replier, sizeof(r->recipient));
			return;
		case CHOOSE_DSN:
			best = recipient_first_best(&first[0]);
			break;
		case CHOOSE_TEXT:
			best = recipient_first_best(&first[1]);
			break;
		case CHOOSE_FOUND:
			recipient_found(r->recipient, sc.recipient);
			return;
	}
	if (best != NULL)
		memcpy(r->recipient, best->recipient, sizeof(r->recipient));
}
