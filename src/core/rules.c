/*
 * rules.c — checking and compiling user rule sets (see rules.h).
 *
 * A phrase is folded exactly as the scanner folds text (fold.h) and as the
 * built-in phrases are folded, then whitespace runs become one space, as the
 * scanner feeds them.  What the scanner never reads as words (addresses, host
 * names, URLs, IPs, opaque tokens: words.h; SMTP codes) is refused in a
 * phrase, since such a rule could never match; scope by host, domain, reply
 * class or status instead.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "bounce_codes.h"
#include "fold.h"
#include "providers.h"
#include "words.h"

/* Fold a phrase as written into out (PHRASE_MAX_LEN + 1 bytes); sets *stem. */
static rule_problem
fold_rule_phrase(const char *in, size_t len, char *out, size_t *out_len, int *stem)
{
	const unsigned char *p = (const unsigned char *) in;
	size_t		i = 0,
				n = 0;
	int			words = 0;

	fold_init();
	*stem = 0;
	if (len > RULE_PHRASE_MAX_BYTES)
		return RULE_PHRASE_TOO_LONG;
	/* A trailing '*' (after blanks are trimmed) marks a stem, as in the built-in tables. */
	while (len > 0 && fold_table[p[len - 1]] == ' ')
		len--;
	if (len > 0 && p[len - 1] == '*')
	{
		*stem = 1;
		len--;
	}
	while (i < len)
	{
		unsigned char c;

		if (fold_is_lead(p[i]) && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0xBF)
		{
			c = fold_pair(p[i], p[i + 1]);
			i += 2;
		}
		else
			c = fold_table[p[i++]];
		/* A rule set's automata read Latin script only: other bytes would widen every one of them. */
		if (c >= 0x80 || c == '\0')
			return RULE_PHRASE_UNREADABLE;
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		if (n == PHRASE_MAX_LEN)
			return RULE_PHRASE_TOO_LONG;
		out[n++] = (char) c;
		words |= fold_is_word_byte(c);
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	*out_len = n;
	return words ? RULE_OK : RULE_PHRASE_EMPTY;
}

/* Is s[0..n) shaped like an SMTP reply code (250, 550) or an enhanced status (5.1.1)? */
static int
is_code_token(const char *s, size_t n)
{
	size_t		i,
				dots = 0;

	if (n == 0 || (s[0] != '2' && s[0] != '4' && s[0] != '5'))
		return 0;
	for (i = 0; i < n; i++)
	{
		if (s[i] == '.')
			dots++;
		else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return (dots == 0 && n == 3) || dots == 2;
}

/*
 * Does the phrase hold a token the scanner steps over whole (words.h) or
 * reads as a code?  Tokens start where the scanner starts them: at the
 * beginning and after a delimiter.
 */
static int
holds_name(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		end;
		token		t;

		if (token_is_delimiter((unsigned char) s[i]))
		{
			i++;
			continue;
		}
		t = token_classify(s + i, len - i);
		if (t.kind != TOKEN_WORD)
			return 1;
		for (end = i; end < len && !token_is_delimiter((unsigned char) s[end]); end++)
			;
		if (is_code_token(s + i, end - i))
			return 1;
		i = end;
	}
	return 0;
}

rule_problem
bounce_rule_check_phrase(const char *phrase, size_t len)
{
	char		folded[PHRASE_MAX_LEN + 1];
	size_t		n;
	int			stem;
	rule_problem p = fold_rule_phrase(phrase, len, folded, &n, &stem);

	if (p != RULE_OK)
		return p;
	return holds_name(phrase, len) ? RULE_PHRASE_NAME : RULE_OK;
}

rule_problem
bounce_rule_check_domain(const char *domain, size_t len)
{
	size_t		i,
				label = 0,
				labels = 1;

	if (len == 0 || len > RULE_DOMAIN_MAX)
		return RULE_BAD_DOMAIN;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) domain[i];

		if (c == '.')
		{
			if (label == 0 || domain[i - 1] == '-')
				return RULE_BAD_DOMAIN;
			label = 0;
			labels++;
			continue;
		}
		if (!ascii_is_alnum(c) && c != '-')
			return RULE_BAD_DOMAIN;
		if (c == '-' && label == 0)
			return RULE_BAD_DOMAIN;
		if (++label > 63)
			return RULE_BAD_DOMAIN;
	}
	if (label == 0 || domain[len - 1] == '-' || labels < 2)
		return RULE_BAD_DOMAIN;
	return RULE_OK;
}

/* Read "X.Y.Z" into three numbers; 0 when it is no enhanced status code. */
static int
parse_status(const char *s, size_t len, int out[3])
{
	size_t		i = 0;
	int			part;

	for (part = 0; part < 3; part++)
	{
		size_t		digits = 0;
		int			v = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3)
		{
			v = v * 10 + (s[i++] - '0');
			digits++;
		}
		if (digits == 0 || (part == 0 && digits != 1))
			return 0;
		out[part] = v;
		if (part < 2 && (i >= len || s[i++] != '.'))
			return 0;
	}
	return i == len && (out[0] == 2 || out[0] == 4 || out[0] == 5);
}

rule_problem
bounce_rule_check_status(const char *status, size_t len)
{
	int			parts[3];

	return parse_status(status, len, parts) ? RULE_OK : RULE_BAD_STATUS;
}

const char *
bounce_rule_problem_text(rule_problem problem)
{
	switch (problem)
	{
		case RULE_OK:
			return "no problem";
		case RULE_PHRASE_EMPTY:
			return "the phrase has no letter or digit, so it could match nothing";
		case RULE_PHRASE_TOO_LONG:
			return "the phrase is too long (at most 200 bytes once folded, 1000 as written)";
		case RULE_PHRASE_UNREADABLE:
			return "the phrase has characters the classifier never reads as letters (it reads ASCII and the Latin letters U+00C0 to U+017F)";
		case RULE_PHRASE_NAME:
			return "the phrase holds an address, host name, URL, IP address, opaque token or SMTP code, which the classifier never reads as words (scope the rule by recipient_domain, remote_host, reply_class or status instead)";
		case RULE_BAD_DOMAIN:
			return "not a domain name (letter, digit and hyphen labels of at most 63 characters joined by dots, at least two labels, at most 253 characters)";
		case RULE_BAD_STATUS:
			return "not an enhanced status code (2, 4 or 5, a dot, 1 to 3 digits, a dot, 1 to 3 digits)";
		case RULE_BAD_CODE:
			return "not a bounce code";
		case RULE_BAD_REPLY_CLASS:
			return "the reply class is 4 or 5";
		case RULE_TOO_MANY_HOSTS:
			return "the rule set is scoped to more than 256 distinct remote hosts";
		case RULE_SET_TOO_LARGE:
			return "the rule set's phrases are too many or too long: at most about 260,000 bytes of phrases, folded, in all";
		case RULE_NO_MEMORY:
			return "out of memory";
	}
	return "unknown problem";
}

/* Compare two C strings for qsort and bsearch. */
static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* A lower-case copy of s[0..len) at *cursor (which moves past its NUL). */
static char *
copy_lower(char **cursor, const char *s, size_t len)
{
	char	   *out = *cursor;
	size_t		i;

	for (i = 0; i < len; i++)
		out[i] = (char) ascii_lower((unsigned char) s[i]);
	out[len] = '\0';
	*cursor += len + 1;
	return out;
}

/* Sort a list of strings and drop the repeats; returns the new count. */
static int
sort_unique(const char **list, int n)
{
	int			i,
				kept = 0;

	if (n == 0)
		return 0;
	qsort(list, (size_t) n, sizeof(*list), compare_strings);
	for (i = 0; i < n; i++)
		if (kept == 0 || strcmp(list[kept - 1], list[i]) != 0)
			list[kept++] = list[i];
	return kept;
}

/* The index of key in a sorted list, or -1. */
static int
find_sorted(const char *const *list, int n, const char *key)
{
	const char *const *hit;

	if (n == 0)
		return -1;
	hit = bsearch(&key, list, (size_t) n, sizeof(*list), compare_strings);
	return hit == NULL ? -1 : (int) (hit - list);
}

/* Bytes of the strings a set keeps: names, phrases, patterns, domains, hosts, providers. */
static size_t
strings_size(const char *set_name, const bounce_rule_def *rules, int nrules,
			 const char *const *providers, int nproviders)
{
	size_t		size = 0;
	int			i;

	for (i = 0; i < nrules; i++)
	{
		size += strlen(set_name) + 1 + strlen(rules[i].name) + 1;
		size += strlen(rules[i].phrase) + 1 + PHRASE_MAX_LEN + 1;
		if (rules[i].recipient_domain != NULL)
			size += strlen(rules[i].recipient_domain) + 1;
		if (rules[i].remote_host != NULL)
			size += strlen(rules[i].remote_host) + 1;
	}
	for (i = 0; i < nproviders; i++)
		size += strlen(providers[i]) + 1;
	return size;
}

/* Check one rule's code and scope. */
static rule_problem
check_scope(const bounce_rule_def *r, rule_scope *scope)
{
	if (bounce_code_lookup(r->code) == NULL)
		return RULE_BAD_CODE;
	if (r->reply_class != 0 && r->reply_class != 4 && r->reply_class != 5)
		return RULE_BAD_REPLY_CLASS;
	if (r->recipient_domain != NULL &&
		bounce_rule_check_domain(r->recipient_domain, strlen(r->recipient_domain)) != RULE_OK)
		return RULE_BAD_DOMAIN;
	if (r->remote_host != NULL &&
		bounce_rule_check_domain(r->remote_host, strlen(r->remote_host)) != RULE_OK)
		return RULE_BAD_DOMAIN;
	memset(scope, 0, sizeof(*scope));
	scope->host = -1;
	scope->reply_class = r->reply_class;
	if (r->status != NULL && !parse_status(r->status, strlen(r->status), scope->status))
		return RULE_BAD_STATUS;
	return RULE_OK;
}

/* Allocate n zeroed bytes (n > 0) with the set's allocator. */
static void *
alloc_zero(bounce_ruleset *rs, size_t n)
{
	void	   *p = rs->alloc(n > 0 ? n : 1);

	if (p != NULL)
		memset(p, 0, n > 0 ? n : 1);
	return p;
}

/*
 * Split the patterns, in order, into automata that each stay under
 * matcher_state's limit: a run of patterns whose bytes (plus the root) fit
 * can have no more states than that.
 */
static rule_problem
build_automata(bounce_ruleset *rs, const char **patterns, int npatterns)
{
	int			first = 0;

	while (first < npatterns)
	{
		int			end = first;
		size_t		states = 1;
		rule_automaton *ra;

		while (end < npatterns && states + strlen(patterns[end]) <= RULE_AUTOMATON_MAX_STATES)
			states += strlen(patterns[end++]);
		if (rs->nautomata == RULE_AUTOMATA_MAX)
			return RULE_SET_TOO_LARGE;
		ra = &rs->automata[rs->nautomata];
		ra->first_rule = first;
		if (matcher_build(&ra->m, patterns + first, end - first, rs->alloc, rs->release) != 0)
			return RULE_NO_MEMORY;
		rs->nautomata++;
		first = end;
	}
	return RULE_OK;
}

bounce_ruleset *
bounce_ruleset_compile(const char *set_name, const bounce_rule_def *rules, int nrules,
					   const char *const *providers, int nproviders,
					   void *(*alloc) (size_t), void (*release) (void *),
					   rule_problem *problem, int *bad_rule)
{
	bounce_ruleset *rs = alloc(sizeof(bounce_ruleset));
	const char **patterns = NULL;
	char	   *cursor;
	int			i;

	*bad_rule = -1;
	*problem = RULE_NO_MEMORY;
	if (rs == NULL)
		return NULL;
	memset(rs, 0, sizeof(*rs));
	rs->alloc = alloc;
	rs->release = release;
	rs->nrules = nrules;
	rs->block = alloc_zero(rs, strings_size(set_name, rules, nrules, providers, nproviders));
	rs->phrases = alloc_zero(rs, sizeof(phrase) * (size_t) nrules);
	rs->shapes = alloc_zero(rs, sizeof(phrase_shape) * (size_t) nrules);
	rs->scopes = alloc_zero(rs, sizeof(rule_scope) * (size_t) nrules);
	rs->hosts = alloc_zero(rs, sizeof(char *) * (size_t) nrules);
	rs->providers = alloc_zero(rs, sizeof(char *) * (size_t) nproviders);
	patterns = alloc_zero(rs, sizeof(char *) * (size_t) nrules);
	if (rs->block == NULL || rs->phrases == NULL || rs->shapes == NULL || rs->scopes == NULL ||
		rs->hosts == NULL || rs->providers == NULL || patterns == NULL)
		goto fail;
	cursor = rs->block;

	for (i = 0; i < nrules; i++)
	{
		const bounce_rule_def *r = &rules[i];
		phrase	   *p = &rs->phrases[i];
		char	   *folded = cursor;
		size_t		n;
		int			stem;
		rule_problem why = check_scope(r, &rs->scopes[i]);

		if (why == RULE_OK)
			why = fold_rule_phrase(r->phrase, strlen(r->phrase), folded, &n, &stem);
		if (why == RULE_OK && holds_name(r->phrase, strlen(r->phrase)))
			why = RULE_PHRASE_NAME;
		if (why != RULE_OK)
		{
			*problem = why;
			*bad_rule = i;
			goto fail;
		}
		cursor += n + 1;
		patterns[i] = folded;
		rs->shapes[i] = scan_pattern_shape(folded, n, stem);

		p->kind = PHRASE_CUE;
		p->where = IN_ANY;
		p->code = (short) r->code;
		p->strength = USER_RULE_STRENGTH;
		p->source = "rule_set";
		p->text = strcpy(cursor, r->phrase);
		cursor += strlen(r->phrase) + 1;
		/* "set:name": no built-in rule name holds a ':', so explain's rule column says whose rule it was. */
		p->rule = cursor;
		memcpy(cursor, set_name, strlen(set_name));
		cursor += strlen(set_name);
		*cursor++ = ':';
		cursor = strcpy(cursor, r->name) + strlen(r->name) + 1;

		if (r->recipient_domain != NULL)
		{
			rs->scopes[i].domain_len = strlen(r->recipient_domain);
			rs->scopes[i].domain = copy_lower(&cursor, r->recipient_domain, rs->scopes[i].domain_len);
		}
		if (r->remote_host != NULL)
			rs->hosts[rs->nhosts++] = copy_lower(&cursor, r->remote_host, strlen(r->remote_host));
	}
	for (i = 0; i < nproviders; i++)
	{
		if (bounce_rule_check_domain(providers[i], strlen(providers[i])) != RULE_OK)
		{
			*problem = RULE_BAD_DOMAIN;
			goto fail;
		}
		rs->providers[i] = copy_lower(&cursor, providers[i], strlen(providers[i]));
	}
	rs->nproviders = sort_unique(rs->providers, nproviders);

	/* Scoped hosts: one index (a bit while scanning) per distinct name. */
	rs->nhosts = sort_unique(rs->hosts, rs->nhosts);
	if (rs->nhosts > RULE_HOSTS_MAX)
	{
		*problem = RULE_TOO_MANY_HOSTS;
		goto fail;
	}
	for (i = 0; i < nrules; i++)
		if (rules[i].remote_host != NULL)
		{
			char		lower[RULE_DOMAIN_MAX + 1];
			char	   *at = lower;

			copy_lower(&at, rules[i].remote_host, strlen(rules[i].remote_host));
			rs->scopes[i].host = find_sorted(rs->hosts, rs->nhosts, lower);
		}

	*problem = build_automata(rs, patterns, nrules);
	if (*problem != RULE_OK)
		goto fail;
	release(patterns);
	*problem = RULE_OK;
	return rs;

fail:
	if (patterns != NULL)
		release(patterns);
	bounce_ruleset_free(rs);
	return NULL;
}

void
bounce_ruleset_free(bounce_ruleset *rs)
{
	void		(*release) (void *) = rs->release;
	int			a;

	for (a = 0; a < rs->nautomata; a++)
		matcher_free(&rs->automata[a].m, release);
	if (rs->block != NULL)
		release(rs->block);
	if (rs->phrases != NULL)
		release(rs->phrases);
	if (rs->shapes != NULL)
		release(rs->shapes);
	if (rs->scopes != NULL)
		release(rs->scopes);
	if (rs->hosts != NULL)
		release(rs->hosts);
	if (rs->providers != NULL)
		release((void *) rs->providers);
	release(rs);
}

/*
 * Call found(index) for the name and each parent domain of it in a sorted
 * list ("mx1.example.com", "example.com", "com"); stops when found returns 0.
 */
static void
each_suffix(const char *const *list, int n, const char *name, size_t len,
			int (*found) (int index, void *arg), void *arg)
{
	char		lower[RULE_DOMAIN_MAX + 1];
	char	   *at = lower;
	size_t		i;

	if (n == 0 || len == 0 || len > RULE_DOMAIN_MAX)
		return;
	copy_lower(&at, name, len);
	for (i = 0; i < len; i++)
	{
		if (i == 0 || lower[i - 1] == '.')
		{
			int			index = find_sorted(list, n, lower + i);

			if (index >= 0 && !found(index, arg))
				return;
		}
	}
}

/* each_suffix's callback for a yes/no question: note the hit, stop. */
static int
note_found(int index, void *arg)
{
	(void) index;
	*(int *) arg = 1;
	return 0;
}

int
bounce_ruleset_is_provider(const bounce_ruleset *rs, const char *domain, size_t len)
{
	int			found = 0;

	each_suffix(rs->providers, rs->nproviders, domain, len, note_found, &found);
	return found;
}

/* each_suffix's callback for hosts: set the host's bit. */
static int
note_host(int index, void *arg)
{
	uint64_t   *seen = arg;

	seen[index / 64] |= (uint64_t) 1 << (index % 64);
	return 1;
}

void
bounce_ruleset_note_host(const bounce_ruleset *rs, const char *host, size_t len, uint64_t *seen)
{
	each_suffix(rs->hosts, rs->nhosts, host, len, note_host, seen);
}

/* Is domain[0..len) (any case) the scope's domain or a subdomain of it? */
static int
in_domain(const rule_scope *scope, const char *domain, size_t len)
{
	const char *tail;
	size_t		i;

	if (len < scope->domain_len)
		return 0;
	tail = domain + (len - scope->domain_len);
	if (len > scope->domain_len && tail[-1] != '.')
		return 0;
	for (i = 0; i < scope->domain_len; i++)
		if (ascii_lower((unsigned char) tail[i]) != (unsigned char) scope->domain[i])
			return 0;
	return 1;
}

int
bounce_rule_applies(const scan_state *sc, int id)
{
	const rule_scope *scope = &sc->options->rules->scopes[id];

	if (scope->reply_class != 0 &&
		(sc->status_rank > 0 ? sc->status_code.klass : sc->reply_code / 100) != scope->reply_class)
		return 0;
	if (scope->status[0] != 0 &&
		(sc->status_rank == 0 || sc->status_code.klass != scope->status[0] ||
		 sc->status_code.subject != scope->status[1] || sc->status_code.detail != scope->status[2]))
		return 0;
	if (scope->host >= 0 &&
		(sc->rule_hosts_seen[scope->host / 64] & ((uint64_t) 1 << (scope->host % 64))) == 0)
		return 0;
	if (scope->domain != NULL)
	{
		const bounce_options *opt = sc->options;
		const char *addr = sc->recipient;
		size_t		len = strlen(sc->recipient),
					dlen;
		const char *domain;

		if (opt->recipient != NULL && opt->recipient_len > 0)
		{
			addr = opt->recipient;
			len = opt->recipient_len;
		}
		domain = bounce_address_domain(addr, len, &dlen);
		if (dlen == 0 || !in_domain(scope, domain, dlen))
			return 0;
	}
	return 1;
}
