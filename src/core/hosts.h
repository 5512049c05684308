/*
 * hosts.h — the few host names that mean something in a bounce.  Host names
 * are never read for phrase cues (words.h); instead each one the scanner
 * steps over is looked up here:
 *   - a DNS blocklist zone (zen.spamhaus.org, bl.spamcop.net, ...): the
 *     sender is blocklisted (51);
 *   - a large mailbox provider's host (gmail-smtp-in.l.google.com,
 *     mx1.hotmail.com, ...): a failed connection there is a block (59).
 */
#ifndef BOUNCE_HOSTS_H
#define BOUNCE_HOSTS_H

#include <stddef.h>

typedef struct host_fact
{
	int			large_provider;	/* the host belongs to a large mailbox provider */
	int			code;			/* a cue's code, or -1 */
	const char *rule;
	const char *provider;		/* who runs it (host_provider), or NULL */
} host_fact;

/* One entry of the built-in host knowledge, for listing (bounce_phrases()). */
typedef struct host_knowledge
{
	const char *host;			/* a zone, or a label ("dnsbl") for HOST_LABEL */
	int			code;			/* the cue's code, -1 for a large provider's host */
	const char *rule;
	int			is_label;		/* matches a label anywhere in a name, not a zone */
} host_knowledge;

/* The number of entries, and entry i (0 <= i < count). */
extern int	host_knowledge_count(void);
extern host_knowledge host_knowledge_at(int i);

/* What the host name host[0..len) (any case) says. */
extern host_fact host_lookup(const char *host, size_t len);

/* Does a URL's path path[0..len) name a blocklist look-up ("/dnsbl-lookup.cgi?ip=")? */
extern int	url_path_names_blocklist(const char *path, size_t len);

/*
 * The mailbox provider that runs the mail exchanger host[0..len) (any case):
 * a large provider's exchanger ("aspmx.l.google.com" -> "google"), a hosted
 * mail filter ("mx1.example.pphosted.com" -> "proofpoint"), or a host under a
 * built-in provider domain ("mx1.comcast.net" -> "comcast"); NULL otherwise.
 * It is host_lookup's provider, read from the same look-up.
 */
extern const char *host_provider(const char *host, size_t len);

#endif
