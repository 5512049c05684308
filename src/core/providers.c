/*
 * providers.c — the built-in large-provider domains, the mailbox provider
 * behind each, and their O(1) lookup (an open-addressing hash table filled on
 * first use).
 *
 * Provider names: a domain's provider is the company that runs its mailboxes
 * (lower-case, '_' for spaces), as each provider says of its own domains on
 * its postmaster or help pages (Google "Gmail", Microsoft "Outlook.com" with
 * Hotmail, Live and MSN, Yahoo "Yahoo Mail" with ymail.com and rocketmail.com,
 * AOL, Apple "iCloud Mail" with me.com and mac.com, United Internet's GMX,
 * WEB.DE and mail.com postmaster pages, Mail.ru's postmaster with bk.ru,
 * inbox.ru and list.ru, NetEase's 163/126/yeah.net, Proton with pm.me).  A
 * domain whose operator this table does not name (NULL) stands for itself.
 */
#include "providers.h"

#include <string.h>

const bounce_provider_domain bounce_provider_domains[] = {
	/* Google, Microsoft, Yahoo/AOL, Apple */
	{"gmail.com", "google"}, {"googlemail.com", "google"}, {"google.com", "google"},
	{"outlook.com", "microsoft"}, {"hotmail.com", "microsoft"}, {"live.com", "microsoft"},
	{"msn.com", "microsoft"}, {"passport.com", "microsoft"},
	{"hotmail.co.uk", "microsoft"}, {"hotmail.fr", "microsoft"}, {"hotmail.de", "microsoft"},
	{"hotmail.it", "microsoft"}, {"hotmail.es", "microsoft"}, {"hotmail.se", "microsoft"},
	{"hotmail.no", "microsoft"}, {"hotmail.dk", "microsoft"}, {"live.se", "microsoft"}, {"live.no", "microsoft"},
	{"live.dk", "microsoft"}, {"live.fi", "microsoft"}, {"live.co.uk", "microsoft"},
	{"live.fr", "microsoft"}, {"live.de", "microsoft"}, {"live.nl", "microsoft"}, {"outlook.se", "microsoft"},
	{"outlook.de", "microsoft"}, {"outlook.fr", "microsoft"},
	{"yahoo.com", "yahoo"}, {"yahoo.co.uk", "yahoo"}, {"yahoo.fr", "yahoo"}, {"yahoo.de", "yahoo"},
	{"yahoo.es", "yahoo"}, {"yahoo.it", "yahoo"}, {"yahoo.se", "yahoo"},
	{"yahoo.no", "yahoo"}, {"yahoo.dk", "yahoo"}, {"yahoo.co.jp", "yahoo"}, {"yahoo.ca", "yahoo"},
	{"yahoo.com.au", "yahoo"}, {"yahoo.com.br", "yahoo"},
	{"ymail.com", "yahoo"}, {"rocketmail.com", "yahoo"}, {"aol.com", "aol"}, {"aim.com", "aol"},
	{"aol.co.uk", "aol"}, {"aol.de", "aol"}, {"aol.fr", "aol"},
	/* AOL's older brands, still hosted by it: CompuServe 2000, Netscape WebMail */
	{"cs.com", "aol"}, {"compuserve.com", "aol"}, {"netscape.net", "aol"},
	{"icloud.com", "apple"}, {"me.com", "apple"}, {"mac.com", "apple"},
	/* Germany, Austria, Switzerland */
	{"gmx.de", "united_internet"}, {"gmx.net", "united_internet"}, {"gmx.com", "united_internet"},
	{"gmx.at", "united_internet"}, {"gmx.ch", "united_internet"}, {"web.de", "united_internet"},
	{"t-online.de", "t_online"}, {"freenet.de", "freenet"},
	{"arcor.de", NULL}, {"mail.de", NULL}, {"posteo.de", "posteo"}, {"bluewin.ch", "swisscom"},
	/* France */
	{"orange.fr", "orange"}, {"wanadoo.fr", "orange"}, {"free.fr", "free"}, {"sfr.fr", "sfr"}, {"neuf.fr", "sfr"},
	{"laposte.net", "laposte"}, {"bbox.fr", NULL},
	/* Russia, China, Korea, India, Brazil */
	{"yandex.ru", "yandex"}, {"yandex.com", "yandex"}, {"ya.ru", "yandex"}, {"mail.ru", "mail_ru"},
	{"bk.ru", "mail_ru"}, {"inbox.ru", "mail_ru"}, {"list.ru", "mail_ru"}, {"rambler.ru", "rambler"},
	{"qq.com", "qq"}, {"163.com", "netease"}, {"126.com", "netease"}, {"yeah.net", "netease"},
	{"sina.com", "sina"}, {"sohu.com", "sohu"}, {"aliyun.com", NULL},
	{"naver.com", "naver"}, {"daum.net", "kakao"}, {"hanmail.net", "kakao"}, {"rediffmail.com", NULL},
	{"uol.com.br", NULL}, {"bol.com.br", NULL}, {"terra.com.br", NULL},
	/* North America */
	{"comcast.net", "comcast"}, {"verizon.net", NULL}, {"att.net", NULL}, {"sbcglobal.net", NULL},
	{"bellsouth.net", NULL}, {"cox.net", "cox"},
	/* AT&T's older domains (SBC, Prodigy), EarthLink's Mindspring, United Online's Juno and NetZero */
	{"prodigy.net", NULL}, {"pacbell.net", NULL}, {"swbell.net", NULL}, {"ameritech.net", NULL},
	{"mindspring.com", NULL}, {"juno.com", NULL}, {"netzero.net", NULL}, {"netzero.com", NULL},
	{"charter.net", NULL}, {"earthlink.net", NULL}, {"optonline.net", NULL}, {"frontier.com", NULL},
	{"shaw.ca", NULL}, {"rogers.com", NULL},
	{"sympatico.ca", NULL}, {"videotron.ca", NULL}, {"telus.net", NULL},
	/* United Kingdom, Ireland, Netherlands, Belgium */
	{"btinternet.com", "bt"}, {"sky.com", NULL}, {"virginmedia.com", "virgin_media"}, {"talktalk.net", NULL},
	{"ntlworld.com", "virgin_media"}, {"virgin.net", "virgin_media"}, {"btopenworld.com", "bt"},
	{"talk21.com", "bt"}, {"tiscali.co.uk", NULL},
	{"blueyonder.co.uk", "virgin_media"}, {"eircom.net", NULL}, {"ziggo.nl", "ziggo"}, {"kpnmail.nl", "kpn"},
	{"planet.nl", "kpn"}, {"home.nl", "kpn"},
	{"hetnet.nl", "kpn"}, {"xs4all.nl", "kpn"}, {"telenet.be", NULL}, {"skynet.be", NULL},
	/* Nordic ISPs and portals */
	{"telia.com", "telia"}, {"telia.se", "telia"}, {"bredband.net", NULL}, {"comhem.se", "tele2"},
	{"tele2.se", "tele2"}, {"bahnhof.se", NULL}, {"spray.se", NULL},
	{"home.se", NULL}, {"passagen.se", NULL}, {"glocalnet.net", NULL}, {"swipnet.se", "tele2"},
	{"bredband2.com", NULL}, {"ownit.nu", NULL},
	{"telenor.no", "telenor"}, {"online.no", "telenor"}, {"broadpark.no", NULL}, {"c2i.net", NULL},
	{"start.no", NULL}, {"getmail.no", NULL}, {"frisurf.no", NULL},
	{"tdcadsl.dk", NULL}, {"mail.dk", NULL}, {"jubii.dk", NULL}, {"stofanet.dk", NULL}, {"get2net.dk", NULL},
	{"youmail.dk", NULL}, {"webspeed.dk", NULL},
	{"elisa.fi", "elisa"}, {"kolumbus.fi", "elisa"}, {"saunalahti.fi", "elisa"}, {"luukku.com", NULL},
	{"dnainternet.net", NULL}, {"suomi24.fi", NULL},
	{"inet.fi", "telia"},
	/* Italy, Spain, Poland, Czechia */
	{"libero.it", "italiaonline"}, {"virgilio.it", "italiaonline"}, {"tiscali.it", NULL}, {"alice.it", "tim"},
	{"tim.it", "tim"}, {"tin.it", "tim"}, {"telefonica.net", NULL},
	{"wp.pl", "wp"}, {"o2.pl", "wp"}, {"onet.pl", NULL}, {"interia.pl", NULL}, {"seznam.cz", "seznam"},
	/* Australia and global independents */
	{"bigpond.com", NULL}, {"bigpond.net.au", NULL}, {"optusnet.com.au", NULL}, {"xtra.co.nz", NULL},
	{"mail.com", "united_internet"},
	{"email.com", "united_internet"}, {"fastmail.com", "fastmail"}, {"protonmail.com", "proton"},
	{"proton.me", "proton"}, {"pm.me", "proton"}, {"zoho.com", "zoho"}, {"tutanota.com", "tutanota"},
	{"hey.com", NULL},
	{NULL, NULL}
};

#define TABLE_SIZE 512			/* a power of two, over twice the list */

static const bounce_provider_domain *table[TABLE_SIZE];
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

	for (i = 0; bounce_provider_domains[i].domain != NULL; i++)
	{
		const char *d = bounce_provider_domains[i].domain;
		unsigned int slot = hash_domain(d, strlen(d)) & (TABLE_SIZE - 1);

		while (table[slot] != NULL)
			slot = (slot + 1) & (TABLE_SIZE - 1);
		table[slot] = &bounce_provider_domains[i];
	}
	table_ready = 1;
}

/* Exact lookup of one domain: its entry, or NULL. */
static const bounce_provider_domain *
in_table(const char *domain, size_t len)
{
	unsigned int slot = hash_domain(domain, len) & (TABLE_SIZE - 1);

	while (table[slot] != NULL)
	{
		if (equals_domain(domain, len, table[slot]->domain))
			return table[slot];
		slot = (slot + 1) & (TABLE_SIZE - 1);
	}
	return NULL;
}

/* The entry of the domain or of its nearest parent with at least two labels, or NULL. */
static const bounce_provider_domain *
find_entry(const char *domain, size_t len)
{
	if (!table_ready)
		build_table();
	while (len > 0 && domain[len - 1] == '.')
		len--;
	/* The domain, then each parent with at least two labels: mx1.gmail.com, gmail.com. */
	while (len > 0)
	{
		const char *dot = memchr(domain, '.', len);
		const bounce_provider_domain *e;

		if (dot == NULL)
			return NULL;
		if ((e = in_table(domain, len)) != NULL)
			return e;
		len -= (size_t) (dot - domain) + 1;
		domain = dot + 1;
	}
	return NULL;
}

int
bounce_is_large_provider(const char *domain, size_t len)
{
	return find_entry(domain, len) != NULL;
}

const char *
bounce_domain_provider(const char *domain, size_t len)
{
	const bounce_provider_domain *e = find_entry(domain, len);

	return e != NULL ? e->provider : NULL;
}

int
bounce_large_provider_lookup(const char *domain, size_t len, const char **provider)
{
	const bounce_provider_domain *e = find_entry(domain, len);

	*provider = e != NULL ? e->provider : NULL;
	return e != NULL;
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
