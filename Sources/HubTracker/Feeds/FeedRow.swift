import HubWorkflow
/// One valid row of an extract: one event of one source record, with the record's details as this row
/// gives them. Values are trimmed; empty means not known.
public struct FeedRow: Sendable, Hashable {
    public var line: Int
    public var key: RecordKey
    public var forename: String
    public var surname: String
    public var aliases: [String]
    public var dateOfBirth: CalendarDate?
    /// `M`, `F`, `X` or `U`.
    public var gender: String
    public var addressLine1: String
    public var addressLine2: String
    public var town: String
    /// Normalised (`PP2 5GN`), or empty.
    public var postcode: String
    /// Ten digits that pass the mod-11 check, or empty.
    public var nhsNumber: String
    /// Digits without leading zeros, or empty (also when the feed's value was not 1–12 digits).
    public var uprn: String
    /// Trimmed and upper-cased.
    public var eventType: String
    public var eventDate: CalendarDate?
    public var leadProfessionalName: String
    public var leadProfessionalPhone: String
    public var leadProfessionalEmail: String

    /// The record as cleansing takes it.
    public var sourceRecord: SourceRecord {
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        return SourceRecord(
            sourceSystem: key.sourceSystem, sourceRecordId: key.sourceRecordId,
            forename: nonEmpty(forename), surname: nonEmpty(surname), aliases: aliases,
            dateOfBirth: dateOfBirth?.partialDate, gender: nonEmpty(gender),
            addressLines: [addressLine1, addressLine2].filter { !$0.isEmpty }, town: nonEmpty(town),
            postcode: nonEmpty(postcode), nhsNumber: nonEmpty(nhsNumber), uprn: nonEmpty(uprn))
    }

    /// The person details a record keeps from its latest row, joined for change detection.
    public var details: [String] {
        [forename, surname, aliases.joined(separator: "|"), dateOfBirth?.description ?? "", gender, addressLine1,
         addressLine2, town, postcode, nhsNumber, uprn, leadProfessionalName, leadProfessionalPhone, leadProfessionalEmail]
    }
}
