/// Why an incident closed without a strategy discussion's outcome: the information sharing was enough. An incident
/// closed after a discussion keeps the discussion's ``StrategyOutcome`` and has none of these.
public enum ClosureOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// Information shared, no further multi-agency action: the partners' answers settled the concern.
    case informationSharedNoFurtherAction = "information_shared_no_further_action"
    /// Information shared; one agency (usually the lead service) acts on it alone, without a strategy discussion.
    case singleAgencyAction = "single_agency_action"
    /// The concern is already handled under another incident; this one closes as its duplicate.
    case duplicate
}
