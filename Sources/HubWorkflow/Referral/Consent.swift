/// Consent to the referral, with the reason when it was not obtained or not sought.
public struct Consent: Sendable, Hashable, Codable {
    public var status: ConsentStatus
    /// Why consent was not obtained or not sought; optional note when obtained.
    public var reason: String?

    public init(status: ConsentStatus, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }

    /// A reason is required unless consent was obtained.
    public func validate(prefix: String = "consent") -> [ValidationIssue] {
        if status.requiresReason && FieldCheck.isBlank(reason) {
            let what = status == .notObtained ? "not obtained" : "not sought"
            return [ValidationIssue(field: "\(prefix).reason", message: "a reason is required when consent was \(what)")]
        }
        return FieldCheck.optional(reason, field: "\(prefix).reason", limit: TextLimits.rationale, label: "reason")
    }

    var tidied: Consent {
        Consent(status: status, reason: FieldCheck.isBlank(reason) ? nil : reason.map(FieldCheck.trimmed))
    }
}
