import Foundation
import HubWorkflow
import PostgresNIO

/// Strategy discussions of an incident and the actions agreed at them.
public struct StrategyDiscussionStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records a validated discussion under `id`, and each action it agreed as an open ``StoredStrategyAction``.
    public func insert(
        _ discussion: StrategyDiscussion, id: UUID, incidentId: UUID, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
            VALUES (\(id), \(incidentId), \(discussion.kind.rawValue), \(discussion.heldAt), \(discussion.outcome?.rawValue),
                    \(try DocumentCoding.encode(discussion))::jsonb, \(actor.userId), \(now))
            """, logger: database.logger)
        try await StrategyActionStore(database: database).insert(discussion.actions, discussionId: id, incidentId: incidentId, on: connection)
    }
}
