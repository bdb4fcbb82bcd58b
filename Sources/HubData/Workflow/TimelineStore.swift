import Foundation
import HubWorkflow
import PostgresNIO

/// One entry in a referral's history.
public struct TimelineEntry: Sendable, Codable, Hashable {
    public let kind: String
    public let occurredAt: Date
    public let actor: String?
    public let actorAgency: String?
    public let detail: [String: String]
}

/// Appends to and reads the referral/incident timeline.
public struct TimelineStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func append(
        _ kind: TimelineEventKind, referralId: UUID, incidentId: UUID?, at instant: Date, actor: Identity?,
        detail: [String: String] = [:], on connection: PostgresConnection
    ) async throws {
        try await append(kindName: kind.rawValue, referralId: referralId, incidentId: incidentId, at: instant, actor: actor,
                         detail: detail, on: connection)
    }

    /// An entry whose kind is not (yet) a ``TimelineEventKind`` (`ratified`, `strategy_discussion_decided`).
    public func append(
        kindName: String, referralId: UUID, incidentId: UUID?, at instant: Date, actor: Identity?,
        detail: [String: String] = [:], on connection: PostgresConnection
    ) async throws {
        let detailJSON = try DocumentCoding.encode(detail)
        try await connection.query(
            """
            INSERT INTO timeline_events (referral_id, incident_id, kind, occurred_at, actor_user_id, actor_name, actor_agency, detail)
            VALUES (\(referralId), \(incidentId), \(kindName), \(instant), \(actor?.userId), \(actor?.displayName),
                    \(actor?.agencyCode), \(detailJSON)::jsonb)
            """, logger: database.logger)
    }

    /// Everything that happened to a referral and its incident, oldest first.
    public func entries(referralId: UUID) async throws -> [TimelineEntry] {
        try await database.query(
            """
            SELECT kind, occurred_at, actor_name, actor_agency, detail::text FROM timeline_events
            WHERE referral_id = \(referralId) ORDER BY occurred_at, id
            """
        ).map { row in
            let (kind, at, actor, agency, detail) = try row.decode((String, Date, String?, String?, String).self)
            return TimelineEntry(kind: kind, occurredAt: at, actor: actor, actorAgency: agency,
                                 detail: (try? DocumentCoding.decode([String: String].self, from: detail)) ?? [:])
        }
    }
}
