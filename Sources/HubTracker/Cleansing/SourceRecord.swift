/// One record as a partner feed supplies it, before cleansing: the input to the tracker's matching.
///
/// Everything except the identifying pair (`sourceSystem`, `sourceRecordId`) is optional, because
/// every feed leaves something out: police calls are address-level, A&E often lacks an NHS number.
public struct SourceRecord: Sendable, Hashable, Codable {
    /// The partner system the record came from, e.g. `swansea-bay-uhb-ae`.
    public var sourceSystem: String
    /// The partner's own unique id for the record.
    public var sourceRecordId: String
    /// The forename as supplied; may contain a title and middle names (`Mrs Shira Anne`).
    public var forename: String?
    public var surname: String?
    /// Other names the person is known by, each a full name (`Mandy Smith`).
    public var aliases: [String]
    public var dateOfBirth: PartialDate?
    /// As supplied: `F`, `Female`, `2` (NHS code), `M`, `1`, …
    public var gender: String?
    /// Address lines as supplied, house number and street usually in the first ones.
    public var addressLines: [String]
    public var town: String?
    public var postcode: String?
    /// As supplied, with or without spaces; cleansing checks it.
    public var nhsNumber: String?
    /// The unique property reference number, when the partner supplies one.
    public var uprn: String?

    public init(
        sourceSystem: String, sourceRecordId: String,
        forename: String? = nil, surname: String? = nil, aliases: [String] = [],
        dateOfBirth: PartialDate? = nil, gender: String? = nil,
        addressLines: [String] = [], town: String? = nil, postcode: String? = nil,
        nhsNumber: String? = nil, uprn: String? = nil
    ) {
        self.sourceSystem = sourceSystem
        self.sourceRecordId = sourceRecordId
        self.forename = forename
        self.surname = surname
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.addressLines = addressLines
        self.town = town
        self.postcode = postcode
        self.nhsNumber = nhsNumber
        self.uprn = uprn
    }

    /// The record's identity across the tracker.
    public var key: RecordKey { RecordKey(sourceSystem: sourceSystem, sourceRecordId: sourceRecordId) }
}
