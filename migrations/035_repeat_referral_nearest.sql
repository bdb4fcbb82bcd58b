-- The repeat-referral alert in linear time (#16 item 4). The alert used to find, for each referral it evaluated,
-- every other referral about the same person within the window, and raised one alert per pair, so a family with
-- thousands of referrals raised hundreds of thousands of alerts. It now finds, per subject, only the nearest other
-- referral about the person on each side of the window, with an index range scan ordered by the time received and
-- stopped at the first row (see ReferralAlertConditions.repeatReferrals). These indexes carry the time received
-- after the person's identity (NHS number; surname, forename and date of birth, case-insensitive) so that lookup
-- never reads the person's history. They supersede the indexes on the identity alone, which they also serve.
CREATE INDEX referral_subjects_nhs_received ON referral_subjects (nhs_number, received_at) WHERE nhs_number IS NOT NULL;
CREATE INDEX referral_subjects_person_received ON referral_subjects (lower(surname), lower(forename), date_of_birth, received_at);
DROP INDEX referral_subjects_nhs;
DROP INDEX referral_subjects_person_key;
