/// Why a row of an extract was not loaded, in the order docs/feed-format.md checks them: a row with
/// several faults is quarantined under the first.
public enum QuarantineReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case missingId = "missing_id"
    case unparseableDate = "unparseable_date"
    case impossibleDate = "impossible_date"
    case badNHSCheckDigit = "bad_nhs_check_digit"
    case malformedPostcode = "malformed_postcode"

    public static func < (lhs: QuarantineReason, rhs: QuarantineReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
