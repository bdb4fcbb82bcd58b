import Foundation

/// The partnership's choice of calendar policy for each SLA clock, by policy identifier (`"continuous"`,
/// `"working-hours"`, `"working-week"`): the form an administrator sends (`PUT /api/v1/sla-policies`), the
/// `HUB_SLA_POLICIES` file holds and the audit trail records. Every SLA clock must be named; `feedback` (the clock
/// for feedback to a referrer, issue #20) is `working-week` when left out, so choices written before it existed keep
/// their meaning. `resolved(in:)` turns the names into policies, refusing any a catalog does not offer.
///
/// ```json
/// {"red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"}
/// ```
public struct SLAClockPolicyChoice: Sendable, Hashable, Codable {
    public var red: String
    public var amber: String
    public var green: String
    public var strategyDiscussion: String
    public var feedback: String

    /// The feedback clock's policy when a choice does not name one.
    public static let defaultFeedback = "working-week"

    public init(red: String, amber: String, green: String, strategyDiscussion: String, feedback: String = defaultFeedback) {
        self.red = red
        self.amber = amber
        self.green = green
        self.strategyDiscussion = strategyDiscussion
        self.feedback = feedback
    }

    private enum CodingKeys: String, CodingKey {
        case red, amber, green, strategyDiscussion, feedback
    }

    /// Every key but `feedback` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            red: try container.decode(String.self, forKey: .red), amber: try container.decode(String.self, forKey: .amber),
            green: try container.decode(String.self, forKey: .green),
            strategyDiscussion: try container.decode(String.self, forKey: .strategyDiscussion),
            feedback: try container.decodeIfPresent(String.self, forKey: .feedback) ?? Self.defaultFeedback)
    }

    /// The clocks by field name, in the order they are shown and validated.
    public var byField: [(field: String, identifier: String)] {
        [("red", red), ("amber", amber), ("green", green), ("strategyDiscussion", strategyDiscussion), ("feedback", feedback)]
    }

    /// The policies named, from `catalog`; a ``ValidationFailure`` naming each field whose policy the catalog
    /// does not offer.
    public func resolved(in catalog: SLACalendarPolicyCatalog) throws(ValidationFailure) -> SLAClockPolicies {
        var issues: [ValidationIssue] = []
        var policies: [SLACalendarPolicy] = []
        for (field, identifier) in byField {
            if let policy = catalog.policy(identifier: identifier) {
                policies.append(policy)
            } else {
                issues.append(ValidationIssue(
                    field: field, message: "must be one of \(catalog.identifiers.joined(separator: ", ")), not \(identifier)"))
            }
        }
        guard issues.isEmpty, policies.count == 5 else { throw ValidationFailure(issues) }
        return SLAClockPolicies(
            red: policies[0], amber: policies[1], green: policies[2], strategyDiscussion: policies[3], feedback: policies[4])
    }

    /// `red=continuous amber=working-week green=working-week strategyDiscussion=continuous feedback=working-week`: one line for the audit
    /// trail and logs.
    public var summary: String {
        byField.map { "\($0.field)=\($0.identifier)" }.joined(separator: " ")
    }
}
