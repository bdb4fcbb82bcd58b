/// What became of the risk to an adult at risk when their incident closed, as the board's report "adult cases with
/// risk reduced or removed at closure" counts it (Making Safeguarding Personal's measure).
public enum AdultRiskAtClosure: String, Sendable, Codable, CaseIterable, Hashable {
    /// The risk is still there but lower than when the concern was raised.
    case reduced
    /// The risk is gone.
    case removed
    /// The risk is as it was (or greater).
    case remains
}
