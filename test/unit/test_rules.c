/*
 * test_rules.c — unit tests of user rule sets (src/core/rules.c): what is
 * refused, how rules win over built-in knowledge at their level of
 * authority, what each scope allows, the extra large providers, and a set
 * of 1,000 rules compiled and freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"
#include "core/rules.h"
#include "unit.h"

/* A rule with a phrase and a code, no scope. */
static bounce_rule_def
rule(const char *name, const char *phrase, int code)
{
	bounce_rule_def r;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.phrase = phrase;
	r.code = code;
	return r;
}

/* Compile rules (and providers); the test fails when the set is refused. */
static bounce_ruleset *
compile(const bounce_rule_def *rules, int n, const char *const *providers, int np)
{
	rule_problem why;
	int			bad;
	bounce_ruleset *rs = bounce_ruleset_compile("t", rules, n, providers, np, malloc, free, &why, &bad);

	CHECK(rs != NULL);
	if (rs == NULL)
		fprintf(stderr, "compile: %s (rule %d)\n", bounce_rule_problem_text(why), bad);
	return rs;
}

/* Classify text with a rule set and an optional recipient. */
static bounce_result
classify_with(const bounce_ruleset *rs, const char *text, const char *recipient)
{
	bounce_options opt;
	bounce_result r;

	memset(&opt, 0, sizeof(opt));
	opt.rules = rs;
	if (recipient != NULL)
	{
		opt.recipient = recipient;
		opt.recipient_len = strlen(recipient);
	}
	bounce_classify(text, strlen(text), &opt, &r);
	return r;
}

/* Phrases that could never match are refused, each with its reason. */
static void
test_checks(void)
{
	char		big[2000];
	char		all_bytes[256];
	int			i;

	CHECK_INT(bounce_rule_check_phrase("mailbox is dormant", 18), RULE_OK);
	CHECK_INT(bounce_rule_check_phrase("Empfänger gesperrt", strlen("Empfänger gesperrt")), RULE_OK);
	CHECK_INT(bounce_rule_check_phrase("dormant*", 8), RULE_OK);
	CHECK_INT(bounce_rule_check_phrase("", 0), RULE_PHRASE_EMPTY);
	CHECK_INT(bounce_rule_check_phrase("  ... !! ", 9), RULE_PHRASE_EMPTY);
	CHECK_INT(bounce_rule_check_phrase("*", 1), RULE_PHRASE_EMPTY);
	CHECK_INT(bounce_rule_check_phrase("\xd0\xbf\xd0\xbe", 4), RULE_PHRASE_UNREADABLE);
	CHECK_INT(bounce_rule_check_phrase("user@example.com unknown", 24), RULE_PHRASE_NAME);
	CHECK_INT(bounce_rule_check_phrase("blocked by mx.example.com", 25), RULE_PHRASE_NAME);
	CHECK_INT(bounce_rule_check_phrase("550 dormant", 11), RULE_PHRASE_NAME);
	CHECK_INT(bounce_rule_check_phrase("dormant 5.1.1", 13), RULE_PHRASE_NAME);
	memset(big, 'a', sizeof(big));
	CHECK_INT(bounce_rule_check_phrase(big, 201), RULE_PHRASE_TOO_LONG);
	CHECK_INT(bounce_rule_check_phrase(big, sizeof(big)), RULE_PHRASE_TOO_LONG);
	/* Every byte value: refused, never read past. */
	for (i = 0; i < 256; i++)
		all_bytes[i] = (char) (i == 0 ? 'a' : i);
	CHECK(bounce_rule_check_phrase(all_bytes, sizeof(all_bytes)) != RULE_OK);

	CHECK_INT(bounce_rule_check_domain("example.com", 11), RULE_OK);
	CHECK_INT(bounce_rule_check_domain("mx-1.Example.COM", 16), RULE_OK);
	CHECK_INT(bounce_rule_check_domain("localhost", 9), RULE_BAD_DOMAIN);
	CHECK_INT(bounce_rule_check_domain("example..com", 12), RULE_BAD_DOMAIN);
	CHECK_INT(bounce_rule_check_domain("-x.com", 6), RULE_BAD_DOMAIN);
	CHECK_INT(bounce_rule_check_domain("x-.com", 6), RULE_BAD_DOMAIN);
	CHECK_INT(bounce_rule_check_domain("a b.com", 7), RULE_BAD_DOMAIN);
	CHECK_INT(bounce_rule_check_domain("example.com.", 12), RULE_BAD_DOMAIN);

	CHECK_INT(bounce_rule_check_status("5.7.1", 5), RULE_OK);
	CHECK_INT(bounce_rule_check_status("4.2.22", 6), RULE_OK);
	CHECK_INT(bounce_rule_check_status("5.7", 3), RULE_BAD_STATUS);
	CHECK_INT(bounce_rule_check_status("3.1.1", 5), RULE_BAD_STATUS);
	CHECK_INT(bounce_rule_check_status("5.1.1x", 6), RULE_BAD_STATUS);
	CHECK_INT(bounce_rule_check_status("5.1234.1", 8), RULE_BAD_STATUS);
}

/* A rule wins over built-in phrases at its level, not over a higher level. */
static void
test_precedence(void)
{
	bounce_rule_def rules[] = {
		rule("dormant", "mailbox is dormant", 10),
		rule("full_means_gone", "mailbox full", 10),
		rule("prose_block", "we could not deliver", 52),
	};
	bounce_ruleset *rs = compile(rules, 3, NULL, 0);
	bounce_result r;

	if (rs == NULL)
		return;
	/* Unknown to the classifier: the rule decides, and explain names it. */
	r = classify_with(NULL, "550 mailbox is dormant", NULL);
	CHECK(r.code != 10 || strcmp(r.rule, "t:dormant") != 0);
	r = classify_with(rs, "550 mailbox is dormant", NULL);
	CHECK_INT(r.code, 10);
	CHECK(strcmp(r.rule, "t:dormant") == 0);
	CHECK(r.phrase != NULL && strcmp(r.phrase, "mailbox is dormant") == 0);
	/* Folding and whole words, as for built-in phrases. */
	CHECK_INT(classify_with(rs, "550 MAILBOX   IS DORMANT.", NULL).code, 10);
	CHECK(strcmp(classify_with(rs, "550 mailbox is dormantly here", NULL).rule, "t:dormant") != 0);
	/* At the same level, the rule beats the built-in phrase. */
	CHECK_INT(classify_with(NULL, "552 5.2.2 mailbox full", NULL).code, 22);
	CHECK_INT(classify_with(rs, "550 mailbox full", NULL).code, 10);
	/* The reply class still constrains a rule: a 4xx never gives a hard code. */
	CHECK_INT(classify_with(rs, "450 mailbox is dormant", NULL).code, 20);
	/* The platform's DEFINITIVE events outrank rules. */
	CHECK_INT(classify_with(rs, "Queue dumped: mailbox is dormant", NULL).code, 120);
	bounce_ruleset_free(rs);
}

/* Each scope: the rule applies in it, not outside it. */
static void
test_scopes(void)
{
	bounce_rule_def rules[] = {
		rule("by_domain", "account on hold", 22),
		rule("by_host", "please slow down", 50),
		rule("by_class", "try the other door", 54),
		rule("by_status", "quiet hours", 52),
	};
	bounce_ruleset *rs;

	rules[0].recipient_domain = "Example.ORG";
	rules[1].remote_host = "mx.bigmail.example";
	rules[2].reply_class = 5;
	rules[3].status = "5.7.1";
	rs = compile(rules, 4, NULL, 0);
	if (rs == NULL)
		return;
	CHECK_INT(classify_with(rs, "550 account on hold", "anna@example.org").code, 22);
	CHECK_INT(classify_with(rs, "550 account on hold", "anna@mail.example.org").code, 22);
	CHECK(classify_with(rs, "550 account on hold", "anna@example.com").code != 22);
	CHECK(classify_with(rs, "550 account on hold", "anna@badexample.org").code != 22);
	/* The recipient read in the text, when the caller gives none. */
	CHECK_INT(classify_with(rs, "<bo@example.org>: host x.example said: 550 account on hold", NULL).code, 22);

	CHECK_INT(classify_with(rs, "host mx.bigmail.example[192.0.2.1] said: 550 please slow down", NULL).code, 50);
	CHECK_INT(classify_with(rs, "host mx2.mx.bigmail.example[192.0.2.1] said: 550 please slow down", NULL).code, 50);
	CHECK(classify_with(rs, "host mx.other.example[192.0.2.1] said: 550 please slow down", NULL).code != 50);

	CHECK_INT(classify_with(rs, "550 try the other door", NULL).code, 54);
	CHECK(classify_with(rs, "450 try the other door", NULL).code != 54);
	CHECK(classify_with(rs, "try the other door", NULL).code != 54);

	CHECK_INT(classify_with(rs, "550 5.7.1 quiet hours", NULL).code, 52);
	CHECK(classify_with(rs, "550 5.7.2 quiet hours", NULL).code != 52);
	CHECK(classify_with(rs, "550 quiet hours", NULL).code != 52);
	bounce_ruleset_free(rs);
}

/* A rule set's large providers turn 29 into 59, on top of the built-in list. */
static void
test_providers(void)
{
	static const char *const providers[] = {"BigCorp.example", "regional-isp.example"};
	const char *timeout = "connect to mx.bigcorp.example[192.0.2.1]:25: Connection timed out";
	bounce_ruleset *rs = compile(NULL, 0, providers, 2);

	if (rs == NULL)
		return;
	CHECK_INT(classify_with(NULL, timeout, "a@bigcorp.example").code, 29);
	CHECK_INT(classify_with(rs, timeout, "a@bigcorp.example").code, 59);
	CHECK_INT(classify_with(rs, timeout, "a@eu.bigcorp.example").code, 59);
	CHECK_INT(classify_with(rs, timeout, "a@small.example").code, 29);
	CHECK_INT(classify_with(rs, timeout, "a@gmail.com").code, 59);
	bounce_ruleset_free(rs);
}

/* Bad rules are refused with the index of the rule at fault. */
static void
test_refusals(void)
{
	bounce_rule_def rules[] = {rule("ok", "fine words", 10), rule("bad", "user@example.com", 10)};
	static const char *const bad_provider[] = {"not a domain"};
	rule_problem why;
	int			bad;

	CHECK(bounce_ruleset_compile("t", rules, 2, NULL, 0, malloc, free, &why, &bad) == NULL);
	CHECK_INT(why, RULE_PHRASE_NAME);
	CHECK_INT(bad, 1);
	rules[1] = rule("bad", "fine", 24);
	CHECK(bounce_ruleset_compile("t", rules, 2, NULL, 0, malloc, free, &why, &bad) == NULL);
	CHECK_INT(why, RULE_BAD_CODE);
	rules[1] = rule("bad", "fine", 10);
	rules[1].reply_class = 3;
	CHECK(bounce_ruleset_compile("t", rules, 2, NULL, 0, malloc, free, &why, &bad) == NULL);
	CHECK_INT(why, RULE_BAD_REPLY_CLASS);
	CHECK(bounce_ruleset_compile("t", rules, 1, bad_provider, 1, malloc, free, &why, &bad) == NULL);
	CHECK_INT(why, RULE_BAD_DOMAIN);
}

/*
 * 1,000 rules compile, each one matches, and nothing leaks (valgrind); with
 * long phrases they take several automata, and too many bytes of phrases are
 * refused.
 */
static void
test_thousand(const char *words, int automata)
{
	static char phrases[1000][120];
	static char names[1000][16];
	bounce_rule_def rules[1000];
	bounce_ruleset *rs;
	int			i;

	for (i = 0; i < 1000; i++)
	{
		snprintf(names[i], sizeof(names[i]), "r%d", i);
		/* Letters only: digits would make opaque tokens of the numbers. */
		snprintf(phrases[i], sizeof(phrases[i]), "%c%c%c %s",
				 'a' + i % 26, 'a' + (i / 26) % 26, 'a' + (i / 676) % 26, words);
		rules[i] = rule(names[i], phrases[i], i % 2 ? 52 : 10);
	}
	rs = compile(rules, 1000, NULL, 0);
	if (rs == NULL)
		return;
	CHECK_INT(rs->nautomata, automata);
	for (i = 0; i < 1000; i += 37)
	{
		char		text[sizeof(phrases[0]) + 16];
		bounce_result r;

		snprintf(text, sizeof(text), "550 %.119s here", phrases[i]);
		r = classify_with(rs, text, NULL);
		CHECK_INT(r.code, i % 2 ? 52 : 10);
		CHECK(strcmp(r.rule + 2, names[i]) == 0);
	}
	bounce_ruleset_free(rs);
}

/* More bytes of phrases than RULE_AUTOMATA_MAX automata hold: refused, nothing leaks. */
static void
test_too_large(void)
{
	static char phrases[2000][201];
	static bounce_rule_def rules[2000];
	rule_problem why;
	int			bad,
				i;

	for (i = 0; i < 2000; i++)
	{
		memset(phrases[i], 'a' + i % 26, 200);
		phrases[i][0] = (char) ('a' + (i / 26) % 26);
		phrases[i][1] = (char) ('a' + (i / 676) % 26);
		rules[i] = rule("r", phrases[i], 10);
	}
	CHECK(bounce_ruleset_compile("t", rules, 2000, NULL, 0, malloc, free, &why, &bad) == NULL);
	CHECK_INT(why, RULE_SET_TOO_LARGE);
	CHECK_INT(bad, -1);
}

/*
 * The decision's flags come from built-in phrases only: a set (or rule) named
 * like a built-in rule ("left_company", "warning_only") sets none of them.
 */
static void
test_no_flags_by_name(void)
{
	bounce_rule_def left[] = {rule("trip", "on a business trip", 60)};
	bounce_rule_def warn[] = {rule("warning_only", "parcel is on its way", 70)};
	rule_problem why;
	int			bad;
	bounce_ruleset *rs = bounce_ruleset_compile("left_company", left, 1, NULL, 0, malloc, free, &why, &bad);

	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	CHECK_INT(classify_with(rs, "From: a@example.org\nAuto-Submitted: auto-replied\nSubject: Re: hi\n\n"
							"I am on a business trip. Your email will not be forwarded.\n", NULL).code, 60);
	bounce_ruleset_free(rs);
	rs = bounce_ruleset_compile("warning_only", warn, 1, NULL, 0, malloc, free, &why, &bad);
	CHECK(rs != NULL);
	if (rs == NULL)
		return;
	CHECK(strcmp(classify_with(rs, "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n"
							   "Your parcel is on its way.\n"
							   "<a@example.net>: host mx.example.net[192.0.2.1] said: 450 4.7.1 Try later\n",
							   NULL).rule, "delay_warning") != 0);
	bounce_ruleset_free(rs);
}

int
main(void)
{
	if (bounce_classifier_init(malloc, free) != 0)
	{
		printf("rules: 0 passed, 1 failed\n");
		return 1;
	}
	test_checks();
	test_precedence();
	test_scopes();
	test_providers();
	test_refusals();
	test_no_flags_by_name();
	test_thousand("custom refusal", 1);
	test_thousand("the remote server refused this message because of a custom rule of ours", 3);
	test_too_large();
	return unit_finish("rules");
}
