/*
 * provider_setting.h — the setting bouncecode.large_providers: domains users
 * add to the built-in large-provider list without rebuilding.
 */
#ifndef BOUNCECODE_PROVIDER_SETTING_H
#define BOUNCECODE_PROVIDER_SETTING_H

#include <stddef.h>

/* Define the setting (from _PG_init). */
extern void bounce_define_provider_setting(void);

/* Is domain (len bytes, any case) one of the setting's domains?  O(1). */
extern int	bounce_is_extra_provider(const char *domain, size_t len, void *arg);

#endif
