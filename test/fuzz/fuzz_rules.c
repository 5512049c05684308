/*
 * fuzz_rules.c — libFuzzer target: the rule-set compiler (src/core/rules.c)
 * on arbitrary rules, then the classifier with the compiled set.
 *
 * Input: rule lines, a blank line, then the text to classify.  A rule line's
 * first byte picks its code and scope (recipient domain, remote host, reply
 * class, status: the scope value is the line's last word); the rest is its
 * phrase.  Properties: a phrase the check accepts compiles; a set of accepted
 * rules compiles unless it outgrows the automaton; every classification with
 * the set is one of the 25 codes with clean evidence, deterministic; an empty
 * set answers as no set.
 */
#include "fuzz.h"

#include "core/rules.h"

#define MAX_RULES 64

/* Split off the last space-separated word of line (in place); NULL when none. */
static char *
last_word(char *line)
{
	char	   *space = strrchr(line, ' ');

	if (space == NULL)
		return NULL;
	*space = '\0';
	return space + 1;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static char copy[65536 + 1];
	bounce_rule_def rules[MAX_RULES];
	char		names[MAX_RULES][16];
	const unsigned char *end = data + size;
	const unsigned char *p = data;
	const unsigned char *text;
	int			n = 0;
	rule_problem why;
	int			bad;
	bounce_ruleset *rs;
	bounce_options opt;
	size_t		used = 0;

	fuzz_init();
	if (size > 65536)
		return 0;
	/* The rule lines, up to a blank line. */
	while (p < end && *p != '\n' && n < MAX_RULES)
	{
		const unsigned char *eol = memchr(p, '\n', (size_t) (end - p));
		size_t		len = (size_t) ((eol != NULL ? eol : end) - p);
		char	   *line = copy + used;
		unsigned char sel = p[0];
		char	   *scope = NULL;

		memcpy(line, p + 1, len - 1);
		line[len - 1] = '\0';	/* a NUL inside ends the phrase, as no SQL text holds one */
		used += len;
		p += len + (eol != NULL);
		if (sel & 0x30)
			scope = last_word(line);
		memset(&rules[n], 0, sizeof(rules[n]));
		snprintf(names[n], sizeof(names[n]), "r%d", n);
		rules[n].name = names[n];
		rules[n].phrase = line;
		rules[n].code = bounce_code_table[sel % BOUNCE_CODE_COUNT].code;
		if (scope != NULL && (sel & 0x30) == 0x10)
			rules[n].recipient_domain = scope;
		else if (scope != NULL && (sel & 0x30) == 0x20)
			rules[n].remote_host = scope;
		else if (scope != NULL)
			rules[n].status = scope;
		if (sel & 0x40)
			rules[n].reply_class = sel & 0x80 ? 5 : 4;
		/* Only what the tables' checks accept reaches the compiler from SQL. */
		if (bounce_rule_check_phrase(line, strlen(line)) != RULE_OK ||
			(rules[n].recipient_domain && bounce_rule_check_domain(scope, strlen(scope)) != RULE_OK) ||
			(rules[n].remote_host && bounce_rule_check_domain(scope, strlen(scope)) != RULE_OK) ||
			(rules[n].status && bounce_rule_check_status(scope, strlen(scope)) != RULE_OK))
			continue;
		rs = bounce_ruleset_compile("f", &rules[n], 1, NULL, 0, malloc, free, &why, &bad);
		PROPERTY(rs != NULL);
		bounce_ruleset_free(rs);
		n++;
	}
	text = p < end && *p == '\n' ? p + 1 : p;

	rs = bounce_ruleset_compile("f", rules, n, NULL, 0, malloc, free, &why, &bad);
	PROPERTY(rs != NULL || why == RULE_SET_TOO_LARGE || why == RULE_TOO_MANY_HOSTS);
	memset(&opt, 0, sizeof(opt));
	opt.rules = rs;
	if (rs != NULL)
	{
		fuzz_classify_with((const char *) text, (size_t) (end - text), &opt);
		bounce_ruleset_free(rs);
	}
	/* An empty set is no set. */
	rs = bounce_ruleset_compile("f", NULL, 0, NULL, 0, malloc, free, &why, &bad);
	PROPERTY(rs != NULL);
	opt.rules = rs;
	{
		bounce_result with = fuzz_classify_with((const char *) text, (size_t) (end - text), &opt);
		bounce_result without = fuzz_classify_checked((const char *) text, (size_t) (end - text));

		PROPERTY(with.code == without.code && strcmp(with.rule, without.rule) == 0);
	}
	bounce_ruleset_free(rs);
	return 0;
}
