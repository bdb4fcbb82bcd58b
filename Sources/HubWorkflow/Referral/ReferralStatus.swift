/// Where a referral is in triage.
///
/// ```
/// received ──decide(meets_threshold)──────────────▶ threshold_met   (incident opened)
/// received ──decide(other), adult services────────▶ closed
/// received ──decide(other), children's services───▶ awaiting_ratification
/// awaiting_ratification ──ratify──▶ ratified        (closed)
/// awaiting_ratification ──overturn──▶ received      (decide again)
/// ```
public enum ReferralStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Waiting for a threshold decision.
    case received
    /// Met the threshold; an incident has been opened.
    case thresholdMet = "threshold_met"
    /// A children's services decision not to share, waiting for a MASH manager.
    case awaitingRatification = "awaiting_ratification"
    /// That decision was ratified; the referral is closed.
    case ratified
    /// Closed without sharing by a decision that needed no ratification.
    case closed

    /// True when nothing more can happen to the referral.
    public var isFinal: Bool {
        switch self {
        case .thresholdMet, .ratified, .closed: return true
        case .received, .awaitingRatification: return false
        }
    }

    /// The status after `action` on a referral triaged by `service`, or ``InvalidTransition`` when
    /// the action is not allowed now.
    public func applying(_ action: ReferralAction, service: SafeguardingService) throws(InvalidTransition) -> ReferralStatus {
        switch (self, action) {
        case (.received, .decide(let kind)):
            if kind.meetsThreshold { return .thresholdMet }
            return kind.requiresRatification(for: service) ? .awaitingRatification : .closed
        case (.awaitingRatification, .ratify):
            return .ratified
        case (.awaitingRatification, .overturn):
            return .received
        default:
            throw InvalidTransition(entity: "referral", state: rawValue, action: action.name)
        }
    }
}
