import Foundation
import HubData
import HubWorkflow

/// An agency acknowledges an alert, saying what was done (once per agency).
public struct AcknowledgeAlert: UseCase {
    public static let access = AccessRule.permission(.readAlerts)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: UUID, note: String, by caller: Caller) async throws -> StoredAlert {
        let actor = try authorize(caller)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...TextLimits.acknowledgementNote).contains(TextLength.count(note)) else {
            throw ValidationFailure(field: "note", message: "is required (up to 2,000 characters): say what was done")
        }
        let now = clock.now()
        return try await stores.database.transaction { connection in
            guard try await stores.alerts.alert(id, agency: actor.agencyCode, user: actor.userId, on: connection) != nil else {
                throw UseCaseError.notFound("The alert")
            }
            guard try await stores.alerts.acknowledge(id, agency: actor.agencyCode, user: actor.userId, note: note, at: now, on: connection) else {
                throw UseCaseError.conflict(kind: "conflict", detail: "The alert was already acknowledged for \(actor.agencyCode).")
            }
            try await recorder.record(caller, action: "alert.acknowledge", objectType: "alert", objectId: id.lowercased, on: connection)
            return try await stores.alerts.alert(id, agency: actor.agencyCode, user: actor.userId, on: connection)!
        }
    }
}
