/// A priority alert rule, stored as data (`alert_rules`): a condition with its parameters, the agencies told
/// when it fires, and the words that explain it (``AlertExplanation``).
public struct AlertRule: Sendable, Codable, Hashable {
    public var code: String
    public var title: String
    public var condition: AlertCondition
    public var parameters: AlertParameters
    public var notifyAgencies: [String]
    public var explanation: String
    public var enabled: Bool

    public init(
        code: String, title: String, condition: AlertCondition, parameters: AlertParameters, notifyAgencies: [String],
        explanation: String, enabled: Bool = true
    ) {
        self.code = code
        self.title = title
        self.condition = condition
        self.parameters = parameters
        self.notifyAgencies = notifyAgencies
        self.explanation = explanation
        self.enabled = enabled
    }

    /// Every problem with the rule, each naming its field (`parameters.windowDays`); empty when it can run.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func need<T>(_ value: T?, _ name: String) {
            if value == nil { issues.append(ValidationIssue(field: "parameters.\(name)", message: "is required by \(condition.rawValue)")) }
        }
        func positive(_ value: Int?, _ name: String) {
            if let value, value < 1 { issues.append(ValidationIssue(field: "parameters.\(name)", message: "must be at least 1")) }
        }
        func nonEmpty(_ value: [String]?, _ name: String) {
            if let value, value.isEmpty { issues.append(ValidationIssue(field: "parameters.\(name)", message: "must not be empty")) }
        }
        let p = parameters
        switch condition {
        case .eventDuringOpenCase:
            need(p.openEventTypes, "openEventTypes"); need(p.triggerCategories, "triggerCategories")
            need(p.maxAgeYears, "maxAgeYears"); need(p.recentDays, "recentDays")
        case .eventsInWindow:
            need(p.categories, "categories"); need(p.minimumCount, "minimumCount"); need(p.windowDays, "windowDays")
            need(p.maxAgeYears, "maxAgeYears"); need(p.recentDays, "recentDays")
        case .addressEventsWithOpenCase:
            need(p.categories, "categories"); need(p.minimumCount, "minimumCount"); need(p.windowDays, "windowDays")
            need(p.openCategories, "openCategories"); need(p.maxAgeYears, "maxAgeYears"); need(p.recentDays, "recentDays")
        case .repeatReferral:
            need(p.windowDays, "windowDays"); need(p.roles, "roles")
        case .referralSubjectOpenCase:
            need(p.openCategories, "openCategories"); need(p.roles, "roles")
        }
        positive(p.minimumCount, "minimumCount"); positive(p.windowDays, "windowDays")
        positive(p.maxAgeYears, "maxAgeYears"); positive(p.recentDays, "recentDays")
        nonEmpty(p.openEventTypes, "openEventTypes"); nonEmpty(p.triggerCategories, "triggerCategories")
        nonEmpty(p.categories, "categories"); nonEmpty(p.openCategories, "openCategories"); nonEmpty(p.roles, "roles")
        for role in p.roles ?? [] where SubjectRole(rawValue: role) == nil {
            issues.append(ValidationIssue(field: "parameters.roles", message: "\(role) is not a subject role"))
        }
        if notifyAgencies.isEmpty { issues.append(ValidationIssue(field: "notifyAgencies", message: "must name at least one agency")) }
        if title.isEmpty { issues.append(ValidationIssue(field: "title", message: "must not be empty")) }
        for placeholder in AlertExplanation.placeholders(in: explanation) where !AlertExplanation.facts(of: condition).contains(placeholder) {
            issues.append(ValidationIssue(field: "explanation", message: "{\(placeholder)} is not a fact of \(condition.rawValue)"))
        }
        return issues
    }
}
