/// The kind of harm a concern describes. A referral may name several.
public enum ConcernCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case neglect
    case physical
    case sexual
    case emotional
    case financial
    case domesticAbuse = "domestic_abuse"
    /// Child sexual or criminal exploitation, county lines, trafficking for exploitation.
    case exploitation
    case selfNeglect = "self_neglect"
    case modernSlavery = "modern_slavery"
    case radicalisation
    /// Abuse within an institution or care setting.
    case institutional
    case other
}
