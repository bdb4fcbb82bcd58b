/// An address after standardisation: abbreviations expanded, flat and house number separated from the
/// street, and a normalised key that two spellings of the same property share.
///
/// `Flat 2, 10 High St`, `2/10 High Street` and `flat 2 10 high st.` all have the key
/// `flat 2, 10 high street`; `10a High St` has `flat a, 10 high street`.
public struct CleansedAddress: Sendable, Hashable, Codable {
    /// The flat or sub-unit: `2`, `a`, `ground floor`.
    public var flat: String?
    /// A house or building name (`rose cottage`), kept in the key only when there is no house number.
    public var buildingName: String?
    /// The house number, `10` or a range `10-12`.
    public var number: String?
    /// `high street`, `saint marys road`.
    public var street: String?
    /// Lines after the street (district, village), joined with `, `.
    public var locality: String?
    public var town: String?
    public var postcode: CleansedPostcode?
    /// The normalised address key: flat, then number and street (or building name and street), joined
    /// with `, `; nil when the address has none of them.
    public var key: String?

    public init(
        flat: String? = nil, buildingName: String? = nil, number: String? = nil, street: String? = nil,
        locality: String? = nil, town: String? = nil, postcode: CleansedPostcode? = nil
    ) {
        self.flat = flat
        self.buildingName = buildingName
        self.number = number
        self.street = street
        self.locality = locality
        self.town = town
        self.postcode = postcode
        self.key = CleansedAddress.key(flat: flat, buildingName: buildingName, number: number, street: street)
    }

    /// The normalised postcode, when valid.
    public var normalisedPostcode: String? { postcode?.normalised }

    static func key(flat: String?, buildingName: String?, number: String?, street: String?) -> String? {
        var parts: [String] = []
        if let flat { parts.append("flat " + flat) }
        if let number {
            parts.append(street.map { number + " " + $0 } ?? number)
        } else {
            if let buildingName { parts.append(buildingName) }
            if let street { parts.append(street) }
        }
        // A flat alone identifies nothing.
        guard number != nil || buildingName != nil || street != nil else { return nil }
        return parts.joined(separator: ", ")
    }
}
