import HubData
import HubTracker

/// One criterion the tracker benchmark times, with the searches for it: each made from a live record picked at
/// random (the same records every run), the way a user would type it (a typo, names swapped, part of a date …).
struct TrackerSearchBenchCriterion: Sendable {
    let label: String
    let searches: [TrackerSearchCriteria]

    /// Every criterion with `count` searches, made from the same live records in the same order (a record that
    /// lacks the field is skipped, and the next one taken).
    static func all(_ database: Database, count: Int) async throws -> [TrackerSearchBenchCriterion] {
        typealias Record = (String, String, String, String, String, String, String)
        let rows = try await database.query(
            """
            SELECT source_record_id, COALESCE(forename, ''), COALESCE(surname, ''), COALESCE(date_of_birth, ''),
                   COALESCE(address_line1, ''), COALESCE(postcode, ''), COALESCE(nhs_number, '')
            FROM tracker_records WHERE retired_at IS NULL ORDER BY md5(id::text) LIMIT \(count * 2)
            """).map { try $0.decode(Record.self) }
        let makers: [(String, (Record) -> TrackerSearchCriteria?)] = [
            ("name (typo)", { r in r.2.count > 3 ? TrackerSearchCriteria(forename: r.1, surname: String(r.2.dropLast()) + "e") : nil }),
            ("name swapped", { r in TrackerSearchCriteria(forename: r.2, surname: r.1) }),
            ("surname + birth year", { r in r.3.count >= 4 ? TrackerSearchCriteria(surname: r.2, dateOfBirth: String(r.3.prefix(4))) : nil }),
            ("date of birth", { r in r.3.isEmpty ? nil : TrackerSearchCriteria(dateOfBirth: r.3) }),
            ("birth year-month", { r in r.3.count >= 7 ? TrackerSearchCriteria(dateOfBirth: String(r.3.prefix(7))) : nil }),
            ("address part", { r in r.4.isEmpty ? nil : TrackerSearchCriteria(address: r.4) }),
            ("postcode", { r in r.5.isEmpty ? nil : TrackerSearchCriteria(postcode: r.5) }),
            ("postcode sector", { r in r.5.count > 3 ? TrackerSearchCriteria(postcode: String(r.5.dropLast(2))) : nil }),
            ("reference id", { r in TrackerSearchCriteria(referenceId: r.0) }),
            ("NHS number", { r in r.6.isEmpty ? nil : TrackerSearchCriteria(nhsNumber: r.6) }),
        ]
        return makers.map { label, make in
            // Only searches the API would accept (a malformed date or postcode in the extract is left out).
            TrackerSearchBenchCriterion(label: label, searches: Array(rows.compactMap(make).filter { (try? $0.terms()) != nil }.prefix(count)))
        }
    }
}

extension TrackerSearchCriteria {
    /// The criteria given, as one line (`surname=Peters dateOfBirth=2010`).
    var searchedFor: String {
        [("name", name), ("forename", forename), ("surname", surname), ("dateOfBirth", dateOfBirth), ("address", address),
         ("postcode", postcode), ("referenceId", referenceId), ("nhsNumber", nhsNumber)]
            .compactMap { field, value in value.map { "\(field)=\($0)" } }.joined(separator: " ")
    }
}
