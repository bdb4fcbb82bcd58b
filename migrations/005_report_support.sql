-- What the board reports need that the workflow tables did not record.

-- The incident's rating when the share request was made (the SLA it was held to).
ALTER TABLE share_requests ADD COLUMN rag text CHECK (rag IN ('red', 'amber', 'green'));
UPDATE share_requests s SET rag = i.rag FROM incidents i WHERE i.id = s.incident_id AND s.rag IS NULL;

CREATE INDEX share_requests_requested ON share_requests (requested_at);
CREATE INDEX incidents_referral_opened ON incidents (opened_at);
CREATE INDEX strategy_discussions_outcome ON strategy_discussions (incident_id) WHERE outcome IS NOT NULL;
-- Repeat referrals: earlier referrals about the same person.
CREATE INDEX referral_subjects_person_key ON referral_subjects (lower(surname), lower(forename), date_of_birth);
