import Foundation
import HubData
import HubTracker
import HubWorkflow

/// An administrator imports a partner extract (docs/feed-format.md): bad rows are quarantined, the file's rows
/// load together or not at all, and a file imported before changes nothing.
public struct ImportFeed: UseCase {
    public static let access = AccessRule.permission(.importFeeds)

    let importer: FeedImporter
    let clock: any WallClock

    public func callAsFunction(file url: URL, fileName: String, extractDate: CalendarDate?, by caller: Caller) async throws -> FeedImportReport {
        let actor = try authorize(caller)
        return try await importer.importFile(
            at: url, fileName: fileName, extractDate: extractDate ?? CalendarDate(utcDayOf: clock.now()), actor: actor, operator: actor.username,
            now: clock.now(), requestId: caller.requestId)
    }

    /// For the operator at the command line: no signed-in caller; `operator` names who imported in the report and
    /// the audit event.
    public func asOperator(
        file url: URL, fileName: String?, extractDate: CalendarDate?, operator operatorName: String, progress: FeedImporter.Progress?
    ) async throws -> FeedImportReport {
        try await importer.importFile(
            at: url, fileName: fileName, extractDate: extractDate ?? CalendarDate(utcDayOf: clock.now()), actor: nil, operator: operatorName,
            now: clock.now(), progress: progress)
    }
}
