import Foundation
import PostgresNIO

/// A pair of records linkage was unsure about, for a person to decide.
public struct TrackerReview: Sendable, Hashable, Codable {
    public var id: Int64
    public var score: Double
    public var probability: Double
    public var status: String
    public var recordA: TrackerRecordSummary
    public var recordB: TrackerRecordSummary
    /// The linkage explanation (JSON), field by field.
    public var explanation: String
}

/// Reads and decides link reviews.
public struct TrackerReviewStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Pending reviews, highest score first.
    public func pending(limit: Int) async throws -> [TrackerReview] {
        let rows = try await database.query(
            """
            SELECT r.id, r.score, r.probability, r.status, r.explanation::text,
                   \(unescaped: TrackerSearchStore.summaryColumns),
                   \(unescaped: TrackerSearchStore.summaryColumns.replacingOccurrences(of: "t.", with: "u."))
            FROM link_reviews r JOIN tracker_records t ON t.id = r.record_a JOIN tracker_records u ON u.id = r.record_b
            WHERE r.status = 'pending' AND t.retired_at IS NULL AND u.retired_at IS NULL
            ORDER BY r.score DESC, r.id LIMIT \(limit)
            """)
        return try rows.map { row in
            let cells = row.makeRandomAccess()
            return TrackerReview(id: try cells[0].decode(Int64.self), score: try cells[1].decode(Double.self),
                                 probability: try cells[2].decode(Double.self), status: try cells[3].decode(String.self),
                                 recordA: try TrackerSearchStore.summary(row, offset: 5),
                                 recordB: try TrackerSearchStore.summary(row, offset: 5 + TrackerSearchStore.summaryColumnCount), explanation: try cells[4].decode(String.self))
        }
    }

    /// The outcome of a decision.
    public enum Decision: String, Sendable, Codable {
        case confirm, reject
    }

    public enum DecisionError: Error, Sendable {
        case notFound
        case alreadyDecided(String)
    }

    /// Confirms (the two records' persons become one) or rejects (a do-not-link pair; the second record
    /// leaves the first's person if linkage had put them together) a pending review, with its audit event.
    public func decide(_ id: Int64, decision: Decision, by userId: UUID, at now: Date, audit: AuditEvent) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await TrackerImportStore(logger: logger).lock(on: connection)
            guard let row = try await connection.query(
                """
                SELECT r.status, a.id, a.source_system, a.source_record_id, a.person_id, b.id, b.source_system, b.source_record_id, b.person_id
                FROM link_reviews r JOIN tracker_records a ON a.id = r.record_a JOIN tracker_records b ON b.id = r.record_b
                WHERE r.id = \(id) FOR UPDATE OF r
                """, logger: logger
            ).collect().first else { throw DecisionError.notFound }
            let (status, aId, aSystem, aRecord, aPerson, bId, bSystem, bRecord, bPerson) =
                try row.decode((String, Int64, String, String, Int64?, Int64, String, String, Int64?).self)
            guard status == "pending" else { throw DecisionError.alreadyDecided(status) }
            try await connection.query(
                """
                UPDATE link_reviews SET status = \(decision == .confirm ? "confirmed" : "rejected"), decided_by = \(userId), decided_at = \(now)
                WHERE id = \(id)
                """, logger: logger)
            switch decision {
            case .confirm:
                try await connection.query(
                    "INSERT INTO confirmed_links (record_a, record_b, created_at, created_by) VALUES (\(aId), \(bId), \(now), \(userId)) ON CONFLICT DO NOTHING",
                    logger: logger)
                if let aPerson, let bPerson, aPerson != bPerson {
                    try await TrackerLinkStore(logger: logger).merge(person: max(aPerson, bPerson), into: min(aPerson, bPerson), on: connection)
                }
            case .reject:
                let first = (aSystem, aRecord) < (bSystem, bRecord) ? (aSystem, aRecord) : (bSystem, bRecord)
                let second = (aSystem, aRecord) < (bSystem, bRecord) ? (bSystem, bRecord) : (aSystem, aRecord)
                try await connection.query(
                    """
                    INSERT INTO do_not_link (source_system_a, source_record_id_a, source_system_b, source_record_id_b, created_at, created_by)
                    VALUES (\(first.0), \(first.1), \(second.0), \(second.1), \(now), \(userId)) ON CONFLICT DO NOTHING
                    """, logger: logger)
                if let aPerson, aPerson == bPerson {
                    let next = try await TrackerLinkStore(logger: logger).nextPersonId(on: connection)
                    try await connection.query("UPDATE tracker_records SET person_id = \(next) WHERE id = \(bId)", logger: logger)
                }
            }
            try await AuditTrail(database: database).record(audit, on: connection)
        }
    }
}
