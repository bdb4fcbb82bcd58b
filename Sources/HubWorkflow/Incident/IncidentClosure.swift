import Foundation

/// What is recorded when an incident closes: why, in the partnership's words, and for an adult at risk what became
/// of the risk.
///
/// - Closing after a strategy discussion's outcome: the discussion's outcome stands, so `outcome` is absent; the
///   `reason` is optional.
/// - Closing where sharing was enough (no strategy discussion's outcome: the incident is open or sharing): the
///   `outcome` (``ClosureOutcome``) and a `reason` are required.
/// - An adult case (``SafeguardingService/adults``) always records `adultRisk`; a child's never does.
///
/// Fields are named under `closure` (`closure.outcome`, `closure.reason`, `closure.adultRisk`).
public struct IncidentClosure: Sendable, Hashable, Codable {
    public var outcome: ClosureOutcome?
    public var reason: String?
    public var adultRisk: AdultRiskAtClosure?

    public init(outcome: ClosureOutcome? = nil, reason: String? = nil, adultRisk: AdultRiskAtClosure? = nil) {
        self.outcome = outcome
        self.reason = reason
        self.adultRisk = adultRisk
    }

    /// The problems with closing `incident` this way, field by field (empty when it may close so). The state must
    /// already allow closing (``IncidentState/applying(_:)``).
    public func validate(for incident: Incident) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if incident.state == .outcomeRecorded {
            if outcome != nil {
                issues.append(ValidationIssue(
                    field: "closure.outcome",
                    message: "the strategy discussion's outcome stands: a closure outcome is recorded only when closing without one"))
            }
            issues += FieldCheck.optional(reason, field: "closure.reason", limit: TextLimits.rationale, label: "reason")
        } else {
            if outcome == nil {
                issues.append(ValidationIssue(
                    field: "closure.outcome",
                    message: "is required to close without a strategy discussion's outcome (e.g. information_shared_no_further_action)"))
            }
            issues += FieldCheck.required(reason ?? "", field: "closure.reason", limit: TextLimits.rationale, label: "reason")
        }
        switch (incident.service, adultRisk) {
        case (.adults, nil):
            issues.append(ValidationIssue(
                field: "closure.adultRisk", message: "is required when an adult's case closes: whether the risk was reduced, removed or remains"))
        case (.children, _?):
            issues.append(ValidationIssue(field: "closure.adultRisk", message: "is recorded only when an adult's case closes"))
        default:
            break
        }
        return issues
    }

    /// Self with the reason trimmed (a blank one dropped), or a ``ValidationFailure`` carrying every issue.
    public func validated(for incident: Incident) throws(ValidationFailure) -> IncidentClosure {
        let issues = validate(for: incident)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let tidy = FieldCheck.isBlank(reason) ? nil : reason.map(FieldCheck.trimmed)
        return IncidentClosure(outcome: outcome, reason: tidy, adultRisk: adultRisk)
    }
}
