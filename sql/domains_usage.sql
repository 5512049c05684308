-- The README's "Find the domains and providers that refuse your mail" examples, as a regression test.
SET timezone = 'UTC';
SET datestyle = 'ISO';

-- One row per message outcome: 0 for a delivery, the bounce code otherwise.
CREATE TABLE sends (email text, code bounce_code, at timestamptz);
INSERT INTO sends
SELECT 'user' || i || '@' || domain, code::bounce_code, start + i * interval '1 hour'
FROM (VALUES ('gmail.com',      '0',  24, '2024-03-04'::timestamptz), ('gmail.com',      '10',  2, '2024-03-05'),
             ('hotmail.com',    '0',  12, '2024-03-04'),              ('hotmail.com',    '59', 12, '2024-03-05'),
             ('outlook.com',    '0',  20, '2024-03-04'),              ('outlook.com',    '52',  4, '2024-03-06'),
             ('deadco.example', '29',  8, '2024-03-05'),
             ('shopco.example', '0',   4, '2024-03-04'),              ('shopco.example', '29',  8, '2024-03-06'),
             ('busyco.example', '70',  6, '2024-03-05'),              ('busyco.example', '0',   2, '2024-03-06')
     ) b(domain, code, n, start),
     generate_series(1, n) i;

-- Which domains are blocking us this week
SELECT domain, (h).state, (h).events, (h).successes, (h).unreachable, (h).blocks, (h).last_success
FROM (SELECT bounce_domain(email) AS domain, bounce_domain_health(code, at) AS h
      FROM sends
      WHERE at >= '2024-03-04' AND at < '2024-03-11'
      GROUP BY 1) d
WHERE (h).state = 'blocking'
ORDER BY 1;

-- Every domain's state, with the provider behind it
SELECT bounce_provider(domain) AS provider, domain, (h).state, (h).events, (h).successes,
       round((h).block_share::numeric, 2) AS block_share
FROM (SELECT bounce_domain(email) AS domain, bounce_domain_health(code, at) AS h FROM sends GROUP BY 1) d
ORDER BY 1, 2;

-- Block rate per provider per day
SELECT bounce_provider(email) AS provider, at::date AS day,
       round((bounce_domain_health(code, at)).block_share::numeric, 2) AS block_share,
       (bounce_domain_health(code, at)).state
FROM sends
GROUP BY 1, 2
ORDER BY 1, 2;

-- The same over a sliding window: each day's block rate over the 3 days up to it
SELECT DISTINCT ON (provider, at::date) provider, at::date AS day,
       round((h).block_share::numeric, 2) AS block_share_3_days, (h).state
FROM (SELECT bounce_provider(email) AS provider, at,
             bounce_domain_health(code, at) OVER (PARTITION BY bounce_provider(email) ORDER BY at
                                                  RANGE BETWEEN '3 days' PRECEDING AND CURRENT ROW) AS h
      FROM sends) w
ORDER BY provider, at::date, at DESC;

-- Domains to pause: unreachable, or refusing us
SELECT bounce_domain(email) AS domain, (bounce_domain_health(code, at)).state,
       (bounce_domain_health(code, at)).last_problem
FROM sends
GROUP BY 1
HAVING (bounce_domain_health(code, at)).state IN ('unreachable', 'blocking')
ORDER BY 1;

DROP TABLE sends;
