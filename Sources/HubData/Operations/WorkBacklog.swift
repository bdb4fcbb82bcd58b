import Foundation
import PostgresNIO

/// What the background workers still have to do: the lag they report on `/metrics`.
public struct WorkBacklog: Sendable, Hashable {
    /// Audit events not yet sealed into the hash chain, and how long the oldest has waited (seconds, by PostgreSQL's
    /// clock, which recorded it).
    public var unsealedAuditEvents: Int
    public var oldestUnsealedAuditSeconds: Double
    /// Referrals the referral alert scan has not evaluated yet, and the oldest's age (seconds, by the given clock).
    public var referralsAwaitingAlertScan: Int
    public var oldestAwaitingAlertScanSeconds: Double
    /// Outbox messages neither delivered nor given up, and the oldest's age (seconds, by the given clock).
    public var outboxPending: Int
    public var oldestOutboxPendingSeconds: Double

    public init(
        unsealedAuditEvents: Int = 0, oldestUnsealedAuditSeconds: Double = 0, referralsAwaitingAlertScan: Int = 0,
        oldestAwaitingAlertScanSeconds: Double = 0, outboxPending: Int = 0, oldestOutboxPendingSeconds: Double = 0
    ) {
        self.unsealedAuditEvents = unsealedAuditEvents
        self.oldestUnsealedAuditSeconds = oldestUnsealedAuditSeconds
        self.referralsAwaitingAlertScan = referralsAwaitingAlertScan
        self.oldestAwaitingAlertScanSeconds = oldestAwaitingAlertScanSeconds
        self.outboxPending = outboxPending
        self.oldestOutboxPendingSeconds = oldestOutboxPendingSeconds
    }
}

/// Reads the ``WorkBacklog`` in one statement (the partial indexes on pending referrals and outbox messages, and
/// the sealer's watermark, keep it a short scan).
public struct WorkBacklogStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func read(now: Date) async throws -> WorkBacklog {
        let rows = try await database.query(
            """
            WITH unsealed AS (
                SELECT e.recorded_at FROM audit_events e
                WHERE e.id > (SELECT watermark FROM audit_seal_watermark)
                  AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)
            ), waiting AS (
                SELECT created_at FROM referrals WHERE alerts_evaluated_at IS NULL
            ), pending AS (
                SELECT created_at FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL
            )
            SELECT
                (SELECT count(*) FROM unsealed)::bigint,
                coalesce((SELECT extract(epoch FROM now() - min(recorded_at)) FROM unsealed), 0)::float8,
                (SELECT count(*) FROM waiting)::bigint,
                coalesce((SELECT extract(epoch FROM \(now) - min(created_at)) FROM waiting), 0)::float8,
                (SELECT count(*) FROM pending)::bigint,
                coalesce((SELECT extract(epoch FROM \(now) - min(created_at)) FROM pending), 0)::float8
            """)
        guard let row = rows.first else { return WorkBacklog() }  // one row always (scalar subqueries)
        let (unsealed, unsealedAge, waiting, waitingAge, pending, pendingAge) = try row.decode((Int64, Double, Int64, Double, Int64, Double).self)
        return WorkBacklog(
            unsealedAuditEvents: Int(unsealed), oldestUnsealedAuditSeconds: max(0, unsealedAge),
            referralsAwaitingAlertScan: Int(waiting), oldestAwaitingAlertScanSeconds: max(0, waitingAge),
            outboxPending: Int(pending), oldestOutboxPendingSeconds: max(0, pendingAge))
    }
}
