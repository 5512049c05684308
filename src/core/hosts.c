/*
 * hosts.c — host names that mean something (see hosts.h).
 */
#include "hosts.h"

#include <string.h>

#include "ascii.h"
#include "providers.h"

/*
 * DNS blocklist and reputation zones.  A reply that names one ("blocked using
 * zen.spamhaus.org", "see http://www.spamcop.net/bl.shtml") says the sending
 * IP or domain is listed.  Sources: each operator's own usage page —
 * Spamhaus "DNSBL Usage" (www.spamhaus.org), SpamCop "Blocking list"
 * (www.spamcop.net/bl.shtml), SORBS, Barracuda Reputation Block List
 * (barracudacentral.org), the CBL (abuseat.org), URIBL, SURBL, Mailspike,
 * PSBL (psbl.surriel.com), UCEPROTECT, Invaluement, Backscatterer, NiX Spam
 * (ix.dnsbl.manitu.net), Cisco Talos / SenderBase reputation lookups,
 * Proofpoint's IP reputation check (ipcheck.proofpoint.com) and Barracuda's
 * reputation lookup (www.barracudanetworks.com/reputation).
 */
static const char *const blocklist_zones[] = {
	"spamhaus.org", "spamhaus.net", "spamcop.net", "sorbs.net", "barracudacentral.org",
	"barracuda.com", "abuseat.org", "uribl.com", "surbl.org", "mailspike.net", "mailspike.org",
	"surriel.com", "uceprotect.net", "invaluement.com", "backscatterer.org", "manitu.net",
	"senderbase.org", "talosintelligence.com", "spameatingmonkey.net", "0spam.org",
	"nordspam.com", "junkemailfilter.com", "s5h.net", "dnswl.org", "senderscore.org",
	"mxtoolbox.com", "ipcheck.proofpoint.com", "barracudanetworks.com", "multirbl.valli.org", "anti-spam.org.cn", "spamrats.com",
	/* Lists closed since, named in older bounces: DSBL, NJABL, ORDB, MAPS RBL, AHBL, SpamCannibal, DroneBL, Lashback. */
	"dsbl.org", "njabl.org", "ordb.org", "mail-abuse.org", "mail-abuse.com", "ahbl.org", "spamcannibal.org", "dronebl.org",
	"lashback.com", NULL
};

/* A zone of mail exchangers and the provider that runs them. */
typedef struct exchanger_zone
{
	const char *zone;
	const char *provider;
} exchanger_zone;

/*
 * Mail exchangers of large providers whose host names are no mailbox domain:
 * a failed connection to one is a block (59).  The zones are those of the
 * providers' own MX records: Gmail's gmail-smtp-in.l.google.com and Google
 * Workspace's aspmx.l.google.com / smtp.google.com ("Google Workspace MX
 * record values", https://support.google.com/a/answer/174125); Outlook.com's
 * *.olc.protection.outlook.com and Microsoft 365's
 * <domain>.mail.protection.outlook.com ("Add DNS records to connect your
 * domain", https://learn.microsoft.com/microsoft-365/admin/get-help-with-domains/create-dns-records-at-any-dns-hosting-provider);
 * Yahoo's and AOL's *.yahoodns.net (the MX records yahoo.com and aol.com
 * publish); iCloud Mail's mx01.mail.icloud.com ("Use Custom Email Domain
 * with iCloud Mail", https://support.apple.com/HT212514, and the MX records
 * icloud.com publishes).
 */
static const exchanger_zone provider_exchangers[] = {
	{"yahoodns.net", "yahoo"}, {"protection.outlook.com", "microsoft"},
	{"olc.protection.outlook.com", "microsoft"}, {"hotmail.com", "microsoft"},
	{"googlemail.com", "google"}, {"google.com", "google"}, {"icloud.com", "apple"}, {"me.com", "apple"},
	{"aol.com", "aol"}, {NULL, NULL}
};

/*
 * Mail exchangers that say who hosts a mailbox, which the classifier does not
 * read (a failed connection to them stays 29): hosted mail filters in front
 * of company domains and providers' newer MX zones.  Sources: Microsoft's
 * DNSSEC MX zone *.mx.microsoft ("How SMTP DANE works",
 * https://learn.microsoft.com/purview/how-smtp-dane-works); Proofpoint
 * Essentials' *.ppe-hosted.com and Proofpoint on Demand's *.pphosted.com
 * (Proofpoint's MX setup guides, https://help.proofpoint.com); Mimecast's
 * *-smtp-inbound-*.mimecast.com ("Connect Application - Updating Your MX
 * Records", https://mimecastsupport.zendesk.com); Cisco Secure Email Cloud
 * Gateway's *.iphmx.com (Cisco Secure Email Cloud Gateway user guide);
 * Yandex 360's mx.yandex.net (Yandex 360 for Business help, "MX record"
 * of a connected domain); NetEase's *.mxmail.netease.com (the MX records
 * 163.com and 126.com publish).  Where a vendor page is named by its title
 * only, its address moves too often to pin; the MX records a provider
 * publishes for its own domains are its own statement of its exchangers.
 */
static const exchanger_zone hosting_exchangers[] = {
	{"mx.microsoft", "microsoft"}, {"pphosted.com", "proofpoint"}, {"ppe-hosted.com", "proofpoint"},
	{"mimecast.com", "mimecast"}, {"iphmx.com", "cisco"}, {"yandex.net", "yandex"},
	{"netease.com", "netease"}, {NULL, NULL}
};

/*
 * Hosts whose pages a rejection links to for its reason: Google Groups'
 * "the group may not accept messages from you" replies link its help center
 * (support.google.com/a/answer/... and groups.google.com/support).
 */
static const struct
{
	const char *host;
	int			code;
	const char *rule;
}			reason_hosts[] = {
	{"groups.google.com", 50, "group_rejected"},
};

/* Labels that name a blocklist wherever they stand in a host name. */
static const char *const blocklist_labels[] = {"dnsbl", "rbl", "blacklist", "blocklist", NULL};

/*
 * Every zone name of the four lists above in one small hash table, built
 * once.  A host is looked up by its suffixes — itself and what follows each of
 * its dots, the names it is "under" — a handful of lookups instead of
 * comparing its end with every zone (host_lookup runs for every host name of
 * every reply).
 */
#define ZONE_BLOCKLIST 1
#define ZONE_REASON 2
#define ZONE_PROVIDER 4
#define ZONE_HOSTING 8
#define ZONE_SLOTS 256			/* a power of two, well above the ~40 names */
#define ZONE_LIST_LEN(list) (sizeof(list) / sizeof(list[0]))

typedef struct zone_slot
{
	const char *name;			/* NULL: empty */
	size_t		len;
	unsigned char kind;			/* ZONE_* */
	int			index;			/* index into its list (reason_hosts, provider_exchangers, hosting_exchangers) */
} zone_slot;

static zone_slot zone_slots[ZONE_SLOTS];
static int	zone_slots_ready;

/* One byte more of a name's hash, which is taken from its last byte back to its first. */
static inline size_t
zone_hash_step(size_t h, unsigned char c)
{
	return (h ^ ascii_lower(c)) * 16777619u;
}

#define ZONE_HASH_SEED ((size_t) 2166136261u)

/* The hash of s[0..len) in lower case, last byte first (so a host's suffixes hash in one pass). */
static size_t
zone_hash(const char *s, size_t len)
{
	size_t		h = ZONE_HASH_SEED;

	while (len > 0)
		h = zone_hash_step(h, (unsigned char) s[--len]);
	return h;
}

/* Enter one zone name (open addressing; a name in two lists gets two slots). */
static void
add_zone(const char *name, unsigned char kind, int index)
{
	size_t		len = strlen(name),
				h = zone_hash(name, len) & (ZONE_SLOTS - 1);

	while (zone_slots[h].name != NULL)
		h = (h + 1) & (ZONE_SLOTS - 1);
	zone_slots[h].name = name;
	zone_slots[h].len = len;
	zone_slots[h].kind = kind;
	zone_slots[h].index = index;
}

/* Fill zone_slots (idempotent). */
static void
build_zone_slots(void)
{
	size_t		i;

	for (i = 0; blocklist_zones[i] != NULL; i++)
		add_zone(blocklist_zones[i], ZONE_BLOCKLIST, -1);
	for (i = 0; i < ZONE_LIST_LEN(reason_hosts); i++)
		add_zone(reason_hosts[i].host, ZONE_REASON, (int) i);
	for (i = 0; provider_exchangers[i].zone != NULL; i++)
		add_zone(provider_exchangers[i].zone, ZONE_PROVIDER, (int) i);
	for (i = 0; hosting_exchangers[i].zone != NULL; i++)
		add_zone(hosting_exchangers[i].zone, ZONE_HOSTING, (int) i);
	zone_slots_ready = 1;
}

/*
 * What the zone names a host is under say: the kinds (ZONE_* bits) and, per
 * kind with a list, the lowest index into that list.
 */
typedef struct zone_match
{
	unsigned char kinds;
	int			reason;			/* reason_hosts, or -1 */
	int			exchanger;		/* provider_exchangers, or -1 */
	int			hosting;		/* hosting_exchangers, or -1 */
} zone_match;

/* Keep the lower of two list indexes (-1: none). */
static inline void
keep_lowest(int *kept, int index)
{
	if (*kept < 0 || index < *kept)
		*kept = index;
}

/* Add the zones name[0..len), of hash h, is (in any case) to *zm. */
static void
zone_kinds(const char *name, size_t len, size_t h, zone_match *zm)
{
	for (h &= ZONE_SLOTS - 1; zone_slots[h].name != NULL; h = (h + 1) & (ZONE_SLOTS - 1))
	{
		const zone_slot *z = &zone_slots[h];

		if (z->len == len && ascii_has_prefix(name, len, z->name))
		{
			zm->kinds |= z->kind;
			if (z->kind == ZONE_REASON)
				keep_lowest(&zm->reason, z->index);
			else if (z->kind == ZONE_PROVIDER)
				keep_lowest(&zm->exchanger, z->index);
			else if (z->kind == ZONE_HOSTING)
				keep_lowest(&zm->hosting, z->index);
		}
	}
}

/*
 * The zones host[0..len) is under: the host itself and what follows each of
 * its dots, each suffix looked up with its hash taken on the way from the
 * last byte back (one pass, linear in the host's length).
 */
static zone_match
host_zones(const char *host, size_t len)
{
	zone_match	zm = {0, -1, -1, -1};
	size_t		i,
				h = ZONE_HASH_SEED;

	if (!zone_slots_ready)
		build_zone_slots();
	for (i = len; i > 0; i--)
	{
		h = zone_hash_step(h, (unsigned char) host[i - 1]);
		if (i == 1 || host[i - 2] == '.')
			zone_kinds(host + i - 1, len - i + 1, h, &zm);
	}
	return zm;
}

/* Is the segment one of the words, alone or followed by digits only ("rbl", "rbl2")? */
static int
segment_is_word(const char *segment, size_t n, const char *const *words)
{
	int			w;

	for (w = 0; words[w] != NULL; w++)
	{
		size_t		wn = strlen(words[w]);
		size_t		i;

		if (n < wn || !ascii_has_prefix(segment, n, words[w]))
			continue;
		for (i = wn; i < n && segment[i] >= '0' && segment[i] <= '9'; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Is one of the host's dot-separated labels one of the words (or word-prefixed, "rbl2")? */
static int
has_label(const char *host, size_t len, const char *const *words)
{
	size_t		start = 0,
				i;

	for (i = 0; i <= len; i++)
	{
		if (i == len || host[i] == '.')
		{
			if (segment_is_word(host + start, i - start, words))
				return 1;
			start = i + 1;
		}
	}
	return 0;
}

host_fact
host_lookup(const char *host, size_t len)
{
	host_fact	f;
	zone_match	zm = host_zones(host, len);
	const char *listed_provider = NULL;

	f.large_provider = 0;
	f.code = -1;
	f.rule = NULL;
	f.provider = NULL;
	if (zm.kinds & ZONE_BLOCKLIST)
	{
		f.code = 51;
		f.rule = "blocklist_zone";
		return f;
	}
	/*
	 * Who runs it: a provider's exchanger, a hosted filter, else the
	 * provider of a listed domain it is under — the one domain-list look-up
	 * also says whether it is a large provider's host.
	 */
	if (zm.exchanger >= 0)
	{
		f.provider = provider_exchangers[zm.exchanger].provider;
		f.large_provider = 1;
	}
	else
	{
		f.large_provider = bounce_large_provider_lookup(host, len, &listed_provider);
		f.provider = zm.hosting >= 0 ? hosting_exchangers[zm.hosting].provider : listed_provider;
	}
	if (zm.kinds & ZONE_REASON)
	{
		f.code = reason_hosts[zm.reason].code;
		f.rule = reason_hosts[zm.reason].rule;
		f.large_provider = 0;
	}
	else if (has_label(host, len, blocklist_labels))
	{
		f.code = 51;
		f.rule = "blocklist_zone";
		f.large_provider = 0;
	}
	return f;
}

/*
 * Does a URL's path name a blocklist look-up?  Receivers link the page that
 * says why their list holds the sending IP: Proofpoint's older replies
 * ("Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=..."),
 * "/rbl/lookup?ip=", "/blacklist/check".  A segment of letters and digits must
 * be the word or the word and digits, as for a host's labels.
 */
int
url_path_names_blocklist(const char *path, size_t len)
{
	size_t		start = 0,
				i;

	for (i = 0; i <= len; i++)
	{
		if (i == len || !ascii_is_alnum((unsigned char) path[i]))
		{
			if (segment_is_word(path + start, i - start, blocklist_labels))
				return 1;
			start = i + 1;
		}
	}
	return 0;
}

const char *
host_provider(const char *host, size_t len)
{
	return host_lookup(host, len).provider;
}

/* The number of entries of a zone list. */
static int
zones_length(const exchanger_zone *zones)
{
	int			n = 0;

	while (zones[n].zone != NULL)
		n++;
	return n;
}

/* The length of a NULL-terminated list. */
static int
list_length(const char *const *list)
{
	int			n = 0;

	while (list[n] != NULL)
		n++;
	return n;
}

int
host_knowledge_count(void)
{
	return list_length(blocklist_zones) + (int) (sizeof(reason_hosts) / sizeof(reason_hosts[0])) +
		list_length(blocklist_labels) + zones_length(provider_exchangers);
}

host_knowledge
host_knowledge_at(int i)
{
	host_knowledge k = {NULL, -1, NULL, 0};
	int			n;

	if (i < (n = list_length(blocklist_zones)))
	{
		k.host = blocklist_zones[i];
		k.code = 51;
		k.rule = "blocklist_zone";
		return k;
	}
	i -= n;
	if (i < (n = (int) (sizeof(reason_hosts) / sizeof(reason_hosts[0]))))
	{
		k.host = reason_hosts[i].host;
		k.code = reason_hosts[i].code;
		k.rule = reason_hosts[i].rule;
		return k;
	}
	i -= n;
	if (i < (n = list_length(blocklist_labels)))
	{
		k.host = blocklist_labels[i];
		k.code = 51;
		k.rule = "blocklist_zone";
		k.is_label = 1;
		return k;
	}
	i -= n;
	if (i < zones_length(provider_exchangers))
	{
		k.host = provider_exchangers[i].zone;
		k.rule = "large_provider_host";
	}
	return k;
}
