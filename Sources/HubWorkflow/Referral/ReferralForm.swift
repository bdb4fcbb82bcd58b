/// The form a concern arrives on. Each form has its own validation rules and decides which service
/// triages the referral.
public enum ReferralForm: String, Sendable, Codable, CaseIterable, Hashable {
    /// C1: a safeguarding concern about a child (or an unborn child).
    case c1
    /// A1: a concern about an adult at risk.
    case a1
    /// Police Public Protection Notice for domestic abuse, carrying a DASH risk assessment.
    case ppn
    /// Referral to the Multi-Agency Risk Assessment Conference (high-risk domestic abuse).
    case marac

    /// True for the domestic abuse forms (PPN and MARAC), whose incidents may use the domestic abuse
    /// outcome list.
    public var isDomesticAbuse: Bool { self == .ppn || self == .marac }

    /// True when the form carries a DASH risk assessment (required on a PPN, optional on a MARAC
    /// referral, not taken on C1 or A1).
    public var acceptsDASH: Bool { isDomesticAbuse }

    /// The service that triages a referral on this form about these subjects: C1 goes to children's
    /// services, A1 to adult services; PPN and MARAC go to children's services when any subject is a
    /// child or unborn, otherwise to adult services.
    public func service(forSubjectRoles roles: some Sequence<SubjectRole>) -> SafeguardingService {
        switch self {
        case .c1: return .children
        case .a1: return .adults
        case .ppn, .marac: return roles.contains(where: \.isChild) ? .children : .adults
        }
    }
}
