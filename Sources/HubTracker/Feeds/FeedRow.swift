import HubData
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
    /// Normalised (`PP2 5GN`), or empty; as sent when set aside (``setAside``).
    public var postcode: String
    /// Ten digits that pass the mod-11 check, or empty; as sent when set aside.
    public var nhsNumber: String
    /// Digits without leading zeros, or empty; as sent when set aside (not 1–12 digits).
    public var uprn: String
    /// Trimmed and upper-cased.
    public var eventType: String
    public var eventDate: CalendarDate?
    public var leadProfessionalName: String
    public var leadProfessionalPhone: String
    public var leadProfessionalEmail: String
    /// The values kept only as sent: never given to cleansing, so never matched or searched on.
    public var setAside = SetAside()
    /// The date of birth as sent when it was set aside (``dateOfBirth`` is then nil), else empty.
    public var dateOfBirthSetAside = ""

    /// The record as cleansing takes it.
    public var sourceRecord: SourceRecord {
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        return SourceRecord(
            sourceSystem: key.sourceSystem, sourceRecordId: key.sourceRecordId,
            forename: nonEmpty(forename), surname: nonEmpty(surname), aliases: aliases,
            dateOfBirth: dateOfBirth?.partialDate, gender: nonEmpty(gender),
            addressLines: [addressLine1, addressLine2].filter { !$0.isEmpty }, town: nonEmpty(town),
            postcode: setAside.contains(.malformedPostcode) ? nil : nonEmpty(postcode),
            nhsNumber: setAside.contains(.badNHSCheckDigit) ? nil : nonEmpty(nhsNumber),
            uprn: setAside.contains(.unusableUPRN) ? nil : nonEmpty(uprn))
    }

    /// The date of birth as the record stores it: the date, or the text set aside, or empty.
    public var storedDateOfBirth: String { dateOfBirth?.description ?? dateOfBirthSetAside }

    /// The person details a record keeps from its latest row, joined for change detection (a value set aside is
    /// as sent, so a partner's correction is a change).
    public var details: [String] {
        [forename, surname, aliases.joined(separator: "|"), storedDateOfBirth, gender, addressLine1,
         addressLine2, town, postcode, nhsNumber, uprn, leadProfessionalName, leadProfessionalPhone, leadProfessionalEmail]
    }
}
