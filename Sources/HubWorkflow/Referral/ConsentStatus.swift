/// Whether the subject (or a person with parental responsibility) consented to the referral.
public enum ConsentStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case obtained
    /// Asked and refused, or could not be obtained: a reason is required.
    case notObtained = "not_obtained"
    /// Deliberately not asked (e.g. asking would increase the risk): a reason is required.
    case notSought = "not_sought"

    /// True when a reason must be given.
    public var requiresReason: Bool { self != .obtained }
}
