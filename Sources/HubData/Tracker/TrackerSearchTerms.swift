/// A tracker search, already cleansed the way records are (folded names, phonetic codes, canonical
/// forenames, standardised address, normalised postcode). Empty text and zero numbers mean "not given".
public struct TrackerSearchTerms: Sendable, Hashable {
    public var forename = ""
    public var surname = ""
    public var forenamePhonetic = ""
    public var surnamePhonetic = ""
    public var canonicalForenames: [String] = []
    public var dobYear = 0
    public var dobMonth = 0
    public var dobDay = 0
    public var address = ""
    /// A full normalised postcode (`PP2 5GN`).
    public var postcode = ""
    /// A postcode prefix, upper-cased (`PP2`, `PP2 5`).
    public var postcodePrefix = ""
    public var referenceId = ""
    public var nhsNumber = ""
    public var limit = 20

    public init() {}

    /// True when nothing was asked for.
    public var isEmpty: Bool {
        forename.isEmpty && surname.isEmpty && dobYear == 0 && address.isEmpty && postcode.isEmpty && postcodePrefix.isEmpty
            && referenceId.isEmpty && nhsNumber.isEmpty
    }
}

/// One person a search found: the score of its best-matching record and its live records.
public struct TrackerSearchHit: Sendable, Hashable, Codable {
    public var personId: Int64
    public var score: Double
    public var records: [TrackerRecordSummary]
}

/// A live record as search results, person views and reviews show it.
public struct TrackerRecordSummary: Sendable, Hashable, Codable {
    public var recordId: Int64
    public var sourceSystem: String
    public var sourceRecordId: String
    public var forename: String?
    public var surname: String?
    public var aliases: [String]
    public var dateOfBirth: String?
    public var gender: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var town: String?
    public var postcode: String?
    public var nhsNumber: String?
    public var uprn: Int64?
    public var personId: Int64?
    /// The values of this record set aside (kept as sent above, never matched or searched on), by reason; empty
    /// when none. The date of birth, NHS number, postcode or UPRN shown for a reason here is as the partner sent it.
    public var setAside: [SetAsideReason]
}
