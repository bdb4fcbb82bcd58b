import PostgresNIO

/// Records and events as the import's staging tables take them (``TrackerImportStore/prepareStaging(on:)``), in
/// `COPY` text: the columns below, in this order. Building the text needs no connection, so callers can build
/// it on several threads and send it in turn.
public enum TrackerStagingText {
    static let recordColumns = [
        "ss", "sid", "fn", "sn", "al", "dob", "g", "a1", "a2", "tw", "pc", "nhs", "su", "dh", "cl", "ffn", "fsn", "fp", "sp",
        "cf", "an", "y", "m", "d", "npc", "sec", "dis", "ak", "vn", "u", "hk",
    ]
    static let eventColumns = ["sid", "et", "ed", "ln", "lp", "le"]

    /// Appends records to `text`, one row each.
    public static func append(_ records: some Sequence<TrackerRecordRow>, to text: inout CopyTextRows) {
        for r in records {
            for value in [r.sourceSystem, r.sourceRecordId, r.forename, r.surname, r.aliases, r.dateOfBirth, r.gender,
                          r.addressLine1, r.addressLine2, r.town, r.postcode, r.nhsNumber, r.suppliedUPRN, r.detailsHash,
                          r.cleansed, r.foldedForename, r.foldedSurname, r.forenamePhonetic, r.surnamePhonetic,
                          r.canonicalForenames, r.aliasNames] {
                text.append(value)
            }
            text.append(Int64(r.dobYear))
            text.append(Int64(r.dobMonth))
            text.append(Int64(r.dobDay))
            for value in [r.normalisedPostcode, r.postcodeSector, r.postcodeDistrict, r.addressKey, r.validNHSNumber] {
                text.append(value)
            }
            text.append(r.uprn)
            text.append(r.householdKey)
            text.endRow()
        }
    }

    /// Appends events to `text`, one row each.
    public static func append(_ events: some Sequence<TrackerEventRow>, to text: inout CopyTextRows) {
        for e in events {
            text.append(e.sourceRecordId)
            text.append(e.eventType)
            text.append(e.eventDate)
            text.append(e.leadProfessionalName)
            text.append(e.leadProfessionalPhone)
            text.append(e.leadProfessionalEmail)
            text.endRow()
        }
    }
}
