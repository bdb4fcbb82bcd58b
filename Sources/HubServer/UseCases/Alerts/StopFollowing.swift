import Foundation
import HubData
import HubWorkflow

/// A MASH user stops following a person or an address.
public struct StopFollowing: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        guard try await stores.watchlist.remove(id, user: actor.userId, at: clock.now()) else { throw UseCaseError.notFound("The watchlist entry") }
        try await recorder.record(caller, action: "stores.watchlist.remove", objectType: "watchlist_entry", objectId: id.lowercased)
    }
}
