/// The kind of multi-agency discussion held about an incident.
public enum StrategyDiscussionKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A strategy discussion in the MASH, usually the same day and within 24 hours of the decision
    /// to hold one (often by telephone or conference call).
    case strategyDiscussion = "strategy_discussion"
    /// A formal strategy meeting.
    case strategyMeeting = "strategy_meeting"
    /// The MASH daily domestic abuse discussion, which may use the domestic abuse outcome list.
    case domesticAbuseDailyDiscussion = "domestic_abuse_daily_discussion"
}
