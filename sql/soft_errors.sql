-- Soft input errors (PostgreSQL 16 and later; run only there): a bad literal
-- is reported through the caller's error context instead of raised, so
-- pg_input_is_valid() and pg_input_error_info() can test input without a
-- subtransaction.
SELECT pg_input_is_valid('24', 'bounce_code') AS not_a_code,
       pg_input_is_valid('dns failure', 'bounce_code') AS misspelt_name,
       pg_input_is_valid('', 'bounce_code') AS empty,
       pg_input_is_valid('21', 'bounce_code') AS code,
       pg_input_is_valid(' dns_failure ', 'bounce_code') AS name;
-- The report carries the same message, hint and SQLSTATE as the raised error.
SELECT * FROM pg_input_error_info('24', 'bounce_code');
SELECT * FROM pg_input_error_info('dns failure', 'bounce_code');
SELECT sql_error_code, message FROM pg_input_error_info('99999999999', 'bounce_code');
-- A valid literal reports nothing.
SELECT * FROM pg_input_error_info('21', 'bounce_code');
-- Arrays and domains pass the soft error through.
SELECT pg_input_is_valid('{21,10}', 'bounce_code[]') AS good_array,
       pg_input_is_valid('{21,24}', 'bounce_code[]') AS bad_array;
CREATE DOMAIN soft_hard_code AS bounce_code CHECK (bounce_kind(VALUE) = 'hard');
SELECT pg_input_is_valid('10', 'soft_hard_code') AS hard,
       pg_input_is_valid('24', 'soft_hard_code') AS not_a_code;
SELECT sql_error_code, message FROM pg_input_error_info('24', 'soft_hard_code');
DROP DOMAIN soft_hard_code;
-- The cast still raises the error.
SELECT '24'::bounce_code;
\echo :LAST_ERROR_SQLSTATE
