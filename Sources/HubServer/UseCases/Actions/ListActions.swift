import Foundation
import HubData
import HubWorkflow

/// A partner's list of the actions its agency owns, or every agency's for the MASH: open ones (or only the overdue)
/// soonest due first, done ones latest first, a page at a time. Audited with the list shown and its count.
public struct ListActions: UseCase {
    public static let access = AccessRule.permission(.readActions)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    /// The page, and the list it was taken from (whose ``StrategyActionList/position(of:)`` gives the next cursor).
    public func callAsFunction(
        state: StrategyActionList.State, limit: Int, after: KeysetPosition?, purpose: String?, by caller: Caller
    ) async throws -> (items: [StoredStrategyAction], list: StrategyActionList) {
        let actor = try authorize(caller)
        let list = StrategyActionList(
            state: state, ownerAgency: StrategyActionAccess.listedAgency(of: actor), today: StrategyAction.londonDay(of: clock.now()),
            after: after, limit: limit)
        guard list.readsItsCursor else {
            throw UseCaseError.invalidParameter(name: "cursor", message: "is not a cursor from a previous page of this list")
        }
        let items = try await stores.actions.list(list)
        try await recorder.record(caller, action: "action.list", objectType: "action", objectId: nil, purpose: purpose,
                                  detail: ["state": state.rawValue, "count": String(items.count)])
        return (items, list)
    }
}
