-- A referrer's agency is one of the partnership's agencies (checked for shape only before): new referrals name an
-- agency that exists; rows already stored are left as they are (NOT VALID).
ALTER TABLE referrals ADD CONSTRAINT referrals_source_agency_fkey FOREIGN KEY (source_agency) REFERENCES agencies (code) NOT VALID;
