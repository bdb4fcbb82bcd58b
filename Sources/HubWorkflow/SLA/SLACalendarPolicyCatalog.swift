/// The calendar policies a deployment offers, by identifier, so a stored identifier (`"working-week"`) can be turned
/// back into a policy. Later registrations replace earlier ones with the same identifier.
public struct SLACalendarPolicyCatalog: Sendable, Hashable {
    private var policiesByIdentifier: [String: SLACalendarPolicy]

    public init(_ policies: [SLACalendarPolicy]) {
        policiesByIdentifier = [:]
        for policy in policies { policiesByIdentifier[policy.identifier] = policy }
    }

    /// `continuous`, `working-hours` and `working-week`, the last two excluding `holidays`.
    public static func standard(holidays: BankHolidayCalendar = .englandAndWales) -> SLACalendarPolicyCatalog {
        SLACalendarPolicyCatalog([
            .continuous,
            .workingTime(.officeHours(holidays: holidays)),
            .workingTime(.workingWeek(holidays: holidays)),
        ])
    }

    /// The policy stored as `identifier`, if this catalog has it.
    public func policy(identifier: String) -> SLACalendarPolicy? {
        policiesByIdentifier[identifier]
    }

    /// Every identifier, sorted.
    public var identifiers: [String] {
        policiesByIdentifier.keys.sorted()
    }

    /// This catalog with `policy` added (replacing any policy with the same identifier).
    public func adding(_ policy: SLACalendarPolicy) -> SLACalendarPolicyCatalog {
        var copy = self
        copy.policiesByIdentifier[policy.identifier] = policy
        return copy
    }
}
