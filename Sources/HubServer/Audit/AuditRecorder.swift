import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Builds audit events from the request context, so every route records who, when, what and why the same way.
struct AuditRecorder: Sendable {
    let trail: AuditTrail
    let clock: any WallClock

    func event(
        _ context: HubRequestContext, action: String, objectType: String, objectId: String?,
        purpose: String? = nil, outcome: AuditEvent.Outcome = .success, detail: [String: String] = [:]
    ) -> AuditEvent {
        AuditEvent(
            occurredAt: clock.now(), requestId: context.requestId, actor: context.identity, action: action,
            objectType: objectType, objectId: objectId, purpose: purpose, outcome: outcome, detail: detail)
    }

    /// Records inside the caller's transaction.
    func record(
        _ context: HubRequestContext, on connection: PostgresConnection, action: String, objectType: String,
        objectId: String?, purpose: String? = nil, detail: [String: String] = [:]
    ) async throws {
        try await trail.record(
            event(context, action: action, objectType: objectType, objectId: objectId, purpose: purpose, detail: detail),
            on: connection)
    }

    /// Records in a transaction of its own.
    func record(
        _ context: HubRequestContext, action: String, objectType: String, objectId: String?,
        purpose: String? = nil, outcome: AuditEvent.Outcome = .success, detail: [String: String] = [:]
    ) async throws {
        try await trail.record(
            event(context, action: action, objectType: objectType, objectId: objectId, purpose: purpose, outcome: outcome, detail: detail))
    }
}
