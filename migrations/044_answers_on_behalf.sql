-- Answers recorded on behalf of the asked agency (#16 item 7).
--
-- Only a user of the asked agency answers a share request through Hub. When the agency answers another way (by
-- phone, email, secure email, at a meeting or by letter), MASH staff record that answer explicitly on its behalf:
-- `answered_by` is then the recorder (their own identity), `answered_at` the time the answer was received (the time
-- the agency answered, by which the clock and `answered_on_time` are judged), and these columns say how it came, who
-- at the agency gave it and when it was typed in. All three are set together, only on an answered request, and never
-- recorded before it was received. The application's role reaches the new columns through its table-wide grants
-- (migration 037).
ALTER TABLE share_requests
    ADD COLUMN on_behalf_channel text CHECK (on_behalf_channel IN ('phone', 'email', 'secure_email', 'meeting', 'letter')),
    ADD COLUMN on_behalf_contact text CHECK (length(on_behalf_contact) BETWEEN 1 AND 100),
    ADD COLUMN on_behalf_recorded_at timestamptz,
    ADD CONSTRAINT share_requests_on_behalf_complete CHECK (
        (on_behalf_channel IS NULL) = (on_behalf_contact IS NULL)
        AND (on_behalf_channel IS NULL) = (on_behalf_recorded_at IS NULL)),
    ADD CONSTRAINT share_requests_on_behalf_answered CHECK (
        on_behalf_channel IS NULL OR (state = 'answered' AND answered_by IS NOT NULL AND on_behalf_recorded_at >= answered_at));
