/*
 * test_pipeline.c — unit tests of the classifier's stages one by one (words,
 * hosts, the constraint of reply classes) and of the readings the
 * Classifier 2 issue lists: each row of its table is pinned here.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bounce_codes.h"
#include "core/classify.h"
#include "core/decide.h"
#include "core/hosts.h"
#include "core/message.h"
#include "core/words.h"
#include "unit.h"

/* Classify a NUL-terminated string. */
static bounce_result
classify(const char *text)
{
	bounce_result r;

	bounce_classify(text, strlen(text), NULL, &r);
	return r;
}

/* The kind of the token at the start of s. */
static token_kind
kind_of(const char *s)
{
	return token_classify(s, strlen(s)).kind;
}

/* Tokens: names are told from words. */
static void
test_words(void)
{
	token		t;

	CHECK_INT(kind_of("jamescompton@example.com"), TOKEN_ADDRESS);
	CHECK_INT(kind_of("<1234.abcd@mx.example.com>"), TOKEN_WORD);	/* '<' is a delimiter: the scanner starts after it */
	CHECK_INT(kind_of("1234.abcd@mx.example.com"), TOKEN_ADDRESS);
	CHECK_INT(kind_of("mx1.mail.example.org"), TOKEN_HOST);
	CHECK_INT(kind_of("example.com"), TOKEN_HOST);
	CHECK_INT(kind_of("example.com."), TOKEN_HOST);
	CHECK_INT(kind_of("e.g."), TOKEN_WORD);
	CHECK_INT(kind_of("RESOLVER.ADR.RecipNotFound"), TOKEN_WORD);
	CHECK_INT(kind_of("mail.example.museum"), TOKEN_HOST);
	CHECK_INT(kind_of("failed.Please"), TOKEN_WORD);
	CHECK_INT(kind_of("5.1.1"), TOKEN_WORD);
	CHECK_INT(kind_of("192.0.2.1"), TOKEN_IP);
	CHECK_INT(kind_of("2001:db8::1"), TOKEN_IP);
	CHECK_INT(kind_of("IPv6:2001:db8::1"), TOKEN_IP);
	CHECK_INT(kind_of("7d39d5299584f4be161127e61f5f5400"), TOKEN_OPAQUE);
	CHECK_INT(kind_of("denied...7d39d5299584f4be161127e61f5f5400..."), TOKEN_WORD);
	/* A key=value pair is a word and a number; base64 has '=' only as padding. */
	CHECK_INT(kind_of("limit=15728640"), TOKEN_WORD);
	CHECK_INT(kind_of("c2l6ZWxpbWl0MTU3Mjg2NDA="), TOKEN_OPAQUE);
	CHECK_INT(kind_of("ab==15728640xyz"), TOKEN_OPAQUE);
	CHECK_INT(kind_of("warbler"), TOKEN_WORD);
	CHECK_INT(kind_of("unsubscribe"), TOKEN_WORD);
	t = token_classify("https://www.spamhaus.org/query/ip/192.0.2.1 rest", 48);
	CHECK_INT(t.kind, TOKEN_URL);
	CHECK_INT((int) t.len, 43);
	CHECK(t.host_len == 16 && memcmp("https://www.spamhaus.org/query/ip/192.0.2.1" + t.host_at, "www.spamhaus.org", 16) == 0);
	t = token_classify("www.example.com/unsubscribe", 27);
	CHECK_INT(t.kind, TOKEN_URL);
	CHECK_INT((int) t.host_len, 15);
	CHECK(token_is_delimiter('<') && token_is_delimiter(' ') && !token_is_delimiter('.'));
	/* Bytes past ASCII end a name: "发送给a@example.com的邮件". */
	t = token_classify("a@example.com\xe7\x9a\x84", 16);
	CHECK_INT(t.kind, TOKEN_ADDRESS);
	CHECK_INT((int) t.len, 13);
}

/* Hosts: blocklist zones and large providers' exchangers. */
static void
test_hosts(void)
{
	CHECK_INT(host_lookup("zen.spamhaus.org", 16).code, 51);
	CHECK_INT(host_lookup("bl.spamcop.net", 14).code, 51);
	CHECK_INT(host_lookup("dnsbl.example.net", 17).code, 51);
	CHECK_INT(host_lookup("rbl2.example.net", 16).code, 51);
	CHECK_INT(host_lookup("warbler.example.net", 19).code, -1);
	CHECK_INT(host_lookup("notspamhaus.org", 15).code, -1);
	CHECK(host_lookup("gmail-smtp-in.l.google.com", 26).large_provider);
	CHECK(host_lookup("mta7.am0.yahoodns.net", 21).large_provider);
	CHECK(host_lookup("contoso-com.mail.protection.outlook.com", 39).large_provider);
	CHECK(!host_lookup("mx.example.com", 14).large_provider);
	/* The zone itself, in any case, and only after a dot (looked up by suffix). */
	CHECK_INT(host_lookup("spamhaus.org", 12).code, 51);
	CHECK_INT(host_lookup("ZEN.SpamHaus.ORG", 16).code, 51);
	CHECK_INT(host_lookup("xspamcop.net", 12).code, -1);
	CHECK_INT(host_lookup("spamhaus.org.example.com", 24).code, -1);
	CHECK_INT(host_lookup("groups.google.com", 17).code, 50);
	CHECK_INT(host_lookup("x.groups.google.com", 19).code, 50);
	CHECK(host_lookup("GOOGLE.COM", 10).large_provider);
	CHECK(!host_lookup("notgoogle.com", 13).large_provider);
	CHECK_INT(host_lookup("a..spamhaus.org", 15).code, 51);
}

/* The constraint of reply classes, one function. */
static void
test_constrain(void)
{
	const char *rule = "x";

	CHECK_INT(bounce_constrain(10, 70, 4, 1, 1, &rule), 20);
	CHECK(strcmp(rule, "temporary_reply") == 0);
	rule = "x";
	CHECK_INT(bounce_constrain(22, 70, 4, 2, 2, &rule), 22);
	CHECK(strcmp(rule, "x") == 0);
	CHECK_INT(bounce_constrain(52, 70, 2, 0, 0, &rule), 0);
	CHECK_INT(bounce_constrain(60, 70, 2, 0, 0, &rule), 60);
	CHECK_INT(bounce_constrain(10, 70, 5, 2, 2, &rule), 22);
	CHECK_INT(bounce_constrain(10, 70, 5, 1, 1, &rule), 10);
	CHECK_INT(bounce_constrain(51, 70, 5, 7, 1, &rule), 51);
	CHECK_INT(bounce_constrain(10, 70, 5, 7, 1, &rule), 10);	/* strong words: "No mailbox found" */
	CHECK_INT(bounce_constrain(10, 50, 5, 7, 1, &rule), 50);	/* weaker words under policy: a policy refusal */
	CHECK_INT(bounce_constrain(10, 95, 4, 1, 1, &rule), 10);	/* a definitive cue is not corrected */
}

/* Every row of the Classifier 2 issue's table. */
static void
test_issue_table(void)
{
	bounce_result r;

	/* "scomp" inside an address, "rbl" inside a word: names and words are apart. */
	CHECK_INT(classify("550 5.1.1 <jamescompton@example.com>: Recipient address rejected: User unknown").code, 10);
	CHECK_INT(classify("550 5.1.1 <warbler@example.com>: Recipient address rejected: User unknown").code, 10);
	/* A footer does not outrank the server's reply. */
	CHECK_INT(classify("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n\n"
					   "All mail is scanned for viruses and spam.").code, 10);
	r = classify("From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n"
				 "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
				 "--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
				 "This message was scanned by the antivirus service.\n"
				 "--b\nContent-Type: message/delivery-status\n\n"
				 "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n--b--\n");
	CHECK_INT(r.code, 10);
	/* Quoted text is not the sender's words. */
	r = classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nDo you ship to Norway?\n\n"
				 "On Mon, 3 May 2010, News <news@example.org> wrote:\n> Big sale!\n> Unsubscribe\n");
	CHECK_INT(r.code, 0);
	r = classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nDo you ship to Norway?\n\n> Unsubscribe\n");
	CHECK_INT(r.code, 0);
	r = classify("From: Kim <kim@example.com>\nSubject: SV: News\n\nFinns den i blått?\n\n"
				 "Från: News <news@example.org>\nSkickat: den 3 maj 2010\nÄmne: News\n\nUnsubscribe\n");
	CHECK_INT(r.code, 0);
	/* 4xx never gives a hard code. */
	CHECK_INT(classify("450 Requested mail action not taken: mailbox unavailable").code, 20);
	CHECK_INT(classify("421 4.2.1 Mailbox unavailable, try again later").code, 20);
	/* Boilerplate that lists possible causes is not the cause. */
	r = classify("This message was created automatically by mail delivery software.\n\n"
				 "The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.\n\n"
				 "  a@example.com\n    host mx.example.com [192.0.2.1]\n"
				 "    SMTP error from remote mail server after RCPT TO:<a@example.com>:\n"
				 "    554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org\n");
	CHECK_INT(r.code, 51);
	/* A final bounce whose reason is a 4xx is a temporary reason (20), not a delay notice (70). */
	r = classify("From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n\n"
				 "<a@example.com>: host mx.example.com[192.0.2.1] said: 421 Server busy, try again later\n"
				 "    (in reply to RCPT TO command)\n");
	CHECK_INT(r.code, 20);
	/*
	 * One that says the queue lifetime ran out is the seed's 40 ("gave up"),
	 * whatever temporary reason it quotes; a specific reason keeps its code,
	 * and a delay notice saying the same words of an earlier message stays 70.
	 */
	r = classify("From: Mail Delivery System <Mailer-Daemon@example.org>\nSubject: Mail delivery failed\n\n"
				 "  a@example.com\n    host mx.example.com [192.0.2.1]\n"
				 "    SMTP error from remote mail server after RCPT TO:<a@example.com>:\n"
				 "    451 4.7.1 Greylisted, please try again later: retry timeout exceeded\n");
	CHECK_INT(r.code, 40);
	CHECK(strcmp(r.rule, "expired_after_retries") == 0);
	r = classify("From: Mail Delivery System <Mailer-Daemon@example.org>\nSubject: Mail delivery failed\n\n"
				 "  a@example.com\n    host mx.example.com [192.0.2.1]\n"
				 "    SMTP error from remote mail server after RCPT TO:<a@example.com>:\n"
				 "    452 4.2.2 Mailbox full: retry timeout exceeded\n");
	CHECK_INT(r.code, 22);
	r = classify("From: MAILER-DAEMON@example.org\nSubject: Delayed Mail (still being retried)\n\n"
				 "This is a warning message only.\n"
				 "<a@example.com>: host mx.example.com[192.0.2.1] said: 451 4.7.1 Greylisted, try again later\n"
				 "An earlier message to this host could not be delivered within 5 days.\n");
	CHECK_INT(r.code, 70);
	/* Feedback types (RFC 5965). */
	CHECK_INT(classify("Content-Type: message/feedback-report\n\nFeedback-Type: opt-out\nUser-Agent: x\n").code, 90);
	CHECK_INT(classify("Content-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: x\n").code, 200);
	CHECK_INT(classify("Content-Type: message/feedback-report\n\nFeedback-Type: not-spam\nUser-Agent: x\n").code, 0);
	/* Exchange's status names are words: the phrase decides, not only the status. */
	CHECK(strcmp(classify("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'").rule,
				 "microsoft_550_5_1_10") == 0);
	/* A code in mid-line leaves one space: "unrouteable address". */
	CHECK_INT(classify("Unrouteable 550 address").code, 10);
}

/* Unsubscribe requests, and their negations. */
static void
test_unsubscribe(void)
{
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nPlease remove me from your list.\n").code, 90);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nPlease do not remove me from your list, I love it.\n").code, 0);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nI don't want to unsubscribe, just fewer mails.\n").code, 0);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nI want to unsubscribe.\n").code, 90);
	/* A footer's unsubscribe line in the sender's own text is a banner, not a request. */
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nThanks!\n\nTo unsubscribe from this list, click here.\n").code, 0);
}

/*
 * Scripts other than Latin: Cyrillic read without regard to case, phrases of
 * scripts without spaces matched inside a sentence, an address run into a
 * Chinese sentence read as an address, negations and quoted header blocks.
 */
static void
test_scripts(void)
{
	CHECK_INT(classify("550 Почтовый ящик переполнен").code, 22);
	CHECK_INT(classify("ПОЛЬЗОВАТЕЛЬ НЕ НАЙДЕН").code, 10);
	CHECK_INT(classify("您发送给a@example.com的邮件失败：收件人邮箱已满").code, 22);
	CHECK_INT(classify("お送りいただいたメールは迷惑メールと判定されたため、a@example.jp への配信を中止しました。").code, 52);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nПожалуйста, отпишите меня от рассылки.\n").code, 90);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nЯ не хочу отписаться, смените адрес.\n").code, 0);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\n我不要取消订阅，只是换个地址。\n").code, 0);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\n退订\n").code, 90);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: News\n\nカタログをお願いします。\n\n"
					   "差出人: Shop <news@example.org>\n送信日時: 2025年3月4日 10:02\n\n配信停止\n").code, 0);
}

/* Forwarded bounces are read; quoted replies are not. */
static void
test_segments(void)
{
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Fwd: Returned mail\n\nBegin forwarded message:\n\n"
					   "> Final-Recipient: rfc822; a@example.com\n> Action: failed\n> Status: 5.1.1\n").code, 10);
	CHECK_INT(classify("From: Kim <kim@example.com>\nSubject: Re: Hi\n\nSure.\n\n"
					   "Le lun. 3 mai 2010, News <news@example.org> a écrit :\nPlease unsubscribe me\n").code, 0);
	/* A scanner banner in prose: no virus rejection. */
	CHECK_INT(classify("This message has been scanned for viruses by Example AV.").code, 40);
	/* A virus rejection in the server's reply is one, banner words or not. */
	CHECK_INT(classify("554 5.7.1 Message rejected: virus found (Eicar-Test-Signature)").code, 53);
}

/* Several recipients: the first failed one is the bounce's reading (LABELS.md). */
static void
test_first_failed_recipient(void)
{
	static const char text_and_dsn[] =
		"From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n"
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
		"--b\nContent-Type: text/plain\n\n"
		"<a@example.com>: host mx.example.com[192.0.2.1] said: 550 5.7.1 Message rejected as spam\n"
		"    (in reply to end of DATA command)\n\n"
		"<b@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown\n"
		"    (in reply to RCPT TO command)\n\n"
		"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; example.org\n\n"
		"Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.7.1\n"
		"Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam\n\n"
		"Final-Recipient: rfc822; b@example.com\nAction: failed\nStatus: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--b--\n";
	/* Amazon SES writes Action before Final-Recipient: the blank line still ends the group. */
	static const char dsn_only[] =
		"Reporting-MTA: dns; a1.example.net\n\n"
		"Action: failed\nFinal-Recipient: rfc822; a@example.com\n"
		"Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\nStatus: 5.2.2\n\n"
		"Action: failed\nFinal-Recipient: rfc822; b@example.com\n"
		"Diagnostic-Code: smtp; 550 5.1.1 user unknown\nStatus: 5.1.1\n";
	bounce_result r = classify(text_and_dsn);

	CHECK_INT(r.code, 52);
	CHECK(strcmp(r.recipient, "a@example.com") == 0);
	r = classify(dsn_only);
	CHECK_INT(r.code, 22);
	CHECK(strcmp(r.status, "5.2.2") == 0);
	/* A delayed recipient first, then a failed one: the failed one counts. */
	CHECK_INT(classify("Action: delayed\nFinal-Recipient: rfc822; a@example.com\nStatus: 4.4.1\n\n"
					   "Action: failed\nFinal-Recipient: rfc822; b@example.com\nStatus: 5.1.1\n").code, 10);
}

/* The decision names its phrase and the part it came from. */
static void
test_explain(void)
{
	bounce_result r = classify("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown");

	CHECK(r.phrase != NULL && strcmp(r.phrase, "user unknown") == 0);
	CHECK(r.part != NULL && strcmp(r.part, "remote server reply") == 0);
	r = classify("From: Kim <kim@example.com>\nSubject: Hello\n\nSee you on Monday.\n");
	CHECK_INT(r.code, 0);
	CHECK(strcmp(r.rule, "not_a_bounce") == 0);
	/* Not a message and no cue: a general bounce, never a bad address. */
	CHECK_INT(classify("Something odd happened").code, 40);
}

/* A message's header block after blank lines, an mbox "From " line and blank lines again. */
static void
test_message_start(void)
{
	static const char plain[] = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nSubject: x\n\nbody\n";
	static const char gap[] = "\nFrom MAILER-DAEMON Mon Jan  1 00:00:00 2024\n\nFrom: a@example.org\nSubject: x\n\nbody\n";

	CHECK(message_looks_like(plain, strlen(plain)));
	CHECK(message_looks_like(gap, strlen(gap)));
	CHECK_INT(classify("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n\nFrom: p@example.org\n"
					   "Subject: Re: offers\n\nThe page says user unknown, can you check?\n").code, 0);
}

int
main(void)
{
	if (bounce_classifier_init(malloc, free) != 0)
		return 2;
	test_words();
	test_scripts();
	test_hosts();
	test_constrain();
	test_issue_table();
	test_explain();
	test_unsubscribe();
	test_segments();
	test_first_failed_recipient();
	test_message_start();
	return unit_finish("pipeline");
}
