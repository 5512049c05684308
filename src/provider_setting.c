/*
 * provider_setting.c — bouncecode.large_providers, a comma-separated list of
 * extra large-provider domains ("example.com, example.net").  The list is
 * parsed once per change into an open-addressing hash table, so the lookup per
 * row stays O(1) however long the list.
 */
#include "bouncecode.h"

#include "common/hashfn.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "provider_setting.h"

/*
 * The parsed list: one block holding the header, the slots and the domains,
 * so the GUC machinery owns it as the setting's "extra" and frees it with one
 * call when the value is discarded (SET, RESET, end of transaction).
 */
typedef struct ProviderTable
{
	int			size;			/* slots, a power of two */
	char	   *slots[FLEXIBLE_ARRAY_MEMBER];	/* lower-case domains or NULL */
	/* the domains' bytes follow the slots */
} ProviderTable;

static char *large_providers_setting = NULL;
static const ProviderTable *current_table = NULL;

/* Lower-case hash of a domain. */
static uint32
domain_hash(const char *domain, size_t len)
{
	char		buf[256];
	size_t		i;

	len = Min(len, sizeof(buf));
	for (i = 0; i < len; i++)
		buf[i] = pg_ascii_tolower((unsigned char) domain[i]);
	return hash_bytes((const unsigned char *) buf, (int) len);
}

/* Is c a character a domain may hold? */
static bool
is_domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '.' || c == '-';
}

/* Is c a separator between the list's entries? */
static bool
is_separator(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

/* Check every entry of the list; false (with a detail) on one that is no domain. */
static bool
check_entries(const char *value, int *count)
{
	const char *p = value;

	*count = 0;
	while (*p)
	{
		const char *start;

		while (is_separator(*p))
			p++;
		start = p;
		while (*p && !is_separator(*p))
		{
			if (!is_domain_char(*p))
			{
				while (*p && !is_separator(*p))
					p++;
				GUC_check_errdetail("\"%.*s\" is not a domain name.", (int) (p - start), start);
				return false;
			}
			p++;
		}
		if (p > start)
			(*count)++;
	}
	return true;
}

/* Build the table of a checked list in one block from BounceGucMalloc; NULL when out of memory. */
static ProviderTable *
build_table(const char *value, int count)
{
	int			size = 16;
	size_t		header;
	ProviderTable *t;
	char	   *bytes;
	const char *p = value;

	while (size < 2 * (count + 1))
		size *= 2;
	header = offsetof(ProviderTable, slots) + (size_t) size * sizeof(char *);
	/* The domains need at most the list's bytes, one NUL for each separator. */
	t = (ProviderTable *) BounceGucMalloc(header + strlen(value) + 1);
	if (t == NULL)
		return NULL;
	t->size = size;
	memset(t->slots, 0, (size_t) size * sizeof(char *));
	bytes = (char *) t + header;
	while (*p)
	{
		const char *start;
		size_t		len;
		size_t		i;
		uint32		slot;

		while (is_separator(*p))
			p++;
		start = p;
		while (*p && !is_separator(*p))
			p++;
		len = (size_t) (p - start);
		if (len == 0)
			continue;
		for (i = 0; i < len; i++)
			bytes[i] = pg_ascii_tolower((unsigned char) start[i]);
		bytes[len] = '\0';
		slot = domain_hash(bytes, len) & (uint32) (size - 1);
		while (t->slots[slot] != NULL)
			slot = (slot + 1) & (uint32) (size - 1);
		t->slots[slot] = bytes;
		bytes += len + 1;
	}
	return t;
}

/* GUC check hook: parse, and hand the table to the assign hook as *extra. */
static bool
check_providers(char **newval, void **extra, GucSource source)
{
	const char *value = *newval ? *newval : "";
	int			count;
	ProviderTable *t;

	(void) source;
	if (!check_entries(value, &count))
		return false;
	t = build_table(value, count);
	if (t == NULL)
	{
		GUC_check_errcode(ERRCODE_OUT_OF_MEMORY);
		GUC_check_errdetail("Out of memory.");
		return false;
	}
	*extra = t;
	return true;
}

/* GUC assign hook: switch to the parsed table. */
static void
assign_providers(const char *newval, void *extra)
{
	(void) newval;
	current_table = (const ProviderTable *) extra;
}

void
bounce_define_provider_setting(void)
{
	DefineCustomStringVariable("bouncecode.large_providers",
							   "Extra large mailbox provider domains (comma-separated).",
							   "A failed connection to a recipient at one of these domains, or at "
							   "one of the built-in ones, is classified as 59 (block), not 29.",
							   &large_providers_setting,
							   "",
							   PGC_USERSET,
							   GUC_LIST_INPUT,
							   check_providers,
							   assign_providers,
							   NULL);
}

int
bounce_is_extra_provider(const char *domain, size_t len, void *arg)
{
	const ProviderTable *t = current_table;

	(void) arg;
	if (t == NULL || len == 0 || len > 255)
		return 0;
	/* The domain and each parent with two labels or more. */
	while (len > 0)
	{
		const char *dot = memchr(domain, '.', len);
		uint32		slot;

		if (dot == NULL)
			return 0;
		slot = domain_hash(domain, len) & (uint32) (t->size - 1);
		while (t->slots[slot] != NULL)
		{
			if (strlen(t->slots[slot]) == len && pg_strncasecmp(t->slots[slot], domain, len) == 0)
				return 1;
			slot = (slot + 1) & (uint32) (t->size - 1);
		}
		len -= (size_t) (dot - domain) + 1;
		domain = dot + 1;
	}
	return 0;
}
