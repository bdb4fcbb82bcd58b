import Foundation
import HubWorkflow
import PostgresNIO

/// Finds referrers' feedback clocks that reached their warning point or their due time without feedback, and emits
/// each event once, as the SLA sweep does for the other clocks: the row is claimed with `FOR UPDATE SKIP LOCKED` and
/// marked in the transaction that writes the outbox message (`sla.warning` / `sla.breach` with `clock: feedback`,
/// like any other clock) and the timeline entry (`feedback_warned` / `feedback_breached`). The outbox's unique key
/// backs it up. Safe with any number of `hub serve` processes.
public struct FeedbackSweep: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One pass: up to `limit` warnings and `limit` breaches.
    public func run(now: Date, limit: Int = 500) async throws -> SLASweep.Result {
        let logger = database.logger
        return try await database.transaction { connection in
            var result = SLASweep.Result()
            for kind in ["warning", "breach"] {
                let claimed = try await connection.query(
                    kind == "warning" ? Self.claimWarnings(now: now, limit: limit) : Self.claimBreaches(now: now, limit: limit),
                    logger: logger
                ).collect()
                for row in claimed {
                    let (referralId, reference, localAuthority, deadline) = try row.decode((UUID, String, String, Date).self)
                    let deadlineText = DocumentCoding.instantFormat.format(deadline)
                    try await OutboxStore(database: database).enqueue(
                        topic: "sla.\(kind)", dedupeKey: "sla.\(kind):feedback:\(referralId.uuidString.lowercased())",
                        payload: [
                            "event": "sla.\(kind)", "clock": "feedback", "referral": reference,
                            "referralId": referralId.uuidString.lowercased(), "localAuthority": localAuthority, "deadline": deadlineText,
                        ],
                        at: now, on: connection)
                    try await TimelineStore(database: database).append(
                        kind == "warning" ? .feedbackWarned : .feedbackBreached, referralId: referralId, incidentId: nil, at: now,
                        actor: nil, detail: ["clock": "feedback", "deadline": deadlineText], on: connection)
                    if kind == "warning" { result.warnings += 1 } else { result.breaches += 1 }
                }
            }
            return result
        }
    }

    static func claimWarnings(now: Date, limit: Int) -> PostgresQuery {
        """
        WITH due AS (
            SELECT referral_id FROM referral_feedback_clocks
            WHERE outcome IS NULL AND warned_at IS NULL AND warn_at <= \(now)
            ORDER BY warn_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
        )
        UPDATE referral_feedback_clocks c SET warned_at = \(now) FROM due, referrals r
        WHERE c.referral_id = due.referral_id AND r.id = c.referral_id
        RETURNING c.referral_id, r.reference, r.local_authority, c.warn_at
        """
    }

    static func claimBreaches(now: Date, limit: Int) -> PostgresQuery {
        """
        WITH due AS (
            SELECT referral_id FROM referral_feedback_clocks
            WHERE outcome IS NULL AND breached_at IS NULL AND due_at <= \(now)
            ORDER BY due_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
        )
        UPDATE referral_feedback_clocks c SET breached_at = \(now) FROM due, referrals r
        WHERE c.referral_id = due.referral_id AND r.id = c.referral_id
        RETURNING c.referral_id, r.reference, r.local_authority, c.due_at
        """
    }
}
