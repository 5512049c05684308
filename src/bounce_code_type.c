/*
 * bounce_code_type.c — the bounce_code type: text and binary I/O, comparison
 * operators, btree and hash support, and the integer casts.
 */
#include "bouncecode.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* Room for "0, 10, ..., 200": the hint every bad-value error carries. */
#define CODE_LIST_SIZE 128

/* The hint listing the valid codes, built from the table. */
static char *
valid_codes_hint(void)
{
	char		list[CODE_LIST_SIZE];

	bounce_code_format_list(list, sizeof(list));
	return psprintf("Valid bounce codes are %s, or their names as listed by bounce_codes().", list);
}

const bounce_code_info *
bounce_code_info_of(BounceCode code)
{
	const bounce_code_info *info = bounce_code_lookup(code);

	if (info == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("stored bounce_code value %d is not a bounce code", (int) code)));
	return info;
}

PG_FUNCTION_INFO_V1(bounce_code_in);
/* Text input: a number ("21") or a symbolic name ("dns_failure"), blanks allowed. */
Datum
bounce_code_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int			code;

	if (!bounce_code_parse(str, strlen(str), &code))
		ereturn(fcinfo->context, (Datum) 0,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%s\"", "bounce_code", str),
				errhint("%s", valid_codes_hint()));
	PG_RETURN_BOUNCE_CODE((BounceCode) code);
}

PG_FUNCTION_INFO_V1(bounce_code_out);
/* Text output: always the number, so output reads back as the same value. */
Datum
bounce_code_out(PG_FUNCTION_ARGS)
{
	BounceCode	code = PG_GETARG_BOUNCE_CODE(0);

	PG_RETURN_CSTRING(psprintf("%d", (int) code));
}

PG_FUNCTION_INFO_V1(bounce_code_recv);
/* Binary input: a big-endian int16 that must be a code, like the text input. */
Datum
bounce_code_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			code = (int16) pq_getmsgint(buf, sizeof(int16));

	if (bounce_code_index(code) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type %s: %d", "bounce_code", code),
				 errhint("%s", valid_codes_hint())));
	PG_RETURN_BOUNCE_CODE((BounceCode) code);
}

PG_FUNCTION_INFO_V1(bounce_code_send);
/* Binary output: the code as a big-endian int16. */
Datum
bounce_code_send(PG_FUNCTION_ARGS)
{
	BounceCode	code = PG_GETARG_BOUNCE_CODE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, (uint16) code);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Comparison operators: codes order numerically. */
#define BOUNCE_CODE_COMPARISON(fname, op) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_BOUNCE_CODE(0) op PG_GETARG_BOUNCE_CODE(1)); \
}

BOUNCE_CODE_COMPARISON(bounce_code_eq, ==)
BOUNCE_CODE_COMPARISON(bounce_code_ne, !=)
BOUNCE_CODE_COMPARISON(bounce_code_lt, <)
BOUNCE_CODE_COMPARISON(bounce_code_le, <=)
BOUNCE_CODE_COMPARISON(bounce_code_gt, >)
BOUNCE_CODE_COMPARISON(bounce_code_ge, >=)

PG_FUNCTION_INFO_V1(bounce_code_cmp);
/* btree support function 1: -1, 0 or 1. */
Datum
bounce_code_cmp(PG_FUNCTION_ARGS)
{
	BounceCode	a = PG_GETARG_BOUNCE_CODE(0);
	BounceCode	b = PG_GETARG_BOUNCE_CODE(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(bounce_code_hash);
/* hash support function 1: the same hash as int2's, so it mixes like integers. */
Datum
bounce_code_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((int32) PG_GETARG_BOUNCE_CODE(0));
}

PG_FUNCTION_INFO_V1(bounce_code_hash_extended);
/* hash support function 2: the seeded 64-bit hash. */
Datum
bounce_code_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((int32) PG_GETARG_BOUNCE_CODE(0), PG_GETARG_INT64(1));
}

/*
 * An integer as a bounce_code (the integer casts, the trigger's supplied
 * codes): only the 25 codes; anything else, however wide the integer type, is
 * out of range (22003), as for the integer types.
 */
BounceCode
bounce_code_from_integer(int64 value)
{
	if (value < 0 || value > PG_INT16_MAX || bounce_code_index((long) value) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer " INT64_FORMAT " is not a valid bounce_code", value),
				 errhint("%s", valid_codes_hint())));
	return (BounceCode) value;
}

PG_FUNCTION_INFO_V1(bounce_code_from_int2);
/* Cast smallint -> bounce_code: validated like integer. */
Datum
bounce_code_from_int2(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOUNCE_CODE(bounce_code_from_integer(PG_GETARG_INT16(0)));
}

PG_FUNCTION_INFO_V1(bounce_code_from_int4);
/* Cast integer -> bounce_code: only the 25 codes; anything else is out of range. */
Datum
bounce_code_from_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOUNCE_CODE(bounce_code_from_integer(PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(bounce_code_from_int8);
/* Cast bigint -> bounce_code: validated like integer, with no wrap-around. */
Datum
bounce_code_from_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOUNCE_CODE(bounce_code_from_integer(PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(bounce_code_to_int4);
/* Cast bounce_code -> integer: lossless. */
Datum
bounce_code_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_BOUNCE_CODE(0));
}

PG_FUNCTION_INFO_V1(bounce_code_smaller);
/* The lesser of two codes: the transition function of min(bounce_code). */
Datum
bounce_code_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOUNCE_CODE(Min(PG_GETARG_BOUNCE_CODE(0), PG_GETARG_BOUNCE_CODE(1)));
}

PG_FUNCTION_INFO_V1(bounce_code_larger);
/* The greater of two codes: the transition function of max(bounce_code). */
Datum
bounce_code_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOUNCE_CODE(Max(PG_GETARG_BOUNCE_CODE(0), PG_GETARG_BOUNCE_CODE(1)));
}
