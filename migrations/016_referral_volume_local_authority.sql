-- Migration 014 counts days by local authority too, but its update trigger did not watch that column: a
-- referral moved to another local authority left its counted day as it was. The trigger now watches every
-- column the counts are keyed on.
DROP TRIGGER referrals_volume_moved ON referrals;
CREATE TRIGGER referrals_volume_moved
    AFTER UPDATE OF received_at, service, form, channel, source_agency, local_authority ON referrals
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.service IS DISTINCT FROM NEW.service
                       OR OLD.form IS DISTINCT FROM NEW.form OR OLD.channel IS DISTINCT FROM NEW.channel
                       OR OLD.source_agency IS DISTINCT FROM NEW.source_agency
                       OR OLD.local_authority IS DISTINCT FROM NEW.local_authority)
    EXECUTE FUNCTION referral_volume_after_change();
