import Foundation
import HubData
import HubWorkflow

/// The MASH's incident board: open incidents, breached and soonest due first, each with its share requests and
/// strategy discussion clock (audited with the count shown).
public struct ReadIncidentBoard: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ filter: IncidentStore.BoardFilter, by caller: Caller) async throws -> [BoardIncident] {
        try authorize(caller)
        let items = try await stores.incidents.board(filter)
        try await recorder.record(caller, action: "incident.board", objectType: "incident", objectId: nil, detail: ["count": "\(items.count)"])
        return items
    }
}
