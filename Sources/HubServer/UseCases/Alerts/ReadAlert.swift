import Foundation
import HubData
import HubWorkflow

/// One alert addressed to the user's agency (or to the user), with the agency's acknowledgement (audited).
public struct ReadAlert: UseCase {
    public static let access = AccessRule.permission(.readAlerts)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ id: UUID, purpose: String?, by caller: Caller) async throws -> StoredAlert {
        let actor = try authorize(caller)
        guard let alert = try await stores.database.withConnection({ connection in
            try await stores.alerts.alert(id, agency: actor.agencyCode, user: actor.userId, on: connection)
        }) else { throw UseCaseError.notFound("The alert") }
        try await recorder.record(caller, action: "alert.read", objectType: "alert", objectId: id.lowercased, purpose: purpose)
        return alert
    }
}
