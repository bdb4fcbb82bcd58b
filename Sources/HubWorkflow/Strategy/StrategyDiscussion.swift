import Foundation

/// A record of a strategy discussion, strategy meeting or daily domestic abuse discussion about an
/// incident: who attended for which agency, what was considered, what was decided, the outcome and
/// the actions agreed.
public struct StrategyDiscussion: Sendable, Hashable, Codable {
    /// Most attendees one discussion may record.
    public static let maximumAttendees = 50
    /// Most actions one discussion may record.
    public static let maximumActions = 50

    public var kind: StrategyDiscussionKind
    public var heldAt: Date
    public var chair: DiscussionParticipant
    /// Everyone else present, by agency; at least one.
    public var attendees: [DiscussionParticipant]
    /// The information the discussion considered (shared by partners and brought to it).
    public var informationConsidered: String
    /// What was decided, and why.
    public var decisions: String
    /// The outcome, from the lists ``OutcomeList/permitted(for:kind:)`` allows; nil when not (yet)
    /// recorded.
    public var outcome: StrategyOutcome?
    public var actions: [AgreedAction]

    public init(
        kind: StrategyDiscussionKind, heldAt: Date, chair: DiscussionParticipant, attendees: [DiscussionParticipant],
        informationConsidered: String, decisions: String, outcome: StrategyOutcome? = nil, actions: [AgreedAction] = []
    ) {
        self.kind = kind
        self.heldAt = heldAt
        self.chair = chair
        self.attendees = attendees
        self.informationConsidered = informationConsidered
        self.decisions = decisions
        self.outcome = outcome
        self.actions = actions
    }

    private enum CodingKeys: String, CodingKey {
        case kind, heldAt, chair, attendees, informationConsidered, decisions, outcome, actions
    }

    /// `outcome` and `actions` may be omitted.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(StrategyDiscussionKind.self, forKey: .kind)
        heldAt = try c.decode(Date.self, forKey: .heldAt)
        chair = try c.decode(DiscussionParticipant.self, forKey: .chair)
        attendees = try c.decode([DiscussionParticipant].self, forKey: .attendees)
        informationConsidered = try c.decode(String.self, forKey: .informationConsidered)
        decisions = try c.decode(String.self, forKey: .decisions)
        outcome = try c.decodeIfPresent(StrategyOutcome.self, forKey: .outcome)
        actions = try c.decodeIfPresent([AgreedAction].self, forKey: .actions) ?? []
    }

    /// The outcomes this discussion may record about `incident`.
    public func permittedOutcomes(for incident: Incident) -> [StrategyOutcome] {
        OutcomeList.outcomes(in: OutcomeList.permitted(for: incident, kind: kind))
    }

    /// Every rule the record breaks, with JSON field paths; empty when valid.
    ///
    /// Held no later than `now` (allowing ``ReferralDraft/clockSkewTolerance``) and not before the
    /// incident opened; chair and at least one attendee, each named with an agency code; information
    /// considered and decisions required; the outcome, when given, on a permitted list; each action
    /// owned, described and due no earlier than the day of the discussion in `timeZone`.
    public func validate(for incident: Incident, now: Date, timeZone: TimeZone = TimeZone.london) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if heldAt > now.addingTimeInterval(ReferralDraft.clockSkewTolerance) {
            issues.append(ValidationIssue(field: "heldAt", message: "a discussion cannot be recorded before it is held"))
        } else if heldAt < incident.openedAt.addingTimeInterval(-60) {
            // Forms give the time to the minute: a discussion in the minute the incident opened is not before it.
            issues.append(ValidationIssue(field: "heldAt", message: "a discussion cannot be held before the incident was opened"))
        }
        issues += chair.validate(prefix: "chair")
        if attendees.isEmpty {
            issues.append(ValidationIssue(field: "attendees", message: "at least one attendee is required"))
        } else if attendees.count > Self.maximumAttendees {
            issues.append(ValidationIssue(field: "attendees", message: "at most \(Self.maximumAttendees) attendees"))
        }
        for (index, attendee) in attendees.enumerated() {
            issues += attendee.validate(prefix: "attendees[\(index)]")
        }
        issues += FieldCheck.required(
            informationConsidered, field: "informationConsidered", limit: TextLimits.information,
            label: "information considered")
        issues += FieldCheck.required(decisions, field: "decisions", limit: TextLimits.information, label: "decisions")

        if let outcome {
            let lists = OutcomeList.permitted(for: incident, kind: kind)
            if !OutcomeList.outcomes(in: lists).contains(outcome) {
                let names = lists.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: " or ")
                issues.append(ValidationIssue(
                    field: "outcome", message: "\(outcome.rawValue) is not on the \(names) outcome list for this discussion"))
            }
        }

        if actions.count > Self.maximumActions {
            issues.append(ValidationIssue(field: "actions", message: "at most \(Self.maximumActions) actions"))
        }
        let discussionDay = CalendarDate(heldAt, in: timeZone)
        for (index, action) in actions.enumerated() {
            issues += action.validate(prefix: "actions[\(index)]", discussionDay: discussionDay)
        }
        return issues
    }

    /// Self with text trimmed, or a ``ValidationFailure`` carrying every issue.
    public func validated(for incident: Incident, now: Date, timeZone: TimeZone = TimeZone.london) throws(ValidationFailure) -> StrategyDiscussion {
        let issues = validate(for: incident, now: now, timeZone: timeZone)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        func tidy(_ p: DiscussionParticipant) -> DiscussionParticipant {
            DiscussionParticipant(name: FieldCheck.trimmed(p.name), agency: p.agency)
        }
        return StrategyDiscussion(
            kind: kind, heldAt: heldAt, chair: tidy(chair), attendees: attendees.map(tidy),
            informationConsidered: FieldCheck.trimmed(informationConsidered),
            decisions: FieldCheck.trimmed(decisions), outcome: outcome,
            actions: actions.map {
                AgreedAction(ownerAgency: $0.ownerAgency, description: FieldCheck.trimmed($0.description), dueDate: $0.dueDate)
            })
    }
}
