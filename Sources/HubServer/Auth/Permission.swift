import HubData
import HubWorkflow

/// What a route needs. Checked with `context.require(_:)`, which answers 403 with the reason.
public enum Permission: String, Sendable {
    case manageAccounts
    case readReferrals
    case writeReferrals
    case ratifyDecisions
    case answerShareRequests
    case readShareRequests
    case searchTracker
    case importFeeds
    case readBoardReports
    case readPersonalReports
    case readAudit
    case readAlerts
    case manageAlertRules

    public func isGranted(to role: Role) -> Bool {
        switch self {
        case .manageAccounts, .readAudit, .manageAlertRules: return role == .admin
        case .readAlerts: return role == .mashTriage || role == .mashManager || role == .partnerResponder
        case .readReferrals, .writeReferrals, .searchTracker, .readPersonalReports:
            return role == .mashTriage || role == .mashManager
        case .ratifyDecisions: return role == .mashManager
        case .answerShareRequests: return role == .partnerResponder || role == .mashManager || role == .mashTriage
        case .readShareRequests: return role != .boardViewer
        case .importFeeds: return role == .admin
        case .readBoardReports: return role != .partnerResponder
        }
    }
}

extension HubRequestContext {
    /// The identity, if its role holds the permission; else 403 (and 401 with no identity).
    @discardableResult
    public func require(_ permission: Permission) throws -> Identity {
        let identity = try requireIdentity()
        guard permission.isGranted(to: identity.role) else {
            throw Problem.forbidden("The role \(identity.role.rawValue) does not have the permission \(permission.rawValue).")
        }
        return identity
    }
}
