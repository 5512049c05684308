-- The README's "Turn ESP webhook events into bounce codes" section, run as a test.
SET timezone = 'UTC';

CREATE TABLE webhooks (received_at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL);

-- A bounce table fed by a trigger: one row per recipient event that has a code.
CREATE TABLE bounce_log (address text, code bounce_code, at timestamptz, provider text, event text, diagnostic text);

CREATE FUNCTION webhook_to_bounce_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bounce_log (address, code, at, provider, event, diagnostic)
    SELECT lower(e.recipient), e.code, coalesce(e.occurred_at, NEW.received_at), e.provider, e.event, e.diagnostic
    FROM bounce_events(NEW.payload) AS e
    WHERE e.code IS NOT NULL AND e.recipient IS NOT NULL;
    RETURN NEW;
END
$$;
CREATE TRIGGER webhook_events AFTER INSERT ON webhooks
    FOR EACH ROW EXECUTE FUNCTION webhook_to_bounce_log();

INSERT INTO webhooks (received_at, payload) VALUES
('2024-03-01 08:00', '{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"jane@example.com","status":"5.1.1","action":"failed","diagnosticCode":"smtp; 550 5.1.1 <jane@example.com>... User"}],"timestamp":"2024-03-01T07:59:58.237Z"},"mail":{"timestamp":"2024-03-01T07:59:55.000Z","source":"news@example.org","destination":["jane@example.com"]}}'),
('2024-03-02 09:00', '[{"email":"ann@example.com","timestamp":1709370000,"event":"bounce","sg_event_id":"a1","reason":"552 5.2.2 Mailbox full","status":"5.2.2","bounce_classification":"Mailbox Unavailable"},
                       {"email":"bob@example.com","timestamp":1709370000,"event":"deferred","sg_event_id":"b1","response":"421 4.7.0 Try again later","attempt":"1"},
                       {"email":"bob@example.com","timestamp":1709373600,"event":"delivered","sg_event_id":"b2","response":"250 OK"}]'),
('2024-03-10 10:00', '{"event":"soft_bounce","email":"ann@example.com","ts_event":1710064800,"message-id":"<1@relay.example>","reason":"452 4.2.2 Mailbox full"}'),
('2024-03-21 11:00', '{"RecordType":"Bounce","Type":"SoftBounce","TypeCode":4096,"Details":"smtp;552 5.2.2 Mailbox full","Email":"Ann@example.com","BouncedAt":"2024-03-21T11:00:00Z"}'),
('2024-03-05 12:00', '{"signature":{"timestamp":"1709640000","token":"t","signature":"s"},"event-data":{"event":"failed","timestamp":1709640000,"log-level":"error","severity":"permanent","reason":"bounce","delivery-status":{"code":550,"message":"5.1.1 The email account that you tried to reach does not exist.","description":""},"recipient":"carl@example.com"}}'),
('2024-03-06 12:00', '{"msys":{"track_event":{"type":"open","rcpt_to":"carl@example.com","timestamp":"1709726400"}}}'),
('2024-03-07 13:00', '{"event":"unsub","time":1709816400,"MessageID":1,"email":"dan@example.com","mj_list_id":"1"}');

-- Per-recipient codes straight from the webhook table.
SELECT w.received_at, e.provider, e.event, e.recipient, e.code, e.kind
FROM webhooks w CROSS JOIN LATERAL bounce_events(w.payload) AS e
ORDER BY w.received_at, e.recipient, e.event;

SELECT address, code, at, provider, event FROM bounce_log ORDER BY address, at;

-- The suppression list.
SELECT address FROM bounce_log GROUP BY address HAVING bounce_invalid(code, at) ORDER BY address;

-- With the evidence.
SELECT address, (bounce_verdict(code, at)).* FROM bounce_log GROUP BY address ORDER BY address;
