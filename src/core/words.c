/*
 * words.c — recognising the tokens that are not words (see words.h).
 *
 * One look at a token's bytes, bounded by TOKEN_LOOK bytes: a token longer
 * than that is opaque whatever it is made of, so the scanner's linear time
 * holds (each byte is looked at here at most once more).
 */
#include "words.h"

#include <string.h>

#include "ascii.h"

/*
 * Top-level domains a one-dot host may end in ("example.com"); a host with
 * two dots or more ("mx.example.org") needs none of these, so "e.g." or
 * "failed.Please" stay words.
 */
static const char *const common_tlds[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "me", "us", "uk",
	"de", "fr", "se", "no", "dk", "fi", "is", "nl", "be", "ch", "at", "it", "es", "pt", "pl", "cz",
	"sk", "hu", "ro", "bg", "gr", "ru", "ua", "jp", "cn", "kr", "tw", "hk", "in", "au", "nz", "ca",
	"br", "ar", "mx", "cl", "za", "ie", "lu", "li", "ee", "lv", "lt", "si", "hr", "rs", "tr", "il",
	"sg", "my", "th", "vn", "id", "ph", "eu", "tv", "cc", "ws", "mobi", "name", "pro", "xyz", "online",
	"site", "email", "example", "invalid", "test", "local", "localdomain", "arpa", NULL
};

unsigned char token_char_class[256];
int			token_char_class_ready;

/* Fill token_char_class (idempotent). */
void
token_build_char_class(void)
{
	int			c;

	for (c = 0; c < 256; c++)
	{
		unsigned char k = 0;

		/*
		 * Bytes past ASCII end a name too: Chinese and Japanese put an address
		 * between words with no space ("发送给a@example.com的邮件"), and the
		 * sentence before it is no part of the address.
		 */
		if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == '[' ||
			c == ']' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '{' || c == '}')
			k = CC_DELIMITER;
		else if (c >= '0' && c <= '9')
			k = CC_DIGIT;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			k = CC_LETTER;
		else if (c == '@' || c == '.' || c == ':' || c == '/')
			k = CC_NAME_MARK;
		token_char_class[c] = k;
	}
	token_char_class_ready = 1;
}

int
token_is_delimiter(unsigned char c)
{
	if (!token_char_class_ready)
		token_build_char_class();
	return (token_char_class[c] & CC_DELIMITER) != 0;
}

/* Is s[0..n) a host name: letter/digit/hyphen labels joined by dots, ending in a letter label? */
static int
is_host_name(const char *s, size_t n)
{
	size_t		i,
				label = 0,
				dots = 0,
				last_at = 0;
	int			last_has_digit = 0;

	if (n < 4 || s[0] == '.' || s[0] == '-' || s[n - 1] == '.' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '.')
		{
			if (label == 0)
				return 0;
			dots++;
			label = 0;
			last_at = i + 1;
			last_has_digit = 0;
		}
		else if (ascii_is_alnum(c) || c == '-' || c == '_')
		{
			label++;
			if (c >= '0' && c <= '9')
				last_has_digit = 1;
		}
		else
			return 0;
	}
	/*
	 * The last label is a top-level domain: a common one, or (with two dots
	 * or more) any of 2 to 6 letters.  Exchange's status names
	 * ("RESOLVER.ADR.RecipNotFound", "STOREDRV.Deliver.Exception") are
	 * words, read for their phrases.
	 */
	if (dots == 0 || last_has_digit || n - last_at < 2)
		return 0;
	if (ascii_is_one_of(s + last_at, n - last_at, common_tlds))
		return 1;
	return dots >= 2 && n - last_at <= 6;
}

/* Is s[0..n) a dotted-quad IPv4 address, or an IPv6 address (hex and two colons or more)? */
static int
is_ip_address(const char *s, size_t n)
{
	size_t		i,
				dots = 0,
				colons = 0;
	int			hex_only = 1,
				digits_only = 1;

	if (ascii_has_prefix(s, n, "ipv6:"))
		return 1;
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '.')
			dots++;
		else if (c == ':')
			colons++;
		else if (c >= '0' && c <= '9')
			continue;
		else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
			digits_only = 0;
		else
			return hex_only = 0;
	}
	return (dots == 3 && colons <= 1 && digits_only) || (colons >= 2 && hex_only);
}

/* Is s[0..n) a long run of letters and digits mixed (a queue id, a hash, base64)? */
static int
is_opaque(const char *s, size_t n)
{
	size_t		i;
	int			letters = 0,
				digits = 0;

	if (n >= TOKEN_LOOK)
		return 1;
	if (n < OPAQUE_MIN)
		return 0;
	/*
	 * "limit=15728640", "size=18571048": a key=value pair is a word and a
	 * number, not an id (base64 has '=' only as padding at its end).
	 */
	for (i = 0; i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')); i++)
		;
	if (i >= 2 && i + 1 < n && s[i] == '=' && s[i + 1] != '=')
		return 0;
	/*
	 * "XGEMAIL_0011": a name, an underscore and a number is a reply id that
	 * a filter documents (Sophos Email's SMTP error codes), not a random id.
	 */
	if (i >= 2 && i + 1 < n && s[i] == '_')
	{
		size_t		j;

		for (j = i + 1; j < n && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j == n)
			return 0;
	}
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= '0' && c <= '9')
			digits = 1;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letters = 1;
		else if (c != '+' && c != '/' && c != '=' && c != '-' && c != '_')
			return 0;
	}
	return letters && digits;
}

/* The host name of a URL's rest after "scheme://" or "www.": up to '/', ':', '?' or '#'. */
static size_t
url_host_len(const char *s, size_t n)
{
	size_t		i = 0;

	while (i < n && s[i] != '/' && s[i] != ':' && s[i] != '?' && s[i] != '#')
		i++;
	return i;
}

token
token_classify(const char *s, size_t len)
{
	token		t;
	size_t		n = 0,
				core;

	unsigned char seen = 0;

	memset(&t, 0, sizeof(t));
	t.kind = TOKEN_WORD;
	if (!token_char_class_ready)
		token_build_char_class();
	while (n < len && n < TOKEN_LOOK)
	{
		unsigned char k = token_char_class[(unsigned char) s[n]];

		if (k & CC_DELIMITER)
			break;
		seen |= k;
		n++;
	}
	/* Most tokens are plain words: no name mark, too short to be opaque. */
	if (!(seen & CC_NAME_MARK) && (n < OPAQUE_MIN || !(seen & CC_DIGIT)))
	{
		t.len = n;
		return t;
	}
	if (n == TOKEN_LOOK)
	{
		/* Too long for any word: step over all of it. */
		while (n < len && !token_is_delimiter((unsigned char) s[n]))
			n++;
		t.kind = TOKEN_OPAQUE;
		t.len = n;
		return t;
	}
	t.len = n;

	/* Sentence punctuation after a name is not part of it. */
	core = n;
	while (core > 0 && (s[core - 1] == '.' || s[core - 1] == ':' || s[core - 1] == '!' ||
						s[core - 1] == '?'))
		core--;

	{
		const char *at = memchr(s, '@', n);

		if (at != NULL)
		{
			/*
			 * The address ends with its domain: "a@example.com:blocked" goes
			 * on with a word.
			 */
			size_t		end = (size_t) (at - s) + 1;

			while (end < n && (ascii_is_alnum((unsigned char) s[end]) || s[end] == '-' ||
							   (s[end] == '.' && !(end + 1 < n && s[end + 1] == '.'))))
				end++;
			/* "a@example.com...User unknown": the dots end the domain. */
			while (end > (size_t) (at - s) + 1 && s[end - 1] == '.')
				end--;
			t.kind = TOKEN_ADDRESS;
			t.len = end;
			return t;
		}
	}
	{
		size_t		i;

		for (i = 0; i + 3 <= core; i++)
			if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			{
				t.kind = TOKEN_URL;
				t.host_at = i + 3;
				t.host_len = url_host_len(s + i + 3, core - i - 3);
				return t;
			}
	}
	if (ascii_has_prefix(s, core, "www.") || ascii_has_prefix(s, core, "mailto:"))
	{
		t.kind = TOKEN_URL;
		t.host_at = 0;
		t.host_len = url_host_len(s, core);
		return t;
	}
	if (is_ip_address(s, core))
	{
		t.kind = TOKEN_IP;
		return t;
	}
	{
		size_t		path = url_host_len(s, core);

		if (is_host_name(s, path) && (path == core || s[path] == '/'))
		{
			t.kind = path == core ? TOKEN_HOST : TOKEN_URL;
			t.host_at = 0;
			t.host_len = path;
			return t;
		}
	}
	if (is_opaque(s, core))
		t.kind = TOKEN_OPAQUE;
	return t;
}
