/*
 * providers.c — the built-in large-provider domain set and its O(1) lookup
 * (an open-addressing hash table filled on first use).
 */
#include "providers.h"

#include <string.h>

const char *const bounce_large_providers[] = {
	/* Google, Microsoft, Yahoo/AOL, Apple */
	"gmail.com", "googlemail.com", "google.com",
	"outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
	"hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "hotmail.se",
	"hotmail.no", "hotmail.dk", "live.se", "live.no", "live.dk", "live.fi", "live.co.uk",
	"live.fr", "live.de", "live.nl", "outlook.se", "outlook.de", "outlook.fr",
	"yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.se",
	"yahoo.no", "yahoo.dk", "yahoo.co.jp", "yahoo.ca", "yahoo.com.au", "yahoo.com.br",
	"ymail.com", "rocketmail.com", "aol.com", "aim.com", "aol.co.uk", "aol.de", "aol.fr",
	"icloud.com", "me.com", "mac.com",
	/* Germany, Austria, Switzerland */
	"gmx.de", "gmx.net", "gmx.com", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de",
	"arcor.de", "mail.de", "posteo.de", "bluewin.ch",
	/* France */
	"orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr",
	/* Russia, China, Korea, India, Brazil */
	"yandex.ru", "yandex.com", "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
	"qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "aliyun.com",
	"naver.com", "daum.net", "hanmail.net", "rediffmail.com",
	"uol.com.br", "bol.com.br", "terra.com.br",
	/* North America */
	"comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net",
	"charter.net", "earthlink.net", "optonline.net", "frontier.com", "shaw.ca", "rogers.com",
	"sympatico.ca", "videotron.ca", "telus.net",
	/* United Kingdom, Ireland, Netherlands, Belgium */
	"btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "ntlworld.com",
	"blueyonder.co.uk", "eircom.net", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl",
	"hetnet.nl", "xs4all.nl", "telenet.be", "skynet.be",
	/* Nordic ISPs and portals */
	"telia.com", "telia.se", "bredband.net", "comhem.se", "tele2.se", "bahnhof.se", "spray.se",
	"home.se", "passagen.se", "glocalnet.net", "swipnet.se", "bredband2.com", "ownit.nu",
	"telenor.no", "online.no", "broadpark.no", "c2i.net", "start.no", "getmail.no", "frisurf.no",
	"tdcadsl.dk", "mail.dk", "jubii.dk", "stofanet.dk", "get2net.dk", "youmail.dk", "webspeed.dk",
	"elisa.fi", "kolumbus.fi", "saunalahti.fi", "luukku.com", "dnainternet.net", "suomi24.fi",
	"inet.fi",
	/* Italy, Spain, Poland, Czechia */
	"libero.it", "virgilio.it", "tiscali.it", "alice.it", "tim.it", "telefonica.net",
	"wp.pl", "o2.pl", "onet.pl", "interia.pl", "seznam.cz",
	/* Australia and global independents */
	"bigpond.com", "optusnet.com.au", "mail.com", "email.com", "fastmail.com", "protonmail.com",
	"proton.me", "pm.me", "zoho.com", "tutanota.com", "hey.com",
	NULL
};

#define TABLE_SIZE 512			/* a power of two, over twice the list */

static const char *table[TABLE_SIZE];
static int	table_ready;

/* ASCII lower case of one byte. */
static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* FNV-1a over the lower-cased bytes. */
static unsigned int
hash_domain(const char *s, size_t len)
{
	unsigned int h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= lower((unsigned char) s[i]);
		h *= 16777619u;
	}
	return h;
}

/* Case-insensitive equality of s[0..len) with the lower-case NUL-terminated d. */
static int
equals_domain(const char *s, size_t len, const char *d)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (d[i] == '\0' || lower((unsigned char) s[i]) != (unsigned char) d[i])
			return 0;
	return d[len] == '\0';
}

/* Fill the table from the list. */
static void
build_table(void)
{
	int			i;

	for (i = 0; bounce_large_providers[i] != NULL; i++)
	{
		const char *d = bounce_large_providers[i];
		unsigned int slot = hash_domain(d, strlen(d)) & (TABLE_SIZE - 1);

		while (table[slot] != NULL)
			slot = (slot + 1) & (TABLE_SIZE - 1);
		table[slot] = d;
	}
	table_ready = 1;
}

/* Exact lookup of one domain. */
static int
in_table(const char *domain, size_t len)
{
	unsigned int slot = hash_domain(domain, len) & (TABLE_SIZE - 1);

	while (table[slot] != NULL)
	{
		if (equals_domain(domain, len, table[slot]))
			return 1;
		slot = (slot + 1) & (TABLE_SIZE - 1);
	}
	return 0;
}

int
bounce_is_large_provider(const char *domain, size_t len)
{
	if (!table_ready)
		build_table();
	while (len > 0 && domain[len - 1] == '.')
		len--;
	/* The domain, then each parent with at least two labels: mx1.gmail.com, gmail.com. */
	while (len > 0)
	{
		const char *dot = memchr(domain, '.', len);

		if (dot == NULL)
			return 0;
		if (in_table(domain, len))
			return 1;
		len -= (size_t) (dot - domain) + 1;
		domain = dot + 1;
	}
	return 0;
}

const char *
bounce_address_domain(const char *address, size_t len, size_t *domain_len)
{
	const char *at = NULL;
	size_t		i;

	for (i = 0; i < len; i++)
		if (address[i] == '@')
			at = address + i;
	while (len > 0 && (address[len - 1] == '>' || address[len - 1] == ' '))
		len--;
	if (at == NULL)
	{
		while (len > 0 && (*address == ' ' || *address == '<'))
		{
			address++;
			len--;
		}
		*domain_len = len;
		return address;
	}
	*domain_len = (size_t) (address + len - (at + 1));
	return at + 1;
}
