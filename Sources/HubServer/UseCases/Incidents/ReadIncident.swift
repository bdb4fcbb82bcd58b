import Foundation
import HubData
import HubWorkflow

/// A MASH user reads an incident with its ratings, share requests, strategy discussions and the actions they agreed
/// (audited with the reader's purpose).
public struct ReadIncident: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ id: UUID, purpose: String?, by caller: Caller) async throws -> StoredIncident {
        try authorize(caller)
        let stored = try await stores.incidents.require(id)
        try await recorder.record(caller, action: "incident.read", objectType: "incident", objectId: id.lowercased, purpose: purpose)
        return stored
    }
}

extension IncidentStore {
    /// The incident, or ``UseCaseError/notFound(_:)``.
    func require(_ id: UUID) async throws -> StoredIncident {
        guard let stored = try await find(id: id) else { throw UseCaseError.notFound("The incident") }
        return stored
    }
}
