import Foundation
import HubData
import HubWorkflow

/// A partner (its own agency's only) or the MASH reads one agreed action, with its incident's reference (audited with
/// the reader's purpose).
public struct ReadAction: UseCase {
    public static let access = AccessRule.permission(.readActions)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ id: UUID, purpose: String?, by caller: Caller) async throws -> StoredStrategyAction {
        let actor = try authorize(caller)
        guard let stored = try await stores.actions.find(id: id) else { throw UseCaseError.notFound("The action") }
        guard StrategyActionAccess.mayAct(actor, onActionOwnedBy: stored.action.ownerAgency) else { throw AccessDenied.anotherAgencysAction }
        try await recorder.record(caller, action: "action.read", objectType: "action", objectId: id.lowercased, purpose: purpose)
        return stored
    }
}
