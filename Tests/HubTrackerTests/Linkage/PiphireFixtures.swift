@testable import HubTracker

/// Fictional Piphire people and records for linkage tests.
enum Piphire {
    /// A valid NHS number built from nine leading digits (the tenth is the modulus 11 check digit); the
    /// first candidate at or after `nine` that has a check digit. Tests use the 999 range, never issued.
    static func nhsNumber(_ nine: Int) -> String {
        var candidate = nine
        while true {
            let digits = String(candidate).compactMap(\.wholeNumberValue)
            var sum = 0
            for (index, digit) in digits.enumerated() { sum += digit * (10 - index) }
            let check = 11 - sum % 11
            if check != 10 { return String(candidate) + String(check == 11 ? 0 : check) }
            candidate += 1
        }
    }

    static func record(
        _ id: String, system: String = "npt-children", forename: String?, surname: String?,
        born: (Int, Int, Int)? = nil, gender: String? = nil, address: [String] = [], town: String? = "PIP Town",
        postcode: String? = nil, nhs: String? = nil, uprn: String? = nil, aliases: [String] = []
    ) -> SourceRecord {
        SourceRecord(
            sourceSystem: system, sourceRecordId: id, forename: forename, surname: surname, aliases: aliases,
            dateOfBirth: born.map { PartialDate(year: $0.0, month: $0.1, day: $0.2) }, gender: gender,
            addressLines: address, town: town, postcode: postcode, nhsNumber: nhs, uprn: uprn)
    }

    static func cleanse(_ records: [SourceRecord]) -> [CleansedRecord] {
        RecordCleanser().cleanse(records, parallelism: 1)
    }

    /// The standard model without term-frequency adjustment: small hand-made sets say nothing about how
    /// common a name is.
    static var fixedModel: LinkageConfiguration {
        var configuration = LinkageConfiguration()
        configuration.model = .standard
        configuration.termFrequencyAdjustments = false
        configuration.parallelism = 2
        return configuration
    }

    static func link(_ records: [SourceRecord], doNotLink: DoNotLinkPairs = DoNotLinkPairs()) -> LinkageResult {
        RecordLinker(configuration: fixedModel).link(cleanse(records), doNotLink: doNotLink)
    }

    /// The person of the record with `id`.
    static func person(_ id: String, in records: [SourceRecord], _ result: LinkageResult) -> PersonID {
        result.personIDs[records.firstIndex { $0.sourceRecordId == id } ?? -1]
    }
}
