/// A partner agency's answer to a share request.
public struct ShareResponse: Sendable, Hashable, Codable {
    public var kind: ShareResponseKind
    /// What the agency shared; required for, and only for, `information_shared`.
    public var information: String?
    /// Why the agency declined (required then); an optional note otherwise.
    public var reason: String?

    public init(kind: ShareResponseKind, information: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.information = information
        self.reason = reason
    }

    /// Information shared needs non-blank information; declined needs a reason; information is
    /// refused on any other answer; text bounded.
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        switch kind {
        case .informationShared:
            issues += FieldCheck.required(
                information ?? "", field: "information", limit: TextLimits.information, label: "the information shared")
        case .nothingKnown, .declined:
            if !FieldCheck.isBlank(information) {
                issues.append(ValidationIssue(
                    field: "information", message: "information is recorded only when it is shared"))
            }
        }
        if kind == .declined && FieldCheck.isBlank(reason) {
            issues.append(ValidationIssue(field: "reason", message: "a reason is required to decline"))
        } else {
            issues += FieldCheck.optional(reason, field: "reason", limit: TextLimits.rationale, label: "reason")
        }
        return issues
    }

    /// Self with text trimmed and blanks dropped, or a ``ValidationFailure`` carrying every issue.
    public func validated() throws(ValidationFailure) -> ShareResponse {
        let issues = validate()
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        func tidy(_ value: String?) -> String? { FieldCheck.isBlank(value) ? nil : value.map(FieldCheck.trimmed) }
        return ShareResponse(kind: kind, information: tidy(information), reason: tidy(reason))
    }
}
