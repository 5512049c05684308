/*
 * rules.h — user rule sets: phrases users add without rebuilding, each giving
 * a code, optionally only in a scope, and domains they add to the built-in
 * large-provider list.  A rule set is compiled once into its own automaton
 * (matcher.h), which the scanner steps beside the built-in one over the same
 * folded bytes; a rule's match is a cue like a built-in phrase's, at the
 * level of authority where it was read, and stronger than every built-in
 * phrase but the platform's DEFINITIVE events (README, "Rule sets").
 *
 * Pure C, no PostgreSQL headers; every allocation goes through the caller's
 * allocator, nothing is allocated while classifying.
 */
#ifndef BOUNCE_RULES_H
#define BOUNCE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "matcher.h"
#include "phrases.h"
#include "scanner.h"

/*
 * A user rule's strength: above every built-in phrase and host cue, below the
 * platform's DEFINITIVE events; so a rule wins at the level it is read at and
 * the reply class still constrains it (bounce_constrain).
 */
#define USER_RULE_STRENGTH (DEFINITIVE - 1)

/* The longest phrase accepted as written, in bytes (before folding). */
#define RULE_PHRASE_MAX_BYTES 1000

/* The longest domain or host name (RFC 1035). */
#define RULE_DOMAIN_MAX 253

/* Distinct remote hosts the rules of one set may be scoped to (a bit each while scanning). */
#define RULE_HOSTS_MAX SCAN_RULE_HOSTS_MAX

/* One rule as stored (all strings NUL-terminated UTF-8; NULL or 0: no such scope). */
typedef struct bounce_rule_def
{
	const char *name;			/* unique in its set */
	const char *phrase;			/* matched like a built-in phrase; a trailing '*' is a stem */
	int			code;			/* one of the 25 codes */
	const char *recipient_domain;	/* only for a recipient of this domain or a subdomain */
	const char *remote_host;	/* only when this host (or a subdomain) was named before */
	int			reply_class;	/* 4 or 5: only under a reply of that class */
	const char *status;			/* "X.Y.Z": only under that enhanced status */
} bounce_rule_def;

/* Why a rule, a domain or a whole set was refused. */
typedef enum rule_problem
{
	RULE_OK,
	RULE_PHRASE_EMPTY,			/* folds to no letter or digit: it could match nothing */
	RULE_PHRASE_TOO_LONG,
	RULE_PHRASE_UNREADABLE,		/* a character the classifier never reads as a letter */
	RULE_PHRASE_NAME,			/* an address, host, URL, IP or SMTP code: never read as words */
	RULE_BAD_DOMAIN,
	RULE_BAD_STATUS,
	RULE_BAD_CODE,
	RULE_BAD_REPLY_CLASS,
	RULE_TOO_MANY_HOSTS,
	RULE_SET_TOO_LARGE,			/* more phrase bytes than RULE_AUTOMATA_MAX automata hold */
	RULE_NO_MEMORY
} rule_problem;

/* A compiled scope (parsed once, checked on a match). */
typedef struct rule_scope
{
	const char *domain;			/* lower case, or NULL */
	size_t		domain_len;
	int			host;			/* index into the set's hosts, -1: any */
	int			reply_class;	/* 0: any */
	int			status[3];		/* klass 0: any */
} rule_scope;

/* Distinct automata per set, each of at most RULE_AUTOMATON_MAX_STATES states. */
#define RULE_AUTOMATA_MAX SCAN_RULE_AUTOMATA_MAX

/*
 * A rule set's automaton is kept to half what a matcher can hold: a rule
 * set's folded phrases are ASCII (rules.c refuses folded bytes from 0x80 on),
 * so at most 128 byte classes, and the bound keeps its tables at most 8 MB
 * each, 64 MB for the largest set (RULE_AUTOMATA_MAX of them).
 */
#define RULE_AUTOMATON_MAX_STATES 32767

/* One automaton over the folded phrases of rules first_rule.. (in order). */
typedef struct rule_automaton
{
	matcher		m;
	int			first_rule;
} rule_automaton;

/* A compiled rule set: what the scanner and the classifier read. */
typedef struct bounce_ruleset
{
	/*
	 * The rules' phrases, split in order into automata of at most
	 * RULE_AUTOMATON_MAX_STATES states (a trie has at most one state per pattern
	 * byte, plus the root), so a set of any phrases fits in at most
	 * RULE_AUTOMATA_MAX of them; each costs one table step per byte.
	 */
	rule_automaton automata[RULE_AUTOMATA_MAX];
	int			nautomata;
	int			nrules;
	phrase	   *phrases;		/* per rule: kind PHRASE_CUE, rule "set:name", text as written */
	phrase_shape *shapes;		/* per rule: whole-word shape of its folded pattern */
	rule_scope *scopes;
	int			nhosts;
	const char **hosts;			/* lower case, sorted */
	int			nproviders;
	const char **providers;		/* lower case, sorted */
	void	   *(*alloc) (size_t);
	void		(*release) (void *);
	void	   *block;			/* the one allocation holding the strings above */
} bounce_ruleset;

/* What is wrong with a phrase as written (RULE_OK: it can match). */
extern rule_problem bounce_rule_check_phrase(const char *phrase, size_t len);

/* What is wrong with a domain or host name as written (RULE_OK: a syntactically valid name). */
extern rule_problem bounce_rule_check_domain(const char *domain, size_t len);

/* What is wrong with an enhanced status scope as written ("5.7.1"). */
extern rule_problem bounce_rule_check_status(const char *status, size_t len);

/* A sentence for a problem, for error messages. */
extern const char *bounce_rule_problem_text(rule_problem problem);

/*
 * Compile the rules and large-provider domains of the set named set_name.
 * Returns the set, or NULL with *problem (and *bad_rule, the rule's index, or
 * -1 when the set as a whole is at fault).  Free it with bounce_ruleset_free.
 */
extern bounce_ruleset *bounce_ruleset_compile(const char *set_name,
											  const bounce_rule_def *rules, int nrules,
											  const char *const *providers, int nproviders,
											  void *(*alloc) (size_t), void (*release) (void *),
											  rule_problem *problem, int *bad_rule);

/* Release everything a compiled set holds. */
extern void bounce_ruleset_free(bounce_ruleset *rs);

/* Is domain (any case) or a parent domain of it one of the set's large providers? */
extern int	bounce_ruleset_is_provider(const bounce_ruleset *rs, const char *domain, size_t len);

/* A host name (any case) was read: set the bits of it and its parent domains among the scoped hosts. */
extern void bounce_ruleset_note_host(const bounce_ruleset *rs, const char *host, size_t len, uint64_t *seen);

/* Does rule id's scope hold, by what the scan has read so far? */
extern int	bounce_rule_applies(const scan_state *sc, int id);

#endif
