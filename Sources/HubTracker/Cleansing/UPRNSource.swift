/// Where a record's UPRN came from.
public enum UPRNSource: String, Sendable, Hashable, Codable {
    /// The partner supplied it.
    case supplied
    /// The gazetteer, by exact address key and postcode.
    case gazetteerExact
    /// The gazetteer, by house number, flat and a similar street within the postcode.
    case gazetteerTolerant
    /// The gazetteer, by an address key unique across it (no usable postcode).
    case gazetteerUniqueKey
    /// The gazetteer, by the exact address key at a postcode one keying slip from the one given.
    case gazetteerPostcodeSlip

    init(_ method: UPRNMatchMethod) {
        switch method {
        case .exact: self = .gazetteerExact
        case .tolerant: self = .gazetteerTolerant
        case .uniqueKey: self = .gazetteerUniqueKey
        case .postcodeSlip: self = .gazetteerPostcodeSlip
        }
    }
}
