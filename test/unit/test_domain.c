/*
 * test_domain.c — unit tests of Punycode (RFC 3492's own samples and round
 * trips), domain normalisation (IDNA cases: Unicode and xn-- forms agree,
 * mapping, what is refused), addresses, and the provider tables.
 */
#include <stdlib.h>
#include <string.h>

#include "core/domain.h"
#include "core/hosts.h"
#include "core/providers.h"
#include "core/punycode.h"
#include "unit.h"

/* The domain of an address as a string, or "(null)" when it is no address. */
static const char *
domain_of(const char *address)
{
	static char out[BOUNCE_DOMAIN_MAX + 1];

	if (bounce_domain_of_address(address, strlen(address), out) < 0)
		return "(null)";
	return out;
}

/* A normalised domain name, or "(null)". */
static const char *
normalized(const char *name)
{
	static char out[BOUNCE_DOMAIN_MAX + 1];

	if (bounce_domain_normalize(name, strlen(name), out) < 0)
		return "(null)";
	return out;
}

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got); \
		if (strcmp(g_, (want)) == 0) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, g_, (want)); \
		} \
	} while (0)

/* RFC 3492 section 7.1 samples (A Arabic, B Chinese, L Japanese) and short ones. */
static void
test_punycode_samples(void)
{
	static const uint32_t arabic[] = {0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643,
		0x0644, 0x0645, 0x0648, 0x0634, 0x0639, 0x0631, 0x0628, 0x064A, 0x061F};
	static const uint32_t chinese[] = {0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587};
	static const uint32_t japanese[] = {0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F};
	static const uint32_t bucher[] = {'b', 0xFC, 'c', 'h', 'e', 'r'};
	char		out[64];
	uint32_t	points[PUNYCODE_MAX_POINTS];
	int			n;

	n = punycode_encode(arabic, 17, out, sizeof(out));
	CHECK(n == 22 && memcmp(out, "egbpdaj6bu4bxfgehfvwxn", 22) == 0);
	n = punycode_encode(chinese, 9, out, sizeof(out));
	CHECK(n == 24 && memcmp(out, "ihqwcrb4cv8a8dqg056pqjye", 24) == 0);
	n = punycode_encode(japanese, 8, out, sizeof(out));
	CHECK(n == 24 && memcmp(out, "3B-ww4c5e180e575a65lsy2b", 24) == 0);
	n = punycode_encode(bucher, 6, out, sizeof(out));
	CHECK(n == 9 && memcmp(out, "bcher-kva", 9) == 0);

	n = punycode_decode("egbpdaj6bu4bxfgehfvwxn", 22, points);
	CHECK(n == 17 && memcmp(points, arabic, sizeof(arabic)) == 0);
	n = punycode_decode("ihqwcrb4cv8a8dqg056pqjye", 24, points);
	CHECK(n == 9 && memcmp(points, chinese, sizeof(chinese)) == 0);
	n = punycode_decode("3B-ww4c5e180e575a65lsy2b", 24, points);
	CHECK(n == 8 && memcmp(points, japanese, sizeof(japanese)) == 0);
	/* Digits are case-insensitive. */
	n = punycode_decode("bcher-KVA", 9, points);
	CHECK(n == 6 && memcmp(points, bucher, sizeof(bucher)) == 0);
	/* Invalid: a bad digit, a truncated number, overflow, a surrogate, a basic code point by delta. */
	CHECK(punycode_decode("bcher-kv!", 9, points) < 0);
	CHECK(punycode_decode("bcher-k", 7, points) < 0);
	CHECK(punycode_decode("99999999999999", 14, points) < 0);
	CHECK(punycode_decode("zzzzzzzzzzzzzzzzzzzzzzzz", 24, points) < 0);
	/* Output that does not fit is refused. */
	CHECK(punycode_encode(arabic, 17, out, 10) < 0);
}

/* Encode then decode random labels: the same code points come back. */
static void
test_punycode_round_trip(void)
{
	int			i;

	srand(15);
	for (i = 0; i < 20000; i++)
	{
		uint32_t	points[PUNYCODE_MAX_POINTS],
					back[PUNYCODE_MAX_POINTS];
		char		out[256];
		int			n = 1 + rand() % 20,
					j,
					len,
					m;

		for (j = 0; j < n; j++)
		{
			switch (rand() % 4)
			{
				case 0:
					points[j] = 'a' + (uint32_t) (rand() % 26);
					break;
				case 1:
					points[j] = 0xE0 + (uint32_t) (rand() % 0x20);
					break;
				case 2:
					points[j] = 0x4E00 + (uint32_t) (rand() % 0x5000);
					break;
				default:
					points[j] = 0x10000 + (uint32_t) (rand() % 0xF0000);
					if (points[j] >= 0xD800 && points[j] <= 0xDFFF)
						points[j] = 0x10400;
					break;
			}
		}
		len = punycode_encode(points, (size_t) n, out, sizeof(out));
		CHECK(len > 0);
		if (len <= 0)
			continue;
		m = punycode_decode(out, (size_t) len, back);
		CHECK(m == n && memcmp(points, back, (size_t) n * sizeof(uint32_t)) == 0);
	}
}

/* Unicode and xn-- forms, in any case, give the same A-label domain. */
static void
test_idna(void)
{
	CHECK_STR(normalized("bücher.example"), "xn--bcher-kva.example");
	CHECK_STR(normalized("BÜCHER.Example"), "xn--bcher-kva.example");
	CHECK_STR(normalized("xn--bcher-kva.example"), "xn--bcher-kva.example");
	CHECK_STR(normalized("XN--BCHER-KVA.EXAMPLE"), "xn--bcher-kva.example");
	CHECK_STR(normalized("münchen.de"), "xn--mnchen-3ya.de");
	CHECK_STR(normalized("MÜNCHEN.DE."), "xn--mnchen-3ya.de");
	CHECK_STR(normalized("пример.рф"), "xn--e1afmkfd.xn--p1ai");
	CHECK_STR(normalized("ПРИМЕР.РФ"), "xn--e1afmkfd.xn--p1ai");
	CHECK_STR(normalized("δοκιμή.gr"), "xn--jxalpdlp.gr");
	CHECK_STR(normalized("ΔΟΚΙΜΉ.gr"), "xn--jxalpdlp.gr");
	CHECK_STR(normalized("例え.jp"), "xn--r8jz45g.jp");
	CHECK_STR(normalized("faß.de"), "xn--fa-hia.de");	/* ß kept, as IDNA2008 does */
	CHECK_STR(normalized("ŁÓDŹ.pl"), normalized("łódź.pl"));
	/* Full-width dots and letters. */
	CHECK_STR(normalized("例え。jp"), "xn--r8jz45g.jp");
	CHECK_STR(normalized("bücher．example"), "xn--bcher-kva.example");
	CHECK_STR(normalized("ｅｘａｍｐｌｅ｡ｃｏｍ"), "example.com");
	CHECK_STR(normalized("ＧＭＡＩＬ.com"), "gmail.com");
	/* An upper-case A-label is decoded, mapped and encoded again. */
	CHECK_STR(normalized("xn--BCHER-kva.example"), "xn--bcher-kva.example");
	/* Refused: bad Punycode, an A-label of ASCII only, symbols, spaces, controls, private use. */
	CHECK_STR(normalized("xn--bcher-kv!.example"), "(null)");
	CHECK_STR(normalized("xn--abc-.example"), "(null)");
	CHECK_STR(normalized("xn--.example"), "(null)");
	CHECK_STR(normalized("a☃b.example"), "(null)");
	CHECK_STR(normalized("a b.example"), "(null)");
	CHECK_STR(normalized("a\tb.example"), "(null)");
	CHECK_STR(normalized("a\xee\x80\x80" "b.example"), "(null)");
	CHECK_STR(normalized("\xcc\x81" "a.example"), "(null)");	/* a leading combining mark */
	/* Invalid UTF-8: a lone continuation byte, an overlong, a surrogate, a cut sequence. */
	CHECK_STR(normalized("a\x80" "b.example"), "(null)");
	CHECK_STR(normalized("a\xc0\xae" "b.example"), "(null)");
	CHECK_STR(normalized("a\xed\xa0\x80" "b.example"), "(null)");
	CHECK_STR(normalized("example.co\xc3"), "(null)");
}

/* ASCII rules: LDH labels, lengths, hyphens, labels, the top-level domain. */
static void
test_ascii_rules(void)
{
	char		label63[70],
				name[300];
	int			i;

	CHECK_STR(normalized("Example.COM"), "example.com");
	CHECK_STR(normalized("mail-1.example.com."), "mail-1.example.com");
	CHECK_STR(normalized("example.com.."), "(null)");
	CHECK_STR(normalized(".example.com"), "(null)");
	CHECK_STR(normalized("a..example.com"), "(null)");
	CHECK_STR(normalized("-a.example.com"), "(null)");
	CHECK_STR(normalized("a-.example.com"), "(null)");
	CHECK_STR(normalized("ab--c.example.com"), "(null)");	/* reserved: "--" in positions 3-4 */
	CHECK_STR(normalized("a_b.example.com"), "(null)");
	CHECK_STR(normalized("localhost"), "(null)");
	CHECK_STR(normalized("192.0.2.1"), "(null)");
	CHECK_STR(normalized("[192.0.2.1]"), "(null)");
	CHECK_STR(normalized("example.123"), "(null)");
	CHECK_STR(normalized("123.example"), "123.example");
	CHECK_STR(normalized(""), "(null)");
	CHECK_STR(normalized("."), "(null)");
	memset(label63, 'a', 63);
	label63[63] = '\0';
	snprintf(name, sizeof(name), "%s.com", label63);
	CHECK_STR(normalized(name), name);
	snprintf(name, sizeof(name), "a%s.com", label63);
	CHECK_STR(normalized(name), "(null)");
	/* 253 bytes is the limit of a name. */
	name[0] = '\0';
	for (i = 0; i < 3; i++)
		strcat(name, label63), strcat(name, ".");
	strcat(name, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");	/* 192 + 61 = 253 */
	CHECK_INT(strlen(normalized(name)), 253);
	strcat(name, "a");
	CHECK_STR(normalized(name), "(null)");
	/* A Unicode label whose A-label is over 63 bytes. */
	snprintf(name, sizeof(name), "%.58sü.de", label63);	/* 4 + 58 + 1 + 3 bytes */
	CHECK_STR(normalized(name), "(null)");
}

/* Addresses: the domain after the last '@', brackets and blanks, invalid local parts. */
static void
test_addresses(void)
{
	CHECK_STR(domain_of("Anna@Gmail.COM"), "gmail.com");
	CHECK_STR(domain_of("  <anna@example.se>  "), "example.se");
	CHECK_STR(domain_of("\"a@b\"@example.org"), "example.org");
	CHECK_STR(domain_of("\"a b\"@example.org"), "example.org");
	CHECK_STR(domain_of("jürgen@bücher.example"), "xn--bcher-kva.example");
	CHECK_STR(domain_of("user@xn--bcher-kva.example"), "xn--bcher-kva.example");
	CHECK_STR(domain_of("user@例え。jp"), "xn--r8jz45g.jp");
	CHECK_STR(domain_of("anna"), "(null)");
	CHECK_STR(domain_of("@example.com"), "(null)");
	CHECK_STR(domain_of("anna@"), "(null)");
	CHECK_STR(domain_of("an na@example.com"), "(null)");
	CHECK_STR(domain_of("anna@exa mple.com"), "(null)");
	CHECK_STR(domain_of("anna@[192.0.2.1]"), "(null)");
	CHECK_STR(domain_of("anna@localhost"), "(null)");
	CHECK_STR(domain_of("Anna <anna@example.com>"), "(null)");
	CHECK_STR(domain_of(""), "(null)");
}

/* The provider tables: domains, their parents, exchangers and filters. */
static void
test_providers(void)
{
	const char *p;

	CHECK_STR((p = bounce_domain_provider("gmail.com", 9)) ? p : "(null)", "google");
	CHECK_STR((p = bounce_domain_provider("HOTMAIL.CO.UK", 13)) ? p : "(null)", "microsoft");
	CHECK_STR((p = bounce_domain_provider("web.de", 6)) ? p : "(null)", "united_internet");
	CHECK_STR((p = bounce_domain_provider("mx1.comcast.net", 15)) ? p : "(null)", "comcast");
	CHECK(bounce_domain_provider("example.com", 11) == NULL);
	CHECK(bounce_domain_provider("arcor.de", 8) == NULL);	/* built in, provider not named */
	CHECK(bounce_domain_provider("notgmail.com", 12) == NULL);
	CHECK_STR((p = host_provider("aspmx.l.google.com", 18)) ? p : "(null)", "google");
	CHECK_STR((p = host_provider("example-com.mail.protection.outlook.com", 39)) ? p : "(null)", "microsoft");
	CHECK_STR((p = host_provider("example-com.r-v1.mx.microsoft", 29)) ? p : "(null)", "microsoft");
	CHECK_STR((p = host_provider("mta5.am0.yahoodns.net", 21)) ? p : "(null)", "yahoo");
	CHECK_STR((p = host_provider("mx0a-001.pphosted.com", 21)) ? p : "(null)", "proofpoint");
	CHECK_STR((p = host_provider("eu-smtp-inbound-1.mimecast.com", 30)) ? p : "(null)", "mimecast");
	CHECK_STR((p = host_provider("mx1.example.iphmx.com", 21)) ? p : "(null)", "cisco");
	CHECK_STR((p = host_provider("mx00.emig.gmx.net", 17)) ? p : "(null)", "united_internet");
	CHECK(host_provider("mx.example.com", 14) == NULL);
	CHECK(host_provider("zen.spamhaus.org", 16) == NULL);
	/* A filter's host is no large provider's: the classifier's 29/59 stays as it was. */
	CHECK(!host_lookup("mx0a-001.pphosted.com", 21).large_provider);
	CHECK(host_lookup("aspmx.l.google.com", 18).large_provider);
}

int
main(void)
{
	test_punycode_samples();
	test_punycode_round_trip();
	test_idna();
	test_ascii_rules();
	test_addresses();
	test_providers();
	return unit_finish("domain");
}
