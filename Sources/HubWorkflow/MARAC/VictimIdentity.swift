/// What identifies a victim when two referrals are compared: names, date of birth and NHS number.
public struct VictimIdentity: Sendable, Hashable {
    public let forename: String
    public let surname: String
    public let dateOfBirth: CalendarDate?
    public let nhsNumber: NHSNumber?

    public init(forename: String, surname: String, dateOfBirth: CalendarDate?, nhsNumber: NHSNumber?) {
        self.forename = forename
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.nhsNumber = nhsNumber
    }

    public init(_ subject: ReferralSubject) {
        self.init(forename: subject.forename, surname: subject.surname, dateOfBirth: subject.dateOfBirth, nhsNumber: subject.nhsNumber)
    }

    /// The victims a referral names (subjects whose role is `victim`).
    public static func victims(of referral: Referral) -> [VictimIdentity] {
        referral.subjects.filter { $0.role == .victim }.map(VictimIdentity.init)
    }

    /// The same person: by NHS number when both have one (two different numbers are two people, whatever their
    /// names); otherwise by forename, surname (case aside) and date of birth, which both must have.
    public func isSamePerson(as other: VictimIdentity) -> Bool {
        if let mine = nhsNumber, let theirs = other.nhsNumber { return mine == theirs }
        guard let born = dateOfBirth, born == other.dateOfBirth else { return false }
        return Self.folded(forename) == Self.folded(other.forename) && Self.folded(surname) == Self.folded(other.surname)
    }

    /// A name as it is compared: trimmed and lower-cased.
    public static func folded(_ name: String) -> String { FieldCheck.trimmed(name).lowercased() }
}
