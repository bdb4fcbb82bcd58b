import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Builds audit events for a caller, so every use case records who, when, what and why the same way.
public struct AuditRecorder: Sendable {
    let trail: AuditTrail
    let clock: any WallClock

    public init(trail: AuditTrail, clock: any WallClock) {
        self.trail = trail
        self.clock = clock
    }

    public func event(
        _ caller: Caller, action: String, objectType: String, objectId: String?,
        purpose: String? = nil, outcome: AuditEvent.Outcome = .success, detail: [String: String] = [:]
    ) -> AuditEvent {
        AuditEvent(
            occurredAt: clock.now(), requestId: caller.requestId, actor: caller.identity, action: action,
            objectType: objectType, objectId: objectId, purpose: purpose, outcome: outcome, detail: detail)
    }

    /// Records inside the caller's transaction.
    public func record(
        _ caller: Caller, action: String, objectType: String, objectId: String?, purpose: String? = nil,
        detail: [String: String] = [:], on connection: PostgresConnection
    ) async throws {
        try await trail.record(
            event(caller, action: action, objectType: objectType, objectId: objectId, purpose: purpose, detail: detail),
            on: connection)
    }

    /// Records in a transaction of its own.
    public func record(
        _ caller: Caller, action: String, objectType: String, objectId: String?,
        purpose: String? = nil, outcome: AuditEvent.Outcome = .success, detail: [String: String] = [:]
    ) async throws {
        try await trail.record(
            event(caller, action: action, objectType: objectType, objectId: objectId, purpose: purpose, outcome: outcome, detail: detail))
    }
}

extension UUID {
    /// The id as Hub writes it everywhere (lower case).
    var lowercased: String { uuidString.lowercased() }
}
