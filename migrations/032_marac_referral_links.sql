-- A strategy discussion whose outcome is a MARAC referral stands for one MARAC referral: the one it raised from the
-- incident's referral (`created`), the victim's live MARAC referral it found (`linked`), or the MARAC referral the
-- incident was opened from (`originating`). One row per incident: a later `marac_referral` outcome on the same
-- incident finds this row and links to the same referral, so an incident never raises two. `discussion_id` is the
-- discussion whose outcome made the link. (HubWorkflow's MARACReferralRaising and MARACReferralMatching state the
-- rules; RecordStrategyDiscussion writes the row in the discussion's transaction.)
CREATE TABLE marac_referral_links (
    incident_id         uuid PRIMARY KEY REFERENCES incidents (id),
    marac_referral_id   uuid NOT NULL REFERENCES referrals (id),
    discussion_id       uuid NOT NULL UNIQUE REFERENCES strategy_discussions (id),
    how                 text NOT NULL CHECK (how IN ('created', 'linked', 'originating')),
    linked_by           uuid NOT NULL REFERENCES users (id),
    linked_at           timestamptz NOT NULL
);
-- The outcomes a MARAC referral stands for (its screen, and the marac report).
CREATE INDEX marac_referral_links_referral ON marac_referral_links (marac_referral_id);
-- A referral is raised by one incident's outcome at most.
CREATE UNIQUE INDEX marac_referral_links_raised ON marac_referral_links (marac_referral_id) WHERE how = 'created';
