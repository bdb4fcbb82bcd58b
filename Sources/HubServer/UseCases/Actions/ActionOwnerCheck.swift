import Foundation
import HubData
import HubWorkflow

/// The check every step on one agreed action makes first: the action exists, and the caller may act on an action
/// its agency owns (``StrategyActionAccess``): 404, else 403.
struct ActionOwnerCheck: Sendable {
    let actions: StrategyActionStore

    func check(_ id: UUID, actor: Identity) async throws {
        guard let owner = try await actions.ownerAgency(of: id) else { throw UseCaseError.notFound("The action") }
        guard StrategyActionAccess.mayAct(actor, onActionOwnedBy: owner) else { throw AccessDenied.anotherAgencysAction }
    }
}
