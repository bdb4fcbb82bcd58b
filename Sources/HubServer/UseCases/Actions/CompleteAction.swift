import Foundation
import HubData
import HubWorkflow

/// The owner agency (or the MASH for it) marks an agreed action done, saying what was done: at the version the caller
/// last saw (`If-Match`), once (done is final), recorded on the incident's timeline with whether it was on time.
public struct CompleteAction: UseCase {
    public static let access = AccessRule.permission(.completeActions)

    let stores: Stores
    let ownerCheck: ActionOwnerCheck
    let recorder: AuditRecorder
    let clock: any WallClock

    /// Whether the caller may complete this action at all (checked before the note is read, and again when it is
    /// recorded).
    public func authorize(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        try await ownerCheck.check(id, actor: actor)
    }

    /// Records the completion; returns the action as it now stands.
    public func callAsFunction(note: String, to id: UUID, expectedVersion: Int, by caller: Caller) async throws -> StoredStrategyAction {
        let actor = try authorize(caller)
        let now = clock.now()
        try await stores.database.transaction { connection in
            guard let locked = try await stores.actions.lockForChange(id: id, on: connection) else {
                throw UseCaseError.notFound("The action")
            }
            // The owner is checked on the locked row (as ``authorize(_:by:)`` checked it before the note was read).
            guard StrategyActionAccess.mayAct(actor, onActionOwnedBy: locked.action.ownerAgency) else {
                throw AccessDenied.anotherAgencysAction
            }
            guard locked.version == expectedVersion else { throw UseCaseError.staleVersion(current: locked.version) }
            var action = locked.action
            let completion = try action.complete(note: note, at: now)
            try await stores.actions.recordCompletion(completion, of: id, actor: actor, on: connection)
            let detail = ["agency": action.ownerAgency, "onTime": completion.onTime ? "yes" : "no"]
            try await stores.timeline.append(
                .actionDone, referralId: locked.referralId, incidentId: locked.incidentId, at: now, actor: actor, detail: detail, on: connection)
            try await recorder.record(caller, action: "action.complete", objectType: "action", objectId: id.lowercased, detail: detail,
                                      on: connection)
        }
        guard let stored = try await stores.actions.find(id: id) else { throw UseCaseError.notFound("The action") }
        return stored
    }
}
