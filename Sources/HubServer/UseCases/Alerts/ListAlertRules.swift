import Foundation
import HubData
import HubWorkflow

/// The priority alert rules (stored as data), enabled or not: for those who receive alerts and for administrators.
public struct ListAlertRules: UseCase {
    public static let access = AccessRule.anyOf([.readAlerts, .manageAlertRules])

    let database: Database
    let rules: AlertRuleStore

    public func callAsFunction(by caller: Caller) async throws -> [AlertRule] {
        try authorize(caller)
        return try await database.withConnection { try await rules.all(on: $0) }
    }
}
