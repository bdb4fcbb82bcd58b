import Foundation
import HubWorkflow
import PostgresNIO

/// Actions agreed at strategy discussions: written when the discussion is recorded, listed for their owner agency
/// (or every agency, for the MASH), read one at a time, and marked done.
public struct StrategyActionStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// What every read selects, in the order ``decode(_:)`` reads it.
    private static let columns = """
        SELECT a.id, a.incident_id, i.reference, a.discussion_id, d.held_at, a.owner_agency, a.description, a.due_date::text,
               a.state, a.done_at, a.done_note, a.done_on_time, u.username, ua.code, a.version
        FROM strategy_actions a
        JOIN incidents i ON i.id = a.incident_id
        JOIN strategy_discussions d ON d.id = a.discussion_id
        LEFT JOIN users u ON u.id = a.done_by
        LEFT JOIN agencies ua ON ua.id = u.agency_id
        """

    /// Records the actions a discussion agreed, open, in its order (one statement).
    func insert(_ actions: [AgreedAction], discussionId: UUID, incidentId: UUID, on connection: PostgresConnection) async throws {
        guard !actions.isEmpty else { return }
        let ids = actions.map { _ in UUID() }
        try await connection.query(
            """
            INSERT INTO strategy_actions (id, incident_id, discussion_id, position, owner_agency, description, due_date, state)
            SELECT listed.id, \(incidentId), \(discussionId), (listed.position - 1)::integer, listed.owner, listed.description,
                   listed.due::date, 'open'
            FROM unnest(\(ids)::uuid[], \(actions.map(\.ownerAgency))::text[], \(actions.map(\.description))::text[],
                        \(actions.map(\.dueDate.iso8601))::text[]) WITH ORDINALITY AS listed(id, owner, description, due, position)
            """, logger: database.logger)
    }

    /// A page of actions, in the list's order.
    public func list(_ list: StrategyActionList) async throws -> [StoredStrategyAction] {
        let owner = list.ownerAgency
        let afterId = list.after?.id
        let rows: [PostgresRow]
        switch list.state {
        case .done:
            let afterMicroseconds = list.after?.microseconds
            rows = try await database.query(
                """
                \(unescaped: Self.columns)
                WHERE a.state = 'done' AND (\(owner)::text IS NULL OR a.owner_agency = \(owner))
                  AND (\(afterMicroseconds)::bigint IS NULL
                       OR (a.done_at, a.id) < ('epoch'::timestamptz + \(afterMicroseconds)::bigint * interval '1 microsecond', \(afterId)::uuid))
                ORDER BY a.done_at DESC, a.id DESC
                LIMIT \(list.limit)
                """)
        case .open, .overdue:
            let overdueOnly = list.state == .overdue
            let afterDay = list.after?.day?.iso8601
            rows = try await database.query(
                """
                \(unescaped: Self.columns)
                WHERE a.state = 'open' AND (\(owner)::text IS NULL OR a.owner_agency = \(owner))
                  AND (NOT \(overdueOnly) OR a.due_date < \(list.today.iso8601)::date)
                  AND (\(afterDay)::date IS NULL OR (a.due_date, a.id) > (\(afterDay)::date, \(afterId)::uuid))
                ORDER BY a.due_date, a.id
                LIMIT \(list.limit)
                """)
        }
        return try rows.map(Self.decode)
    }

    /// One action, if there is one with that id.
    public func find(id: UUID) async throws -> StoredStrategyAction? {
        try await database.query("\(unescaped: Self.columns) WHERE a.id = \(id)").first.map(Self.decode)
    }

    /// The agency (code) that owns an action.
    public func ownerAgency(of id: UUID) async throws -> String? {
        try await database.query("SELECT owner_agency FROM strategy_actions WHERE id = \(id)").first?.decode(String.self)
    }

    /// An incident's actions: by discussion as held, each discussion's in its order.
    func actions(ofIncident incidentId: UUID, on connection: PostgresConnection) async throws -> [StoredStrategyAction] {
        try await connection.query(
            "\(unescaped: Self.columns) WHERE a.incident_id = \(incidentId) ORDER BY d.held_at, d.id, a.position", logger: database.logger
        ).collect().map(Self.decode)
    }

    // MARK: completing

    /// An action locked for a change (`SELECT … FOR UPDATE`).
    public struct Locked: Sendable {
        public let incidentId: UUID
        public let referralId: UUID
        public let version: Int
        public let action: StrategyAction
    }

    /// Locks the action's row until the transaction ends; nil when there is no such action.
    public func lockForChange(id: UUID, on connection: PostgresConnection) async throws -> Locked? {
        guard let row = try await connection.query(
            """
            SELECT a.incident_id, i.referral_id, a.owner_agency, a.description, a.due_date::text, a.state, a.version
            FROM strategy_actions a JOIN incidents i ON i.id = a.incident_id
            WHERE a.id = \(id) FOR UPDATE OF a
            """, logger: database.logger
        ).collect().first else { return nil }
        let (incidentId, referralId, owner, description, due, state, version) =
            try row.decode((UUID, UUID, String, String, String, StrategyActionState, Int).self)
        return Locked(incidentId: incidentId, referralId: referralId, version: version,
                      action: StrategyAction(ownerAgency: owner, description: description, dueDate: try Self.day(due), state: state))
    }

    /// Records that the action was done, by whom, and gives it its next version.
    public func recordCompletion(_ completion: ActionCompletion, of id: UUID, actor: Identity, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE strategy_actions SET state = 'done', done_at = \(completion.doneAt), done_by = \(actor.userId),
                   done_note = \(completion.note), done_on_time = \(completion.onTime), version = version + 1
            WHERE id = \(id)
            """, logger: database.logger)
    }

    // MARK: reading rows

    private static func decode(_ row: PostgresRow) throws -> StoredStrategyAction {
        let (id, incidentId, reference, discussionId, heldAt, owner, description, due, state, doneAt, note, onTime, doneBy, doneByAgency,
             version) =
            try row.decode((UUID, UUID, String, UUID, Date, String, String, String, StrategyActionState, Date?, String?, Bool?, String?,
                            String?, Int).self)
        var completion: ActionCompletion?
        if let doneAt, let note, let onTime { completion = ActionCompletion(note: note, doneAt: doneAt, onTime: onTime) }
        guard (state == .done) == (completion != nil) else {
            throw UnknownStoredValue(type: "StrategyAction", value: "\(state.rawValue) without its completion")
        }
        return StoredStrategyAction(
            id: id, incidentId: incidentId, incidentReference: reference, discussionId: discussionId, agreedAt: heldAt,
            action: StrategyAction(ownerAgency: owner, description: description, dueDate: try day(due), state: state, completion: completion),
            doneBy: doneBy, doneByAgency: doneByAgency, version: version)
    }

    /// A `date` read as text (`YYYY-MM-DD`), strictly.
    private static func day(_ text: String) throws -> CalendarDate {
        guard let day = CalendarDate(text) else { throw UnknownStoredValue(type: "CalendarDate", value: text) }
        return day
    }
}
