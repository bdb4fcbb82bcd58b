/// What happens next to a referral just received, as its acknowledgement tells the referrer: a controlled text keyed
/// by the referral's form. It states the rule and no due time: no clock runs for the threshold decision (the SLA
/// clocks start at the decision), so the acknowledgement promises none.
public enum ReferralNextStep: String, Sendable, Codable, CaseIterable, Hashable {
    /// C1: children's services in the MASH decide whether the concern meets the threshold.
    case childrenThresholdDecision = "children_threshold_decision"
    /// A1: adult services in the MASH decide whether the concern meets the threshold.
    case adultThresholdDecision = "adult_threshold_decision"
    /// PPN: the MASH triages the notification with its DASH risk level and decides on the threshold.
    case domesticAbuseTriage = "domestic_abuse_triage"
    /// MARAC: the MASH decides on the threshold for information sharing ahead of the conference.
    case maracPreparation = "marac_preparation"

    public init(form: ReferralForm) {
        switch form {
        case .c1: self = .childrenThresholdDecision
        case .a1: self = .adultThresholdDecision
        case .ppn: self = .domesticAbuseTriage
        case .marac: self = .maracPreparation
        }
    }

    /// The text in English, as the API gives it (the screens take theirs from the catalogues, keyed by the raw value).
    public var summary: String {
        switch self {
        case .childrenThresholdDecision:
            return "Children's services in the MASH will decide whether the concern meets the threshold for multi-agency information sharing."
        case .adultThresholdDecision:
            return "Adult services in the MASH will decide whether the concern about an adult at risk meets the threshold for multi-agency information sharing."
        case .domesticAbuseTriage:
            return "The MASH will triage the notification with its DASH risk level and decide whether it meets the threshold for multi-agency information sharing."
        case .maracPreparation:
            return "The MASH will decide whether the referral meets the threshold for multi-agency information sharing ahead of the MARAC."
        }
    }
}
