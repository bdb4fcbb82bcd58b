import Foundation
import PostgresNIO

/// Searches the tracker's live records and reads persons and addresses. The caller audits every read.
public struct TrackerSearchStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let summaryColumns = """
        t.id, t.source_system, t.source_record_id, t.forename, t.surname, t.aliases, t.date_of_birth, t.gender,
        t.address_line1, t.address_line2, t.town, t.postcode, t.nhs_number, t.uprn, t.person_id
        """

    /// Reads the summary columns starting at column `offset`.
    static func summary(_ row: PostgresRow, offset: Int = 0) throws -> TrackerRecordSummary {
        let cells = row.makeRandomAccess()
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T { try cells[offset + index].decode(T.self) }
        return TrackerRecordSummary(
            recordId: try cell(0, Int64.self), sourceSystem: try cell(1, String.self), sourceRecordId: try cell(2, String.self),
            forename: try cell(3, String?.self), surname: try cell(4, String?.self), aliases: try cell(5, [String].self),
            dateOfBirth: try cell(6, String?.self), gender: try cell(7, String?.self), addressLine1: try cell(8, String?.self),
            addressLine2: try cell(9, String?.self), town: try cell(10, String?.self), postcode: try cell(11, String?.self),
            nhsNumber: try cell(12, String?.self), uprn: try cell(13, Int64?.self), personId: try cell(14, Int64?.self))
    }

    /// Persons whose live records match any of the terms, best first. Scores add up per criterion: NHS number
    /// or reference id 10; surname up to 4 (trigram similarity, or 3 for the same sound); forename up to 3
    /// (similarity, nickname or sound); names swapped score as names, a little less; date of birth 1 per part
    /// that agrees (−1 per part that disagrees); postcode 3 (prefix 2); address up to 3.
    public func search(_ q: TrackerSearchTerms) async throws -> [TrackerSearchHit] {
        let rows = try await database.query(
            """
            WITH scored AS (
                SELECT t.id, t.person_id,
                    (CASE WHEN \(q.nhsNumber) <> '' AND t.valid_nhs_number = \(q.nhsNumber) THEN 10 ELSE 0 END
                   + CASE WHEN \(q.referenceId) <> '' AND t.source_record_id = \(q.referenceId) THEN 10 ELSE 0 END
                   + GREATEST(
                        CASE WHEN \(q.surname) = '' THEN 0 ELSE GREATEST(
                            similarity(COALESCE(t.folded_surname, ''), \(q.surname)) * 4,
                            CASE WHEN t.surname_phonetic = \(q.surnamePhonetic) THEN 3 ELSE 0 END,
                            CASE WHEN t.alias_names LIKE '%' || \(q.surname) || '%' THEN 3 ELSE 0 END) END
                      + CASE WHEN \(q.forename) = '' THEN 0 ELSE GREATEST(
                            similarity(COALESCE(t.folded_forename, ''), \(q.forename)) * 3,
                            CASE WHEN t.canonical_forenames && \(q.canonicalForenames)::text[] THEN 3 ELSE 0 END,
                            CASE WHEN t.forename_phonetic = \(q.forenamePhonetic) THEN 2 ELSE 0 END,
                            CASE WHEN t.alias_names LIKE '%' || \(q.forename) || '%' THEN 2 ELSE 0 END) END,
                        -- forename and surname entered the wrong way round
                        CASE WHEN \(q.surname) = '' OR \(q.forename) = '' THEN 0 ELSE 0.9 * (
                            GREATEST(similarity(COALESCE(t.folded_forename, ''), \(q.surname)) * 4,
                                     CASE WHEN t.forename_phonetic = \(q.surnamePhonetic) THEN 3 ELSE 0 END)
                          + GREATEST(similarity(COALESCE(t.folded_surname, ''), \(q.forename)) * 3,
                                     CASE WHEN t.surname_phonetic = \(q.forenamePhonetic) THEN 2 ELSE 0 END)) END)
                   + CASE WHEN \(q.dobYear) = 0 OR t.dob_year IS NULL THEN 0
                          WHEN t.dob_year = \(q.dobYear) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.dobMonth) = 0 OR t.dob_month IS NULL THEN 0
                          WHEN t.dob_month = \(q.dobMonth) OR (t.dob_day = \(q.dobMonth) AND t.dob_month = \(q.dobDay)) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.dobDay) = 0 OR t.dob_day IS NULL THEN 0
                          WHEN t.dob_day = \(q.dobDay) OR (t.dob_month = \(q.dobDay) AND t.dob_day = \(q.dobMonth)) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.postcode) <> '' AND t.norm_postcode = \(q.postcode) THEN 3
                          WHEN \(q.postcodePrefix) <> '' AND t.norm_postcode LIKE \(q.postcodePrefix) || '%' THEN 2 ELSE 0 END
                   + CASE WHEN \(q.address) = '' THEN 0
                          WHEN t.address_key LIKE '%' || \(q.address) || '%' THEN 3
                          ELSE word_similarity(\(q.address), COALESCE(t.address_key, '')) * 3 END
                    )::float8 AS score
                FROM tracker_records t
                WHERE t.retired_at IS NULL AND t.person_id IS NOT NULL AND (
                       (\(q.nhsNumber) <> '' AND t.valid_nhs_number = \(q.nhsNumber))
                    OR (\(q.referenceId) <> '' AND t.source_record_id = \(q.referenceId))
                    OR (\(q.surname) <> '' AND (t.folded_surname % \(q.surname) OR t.surname_phonetic = \(q.surnamePhonetic)
                                               OR t.folded_forename % \(q.surname) OR t.alias_names LIKE '%' || \(q.surname) || '%'))
                    OR (\(q.surname) = '' AND \(q.forename) <> '' AND (t.folded_forename % \(q.forename)
                                               OR t.forename_phonetic = \(q.forenamePhonetic)))
                    OR (\(q.postcode) <> '' AND t.norm_postcode = \(q.postcode))
                    OR (\(q.postcodePrefix) <> '' AND t.norm_postcode LIKE \(q.postcodePrefix) || '%')
                    OR (\(q.address) <> '' AND (t.address_key LIKE '%' || \(q.address) || '%' OR \(q.address) <% t.address_key))
                    OR (\(q.surname) = '' AND \(q.forename) = '' AND \(q.dobYear) <> 0 AND t.dob_year = \(q.dobYear)
                        AND (\(q.dobMonth) = 0 OR t.dob_month = \(q.dobMonth)) AND (\(q.dobDay) = 0 OR t.dob_day = \(q.dobDay)))
                )
            ), persons AS (
                SELECT person_id, max(score) AS score FROM scored GROUP BY person_id
                ORDER BY max(score) DESC, person_id LIMIT \(q.limit)
            )
            SELECT p.score, \(unescaped: Self.summaryColumns)
            FROM persons p JOIN tracker_records t ON t.person_id = p.person_id AND t.retired_at IS NULL
            ORDER BY p.score DESC, p.person_id, t.source_system, t.source_record_id
            """)
        var hits: [TrackerSearchHit] = []
        for row in rows {
            let score = try row.makeRandomAccess()[0].decode(Double.self)
            let summary = try Self.summary(row, offset: 1)
            if let last = hits.last, last.personId == summary.personId {
                hits[hits.count - 1].records.append(summary)
            } else {
                hits.append(TrackerSearchHit(personId: summary.personId ?? 0, score: score, records: [summary]))
            }
        }
        return hits
    }
}
