import Foundation
import Logging
import PostgresNIO

/// Appends audit events. Use `record(_:on:)` inside the transaction of the change being recorded, so the
/// change and its audit entry commit or fail together.
public struct AuditTrail: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func record(_ event: AuditEvent, on connection: PostgresConnection) async throws {
        try await connection.query(Self.insert(event), logger: database.logger)
    }

    /// Records an event in a transaction of its own (reads that change nothing, denials).
    public func record(_ event: AuditEvent) async throws {
        try await database.query(Self.insert(event))
    }

    /// The event's `detail` as stored (JSON with sorted keys).
    static func detail(of event: AuditEvent) -> String {
        String(decoding: (try? JSONEncoder.sortedKeys.encode(event.detail)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The insert of one event. (`ReferralStore.insertion` writes the same columns inside its one statement.)
    static func insert(_ event: AuditEvent) -> PostgresQuery {
        let detail = detail(of: event)
        return """
            INSERT INTO audit_events (occurred_at, request_id, user_id, username, agency_code, role,
                                      action, object_type, object_id, purpose, outcome, detail)
            VALUES (\(event.occurredAt), \(event.requestId), \(event.actor?.userId), \(event.actor?.username),
                    \(event.actor?.agencyCode), \(event.actor?.role.rawValue), \(event.action), \(event.objectType),
                    \(event.objectId), \(event.purpose), \(event.outcome.rawValue), \(detail)::jsonb)
            """
    }

    /// Events about one object, newest first (for tests and for an administrator's access report).
    public func events(objectType: String, objectId: String, limit: Int = 100) async throws -> [StoredAuditEvent] {
        try await database.query(
            """
            SELECT id, occurred_at, username, agency_code, role, action, object_type, object_id, purpose, outcome, request_id
            FROM audit_events WHERE object_type = \(objectType) AND object_id = \(objectId)
            ORDER BY id DESC LIMIT \(limit)
            """
        ).map(StoredAuditEvent.init)
    }

    /// The most recent events, newest first.
    public func recent(limit: Int = 100) async throws -> [StoredAuditEvent] {
        try await database.query(
            """
            SELECT id, occurred_at, username, agency_code, role, action, object_type, object_id, purpose, outcome, request_id
            FROM audit_events ORDER BY id DESC LIMIT \(limit)
            """
        ).map(StoredAuditEvent.init)
    }
}

/// An audit event as read back.
public struct StoredAuditEvent: Sendable, Codable, Hashable {
    public let id: Int64
    public let occurredAt: Date
    public let username: String?
    public let agencyCode: String?
    public let role: String?
    public let action: String
    public let objectType: String
    public let objectId: String?
    public let purpose: String?
    public let outcome: String
    public let requestId: String?

    init(_ row: PostgresRow) throws {
        (id, occurredAt, username, agencyCode, role, action, objectType, objectId, purpose, outcome, requestId) =
            try row.decode((Int64, Date, String?, String?, String?, String, String, String?, String?, String, String?).self)
    }
}

extension JSONEncoder {
    static let sortedKeys: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
