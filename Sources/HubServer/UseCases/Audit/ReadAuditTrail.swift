import Foundation
import HubData
import HubWorkflow

/// An administrator reads the audit trail, newest first, all of it or about one object (itself an audited read).
public struct ReadAuditTrail: UseCase {
    public static let access = AccessRule.permission(.readAudit)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(object: (type: String, id: String)?, limit: Int, by caller: Caller) async throws -> [StoredAuditEvent] {
        try authorize(caller)
        let events: [StoredAuditEvent]
        if let object {
            events = try await stores.audit.events(objectType: object.type, objectId: object.id, limit: limit)
        } else {
            events = try await stores.audit.recent(limit: limit)
        }
        try await recorder.record(caller, action: "audit.read", objectType: "audit_event", objectId: nil, detail: ["count": "\(events.count)"])
        return events
    }
}
