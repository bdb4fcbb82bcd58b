import Foundation
import HubData
import HubWorkflow

/// Priority alerts for the user's agency, and the user's own watchlist alerts, newest first (audited).
public struct ListAlerts: UseCase {
    public static let access = AccessRule.permission(.readAlerts)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(
        state: AlertStore.ListState, limit: Int, before: KeysetPosition?, purpose: String?, by caller: Caller
    ) async throws -> [StoredAlert] {
        let actor = try authorize(caller)
        let items = try await stores.database.withConnection { connection in
            try await stores.alerts.list(agency: actor.agencyCode, user: actor.userId, state: state, limit: limit, before: before, on: connection)
        }
        try await recorder.record(caller, action: "alert.list", objectType: "alert", objectId: nil, purpose: purpose,
                                  detail: ["state": state.rawValue, "count": String(items.count)])
        return items
    }
}
