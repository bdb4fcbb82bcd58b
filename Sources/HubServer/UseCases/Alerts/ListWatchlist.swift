import Foundation
import HubData
import HubWorkflow

/// The people and addresses a MASH user follows.
public struct ListWatchlist: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores

    public func callAsFunction(by caller: Caller) async throws -> [WatchlistStore.Entry] {
        let actor = try authorize(caller)
        return try await stores.watchlist.entries(user: actor.userId)
    }
}
