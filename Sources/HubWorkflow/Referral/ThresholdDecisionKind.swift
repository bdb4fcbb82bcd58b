/// What triage decided about a referral.
public enum ThresholdDecisionKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Meets the threshold for multi-agency information sharing: an incident is opened.
    case meetsThreshold = "meets_threshold"
    /// No further action.
    case noFurtherAction = "no_further_action"
    /// Information, advice and assistance given to the family or referrer.
    case informationAdviceAssistance = "information_advice_assistance"
    /// Signposted to another service.
    case signposting

    /// True when the referral goes on to become an incident.
    public var meetsThreshold: Bool { self == .meetsThreshold }

    /// True when this decision, made by `service`, must be ratified by a MASH manager before the
    /// referral closes: every decision not to share about a child, and a decision to take no further action
    /// about an adult at risk. Adult services' advice and signposting decisions stand.
    public func requiresRatification(for service: SafeguardingService) -> Bool {
        switch service {
        case .children: return !meetsThreshold
        case .adults: return self == .noFurtherAction
        }
    }
}
