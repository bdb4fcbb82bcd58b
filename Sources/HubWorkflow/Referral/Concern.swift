/// What the referrer is worried about.
public struct Concern: Sendable, Hashable, Codable {
    /// One or more kinds of harm, in the order given.
    public var categories: [ConcernCategory]
    /// The referrer's account of the concern.
    public var summary: String
    /// True when someone is at risk of harm now and needs an immediate response.
    public var immediateRisk: Bool

    public init(categories: [ConcernCategory], summary: String, immediateRisk: Bool) {
        self.categories = categories
        self.summary = summary
        self.immediateRisk = immediateRisk
    }

    /// At least one category; summary required and bounded.
    public func validate(prefix: String = "concern") -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if categories.isEmpty {
            issues.append(ValidationIssue(field: "\(prefix).categories", message: "at least one category of concern is required"))
        }
        issues += FieldCheck.required(summary, field: "\(prefix).summary", limit: TextLimits.summary, label: "summary")
        return issues
    }

    /// Duplicate categories removed (first kept), summary trimmed.
    var tidied: Concern {
        var seen = Set<ConcernCategory>()
        return Concern(
            categories: categories.filter { seen.insert($0).inserted },
            summary: FieldCheck.trimmed(summary), immediateRisk: immediateRisk)
    }
}
