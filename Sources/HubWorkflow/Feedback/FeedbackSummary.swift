/// What a referrer was told, as a controlled summary (the decision in words a referrer outside the MASH can be given
/// without sharing anything about the family they should not hear). Free text goes in the optional note.
public enum FeedbackSummary: String, Sendable, Codable, CaseIterable, Hashable {
    /// The concern met the threshold: partners are sharing information and children's or adult services will act.
    case sharingInformation = "sharing_information"
    /// No further action by the MASH.
    case noFurtherAction = "no_further_action"
    /// Information, advice and assistance were given.
    case informationAdviceAssistance = "information_advice_assistance"
    /// The family was signposted to another service.
    case signposted
    /// The decision is awaiting a manager's ratification; the referrer will hear again if it changes.
    case decisionAwaitingRatification = "decision_awaiting_ratification"

    /// The summary that fits a threshold decision (what Hub records when the referrer reads it in "referrals we made").
    public init(decision: ThresholdDecisionKind) {
        switch decision {
        case .meetsThreshold: self = .sharingInformation
        case .noFurtherAction: self = .noFurtherAction
        case .informationAdviceAssistance: self = .informationAdviceAssistance
        case .signposting: self = .signposted
        }
    }

    /// The words given to the referrer, in English (the screens' catalogues hold the Welsh).
    public var text: String {
        switch self {
        case .sharingInformation:
            return "Thank you for your referral. It met the threshold for multi-agency information sharing and the MASH partners are acting on it."
        case .noFurtherAction:
            return "Thank you for your referral. The MASH has considered it and will take no further action."
        case .informationAdviceAssistance:
            return "Thank you for your referral. The MASH has considered it and information, advice and assistance have been given."
        case .signposted:
            return "Thank you for your referral. The MASH has considered it and the family has been directed to another service that can help."
        case .decisionAwaitingRatification:
            return "Thank you for your referral. The MASH has made a decision, which a manager is checking; we will tell you if it changes."
        }
    }
}
