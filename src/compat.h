/*
 * compat.h — every PostgreSQL-version difference bouncecode cares about, in one
 * place.  Supported: PostgreSQL 13 to 18.
 */
#ifndef BOUNCECODE_COMPAT_H
#define BOUNCECODE_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 130000
#error "bouncecode needs PostgreSQL 13 or later"
#endif

/*
 * Soft input errors (PostgreSQL 16+): the input function reports a bad literal
 * through fcinfo->context so pg_input_is_valid() works.  Before 16 there is no
 * such context; the fallback raises the error as usual (the ip4r approach).
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
#define ereturn(context, dummy_value, ...) \
	do { \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#endif

/* PostgreSQL 18 lets a module name itself and its version in the magic block. */
#if PG_VERSION_NUM >= 180000
#define BOUNCECODE_MODULE_MAGIC \
	PG_MODULE_MAGIC_EXT(.name = "bouncecode", .version = BOUNCECODE_VERSION)
#else
#define BOUNCECODE_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/* Claiming a setting prefix: renamed in PostgreSQL 15. */
#if PG_VERSION_NUM >= 150000
#define ReserveBounceSettingPrefix(prefix) MarkGUCPrefixReserved(prefix)
#else
#define ReserveBounceSettingPrefix(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

/*
 * Infinite intervals ('infinity'::interval) exist from PostgreSQL 17; before,
 * every interval is finite.  Use after including datatype/timestamp.h.
 */
#if PG_VERSION_NUM >= 170000
#define BounceIntervalIsFinite(i) (!INTERVAL_NOT_FINITE(i))
#else
#define BounceIntervalIsFinite(i) true
#endif

#endif							/* BOUNCECODE_COMPAT_H */
