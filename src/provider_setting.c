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

typedef struct ProviderTable
{
	int			size;			/* slots, a power of two */
	char	  **slots;			/* lower-case domains or NULL */
} ProviderTable;

static char *large_providers_setting = NULL;
static ProviderTable *current_table = NULL;

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

/* Parse the list into a table in TopMemoryContext; false (with a detail) on a bad entry. */
static bool
parse_providers(const char *value, ProviderTable **out)
{
	const char *p = value;
	int			count = 0,
				size = 16;
	ProviderTable *t;

	for (p = value; *p; p++)
		if (*p == ',')
			count++;
	while (size < 2 * (count + 1))
		size *= 2;
	t = (ProviderTable *) malloc(sizeof(ProviderTable));
	if (t == NULL)
		return false;
	t->size = size;
	t->slots = (char **) calloc((size_t) size, sizeof(char *));
	if (t->slots == NULL)
	{
		free(t);
		return false;
	}
	p = value;
	while (*p)
	{
		const char *start,
				   *end;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		start = p;
		while (*p && *p != ',' && *p != ' ' && *p != '\t')
			p++;
		end = p;
		if (end > start)
		{
			size_t		len = (size_t) (end - start);
			size_t		i;
			uint32		slot;
			char	   *d;

			for (i = 0; i < len; i++)
			{
				if (!is_domain_char(start[i]))
				{
					GUC_check_errdetail("\"%.*s\" is not a domain name.", (int) len, start);
					return false;
				}
			}
			d = malloc(len + 1);
			if (d == NULL)
				return false;
			for (i = 0; i < len; i++)
				d[i] = pg_ascii_tolower((unsigned char) start[i]);
			d[len] = '\0';
			slot = domain_hash(d, len) & (uint32) (size - 1);
			while (t->slots[slot] != NULL)
				slot = (slot + 1) & (uint32) (size - 1);
			t->slots[slot] = d;
		}
	}
	*out = t;
	return true;
}

/* Free a table made by parse_providers. */
static void
free_table(ProviderTable *t)
{
	int			i;

	if (t == NULL)
		return;
	for (i = 0; i < t->size; i++)
		free(t->slots[i]);
	free(t->slots);
	free(t);
}

/* GUC check hook: parse, and hand the table to the assign hook via *extra. */
static bool
check_providers(char **newval, void **extra, GucSource source)
{
	ProviderTable *t = NULL;

	(void) source;
	if (!parse_providers(*newval ? *newval : "", &t))
	{
		free_table(t);
		return false;
	}
	/* GUC frees *extra with free(): keep the table pointer in a malloc'd box. */
	*extra = malloc(sizeof(ProviderTable *));
	if (*extra == NULL)
	{
		free_table(t);
		return false;
	}
	*(ProviderTable **) *extra = t;
	return true;
}

/* GUC assign hook: switch to the parsed table. */
static void
assign_providers(const char *newval, void *extra)
{
	(void) newval;
	current_table = extra ? *(ProviderTable **) extra : NULL;
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
	ProviderTable *t = current_table;

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
