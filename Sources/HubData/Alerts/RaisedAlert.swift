import Foundation
import HubWorkflow

/// An alert a condition found, before it is stored: which rule, what raised it (`dedupeKey`, so it is stored
/// once however often it is found), whom it concerns, who is told, and the facts its explanation is made of.
public struct RaisedAlert: Sendable, Hashable {
    public var ruleCode: String?
    public var title: String
    public var dedupeKey: String
    public var trigger: AlertTrigger
    public var personId: Int64?
    public var uprn: Int64?
    public var referralId: UUID?
    public var agencyCodes: [String]
    public var watcherUserId: UUID?
    public var facts: [String: String]
    public var explanation: String

    public init(
        ruleCode: String?, title: String, dedupeKey: String, trigger: AlertTrigger, personId: Int64? = nil, uprn: Int64? = nil,
        referralId: UUID? = nil, agencyCodes: [String], watcherUserId: UUID? = nil, facts: [String: String], explanation: String
    ) {
        self.ruleCode = ruleCode
        self.title = title
        self.dedupeKey = dedupeKey
        self.trigger = trigger
        self.personId = personId
        self.uprn = uprn
        self.referralId = referralId
        self.agencyCodes = agencyCodes
        self.watcherUserId = watcherUserId
        self.facts = facts
        self.explanation = explanation
    }

    /// The alert a rule raises for one match of its condition.
    public init(rule: AlertRule, match: AlertMatch, trigger: AlertTrigger, referralId: UUID? = nil) {
        self.init(
            ruleCode: rule.code, title: rule.title, dedupeKey: "\(rule.code):\(match.key)", trigger: trigger,
            personId: match.personId, uprn: match.uprn, referralId: referralId, agencyCodes: rule.notifyAgencies,
            facts: match.facts, explanation: AlertExplanation.render(rule.explanation, facts: match.facts))
    }
}

/// One place where a condition holds: a stable key (the triggering event, or the person and window bucket of a
/// repeat referral; never a row id that relinking could change), the person or address, and the facts.
public struct AlertMatch: Sendable, Hashable {
    public var key: String
    public var personId: Int64?
    public var uprn: Int64?
    public var facts: [String: String]

    public init(key: String, personId: Int64? = nil, uprn: Int64? = nil, facts: [String: String]) {
        self.key = key
        self.personId = personId
        self.uprn = uprn
        self.facts = facts
    }
}
