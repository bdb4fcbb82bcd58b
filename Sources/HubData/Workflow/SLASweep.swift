import Foundation
import HubWorkflow
import PostgresNIO

/// Finds SLA clocks that have reached their warning point (75% by default) or their due time, and emits each
/// event exactly once: the row is claimed with `FOR UPDATE SKIP LOCKED` and marked in the same transaction
/// that writes the outbox message and the timeline entry, and the outbox's unique key backs that up. Safe
/// with any number of `hub serve` processes on one database.
public struct SLASweep: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Result: Sendable, Equatable {
        public var warnings = 0
        public var breaches = 0

        public init(warnings: Int = 0, breaches: Int = 0) {
            self.warnings = warnings
            self.breaches = breaches
        }
    }

    /// One pass: up to `limit` warnings and `limit` breaches.
    public func run(now: Date, limit: Int = 500) async throws -> Result {
        let logger = database.logger
        return try await database.transaction { connection in
            var result = Result()
            for kind in ["warning", "breach"] {
                let claim = kind == "warning" ? Self.claimWarnings(now: now, limit: limit) : Self.claimBreaches(now: now, limit: limit)
                let claimed = try await connection.query(claim, logger: logger).collect()
                for row in claimed {
                    let (clockId, incidentId, purpose, shareRequestId, deadlineAt, generation) =
                        try row.decode((UUID, UUID, String, UUID?, Date, Int).self)
                    let context = try await connection.query(
                        """
                        SELECT i.reference, i.referral_id, i.rag, a.code
                        FROM incidents i
                        LEFT JOIN share_requests s ON s.id = \(shareRequestId)
                        LEFT JOIN agencies a ON a.id = s.agency_id
                        WHERE i.id = \(incidentId)
                        """, logger: logger
                    ).collect().first
                    guard let context else { continue }
                    let (reference, referralId, rag, agency) = try context.decode((String, UUID, String, String?).self)
                    var payload = [
                        "event": "sla.\(kind)", "incident": reference, "incidentId": incidentId.uuidString.lowercased(),
                        "rag": rag, "clock": purpose, "deadline": DocumentCoding.instantFormat.format(deadlineAt),
                    ]
                    if let agency { payload["agency"] = agency }
                    try await OutboxStore(database: database).enqueue(
                        topic: "sla.\(kind)", dedupeKey: "sla.\(kind):\(clockId.uuidString.lowercased()):\(generation)",
                        payload: payload, at: now, on: connection)
                    var detail = ["clock": purpose, "deadline": DocumentCoding.instantFormat.format(deadlineAt)]
                    if let agency { detail["agency"] = agency }
                    try await TimelineStore(database: database).append(
                        kind == "warning" ? .warned : .breached, referralId: referralId, incidentId: incidentId, at: now, actor: nil,
                        detail: detail, on: connection)
                    if kind == "warning" { result.warnings += 1 } else { result.breaches += 1 }
                }
            }
            return result
        }
    }

    static func claimWarnings(now: Date, limit: Int) -> PostgresQuery {
        """
        WITH due AS (
            SELECT id FROM sla_clocks
            WHERE warned_at IS NULL AND warn_at IS NOT NULL AND warn_at <= \(now)
            ORDER BY warn_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
        )
        UPDATE sla_clocks c SET warned_at = \(now) FROM due WHERE c.id = due.id
        RETURNING c.id, c.incident_id, c.purpose, c.share_request_id, c.warn_at, c.generation
        """
    }

    static func claimBreaches(now: Date, limit: Int) -> PostgresQuery {
        """
        WITH due AS (
            SELECT id FROM sla_clocks
            WHERE breached_at IS NULL AND due_at IS NOT NULL AND due_at <= \(now)
            ORDER BY due_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
        )
        UPDATE sla_clocks c SET breached_at = \(now) FROM due WHERE c.id = due.id
        RETURNING c.id, c.incident_id, c.purpose, c.share_request_id, c.due_at, c.generation
        """
    }
}
