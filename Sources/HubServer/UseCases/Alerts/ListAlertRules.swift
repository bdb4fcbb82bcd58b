import Foundation
import HubData
import HubWorkflow

/// The priority alert rules (stored as data), enabled or not: for those who receive alerts and for administrators.
public struct ListAlertRules: UseCase {
    public static let access = AccessRule.anyOf([.readAlerts, .manageAlertRules])

    let stores: Stores

    public func callAsFunction(by caller: Caller) async throws -> [AlertRule] {
        try authorize(caller)
        return try await stores.database.withConnection { try await stores.alertRules.all(on: $0) }
    }
}
