/*
 * providers.h — the built-in set of large mailbox providers' domains: a failed
 * connection to one of them is a block (59), not a dead domain (29).
 */
#ifndef BOUNCE_PROVIDERS_H
#define BOUNCE_PROVIDERS_H

#include <stddef.h>

/* True when domain (any case, len bytes) or a parent domain of it is built in. */
extern int	bounce_is_large_provider(const char *domain, size_t len);

/* The built-in domains, NULL-terminated (for documentation and SQL listing). */
extern const char *const bounce_large_providers[];

/* The domain part of an address ("a@b.c" -> "b.c"), or the text itself when it has no '@'. */
extern const char *bounce_address_domain(const char *address, size_t len, size_t *domain_len);

#endif
