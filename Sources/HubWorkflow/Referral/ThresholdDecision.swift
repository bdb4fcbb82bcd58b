/// The triage decision on a referral: whether it meets the threshold, why, and (when it does) the
/// RAG rating of the incident it opens.
public struct ThresholdDecision: Sendable, Hashable, Codable {
    /// The staff role that ratifies a decision needing ratification (the permission table's `ratifyDecisions`
    /// grants exactly this role).
    public static let ratifyingRole: Role = .mashManager

    /// True when a user with `role` may ratify or overturn a decision awaiting ratification (the permission
    /// table's `ratifyDecisions`).
    public static func mayRatify(_ role: Role) -> Bool {
        Permission.ratifyDecisions.isGranted(to: role)
    }

    public var kind: ThresholdDecisionKind
    /// Why the decision was made; always required.
    public var rationale: String
    /// The incident's RAG rating: required when the referral meets the threshold, refused otherwise.
    public var ragRating: RAGRating?

    public init(kind: ThresholdDecisionKind, rationale: String, ragRating: RAGRating? = nil) {
        self.kind = kind
        self.rationale = rationale
        self.ragRating = ragRating
    }

    /// True when the decision must be ratified by a ``ratifyingRole``: every no-further-action,
    /// information-advice-and-assistance or signposting decision by children's services. Adult
    /// services' decisions stand without ratification.
    public func requiresRatification(for service: SafeguardingService) -> Bool {
        kind.requiresRatification(for: service)
    }

    /// Rationale required and bounded; a RAG rating exactly when the threshold is met.
    public func validate() -> [ValidationIssue] {
        var issues = FieldCheck.required(rationale, field: "rationale", limit: TextLimits.rationale, label: "rationale")
        if kind.meetsThreshold && ragRating == nil {
            issues.append(ValidationIssue(field: "ragRating", message: "a referral that meets the threshold needs a RAG rating"))
        }
        if !kind.meetsThreshold && ragRating != nil {
            issues.append(ValidationIssue(field: "ragRating", message: "only a referral that meets the threshold is RAG rated"))
        }
        return issues
    }

    /// Self with the rationale trimmed, or a ``ValidationFailure`` carrying every issue.
    public func validated() throws(ValidationFailure) -> ThresholdDecision {
        let issues = validate()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return ThresholdDecision(kind: kind, rationale: FieldCheck.trimmed(rationale), ragRating: ragRating)
    }
}
