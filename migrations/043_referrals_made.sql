-- "Referrals we made" (issue #20): an agency lists the referrals it made (the referrer's agency, source_agency),
-- newest received first, a page at a time by (received_at, id).
CREATE INDEX referrals_source_agency_received ON referrals (source_agency, received_at DESC, id DESC);
