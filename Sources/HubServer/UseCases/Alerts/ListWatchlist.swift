import Foundation
import HubData
import HubWorkflow

/// The people and addresses a MASH user follows, with why (audited as `watchlist.list`, as every list of persons is).
public struct ListWatchlist: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(by caller: Caller) async throws -> [WatchlistStore.Entry] {
        let actor = try authorize(caller)
        let entries = try await stores.watchlist.entries(user: actor.userId)
        try await recorder.record(caller, action: "watchlist.list", objectType: "watchlist_entry", objectId: nil,
                                  detail: ["count": String(entries.count)])
        return entries
    }
}
