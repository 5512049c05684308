/*
 * providers.h — the built-in set of large mailbox providers' domains: a failed
 * connection to one of them is a block (59), not a dead domain (29).
 */
#ifndef BOUNCE_PROVIDERS_H
#define BOUNCE_PROVIDERS_H

#include <stddef.h>

/* True when domain (any case, len bytes) or a parent domain of it is built in. */
extern int	bounce_is_large_provider(const char *domain, size_t len);

/* One built-in domain and the mailbox provider that runs it (NULL: not named). */
typedef struct bounce_provider_domain
{
	const char *domain;
	const char *provider;
} bounce_provider_domain;

/* The built-in domains, ended by a NULL domain. */
extern const bounce_provider_domain bounce_provider_domains[];

/*
 * The provider of a built-in domain (any case, len bytes) or of its nearest
 * built-in parent ("mx1.gmail.com" -> "google"); NULL when none is built in
 * or the table names no provider for it.
 */
extern const char *bounce_domain_provider(const char *domain, size_t len);

/*
 * Both answers above from one look-up: whether domain[0..len) is on the
 * large-provider list, and (*provider) the provider it names, NULL if none.
 */
extern int	bounce_large_provider_lookup(const char *domain, size_t len, const char **provider);

/* The domain part of an address ("a@b.c" -> "b.c"), or the text itself when it has no '@'. */
extern const char *bounce_address_domain(const char *address, size_t len, size_t *domain_len);

#endif
