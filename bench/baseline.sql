-- bench/baseline.sql — what a user without bouncecode would write: a CASE ladder
-- of case-insensitive regular expressions over the response text (about 20).
-- The benchmark compares classify_bounce() with this, row for row.
CREATE OR REPLACE FUNCTION pg_temp.regex_bounce_code(resp text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
	WHEN resp ~* 'abuse report|feedback-type: *abuse' THEN 200
	WHEN resp ~* 'out of (the )?office|auto(matic)?[- ]?reply|vacation|abwesend|frånvaro' THEN 60
	WHEN resp ~* 'unsubscribe|remove me from' THEN 90
	WHEN resp ~* 'challenge[- /]response|verify your (email )?address|confirm you are (a )?human' THEN 100
	WHEN resp ~* 'relay(ing)? (access )?(denied|not permitted|not allowed)|unable to relay' THEN 54
	WHEN resp ~* 'virus|malware|attachment|security issue' THEN 53
	WHEN resp ~* 'spamhaus|spamcop|black ?list|block ?list|dnsbl|\mrbl\M|reputation' THEN 51
	WHEN resp ~* 'spam|unsolicited|junk' THEN 52
	WHEN resp ~* 'dmarc|dkim|\mspf\M|policy|not authori[sz]ed|reverse dns|ptr record' THEN 50
	WHEN resp ~* 'user (unknown|not found)|unknown (user|recipient)|no such (user|mailbox|recipient)|does not exist|recipientnotfound|mailbox (unavailable|not found)|invalid (recipient|mailbox|address)' THEN 10
	WHEN resp ~* 'mailbox (is )?full|over ?quota|quota exceeded|insufficient storage|exceeded storage' THEN 22
	WHEN resp ~* '(message|mail) (size|too large|too big)|size (limit|exceeds)' THEN 23
	WHEN resp ~* 'host (or domain name )?not found|domain (not found|does not exist)|name service error|no mx|nxdomain|dns' THEN 21
	WHEN resp ~* 'too long in the queue|queue too long|retry timeout exceeded|expired' THEN 40
	WHEN resp ~* 'connection (refused|timed out|reset)|could not connect|unable to connect|no route to host|network is unreachable' THEN 29
	WHEN resp ~* 'greylist|graylist|try again later|temporarily deferred|too many (connections|messages)|rate limit|delayed' THEN 70
	WHEN resp ~* 'temporar(y|ily)|\m4[0-9][0-9]\M' THEN 20
	WHEN resp ~* '\m2[0-9][0-9]\M|delivered|queued as' THEN 0
	WHEN resp ~* '\m5[0-9][0-9]\M|undeliverable|could not be delivered|permanent' THEN 40
	ELSE 40
END
$$;
