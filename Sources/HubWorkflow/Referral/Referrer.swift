/// Who made the referral: a professional from a partner agency, or a member of the public.
public struct Referrer: Sendable, Hashable, Codable {
    public var name: String
    /// Job title or relationship to the subject (`Health visitor`, `Neighbour`). Required for
    /// professionals.
    public var role: String?
    /// The referrer's agency code (`police`, `education`); absent for a member of the public.
    public var agency: String?
    public var phone: String?
    public var email: String?

    public init(name: String, role: String? = nil, agency: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.role = role
        self.agency = agency
        self.phone = phone
        self.email = email
    }

    /// True when no agency is given.
    public var isMemberOfThePublic: Bool { FieldCheck.isBlank(agency) }

    /// Name required; a professional needs a role, a valid agency code and a phone number or email;
    /// any phone or email given must look like one. Fields are named under `prefix` (`referrer`).
    public func validate(prefix: String = "referrer") -> [ValidationIssue] {
        var issues = FieldCheck.required(name, field: "\(prefix).name", limit: TextLimits.name, label: "name")
        issues += FieldCheck.optional(role, field: "\(prefix).role", limit: TextLimits.role, label: "role")
        if let phone, !FieldCheck.isBlank(phone) {
            issues += FieldCheck.phone(FieldCheck.trimmed(phone), field: "\(prefix).phone")
        }
        if let email, !FieldCheck.isBlank(email) {
            issues += FieldCheck.email(FieldCheck.trimmed(email), field: "\(prefix).email")
        }
        if let agency, !isMemberOfThePublic {
            issues += FieldCheck.agencyCode(agency, field: "\(prefix).agency")
            if FieldCheck.isBlank(role) {
                issues.append(ValidationIssue(field: "\(prefix).role", message: "a professional referrer's role is required"))
            }
            if FieldCheck.isBlank(phone) && FieldCheck.isBlank(email) {
                issues.append(ValidationIssue(
                    field: "\(prefix).phone", message: "a professional referrer needs a telephone number or email address"))
            }
        }
        return issues
    }

    /// The same referrer with surrounding white space removed and blank optionals dropped.
    var tidied: Referrer {
        func tidy(_ value: String?) -> String? { FieldCheck.isBlank(value) ? nil : value.map(FieldCheck.trimmed) }
        return Referrer(
            name: FieldCheck.trimmed(name), role: tidy(role), agency: tidy(agency),
            phone: tidy(phone), email: tidy(email))
    }
}
