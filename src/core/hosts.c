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

/* Is host[0..len) the zone or a name under it? */
static int
under_zone(const char *host, size_t len, const char *zone)
{
	size_t		n = strlen(zone);

	if (len < n || !ascii_has_prefix(host + len - n, n, zone))
		return 0;
	return len == n || host[len - n - 1] == '.';
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
	for (i = 0; blocklist_zones[i] != NULL; i++)
		if (under_zone(host, len, blocklist_zones[i]))
		{
			f.code = 51;
			f.rule = "blocklist_zone";
			return f;
		}
	for (i = 0; i < (int) (sizeof(reason_hosts) / sizeof(reason_hosts[0])); i++)
		if (under_zone(host, len, reason_hosts[i].host))
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
	for (i = 0; provider_exchangers[i].zone != NULL; i++)
		if (under_zone(host, len, provider_exchangers[i].zone))
			f.large_provider = 1;
	if (!f.large_provider)
		f.large_provider = bounce_is_large_provider(host, len);
	return f;
}

/* The provider of the first zone of the list the host is under, or NULL. */
static const char *
zone_provider(const char *host, size_t len, const exchanger_zone *zones)
{
	int			i;

	for (i = 0; zones[i].zone != NULL; i++)
		if (under_zone(host, len, zones[i].zone))
			return zones[i].provider;
	return NULL;
}

const char *
host_provider(const char *host, size_t len)
{
	const char *provider;
	int			i;

	for (i = 0; blocklist_zones[i] != NULL; i++)
		if (under_zone(host, len, blocklist_zones[i]))
			return NULL;
	if ((provider = zone_provider(host, len, provider_exchangers)) != NULL ||
		(provider = zone_provider(host, len, hosting_exchangers)) != NULL)
		return provider;
	return bounce_domain_provider(host, len);
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
