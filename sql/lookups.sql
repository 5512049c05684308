-- What a code means: kind, predicates, name, descriptions, and the catalog.

-- Every code's kind, predicates, name and both descriptions.
SELECT code, bounce_kind(code), bounce_is_hard(code) AS hard, bounce_is_soft(code) AS soft,
       bounce_address_at_fault(code) AS at_fault, bounce_code_name(code) AS name,
       bounce_description(code) AS en, bounce_description(code, 'sv') AS sv
FROM bounce_codes() ORDER BY code;

-- The one-argument form is English; the language is case-insensitive.
SELECT bool_and(bounce_description(code) = bounce_description(code, 'en')) AS en_default,
       bool_and(bounce_description(code, 'SV') = bounce_description(code, 'sv')) AS sv_any_case
FROM bounce_codes();

-- Unsupported languages: 22023 naming the supported ones.
SELECT bounce_description('10', 'de');
\echo :LAST_ERROR_SQLSTATE
SELECT bounce_description('10', '');
\echo :LAST_ERROR_SQLSTATE

-- NULL in, NULL out.
SELECT bounce_kind(NULL) IS NULL, bounce_description(NULL) IS NULL,
       bounce_description('10', NULL) IS NULL, bounce_is_hard(NULL) IS NULL;

-- The kind is the enum bounce_kind, ordered hard < soft < other < na.
SELECT enum_range(NULL::bounce_kind);
SELECT kind, array_agg(code ORDER BY code) FROM bounce_codes() GROUP BY kind ORDER BY kind;

-- The catalog: 25 rows, one per code, joinable to data.
SELECT count(*), count(DISTINCT code), count(DISTINCT name), count(example) FROM bounce_codes();
SELECT code, example FROM bounce_codes() WHERE example IS NOT NULL ORDER BY code;
SELECT name, kind FROM bounce_codes() WHERE code = '29';

-- Every function is immutable and parallel safe; only the aggregates, the
-- history aggregates' transition, inverse and combine functions (they see NULL
-- rows and empty states), the two- and three-argument classify_bounce and
-- bounce_explain (a NULL recipient or rule set is allowed) and the trigger
-- functions (volatile, as trigger functions are) are not.
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode')
  AND (p.provolatile <> 'i' OR p.proparallel <> 's' OR NOT p.proisstrict)
ORDER BY 1;

-- Every object of the extension has a comment (except the array types the
-- server makes for its types and the row types of its tables, which are
-- extension members from PostgreSQL 17 on; the tables have comments).
SELECT pg_describe_object(d.classid, d.objid, d.objsubid) AS undocumented
FROM pg_depend d
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'bouncecode')
  AND d.deptype = 'e'
  AND NOT (d.classid = 'pg_type'::regclass AND EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = d.objid))
  AND NOT (d.classid = 'pg_type'::regclass AND EXISTS (SELECT 1 FROM pg_type r WHERE r.oid = d.objid AND r.typrelid <> 0))
  AND obj_description(d.objid, (SELECT relname FROM pg_class WHERE oid = d.classid)) IS NULL
ORDER BY 1;
