/// How a UPRN was found for an address.
public enum UPRNMatchMethod: String, Sendable, Hashable, Codable {
    /// Same address key and postcode.
    case exact
    /// Same postcode, house number and flat, street spelt similarly (or the same building name).
    case tolerant
    /// The same address key at a postcode one keying slip away in the same district, none at the postcode given
    /// (``GazetteerIndex/isInwardSlip(_:of:)``).
    case postcodeSlip
    /// No usable postcode, but the address key names exactly one property in the gazetteer.
    case uniqueKey
}

/// The UPRN found for an address and how.
public struct UPRNMatch: Sendable, Hashable, Codable {
    public var uprn: Int64
    public var method: UPRNMatchMethod
    /// 1 for exact matches; the street (or building name) similarity for tolerant ones.
    public var score: Double

    public init(uprn: Int64, method: UPRNMatchMethod, score: Double) {
        self.uprn = uprn
        self.method = method
        self.score = score
    }
}
