/// Identity conflicts: evidence that two otherwise similar records are different people (twins, a parent
/// and child of the same name). A pair with a conflict is never linked automatically.
public struct LinkConflicts: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Both forenames known and not the same name: not equal, not nicknames, no alias or middle name in
    /// common, and more than one keying slip apart even when similar. Twins are often given similar names
    /// (Joseph and Joshua, Ella and Ellie, Patrick and Patricia).
    public static let forenamesDiffer = LinkConflicts(rawValue: 1 << 0)
    /// Both dates of birth complete and nothing but perhaps the year (±1) in common: not a swap or a single slip.
    public static let datesOfBirthDiffer = LinkConflicts(rawValue: 1 << 1)
    /// Genders recorded differently while the forenames do not confirm the person (missing, or not the
    /// same name or a nickname of it): a brother and sister, say, one with no forename recorded.
    public static let gendersDiffer = LinkConflicts(rawValue: 1 << 3)
    /// Both valid NHS numbers known and different.
    public static let nhsNumbersDiffer = LinkConflicts(rawValue: 1 << 2)
}
