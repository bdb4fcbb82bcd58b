import PostgresNIO

/// Records and events as the import's staging tables take them (``TrackerImportStore/prepareStaging(on:)``), in
/// `COPY` text: the columns below, in this order. Building the text needs no connection, so callers can build
/// it on several threads and send it in turn.
public enum TrackerStagingText {
    static let recordColumns = [
        "ss", "sid", "fn", "sn", "al", "dob", "g", "a1", "a2", "tw", "pc", "nhs", "su", "dh", "cl", "ffn", "fsn", "fp", "sp",
        "cf", "an", "y", "m", "d", "npc", "sec", "dis", "ak", "vn", "u", "hk", "id", "pid", "sa",
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
            text.append(r.id)
            text.append(r.personId)
            text.append(r.setAside)
            text.endRow()
        }
    }

    /// The columns of `tracker_records` a new source's records are copied into directly, with no staging
    /// table between (``appendStored(_:importId:to:)``).
    static let storedRecordColumns = [
        "id", "person_id", "source_system", "source_record_id", "forename", "surname", "aliases", "date_of_birth", "gender",
        "address_line1", "address_line2", "town", "postcode", "nhs_number", "supplied_uprn", "details_hash", "cleansed",
        "folded_forename", "folded_surname", "forename_phonetic", "surname_phonetic", "canonical_forenames", "alias_names",
        "dob_year", "dob_month", "dob_day", "norm_postcode", "postcode_sector", "postcode_district", "address_key",
        "valid_nhs_number", "uprn", "household_key", "last_import_id", "set_aside",
    ]
    /// The columns of `tracker_events` a new source's events are copied into directly.
    static let storedEventColumns = [
        "record_id", "source_system", "source_record_id", "event_type", "category", "event_date",
        "lead_professional_name", "lead_professional_phone", "lead_professional_email",
    ]

    /// Appends records to `text` as `tracker_records` stores them (``storedRecordColumns``), written by import
    /// `importId`: what ``TrackerImportStore/upsertStagedRecords(importId:on:)`` makes of a staged record (empty
    /// text and zero numbers are NULL, lists are arrays), for a record that has its id already.
    public static func appendStored(_ records: some Sequence<TrackerRecordRow>, importId: Int64, to text: inout CopyTextRows) {
        func orNull(_ value: String) -> String? { value.isEmpty ? nil : value }
        func orNull(_ value: Int64) -> Int64? { value == 0 ? nil : value }
        for r in records {
            precondition(r.id != 0, "a record copied directly has its id already")
            text.append(r.id)
            text.append(orNull(r.personId))
            text.append(r.sourceSystem)
            text.append(r.sourceRecordId)
            text.append(orNull(r.forename))
            text.append(orNull(r.surname))
            text.append(arrayLiteral(r.aliases))
            for value in [r.dateOfBirth, r.gender, r.addressLine1, r.addressLine2, r.town, r.postcode, r.nhsNumber, r.suppliedUPRN] {
                text.append(orNull(value))
            }
            text.append(r.detailsHash)
            text.append(r.cleansed)
            for value in [r.foldedForename, r.foldedSurname, r.forenamePhonetic, r.surnamePhonetic] {
                text.append(orNull(value))
            }
            text.append(arrayLiteral(r.canonicalForenames))
            text.append(r.aliasNames)
            for value in [r.dobYear, r.dobMonth, r.dobDay] {
                text.append(orNull(Int64(value)))
            }
            for value in [r.normalisedPostcode, r.postcodeSector, r.postcodeDistrict, r.addressKey, r.validNHSNumber] {
                text.append(orNull(value))
            }
            text.append(orNull(r.uprn))
            text.append(orNull(r.householdKey))
            text.append(importId)
            text.append(arrayLiteral(r.setAside))
            text.endRow()
        }
    }

    /// Appends events to `text` as `tracker_events` stores them (``storedEventColumns``): each of record
    /// `recordId` of `sourceSystem`, in `category`.
    public static func appendStored(
        _ event: TrackerEventRow, recordId: Int64, sourceSystem: String, category: String, to text: inout CopyTextRows
    ) {
        func orNull(_ value: String) -> String? { value.isEmpty ? nil : value }
        text.append(recordId)
        text.append(sourceSystem)
        text.append(event.sourceRecordId)
        text.append(event.eventType)
        text.append(category)
        text.append(event.eventDate)
        text.append(orNull(event.leadProfessionalName))
        text.append(orNull(event.leadProfessionalPhone))
        text.append(orNull(event.leadProfessionalEmail))
        text.endRow()
    }

    /// A `|`-joined list as an array literal, as `string_to_array(list, '|')` makes it (none when empty). Built
    /// byte by byte: every record has its forename's canonical forms.
    static func arrayLiteral(_ joined: String) -> String {
        guard !joined.isEmpty else { return "{}" }
        var literal: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "\"")]
        literal.reserveCapacity(joined.utf8.count + 8)
        for byte in joined.utf8 {
            switch byte {
            case UInt8(ascii: "|"): literal.append(contentsOf: #"",""#.utf8)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): literal.append(UInt8(ascii: "\\")); literal.append(byte)
            default: literal.append(byte)  // UTF-8 beyond ASCII passes through as it is: no byte of it is `|`, `"` or `\`
            }
        }
        literal.append(contentsOf: #""}"#.utf8)
        return String(decoding: literal, as: UTF8.self)
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
