import Foundation
import HubData
import HubWorkflow

/// A MASH user follows a tracker person or an address, saying why; each import with new interactions for them
/// alerts the user (audited as `watchlist.add`, with the reason as the purpose, in the entry's transaction).
public struct FollowOnWatchlist: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(personId: Int64?, uprn: Int64?, reason: String, by caller: Caller) async throws -> WatchlistStore.Entry {
        let actor = try authorize(caller)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [ValidationIssue] = []
        if !(1...TextLimits.watchlistReason).contains(TextLength.count(reason)) {
            issues.append(.init(field: "reason", message: "is required (up to 500 characters): say why you follow"))
        }
        let target: WatchlistStore.Target?
        switch (personId, uprn) {
        case let (person?, nil): target = .person(person)
        case let (nil, uprn?): target = .address(uprn)
        default:
            target = nil
            issues.append(.init(field: "personId", message: "give exactly one of personId and uprn"))
        }
        guard let target, issues.isEmpty else { throw ValidationFailure(issues) }
        let audit = recorder.event(caller, action: "watchlist.add", objectType: personId == nil ? "address" : "person",
                                   objectId: String(personId ?? uprn ?? 0), purpose: reason)
        let entry: WatchlistStore.Entry
        do {
            entry = try await stores.watchlist.add(target, user: actor.userId, reason: reason, at: clock.now(), audit: audit)
        } catch WatchlistStore.AddError.unknownPerson {
            throw ValidationFailure(field: "personId", message: "is not a tracker person")
        } catch WatchlistStore.AddError.unknownAddress {
            throw ValidationFailure(field: "uprn", message: "is not an address the tracker or gazetteer knows")
        } catch WatchlistStore.AddError.alreadyWatched {
            throw UseCaseError.conflict(kind: "conflict", detail: "You already follow this \(personId == nil ? "address" : "person").")
        }
        return entry
    }
}
