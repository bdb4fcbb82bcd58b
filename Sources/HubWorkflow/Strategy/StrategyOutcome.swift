/// The outcome of a strategy discussion, from the controlled lists in ``OutcomeList``. An incident
/// with no outcome recorded has none (reports show it as "none recorded", never hide it).
public enum StrategyOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    // Children
    /// Child protection enquiry: Section 47 (Children Act 1989) in England, Part 7 of the Social
    /// Services and Well-being (Wales) Act 2014 in Wales.
    case childProtectionEnquiry = "child_protection_enquiry"
    case proportionateAssessment = "proportionate_assessment"
    /// Assessment of care and support needs (children or adults).
    case careAndSupportAssessment = "care_and_support_assessment"
    case earlyHelp = "early_help"
    case furtherStrategyMeeting = "further_strategy_meeting"
    /// No further action about a child, with information and advice (signposting) given.
    case noFurtherActionWithAdvice = "no_further_action_with_advice"

    // Adults
    /// Adult at risk enquiry (Section 126, Social Services and Well-being (Wales) Act 2014).
    case adultAtRiskEnquiry = "adult_at_risk_enquiry"
    case strategyMeeting = "strategy_meeting"
    /// No further action (adults, domestic abuse).
    case noFurtherAction = "no_further_action"

    // Domestic abuse
    /// Referral to the Multi-Agency Risk Assessment Conference.
    case maracReferral = "marac_referral"
    case safetyPlanning = "safety_planning"
}
