-- The README's "Every recipient of a bounce" examples, run as they are written.
SET client_min_messages = warning;
SET timezone = 'UTC';

CREATE TABLE bounce_messages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    raw         text NOT NULL
);

-- A per-recipient table, filled by an AFTER INSERT trigger (one statement, all its rows).
CREATE TABLE recipient_events (
    message_id bigint NOT NULL REFERENCES bounce_messages ON DELETE CASCADE,
    address    text,
    code       bounce_code NOT NULL,
    at         timestamptz NOT NULL,
    status     text,
    diagnostic text
);

CREATE FUNCTION bounce_messages_expand() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recipient_events (message_id, address, code, at, status, diagnostic)
    SELECT n.id, r.recipient, r.code, n.received_at, r.status, r.diagnostic
    FROM new_rows n CROSS JOIN LATERAL bounce_recipients(n.raw) r;
    RETURN NULL;
END
$$;

CREATE TRIGGER expand AFTER INSERT ON bounce_messages
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bounce_messages_expand();

INSERT INTO bounce_messages (received_at, raw) VALUES
('2024-03-01 08:00', E'From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ann@example.com\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--B--\n'),
('2024-03-09 08:00', E'From: Mail Delivery System <Mailer-Daemon@mail.example.net>\nSubject: Mail delivery failed: returning message to sender\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  ann@example.com\n    SMTP error from remote mail server after RCPT TO:<ann@example.com>:\n    452 4.2.2 Mailbox full\n  cid@example.com\n    SMTP error from remote mail server after RCPT TO:<cid@example.com>:\n    554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org\n'),
('2024-03-20 08:00', E'Final-Recipient: rfc822; ann@example.com\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n');

-- One row per recipient: expand a table of raw bounce messages.
SELECT m.id, r.recipient, r.action, r.status, r.code, r.kind
FROM bounce_messages m
CROSS JOIN LATERAL bounce_recipients(m.raw) r
ORDER BY m.id;

-- Feed the rows to bounce_invalid: every recipient's history, not only the first failed one's.
SELECT r.recipient, bounce_invalid(r.code, m.received_at) AS invalid
FROM bounce_messages m
CROSS JOIN LATERAL bounce_recipients(m.raw) r
WHERE r.recipient IS NOT NULL
GROUP BY r.recipient
ORDER BY r.recipient;

-- The trigger filled the per-recipient table as the messages landed.
SELECT message_id, address, code, at, status FROM recipient_events ORDER BY message_id, address;

-- The same rows as a view, for reading without a second table.
CREATE VIEW bounce_message_recipients AS
SELECT m.id AS message_id, m.received_at, r.*
FROM bounce_messages m
CROSS JOIN LATERAL bounce_recipients(m.raw) r;

SELECT message_id, recipient, code FROM bounce_message_recipients ORDER BY message_id, recipient;

-- The view and the trigger's table agree.
SELECT count(*) AS differences FROM (
    (SELECT message_id, recipient, code FROM bounce_message_recipients
     EXCEPT SELECT message_id, address, code FROM recipient_events)
    UNION ALL
    (SELECT message_id, address, code FROM recipient_events
     EXCEPT SELECT message_id, recipient, code FROM bounce_message_recipients)
) d;

-- Deleting a message deletes its recipients' rows.
DELETE FROM bounce_messages WHERE id = 3;
SELECT count(*) FROM recipient_events WHERE message_id = 3;
