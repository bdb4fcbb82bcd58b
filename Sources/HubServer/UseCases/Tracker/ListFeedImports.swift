import Foundation
import HubData
import HubWorkflow

/// An administrator lists the partner extracts imported, with their quarantine counts (no personal data).
public struct ListFeedImports: UseCase {
    public static let access = AccessRule.permission(.importFeeds)

    let stores: Stores

    public func callAsFunction(limit: Int, by caller: Caller) async throws -> [FeedImportStore.Imported] {
        try authorize(caller)
        return try await stores.feedImports.recent(limit: limit)
    }
}
