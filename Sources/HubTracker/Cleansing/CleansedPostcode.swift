import HubWorkflow

/// A postcode as supplied and, when it has the shape of a UK postcode, its normal form with sector and
/// district. Common keying slips are repaired first: a letter O typed for the zero that must open the
/// inward code (`PP2 OGN → PP2 0GN`), a missing space, lower case.
public struct CleansedPostcode: Sendable, Hashable, Codable {
    /// Exactly what the feed sent, for display.
    public var asSupplied: String
    /// `PP2 5GN`, or nil when the postcode is not valid.
    public var normalised: String?
    /// `PP2 5`.
    public var sector: String?
    /// `PP2`.
    public var district: String?

    /// Nil when `raw` is missing or blank.
    public init?(_ raw: String?) {
        guard let raw, raw.contains(where: { !$0.isWhitespace }) else { return nil }
        self.asSupplied = raw
        let postcode = UKPostcode(raw) ?? CleansedPostcode.repaired(raw).flatMap { UKPostcode($0) }
        self.normalised = postcode?.normalised
        self.sector = postcode?.sector
        self.district = postcode?.district
    }

    /// A postcode cleansed before, as it was stored.
    init(asSupplied: String, normalised: String?, sector: String?, district: String?) {
        self.asSupplied = asSupplied
        self.normalised = normalised
        self.sector = sector
        self.district = district
    }

    /// True when the postcode has a valid shape.
    public var isValid: Bool { normalised != nil }

    /// The inward code always starts with a digit: O and I typed there become 0 and 1.
    static func repaired(_ raw: String) -> String? {
        var compact = Array(raw.uppercased().filter { !$0.isWhitespace })
        guard compact.count >= 5, compact.count <= 7 else { return nil }
        let inwardStart = compact.count - 3
        switch compact[inwardStart] {
        case "O": compact[inwardStart] = "0"
        case "I", "L": compact[inwardStart] = "1"
        default: return nil
        }
        return String(compact)
    }
}
