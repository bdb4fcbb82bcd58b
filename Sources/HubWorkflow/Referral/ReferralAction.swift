/// Something done to a referral that may change its ``ReferralStatus``.
public enum ReferralAction: Sendable, Hashable {
    /// Record the threshold decision.
    case decide(ThresholdDecisionKind)
    /// A MASH manager agrees a decision awaiting ratification.
    case ratify
    /// A MASH manager overturns it; the referral returns to triage.
    case overturn

    /// `decide`, `ratify` or `overturn`, as named in an ``InvalidTransition``.
    public var name: String {
        switch self {
        case .decide: return "decide"
        case .ratify: return "ratify"
        case .overturn: return "overturn"
        }
    }
}
