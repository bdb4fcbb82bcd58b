/// One source record as `tracker_records` stores it: the details as supplied, the cleansed record (JSON)
/// and the search columns derived from it. Empty text and zero numbers are stored as NULL.
public struct TrackerRecordRow: Sendable, Hashable {
    public var sourceSystem: String
    public var sourceRecordId: String
    public var forename = ""
    public var surname = ""
    /// Joined with `|`.
    public var aliases = ""
    public var dateOfBirth = ""
    public var gender = ""
    public var addressLine1 = ""
    public var addressLine2 = ""
    public var town = ""
    public var postcode = ""
    public var nhsNumber = ""
    public var suppliedUPRN = ""
    public var detailsHash = ""
    /// The cleansed record as JSON.
    public var cleansed = "{}"
    public var foldedForename = ""
    public var foldedSurname = ""
    public var forenamePhonetic = ""
    public var surnamePhonetic = ""
    /// Joined with `|`.
    public var canonicalForenames = ""
    public var aliasNames = ""
    public var dobYear = 0
    public var dobMonth = 0
    public var dobDay = 0
    public var normalisedPostcode = ""
    public var postcodeSector = ""
    public var postcodeDistrict = ""
    public var addressKey = ""
    public var validNHSNumber = ""
    public var uprn: Int64 = 0
    public var householdKey = ""
    /// The reasons the record's values were set aside (`SetAsideReason` codes), joined with `|`: those values are
    /// stored as sent and were not cleansed, so nothing matches or finds the record by them.
    public var setAside = ""
    /// The record's id when the importer gave it one (a record held already, or an id reserved for a new one
    /// linked before it is written), else 0: the table's sequence gives it.
    public var id: Int64 = 0
    /// The record's person when linking ran before the record is written, else 0: linking sets it afterwards.
    public var personId: Int64 = 0

    public init(sourceSystem: String, sourceRecordId: String) {
        self.sourceSystem = sourceSystem
        self.sourceRecordId = sourceRecordId
    }
}

/// One event as `tracker_events` stores it.
public struct TrackerEventRow: Sendable, Hashable {
    public var sourceRecordId: String
    public var eventType: String
    /// `YYYY-MM-DD`.
    public var eventDate: String
    public var leadProfessionalName: String
    public var leadProfessionalPhone: String
    public var leadProfessionalEmail: String

    public init(sourceRecordId: String, eventType: String, eventDate: String, leadProfessionalName: String,
                leadProfessionalPhone: String, leadProfessionalEmail: String) {
        self.sourceRecordId = sourceRecordId
        self.eventType = eventType
        self.eventDate = eventDate
        self.leadProfessionalName = leadProfessionalName
        self.leadProfessionalPhone = leadProfessionalPhone
        self.leadProfessionalEmail = leadProfessionalEmail
    }
}

/// A quarantined row as `quarantined_rows` stores it: no personal data beyond the identifying pair.
public struct QuarantinedRowEntry: Sendable, Hashable {
    public var line: Int
    public var reason: String
    public var sourceSystem: String
    public var sourceRecordId: String

    public init(line: Int, reason: String, sourceSystem: String?, sourceRecordId: String?) {
        self.line = line
        self.reason = reason
        self.sourceSystem = sourceSystem ?? ""
        self.sourceRecordId = sourceRecordId ?? ""
    }
}
