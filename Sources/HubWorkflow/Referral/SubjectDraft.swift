/// A person named in a referral, as the client sent them: dates, NHS number and postcode are still
/// text so that every mistake can be reported at once with its field path.
public struct SubjectDraft: Sendable, Hashable, Codable {
    public var role: SubjectRole
    /// May be blank only for an unborn child.
    public var forename: String
    public var surname: String
    /// Other names the person is known by.
    public var aliases: [String]
    /// `YYYY-MM-DD`; required for a child or an adult at risk, absent for an unborn child.
    public var dateOfBirth: String?
    /// `YYYY-MM-DD`; required for, and only for, an unborn child.
    public var expectedDateOfBirth: String?
    public var gender: Gender?
    /// Ten digits, spaces or dashes allowed; must pass the modulus 11 check.
    public var nhsNumber: String?
    public var addressLines: [String]
    public var town: String?
    public var postcode: String?

    public init(
        role: SubjectRole, forename: String, surname: String, aliases: [String] = [],
        dateOfBirth: String? = nil, expectedDateOfBirth: String? = nil, gender: Gender? = nil,
        nhsNumber: String? = nil, addressLines: [String] = [], town: String? = nil, postcode: String? = nil
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

    private enum CodingKeys: String, CodingKey {
        case role, forename, surname, aliases, dateOfBirth, expectedDateOfBirth, gender, nhsNumber
        case addressLines, town, postcode
    }

    /// `aliases` and `addressLines` may be omitted (empty); `forename` may be omitted for an unborn child.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(SubjectRole.self, forKey: .role)
        forename = try c.decodeIfPresent(String.self, forKey: .forename) ?? ""
        surname = try c.decode(String.self, forKey: .surname)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        dateOfBirth = try c.decodeIfPresent(String.self, forKey: .dateOfBirth)
        expectedDateOfBirth = try c.decodeIfPresent(String.self, forKey: .expectedDateOfBirth)
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender)
        nhsNumber = try c.decodeIfPresent(String.self, forKey: .nhsNumber)
        addressLines = try c.decodeIfPresent([String].self, forKey: .addressLines) ?? []
        town = try c.decodeIfPresent(String.self, forKey: .town)
        postcode = try c.decodeIfPresent(String.self, forKey: .postcode)
    }
}
