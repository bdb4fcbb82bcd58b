import Foundation
import PostgresNIO

/// The people and addresses behind the interaction bands: those whose interactions in the period fall in
/// `band`, most first. Personal data: MASH roles only, and the caller audits the read.
public struct HighFrequencyStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Person: Sendable, Hashable, Codable {
        public let personId: Int64
        public let name: String
        public let dateOfBirth: String?
        public let interactions: Int
        /// Interactions by category (`ae_attendance`: 4).
        public let byCategory: [String: Int]
        public let sources: [String]
    }

    public struct Address: Sendable, Hashable, Codable {
        public let uprn: Int64
        public let address: String
        public let interactions: Int
        public let persons: Int
        public let byCategory: [String: Int]
    }

    public func persons(from: Date, to: Date, band: ClosedRange<Int>, limit: Int) async throws -> [Person] {
        try await database.query(
            """
            WITH events AS (
                SELECT r.person_id, e.category, e.source_system
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE r.retired_at IS NULL AND r.person_id IS NOT NULL
                  AND e.event_date >= (\(from) AT TIME ZONE 'Europe/London')::date AND e.event_date < (\(to) AT TIME ZONE 'Europe/London')::date
            ), frequent AS (
                SELECT person_id, count(*)::int AS n FROM events GROUP BY person_id HAVING count(*) BETWEEN \(band.lowerBound) AND \(band.upperBound)
                ORDER BY count(*) DESC, person_id LIMIT \(limit)
            ), categories AS (
                SELECT e.person_id, jsonb_object_agg(e.category, e.n)::text AS by_category
                FROM (SELECT person_id, category, count(*)::int AS n FROM events WHERE person_id IN (SELECT person_id FROM frequent)
                      GROUP BY person_id, category) e GROUP BY e.person_id
            )
            SELECT f.person_id, f.n, c.by_category,
                   (SELECT concat_ws(' ', r.forename, r.surname) FROM tracker_records r WHERE r.person_id = f.person_id AND r.retired_at IS NULL ORDER BY r.id LIMIT 1),
                   (SELECT r.date_of_birth FROM tracker_records r WHERE r.person_id = f.person_id AND r.retired_at IS NULL AND r.date_of_birth IS NOT NULL ORDER BY r.id LIMIT 1),
                   (SELECT array_agg(DISTINCT r.source_system ORDER BY r.source_system) FROM tracker_records r WHERE r.person_id = f.person_id AND r.retired_at IS NULL)
            FROM frequent f JOIN categories c USING (person_id)
            ORDER BY f.n DESC, f.person_id
            """
        ).map { row in
            let (person, count, categories, name, dob, sources) = try row.decode((Int64, Int, String, String?, String?, [String]).self)
            return Person(personId: person, name: name ?? "", dateOfBirth: dob, interactions: count,
                          byCategory: try DocumentCoding.decode([String: Int].self, from: categories), sources: sources)
        }
    }

    public func addresses(from: Date, to: Date, band: ClosedRange<Int>, limit: Int) async throws -> [Address] {
        try await database.query(
            """
            WITH events AS (
                SELECT r.uprn, r.person_id, e.category
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE r.retired_at IS NULL AND r.uprn IS NOT NULL
                  AND e.event_date >= (\(from) AT TIME ZONE 'Europe/London')::date AND e.event_date < (\(to) AT TIME ZONE 'Europe/London')::date
            ), frequent AS (
                SELECT uprn, count(*)::int AS n, count(DISTINCT person_id)::int AS persons FROM events
                GROUP BY uprn HAVING count(*) BETWEEN \(band.lowerBound) AND \(band.upperBound) ORDER BY count(*) DESC, uprn LIMIT \(limit)
            ), categories AS (
                SELECT e.uprn, jsonb_object_agg(e.category, e.n)::text AS by_category
                FROM (SELECT uprn, category, count(*)::int AS n FROM events WHERE uprn IN (SELECT uprn FROM frequent)
                      GROUP BY uprn, category) e GROUP BY e.uprn
            )
            SELECT f.uprn, f.n, f.persons, c.by_category,
                   coalesce(NULLIF(concat_ws(', ', NULLIF(g.address_line1, ''), NULLIF(g.town, ''), NULLIF(g.postcode, '')), ''),
                            (SELECT concat_ws(', ', r.address_line1, r.town, r.postcode) FROM tracker_records r WHERE r.uprn = f.uprn ORDER BY r.id LIMIT 1))
            FROM frequent f JOIN categories c USING (uprn) LEFT JOIN gazetteer g ON g.uprn = f.uprn
            ORDER BY f.n DESC, f.uprn
            """
        ).map { row in
            let (uprn, count, persons, categories, address) = try row.decode((Int64, Int, Int, String, String?).self)
            return Address(uprn: uprn, address: address ?? "UPRN \(uprn)", interactions: count, persons: persons,
                           byCategory: try DocumentCoding.decode([String: Int].self, from: categories))
        }
    }
}
