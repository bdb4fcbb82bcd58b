/// The part a person plays in a referral.
public enum SubjectRole: String, Sendable, Codable, CaseIterable, Hashable {
    /// A child (under 18) the concern is about.
    case child
    /// An adult (18 or over) at risk of abuse or neglect.
    case adultAtRisk = "adult_at_risk"
    /// The victim of domestic abuse.
    case victim
    /// The alleged person causing harm (alleged perpetrator).
    case allegedPersonCausingHarm = "alleged_person_causing_harm"
    /// A parent or carer of a subject.
    case parentCarer = "parent_carer"
    /// Someone else living in the household.
    case householdMember = "household_member"
    /// An unborn child, recorded with an expected date of birth.
    case unborn

    /// True for a child or an unborn child: roles that make a PPN or MARAC referral a children's matter.
    public var isChild: Bool { self == .child || self == .unborn }
}
