/// Why a value of a loaded row was set aside (stored in `tracker_records.set_aside`, migration 046) (docs/feed-format.md, "Values set aside"): the row is loaded and its
/// record reaches the tracker, but the value is kept only as sent, flagged on the record, never used for matching or
/// search, and counted in the import report so that the partner can fix its feed.
public enum SetAsideReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `date_of_birth` not in the form `YYYY-MM-DD`.
    case unparseableDateOfBirth = "unparseable_date_of_birth"
    /// `date_of_birth` in the right form but not a possible birth date (no such day, before 1890, after the extract
    /// date, or after the row's event date).
    case impossibleDateOfBirth = "impossible_date_of_birth"
    /// `nhs_number` not 10 digits, or failing the mod-11 check.
    case badNHSCheckDigit = "bad_nhs_check_digit"
    /// `postcode` not a UK postcode's shape.
    case malformedPostcode = "malformed_postcode"
    /// `uprn` not 1–12 digits (or all zeros).
    case unusableUPRN = "unusable_uprn"

    public static func < (lhs: SetAsideReason, rhs: SetAsideReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

