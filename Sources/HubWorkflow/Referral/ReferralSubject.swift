/// A person named in a validated referral: names trimmed, dates, NHS number and postcode parsed.
public struct ReferralSubject: Sendable, Hashable, Codable {
    public var role: SubjectRole
    /// Empty only for an unborn child whose name is not yet known.
    public var forename: String
    public var surname: String
    public var aliases: [String]
    public var dateOfBirth: CalendarDate?
    /// Set only for an unborn child.
    public var expectedDateOfBirth: CalendarDate?
    public var gender: Gender
    public var nhsNumber: NHSNumber?
    public var addressLines: [String]
    public var town: String?
    public var postcode: UKPostcode?

    public init(
        role: SubjectRole, forename: String, surname: String, aliases: [String] = [],
        dateOfBirth: CalendarDate? = nil, expectedDateOfBirth: CalendarDate? = nil, gender: Gender = .unknown,
        nhsNumber: NHSNumber? = nil, addressLines: [String] = [], town: String? = nil, postcode: UKPostcode? = nil
    ) {
        self.role = role
        self.forename = forename
        self.surname = surname
        self.aliases = aliases
        self.dateOfBirth = dateOfBirth
        self.expectedDateOfBirth = expectedDateOfBirth
        self.gender = gender
        self.nhsNumber = nhsNumber
        self.addressLines = addressLines
        self.town = town
        self.postcode = postcode
    }

    /// Whole years of age on `date`, or nil when the date of birth is not known (or the subject is unborn).
    public func age(on date: CalendarDate) -> Int? {
        dateOfBirth.map { $0.age(on: date) }
    }
}
