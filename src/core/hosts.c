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

/* Is host[0..len) the zone (of n bytes) or a name under it? */
static int
under_zone(const char *host, size_t len, const char *zone, size_t n)
{
	if (len < n || !ascii_has_prefix(host + len - n, n, zone))
		return 0;
	return len == n || host[len - n - 1] == '.';
}

/*
 * The lengths of the zone names, measured once: host_lookup runs for every
 * host name of every reply, and measuring ~40 names each time was most of
 * its cost.
 */
#define ZONE_COUNT(list) (sizeof(list) / sizeof(list[0]))
static size_t blocklist_zone_len[ZONE_COUNT(blocklist_zones)];
static size_t reason_host_len[ZONE_COUNT(reason_hosts)];
static size_t provider_exchanger_len[ZONE_COUNT(provider_exchangers)];
static int	zone_len_ready;

/* Fill the zone lengths (idempotent). */
static void
measure_zones(void)
{
	size_t		i;

	for (i = 0; blocklist_zones[i] != NULL; i++)
		blocklist_zone_len[i] = strlen(blocklist_zones[i]);
	for (i = 0; i < ZONE_COUNT(reason_hosts); i++)
		reason_host_len[i] = strlen(reason_hosts[i].host);
	for (i = 0; provider_exchangers[i] != NULL; i++)
		provider_exchanger_len[i] = strlen(provider_exchangers[i]);
	zone_len_ready = 1;
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
	int			i;

	f.large_provider = 0;
	f.code = -1;
	f.rule = NULL;
	if (!zone_len_ready)
		measure_zones();
	for (i = 0; blocklist_zones[i] != NULL; i++)
		if (under_zone(host, len, blocklist_zones[i], blocklist_zone_len[i]))
		{
			f.code = 51;
			f.rule = "blocklist_zone";
			return f;
		}
	for (i = 0; i < (int) (sizeof(reason_hosts) / sizeof(reason_hosts[0])); i++)
		if (under_zone(host, len, reason_hosts[i].host, reason_host_len[i]))
		{
			f.code = reason_hosts[i].code;
			f.rule = reason_hosts[i].rule;
			return f;
		}
	if (has_label(host, len, blocklist_labels))
	{
		f.code = 51;
		f.rule = "blocklist_zone";
		return f;
	}
	for (i = 0; provider_exchangers[i] != NULL; i++)
		if (under_zone(host, len, provider_exchangers[i], provider_exchanger_len[i]))
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
