import Foundation
import PostgresNIO

/// Persons, reviews, do-not-link pairs and the saved linkage model. Methods taking a connection run in the
/// caller's transaction.
public struct TrackerLinkStore: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    /// A live record's cleansed form (JSON) with its database id and person; no cleansed form when the caller
    /// said it already holds it.
    public struct LinkedRow: Sendable {
        public let id: Int64
        public let cleansed: String?
        public let personId: Int64?

        public init(id: Int64, cleansed: String?, personId: Int64?) {
            self.id = id
            self.cleansed = cleansed
            self.personId = personId
        }
    }

    /// Every live record.
    public func liveRecords(on connection: PostgresConnection) async throws -> [LinkedRow] {
        var result: [LinkedRow] = []
        let rows = try await connection.query(
            "SELECT id, cleansed::text, person_id FROM tracker_records WHERE retired_at IS NULL ORDER BY id", logger: logger)
        for try await (id, cleansed, person) in rows.decode((Int64, String, Int64?).self) {
            result.append(LinkedRow(id: id, cleansed: cleansed, personId: person))
        }
        return result
    }

    /// Every live record, without the cleansed form of those in `held` (which the caller holds already).
    public func liveRecords(cleansedExcept held: [Int64], on connection: PostgresConnection) async throws -> [LinkedRow] {
        // Two plain reads rather than one join with `held`, whose plan would depend on statistics that are
        // stale for rows written earlier in the same transaction.
        var live: [(id: Int64, personId: Int64?)] = []
        let rows = try await connection.query(
            "SELECT id, person_id FROM tracker_records WHERE retired_at IS NULL ORDER BY id", logger: logger)
        for try await (id, person) in rows.decode((Int64, Int64?).self) { live.append((id, person)) }
        let heldIds = Set(held)
        var cleansed: [Int64: String] = [:]
        let others = live.lazy.map(\.id).filter { !heldIds.contains($0) }
        if !others.isEmpty {
            for try await (id, text) in try await connection.query(
                "SELECT id, cleansed::text FROM tracker_records WHERE id = ANY(\(Array(others))::bigint[])", logger: logger
            ).decode((Int64, String).self) {
                cleansed[id] = text
            }
        }
        return live.map { LinkedRow(id: $0.id, cleansed: cleansed[$0.id], personId: $0.personId) }
    }

    /// Records by id, in id order.
    public func recordsById(_ ids: [Int64], on connection: PostgresConnection) async throws -> [LinkedRow] {
        var result: [LinkedRow] = []
        let rows = try await connection.query(
            "SELECT id, cleansed::text, person_id FROM tracker_records WHERE id = ANY(\(ids)::bigint[]) ORDER BY id", logger: logger)
        for try await (id, cleansed, person) in rows.decode((Int64, String, Int64?).self) {
            result.append(LinkedRow(id: id, cleansed: cleansed, personId: person))
        }
        return result
    }

    /// The live records of every person that shares a blocking key with one of `records` (the same valid NHS
    /// number; surname sound and birth year; postcode and forename initial; complete date of birth), and of every
    /// person holding a valid NHS number one of those persons' records holds (so that linking sees every carrier of a
    /// number, and sets it aside when clearly different people carry it, as a full run does:
    /// `nhs_number_shared_by_different_people`), except `records` themselves.
    public func candidates(for ids: [Int64], on connection: PostgresConnection) async throws -> [LinkedRow] {
        var result: [LinkedRow] = []
        let rows = try await connection.query(
            """
            WITH fresh AS (SELECT * FROM tracker_records WHERE id = ANY(\(ids)::bigint[])),
            persons AS (
                SELECT t.person_id FROM tracker_records t JOIN fresh f ON t.valid_nhs_number = f.valid_nhs_number
                UNION SELECT t.person_id FROM tracker_records t JOIN fresh f
                    ON t.surname_phonetic = f.surname_phonetic AND t.dob_year = f.dob_year
                UNION SELECT t.person_id FROM tracker_records t JOIN fresh f
                    ON t.norm_postcode = f.norm_postcode AND left(t.folded_forename, 1) = left(f.folded_forename, 1)
                UNION SELECT t.person_id FROM tracker_records t JOIN fresh f
                    ON t.dob_year = f.dob_year AND t.dob_month = f.dob_month AND t.dob_day = f.dob_day),
            numbers AS (
                SELECT DISTINCT t.valid_nhs_number FROM tracker_records t
                WHERE t.person_id IN (SELECT person_id FROM persons) AND t.retired_at IS NULL
                  AND t.valid_nhs_number IS NOT NULL AND t.valid_nhs_number <> ''),
            carriers AS (
                SELECT person_id FROM persons
                UNION SELECT t.person_id FROM tracker_records t JOIN numbers n ON t.valid_nhs_number = n.valid_nhs_number
                WHERE t.retired_at IS NULL)
            SELECT t.id, t.cleansed::text, t.person_id FROM tracker_records t
            WHERE t.person_id IN (SELECT person_id FROM carriers WHERE person_id IS NOT NULL)
              AND t.retired_at IS NULL AND NOT (t.id = ANY(\(ids)::bigint[]))
            ORDER BY t.id
            """, logger: logger)
        for try await (id, cleansed, person) in rows.decode((Int64, String, Int64?).self) {
            result.append(LinkedRow(id: id, cleansed: cleansed, personId: person))
        }
        return result
    }

    /// The next unused person id.
    public func nextPersonId(on connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("SELECT COALESCE(max(person_id), 0) + 1 FROM tracker_records", logger: logger)
            .collect().first!.decode(Int64.self)
    }

    /// Sets each record's person.
    public func assignPersons(_ assignments: [(record: Int64, person: Int64)], on connection: PostgresConnection) async throws {
        for batch in assignments.chunked(10_000) {
            try await connection.query(
                """
                UPDATE tracker_records t SET person_id = u.p
                FROM unnest(\(batch.map(\.record))::bigint[], \(batch.map(\.person))::bigint[]) AS u(id, p)
                WHERE t.id = u.id AND t.person_id IS DISTINCT FROM u.p
                """, logger: logger)
        }
    }

    /// Moves every record of person `absorbed` to person `into`.
    public func merge(person absorbed: Int64, into: Int64, on connection: PostgresConnection) async throws {
        try await connection.query("UPDATE tracker_records SET person_id = \(into) WHERE person_id = \(absorbed)", logger: logger)
    }

    /// A pair for review, as linkage scored it.
    public struct ReviewCandidate: Sendable {
        public let recordA: Int64
        public let recordB: Int64
        public let weight: Double
        public let probability: Double
        public let explanation: String

        public init(recordA: Int64, recordB: Int64, weight: Double, probability: Double, explanation: String) {
            self.recordA = min(recordA, recordB)
            self.recordB = max(recordA, recordB)
            self.weight = weight
            self.probability = probability
            self.explanation = explanation
        }
    }

    /// Adds pending reviews for pairs not reviewed before.
    public func addReviews(_ reviews: [ReviewCandidate], at now: Date, on connection: PostgresConnection) async throws {
        for batch in reviews.chunked(5_000) {
            try await connection.query(
                """
                INSERT INTO link_reviews (record_a, record_b, score, probability, explanation, created_at)
                SELECT a, b, w, p, e::jsonb, \(now)
                FROM unnest(\(batch.map(\.recordA))::bigint[], \(batch.map(\.recordB))::bigint[], \(batch.map(\.weight))::float8[],
                            \(batch.map(\.probability))::float8[], \(batch.map(\.explanation))::text[]) AS r(a, b, w, p, e)
                ON CONFLICT (record_a, record_b) DO NOTHING
                """, logger: logger)
        }
    }

    /// Removes the pending reviews (a full relink finds them again).
    public func clearPendingReviews(on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM link_reviews WHERE status = 'pending'", logger: logger)
    }

    /// The do-not-link pairs, as (source system, source record id) pairs.
    public func doNotLinkPairs(on connection: PostgresConnection) async throws -> [((String, String), (String, String))] {
        try await connection.query(
            "SELECT source_system_a, source_record_id_a, source_system_b, source_record_id_b FROM do_not_link", logger: logger
        ).collect().map { row in
            let (sa, ia, sb, ib) = try row.decode((String, String, String, String).self)
            return ((sa, ia), (sb, ib))
        }
    }

    /// Pairs of records a person confirmed are the same person, by record id.
    public func confirmedLinks(on connection: PostgresConnection) async throws -> [(Int64, Int64)] {
        try await connection.query("SELECT record_a, record_b FROM confirmed_links", logger: logger).collect().map {
            try $0.decode((Int64, Int64).self)
        }
    }

    /// The saved model of the last full run (JSON), if any.
    /// The latest saved model and how many records it was estimated from.
    public func savedModel(on connection: PostgresConnection) async throws -> (model: String, records: Int)? {
        try await connection.query("SELECT model::text, records FROM linkage_models ORDER BY id DESC LIMIT 1", logger: logger)
            .collect().first?.decode((String, Int).self)
    }

    public func saveModel(_ model: String, records: Int, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO linkage_models (created_at, records, model) VALUES (\(now), \(records), \(model)::jsonb)", logger: logger)
    }
}
