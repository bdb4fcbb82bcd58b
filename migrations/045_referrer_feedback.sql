-- Feedback to the referrer (issue #20). When a threshold decision is recorded, the referral's feedback clock starts:
-- due one working day later (SLAPolicySet.feedback, 24 counted hours) under the calendar policy the partnership
-- chose for it (sla_policies.feedback, working-week unless changed). A referral made on Hub by a user of the
-- referrer's own agency is fed back through "referrals we made": its clock is stopped at once as met, with a
-- feedback row of channel 'hub'. Otherwise a MASH user records the feedback (email, phone, letter, secure email),
-- or Hub sends it by email through the outbox when a mail relay is configured.
ALTER TABLE sla_policies ADD COLUMN feedback text NOT NULL DEFAULT 'working-week' CHECK (length(feedback) BETWEEN 1 AND 100);

-- One clock per referral, started by its first decision. `record` is the clock (HubWorkflow's SLAClockRecord);
-- `due_at` and `warn_at` stay as they were when it started (the board figure asks "fed back by the due time?"),
-- `outcome` is set when feedback is given. The sweep claims warnings and breaches with FOR UPDATE SKIP LOCKED.
CREATE TABLE referral_feedback_clocks (
    referral_id      uuid PRIMARY KEY REFERENCES referrals (id),
    decided_at       timestamptz NOT NULL,
    referrer_on_hub  boolean NOT NULL,
    policy           text NOT NULL CHECK (length(policy) BETWEEN 1 AND 100),
    record           jsonb NOT NULL,
    due_at           timestamptz NOT NULL,
    warn_at          timestamptz NOT NULL,
    warned_at        timestamptz,
    breached_at      timestamptz,
    outcome          text CHECK (outcome IN ('met', 'breached')),
    fed_back_at      timestamptz,
    CHECK ((outcome IS NULL) = (fed_back_at IS NULL)),
    CHECK (warn_at <= due_at AND decided_at <= warn_at)
);
CREATE INDEX referral_feedback_clocks_warning_pending ON referral_feedback_clocks (warn_at)
    WHERE outcome IS NULL AND warned_at IS NULL;
CREATE INDEX referral_feedback_clocks_breach_pending ON referral_feedback_clocks (due_at)
    WHERE outcome IS NULL AND breached_at IS NULL;
CREATE INDEX referral_feedback_clocks_open ON referral_feedback_clocks (due_at) WHERE outcome IS NULL;
CREATE INDEX referral_feedback_clocks_decided ON referral_feedback_clocks (decided_at);

-- Every feedback given to a referrer: recorded by a user as given, given through Hub, or sent by Hub as email
-- (`delivery`: 'recorded', 'hub', 'queued' until the outbox delivers it, 'sent' with the message kept as sent,
-- 'failed' when the relay refused it for good).
CREATE TABLE referral_feedback (
    id               uuid PRIMARY KEY,
    referral_id      uuid NOT NULL REFERENCES referrals (id),
    channel          text NOT NULL CHECK (channel IN ('email', 'phone', 'letter', 'secure_email', 'hub')),
    summary          text NOT NULL CHECK (summary IN ('sharing_information', 'no_further_action', 'information_advice_assistance',
                                                      'signposted', 'decision_awaiting_ratification')),
    note             text CHECK (length(note) BETWEEN 1 AND 1000),
    given_at         timestamptz NOT NULL,
    delivery         text NOT NULL CHECK (delivery IN ('recorded', 'hub', 'queued', 'sent', 'failed')),
    recipient_email  text CHECK (length(recipient_email) BETWEEN 3 AND 254),
    message          text,
    sent_at          timestamptz,
    recorded_by      uuid NOT NULL REFERENCES users (id),
    recorded_at      timestamptz NOT NULL,
    CHECK ((delivery = 'sent') = (sent_at IS NOT NULL)),
    CHECK (delivery NOT IN ('queued', 'sent', 'failed') OR (recipient_email IS NOT NULL AND message IS NOT NULL))
);
CREATE INDEX referral_feedback_referral ON referral_feedback (referral_id, given_at);

GRANT SELECT, INSERT, UPDATE ON referral_feedback_clocks, referral_feedback TO hub_application;
