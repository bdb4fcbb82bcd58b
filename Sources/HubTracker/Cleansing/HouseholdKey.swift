/// The identity of a household: a property (UPRN) or, without one, a postcode and address key.
public enum HouseholdKey: Sendable, Hashable, Codable, CustomStringConvertible {
    case uprn(Int64)
    case address(postcode: String, key: String)

    /// `uprn:100100` or `address:PP2 5GN|1 stoops fold`.
    public var description: String {
        switch self {
        case .uprn(let uprn): return "uprn:" + String(uprn)
        case .address(let postcode, let key): return "address:" + postcode + "|" + key
        }
    }
}
