/// One property in an address gazetteer: its UPRN, normalised address key (as ``AddressCleanser`` builds
/// it) and normalised postcode.
public struct GazetteerEntry: Sendable, Hashable, Codable {
    public var uprn: Int64
    public var addressKey: String
    public var postcode: String

    public init(uprn: Int64, addressKey: String, postcode: String) {
        self.uprn = uprn
        self.addressKey = addressKey
        self.postcode = postcode
    }

    /// An entry from a cleansed address; nil when the address has no key or no valid postcode.
    public init?(uprn: Int64, address: CleansedAddress) {
        guard let key = address.key, let postcode = address.normalisedPostcode else { return nil }
        self.init(uprn: uprn, addressKey: key, postcode: postcode)
    }
}
