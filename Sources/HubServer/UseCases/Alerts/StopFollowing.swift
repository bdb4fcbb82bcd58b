import Foundation
import HubData
import HubWorkflow

/// A MASH user stops following a person or an address (audited as `watchlist.remove`, in the same transaction).
public struct StopFollowing: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        let audit = recorder.event(caller, action: "watchlist.remove", objectType: "watchlist_entry", objectId: id.lowercased)
        guard try await stores.watchlist.remove(id, user: actor.userId, at: clock.now(), audit: audit) else {
            throw UseCaseError.notFound("The watchlist entry")
        }
    }
}
