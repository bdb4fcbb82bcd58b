import Foundation
import HubWorkflow
import PostgresNIO

/// Threshold decisions on referrals, and their ratification.
public struct ThresholdDecisionStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records a decision on a referral (the caller has locked the referral and checked the rule).
    public func insert(_ decision: ThresholdDecision, referralId: UUID, actor: Identity, at now: Date, on connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            INSERT INTO threshold_decisions (id, referral_id, kind, rationale, rag, decided_by, decided_at)
            VALUES (\(UUID()), \(referralId), \(decision.kind.rawValue), \(decision.rationale), \(decision.ragRating?.rawValue),
                    \(actor.userId), \(now))
            """, logger: database.logger)
    }

    /// The referral's latest decision not yet ratified: its id and who made it.
    public func latestUnratified(of referralId: UUID, on connection: PostgresConnection) async throws -> (id: UUID, decidedBy: UUID)? {
        try await connection.query(
            """
            SELECT id, decided_by FROM threshold_decisions WHERE referral_id = \(referralId) AND ratification IS NULL
            ORDER BY decided_at DESC, id DESC LIMIT 1
            """, logger: database.logger
        ).collect().first.map { try $0.decode((UUID, UUID).self) }
    }

    /// Records the verdict on the referral's latest decision not yet ratified.
    public func ratifyLatest(
        of referralId: UUID, _ ratification: Ratification, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            UPDATE threshold_decisions SET ratification = \(ratification.verdict.rawValue), ratification_note = \(ratification.note),
                ratified_by = \(actor.userId), ratified_at = \(now)
            WHERE id = (SELECT id FROM threshold_decisions WHERE referral_id = \(referralId) AND ratification IS NULL
                        ORDER BY decided_at DESC, id DESC LIMIT 1)
            """, logger: database.logger)
    }
}
