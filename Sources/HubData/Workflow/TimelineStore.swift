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
        on connection: PostgresConnection, referralId: UUID, incidentId: UUID?, kind: TimelineEventKind,
        at instant: Date, actor: Identity?, detail: [String: String] = [:]
    ) async throws {
        try await append(on: connection, referralId: referralId, incidentId: incidentId, kindName: kind.rawValue,
                         at: instant, actor: actor, detail: detail)
    }

    func append(
        on connection: PostgresConnection, referralId: UUID, incidentId: UUID?, kindName: String,
        at instant: Date, actor: Identity?, detail: [String: String]
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
