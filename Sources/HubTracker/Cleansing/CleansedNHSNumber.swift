import HubWorkflow

/// An NHS number as supplied and, when it passes the modulus 11 check, its ten digits. An invalid number
/// is kept for display but takes no part in matching.
public struct CleansedNHSNumber: Sendable, Hashable, Codable {
    /// Exactly what the feed sent, for display.
    public var asSupplied: String
    /// The ten digits when valid; nil when the number fails the check or is a dummy such as `0000000000`.
    public var valid: String?

    /// Nil when `raw` is missing or blank.
    public init?(_ raw: String?) {
        guard let raw, raw.contains(where: { !$0.isWhitespace }) else { return nil }
        self.asSupplied = raw
        let number = NHSNumber(raw)
        if let digits = number?.digits, let first = digits.utf8.first, digits.utf8.contains(where: { $0 != first }) {
            self.valid = digits
        } else {
            self.valid = nil
        }
    }

    /// A number cleansed before, as it was stored.
    init(asSupplied: String, valid: String?) {
        self.asSupplied = asSupplied
        self.valid = valid
    }

    /// True when the number can be used for matching.
    public var isValid: Bool { valid != nil }
}
