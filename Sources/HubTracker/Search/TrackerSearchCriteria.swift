import Foundation
import HubData

/// What a user searches the tracker by, alone or combined: a name (typos, sound-alikes, nicknames and
/// forename/surname swapped all still match), a full or partial date of birth, any part of an address, a
/// postcode or its prefix, a partner's reference id, an NHS number.
public struct TrackerSearchCriteria: Sendable, Hashable, Codable {
    /// A whole name (`Shira Peters`, `PETERS, Shira`); used when forename and surname are not given.
    public var name: String?
    public var forename: String?
    public var surname: String?
    /// `2010`, `2010-01` or `2010-01-08`.
    public var dateOfBirth: String?
    public var address: String?
    /// A full postcode (`PP2 5GN`, `pp25gn`) or a prefix (`PP2`, `PP2 5`).
    public var postcode: String?
    /// A partner's `source_record_id`.
    public var referenceId: String?
    public var nhsNumber: String?

    public init(name: String? = nil, forename: String? = nil, surname: String? = nil, dateOfBirth: String? = nil,
                address: String? = nil, postcode: String? = nil, referenceId: String? = nil, nhsNumber: String? = nil) {
        self.name = name
        self.forename = forename
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.postcode = postcode
        self.referenceId = referenceId
        self.nhsNumber = nhsNumber
    }

    /// A criterion that cannot be searched by: the field and why.
    /// The criteria in use, by name (audited instead of their values).
    public var namesInUse: [String] {
        [("name", name), ("forename", forename), ("surname", surname), ("dateOfBirth", dateOfBirth), ("address", address),
         ("postcode", postcode), ("referenceId", referenceId), ("nhsNumber", nhsNumber)]
            .filter { !($0.1?.trimmingCharacters(in: .whitespaces).isEmpty ?? true) }.map(\.0)
    }

    public struct Invalid: Error, Sendable, Hashable {
        public let field: String
        public let message: String
    }

    /// The criteria cleansed the way records are, ready for ``TrackerSearchStore``.
    public func terms(limit: Int = 20, names: PersonNameCleanser = PersonNameCleanser()) throws -> TrackerSearchTerms {
        func given(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        var terms = TrackerSearchTerms()
        terms.limit = limit
        var cleansedName: CleansedName?
        if given(forename) != nil || given(surname) != nil {
            cleansedName = names.cleanse(forename: given(forename), surname: given(surname))
        } else if let name = given(name) {
            cleansedName = names.cleanse(fullName: name)
        }
        if let cleansedName {
            terms.forename = cleansedName.forename ?? ""
            terms.surname = cleansedName.surname ?? ""
            terms.forenamePhonetic = cleansedName.forenamePhonetic?.primary ?? ""
            terms.surnamePhonetic = cleansedName.surnamePhonetic?.primary ?? ""
            terms.canonicalForenames = cleansedName.canonicalForenames
        }
        if let text = given(dateOfBirth) {
            let parts = text.split(separator: "-").map { Int($0) }
            guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), text.split(separator: "-").first?.count == 4 else {
                throw Invalid(field: "dateOfBirth", message: "must be YYYY, YYYY-MM or YYYY-MM-DD")
            }
            terms.dobYear = parts[0]!
            if parts.count > 1 {
                guard (1...12).contains(parts[1]!) else { throw Invalid(field: "dateOfBirth", message: "has no such month") }
                terms.dobMonth = parts[1]!
            }
            if parts.count > 2 {
                guard (1...31).contains(parts[2]!) else { throw Invalid(field: "dateOfBirth", message: "has no such day") }
                terms.dobDay = parts[2]!
            }
        }
        if let text = given(address) { terms.address = AddressCleanser().searchText(text) }
        if let text = given(postcode) {
            if let full = FeedRowValidator.normalisedPostcode(text) {
                terms.postcode = full
            } else {
                let prefix = text.uppercased().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                guard prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }) else {
                    throw Invalid(field: "postcode", message: "must be a postcode or the start of one")
                }
                terms.postcodePrefix = prefix
            }
        }
        if let text = given(referenceId) { terms.referenceId = text }
        if let text = given(nhsNumber) {
            let digits = text.filter { $0 != " " && $0 != "-" }
            guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Invalid(field: "nhsNumber", message: "must be 10 digits")
            }
            terms.nhsNumber = digits
        }
        guard !terms.isEmpty else { throw Invalid(field: "criteria", message: "give at least one of name, forename, surname, dateOfBirth, address, postcode, referenceId, nhsNumber") }
        return terms
    }
}
