/// Why a row of an extract was not loaded, in the order docs/feed-format.md checks them: a row with several faults
/// is quarantined under the first. Only a row that cannot be an event of a record is quarantined now (no id, an event
/// date that cannot be read); a date of birth, NHS number or postcode that cannot be used is set aside instead
/// (``SetAside``), and the last two cases here are kept only for the quarantined rows of earlier imports.
public enum QuarantineReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case missingId = "missing_id"
    /// The event date (before version 1.1 of the format, also the date of birth) is not `YYYY-MM-DD`.
    case unparseableDate = "unparseable_date"
    /// The event date (before version 1.1, also the date of birth) is no real day, or after the extract date.
    case impossibleDate = "impossible_date"
    /// No longer given (the NHS number is set aside); rows quarantined by earlier imports keep it.
    case badNHSCheckDigit = "bad_nhs_check_digit"
    /// No longer given (the postcode is set aside); rows quarantined by earlier imports keep it.
    case malformedPostcode = "malformed_postcode"

    public static func < (lhs: QuarantineReason, rhs: QuarantineReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
