import Foundation
import HubWorkflow
import PostgresNIO

/// Strategy discussions of an incident and the actions agreed at them.
public struct StrategyDiscussionStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Records a validated discussion under `id`, with one row per agreed action.
    public func insert(
        _ discussion: StrategyDiscussion, id: UUID, incidentId: UUID, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
            VALUES (\(id), \(incidentId), \(discussion.kind.rawValue), \(discussion.heldAt), \(discussion.outcome?.rawValue),
                    \(try DocumentCoding.encode(discussion))::jsonb, \(actor.userId), \(now))
            """, logger: database.logger)
        for action in discussion.actions {
            try await connection.query(
                """
                INSERT INTO agreed_actions (discussion_id, owner_agency, description, due_date)
                VALUES (\(id), \(action.ownerAgency), \(action.description), \(action.dueDate.description)::date)
                """, logger: database.logger)
        }
    }
}
