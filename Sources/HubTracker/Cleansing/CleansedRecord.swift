/// A partner record after cleansing: what linkage compares and what search can index. `Codable`, so it
/// can be stored (e.g. as columns or JSON) and handed back for incremental linking without cleansing
/// again.
public struct CleansedRecord: Sendable, Hashable, Codable {
    public var key: RecordKey
    public var name: CleansedName
    /// Other names the person is known by, cleansed the same way.
    public var aliases: [CleansedName]
    public var dateOfBirth: PartialDate?
    public var gender: RecordedGender
    public var address: CleansedAddress
    public var nhsNumber: CleansedNHSNumber?
    /// The property's UPRN, supplied by the feed or found in the gazetteer.
    public var uprn: Int64?
    /// Where `uprn` came from; nil when there is none.
    public var uprnSource: UPRNSource?

    public init(
        key: RecordKey, name: CleansedName, aliases: [CleansedName] = [], dateOfBirth: PartialDate? = nil,
        gender: RecordedGender = .unknown, address: CleansedAddress = CleansedAddress(),
        nhsNumber: CleansedNHSNumber? = nil, uprn: Int64? = nil, uprnSource: UPRNSource? = nil
    ) {
        self.key = key
        self.name = name
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.address = address
        self.nhsNumber = nhsNumber
        self.uprn = uprn
        self.uprnSource = uprnSource
    }

    /// The valid NHS number's ten digits, the only form matching uses.
    public var validNHSNumber: String? { nhsNumber?.valid }

    /// What groups people into a household: the UPRN, else the postcode and address key; nil when the
    /// address is too thin to say.
    public var householdKey: HouseholdKey? {
        if let uprn { return .uprn(uprn) }
        if let key = address.key, let postcode = address.normalisedPostcode { return .address(postcode: postcode, key: key) }
        return nil
    }
}
