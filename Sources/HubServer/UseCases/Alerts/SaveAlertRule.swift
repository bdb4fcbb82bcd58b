import Foundation
import HubData
import HubWorkflow

/// An administrator adds or changes a rule; every problem is named by field (a missing parameter, an unknown
/// agency, a placeholder the condition does not supply). A rule is switched off, never deleted.
public struct SaveAlertRule: UseCase {
    public static let access = AccessRule.permission(.manageAlertRules)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ rule: AlertRule, by caller: Caller) async throws -> AlertRule {
        try authorize(caller)
        var issues = rule.validate()
        try await stores.database.transaction { connection in
            for agency in try await stores.alertRules.unknownAgencies(rule.notifyAgencies, on: connection) {
                issues.append(.init(field: "notifyAgencies", message: "\(agency) is not an agency"))
            }
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            try await stores.alertRules.save(rule, on: connection)
            try await recorder.record(caller, action: "alert_rule.save", objectType: "alert_rule", objectId: rule.code,
                                      detail: ["condition": rule.condition.rawValue, "enabled": String(rule.enabled)], on: connection)
        }
        return rule
    }
}
