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
	"mxtoolbox.com", "ipcheck.proofpoint.com", "barracudanetworks.com", "multirbl.valli.org", "anti-spam.org.cn", "spamrats.com", NULL
};

/* Mail exchangers of large providers whose host names are no mailbox domain. */
static const char *const provider_exchangers[] = {
	"yahoodns.net", "protection.outlook.com", "olc.protection.outlook.com", "hotmail.com",
	"googlemail.com", "google.com", "icloud.com", "me.com", "aol.com", NULL
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
 * Every zone name of the three lists above in one small hash table, built
 * once.  A host is looked up by its suffixes — itself and what follows each of
 * its dots, the names it is "under" — a handful of lookups instead of
 * comparing its end with every zone (host_lookup runs for every host name of
 * every reply).
 */
#define ZONE_BLOCKLIST 1
#define ZONE_REASON 2
#define ZONE_PROVIDER 4
#define ZONE_SLOTS 256			/* a power of two, well above the ~40 names */
#define ZONE_LIST_LEN(list) (sizeof(list) / sizeof(list[0]))

typedef struct zone_slot
{
	const char *name;			/* NULL: empty */
	size_t		len;
	unsigned char kind;			/* ZONE_* */
	int			reason;			/* ZONE_REASON: index into reason_hosts */
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
add_zone(const char *name, unsigned char kind, int reason)
{
	size_t		len = strlen(name),
				h = zone_hash(name, len) & (ZONE_SLOTS - 1);

	while (zone_slots[h].name != NULL)
		h = (h + 1) & (ZONE_SLOTS - 1);
	zone_slots[h].name = name;
	zone_slots[h].len = len;
	zone_slots[h].kind = kind;
	zone_slots[h].reason = reason;
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
	for (i = 0; provider_exchangers[i] != NULL; i++)
		add_zone(provider_exchangers[i], ZONE_PROVIDER, -1);
	zone_slots_ready = 1;
}

/*
 * The kinds of zone that name[0..len), of hash h, is, in any case (ZONE_*
 * bits); *reason becomes the lowest index into reason_hosts it is, if lower.
 */
static unsigned char
zone_kinds(const char *name, size_t len, size_t h, int *reason)
{
	unsigned char kinds = 0;

	for (h &= ZONE_SLOTS - 1; zone_slots[h].name != NULL; h = (h + 1) & (ZONE_SLOTS - 1))
	{
		const zone_slot *z = &zone_slots[h];

		if (z->len == len && ascii_has_prefix(name, len, z->name))
		{
			kinds |= z->kind;
			if (z->kind == ZONE_REASON && (*reason < 0 || z->reason < *reason))
				*reason = z->reason;
		}
	}
	return kinds;
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
			int			w;

			for (w = 0; words[w] != NULL; w++)
			{
				size_t		n = strlen(words[w]);

				if (i - start >= n && ascii_has_prefix(host + start, i - start, words[w]) &&
					(i - start == n || (host[start + n] >= '0' && host[start + n] <= '9')))
					return 1;
			}
			start = i + 1;
		}
	}
	return 0;
}

host_fact
host_lookup(const char *host, size_t len)
{
	host_fact	f;
	unsigned char kinds = 0;
	int			reason = -1;
	size_t		i,
				h = ZONE_HASH_SEED;

	f.large_provider = 0;
	f.code = -1;
	f.rule = NULL;
	if (!zone_slots_ready)
		build_zone_slots();
	/*
	 * The host is under a zone when the zone is the host or follows one of
	 * its dots: each such suffix is looked up, its hash taken on the way
	 * from the last byte back (one pass, linear in the host's length).
	 */
	for (i = len; i > 0; i--)
	{
		h = zone_hash_step(h, (unsigned char) host[i - 1]);
		if (i == 1 || host[i - 2] == '.')
			kinds |= zone_kinds(host + i - 1, len - i + 1, h, &reason);
	}
	if (kinds & ZONE_BLOCKLIST)
	{
		f.code = 51;
		f.rule = "blocklist_zone";
		return f;
	}
	if (kinds & ZONE_REASON)
	{
		f.code = reason_hosts[reason].code;
		f.rule = reason_hosts[reason].rule;
		return f;
	}
	if (has_label(host, len, blocklist_labels))
	{
		f.code = 51;
		f.rule = "blocklist_zone";
		return f;
	}
	if (kinds & ZONE_PROVIDER)
		f.large_provider = 1;
	if (!f.large_provider)
		f.large_provider = bounce_is_large_provider(host, len);
	return f;
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
		list_length(blocklist_labels) + list_length(provider_exchangers);
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
	if (i < list_length(provider_exchangers))
	{
		k.host = provider_exchangers[i];
		k.rule = "large_provider_host";
	}
	return k;
}
