/*
 * bounce_domain.c — bounce_domain(), bounce_provider() and
 * bounce_remote_provider(): the SQL face of the domain core (src/core/
 * domain.c, providers.c, hosts.c).  The core decides; this file converts the
 * text to UTF-8 when the database is in another encoding and moves Datums.
 */
#include "bouncecode.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "bounce_classify.h"
#include "core/domain.h"
#include "core/providers.h"

/*
 * The argument's bytes as UTF-8 (the core reads IDNA labels as UTF-8); in a
 * UTF-8 or SQL_ASCII database, the bytes as they are.
 */
static const char *
utf8_arg(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = (int) VARSIZE_ANY_EXHDR(t);
	char	   *converted;

	if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII)
	{
		*len = (size_t) n;
		return s;
	}
	converted = pg_server_to_any(s, n, PG_UTF8);
	*len = converted == s ? (size_t) n : strlen(converted);
	return converted;
}

/*
 * The normalised domain of argument 0 into out: of an address, or, when
 * bare_domain_too and no '@' is in it, of the text as a domain name.  The
 * length, or -1 when the text is neither.
 */
static int
domain_arg(FunctionCallInfo fcinfo, bool bare_domain_too, char *out)
{
	size_t		len;
	const char *s = utf8_arg(PG_GETARG_TEXT_PP(0), &len);

	if (bare_domain_too && memchr(s, '@', len) == NULL)
		return bounce_domain_normalize(s, len, out);
	return bounce_domain_of_address(s, len, out);
}

PG_FUNCTION_INFO_V1(bounce_domain_text);
/* bounce_domain(address): the address's domain, lower case, in IDNA A-label form; NULL for no address. */
Datum
bounce_domain_text(PG_FUNCTION_ARGS)
{
	char		out[BOUNCE_DOMAIN_MAX + 1];
	int			n = domain_arg(fcinfo, false, out);

	if (n < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, n));
}

PG_FUNCTION_INFO_V1(bounce_provider_text);
/*
 * bounce_provider(address or domain): the mailbox provider of the built-in
 * table ('google', 'microsoft', ...), else the normalised domain itself; NULL
 * when the text is neither an address nor a domain name.
 */
Datum
bounce_provider_text(PG_FUNCTION_ARGS)
{
	char		out[BOUNCE_DOMAIN_MAX + 1];
	int			n = domain_arg(fcinfo, true, out);
	const char *provider;

	if (n < 0)
		PG_RETURN_NULL();
	provider = bounce_domain_provider(out, (size_t) n);
	PG_RETURN_TEXT_P(provider != NULL ? cstring_to_text(provider) : cstring_to_text_with_len(out, n));
}

PG_FUNCTION_INFO_V1(bounce_remote_provider_text);
/*
 * bounce_remote_provider(message): the provider running the remote MTA that
 * the bounce names (Remote-MTA field, "host X[ip] said", a host in the
 * reply); NULL when it names no known provider's host.
 */
Datum
bounce_remote_provider_text(PG_FUNCTION_ARGS)
{
	text	   *message = PG_GETARG_TEXT_PP(0);
	bounce_result result;

	bounce_classify_bytes(VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message), NULL, 0, NULL, true, &result);
	if (result.remote_provider == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(result.remote_provider));
}
