/// Identity conflicts: evidence that two otherwise similar records are different people (twins, a parent
/// and child of the same name). A pair with a conflict is never linked automatically.
public struct LinkConflicts: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Both forenames known and not the same name: not equal, not nicknames, no alias or middle name in
    /// common, and more than one keying slip apart even when similar. Twins are often given similar names
    /// (Joseph and Joshua, Ella and Ellie, Patrick and Patricia).
    public static let forenamesDiffer = LinkConflicts(rawValue: 1 << 0)
    /// Both dates of birth known and different beyond a keying slip, comparing what both know
    /// (``IdentityRule/datesOfBirthDifferBeyondSlip(_:_:)``): a year beyond a slip, or two known components
    /// different; not a day/month swap or a single slip. A year-only or year-and-month date conflicts too.
    public static let datesOfBirthDiffer = LinkConflicts(rawValue: 1 << 1)
    /// Genders recorded differently while the forenames do not confirm the person (missing, or not the
    /// same name or a nickname of it): a brother and sister, say, one with no forename recorded.
    public static let gendersDiffer = LinkConflicts(rawValue: 1 << 3)
    /// Both valid NHS numbers known and different.
    public static let nhsNumbersDiffer = LinkConflicts(rawValue: 1 << 2)
    /// Years of birth a generation apart under different forenames (``IdentityRule/ageGapAdultChild``); always with
    /// ``datesOfBirthDiffer``.
    public static let ageGap = LinkConflicts(rawValue: 1 << 4)
    /// Years of birth a generation apart under one name (``IdentityRule/generationGapSameName``), with
    /// ``datesOfBirthDiffer``; or names marked Senior and Junior, or Senior against someone too young to be a father
    /// (``NameGeneration``).
    public static let generationGap = LinkConflicts(rawValue: 1 << 5)
    /// One side has a date of birth, the other none, and no NHS number is shared
    /// (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``). Not evidence of two people, so it does not stop a
    /// link on its own: it makes the link weak (it may not join a person holding a conflicting namesake, nor support
    /// such a join).
    public static let dateOfBirthOnOneSideOnly = LinkConflicts(rawValue: 1 << 6)

    /// ``dateOfBirthOnOneSideOnly`` where the known date is a child's (``LinkageConfiguration/referenceYear``): the pair
    /// is not linked automatically. Not a conflict of identity either (no constraint between the records).
    public static let noDateOfBirthAgainstChild = LinkConflicts(rawValue: 1 << 7)

    /// The conflicts that say two records are two people (all but ``dateOfBirthOnOneSideOnly``).
    public static let identity: LinkConflicts = [.forenamesDiffer, .datesOfBirthDiffer, .gendersDiffer, .nhsNumbersDiffer, .ageGap, .generationGap]
}
