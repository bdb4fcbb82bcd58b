import Foundation
import HubData
import HubWorkflow

/// How a tracker record compares with a referral's subject, field by field, and how strong a match that makes.
/// The tracker panel shows a candidate's personal details only when the match is ``Strength/strong`` or
/// ``Strength/possible``: a shared postcode or address alone, a name alone or a date of birth alone is never
/// enough (docs/screens.md states the rules).
public struct PanelMatch: Sendable, Hashable {
    /// How one field compares.
    public enum Agreement: String, Sendable, Hashable, Codable, CaseIterable {
        /// The same value.
        case same
        /// Close: a nickname, a sound-alike name, the same year of birth, day and month swapped, one digit wrong.
        case similar
        case different
        /// One side does not hold it.
        case unknown
    }

    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case nhsNumber, name, dateOfBirth, postcode, address
    }

    public struct Reason: Sendable, Hashable {
        public let field: Field
        public let agreement: Agreement
    }

    public enum Strength: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
        /// The same NHS number (with no conflicting date of birth), or the same name and date of birth.
        case strong
        /// The same or a close name and a close date of birth, or the same name and the same address or postcode
        /// when a date of birth is not known on one side.
        case possible
        /// Anything less: not shown with personal details.
        case weak

        private var rank: Int { self == .strong ? 2 : self == .possible ? 1 : 0 }
        public static func < (a: Strength, b: Strength) -> Bool { a.rank < b.rank }
    }

    public let reasons: [Reason]
    public let strength: Strength

    public func agreement(_ field: Field) -> Agreement { reasons.first { $0.field == field }?.agreement ?? .unknown }

    /// The subject compared with one record.
    public static func compare(_ subject: ReferralSubject, with record: TrackerRecordSummary, names: PersonNameCleanser = PersonNameCleanser())
        -> PanelMatch
    {
        let reasons = [
            Reason(field: .nhsNumber, agreement: nhsNumber(subject.nhsNumber?.digits, record.nhsNumber)),
            Reason(field: .name, agreement: name(subject, record, names: names)),
            Reason(field: .dateOfBirth, agreement: dateOfBirth(subject.dateOfBirth, record.dateOfBirth)),
            Reason(field: .postcode, agreement: postcode(subject.postcode?.normalised, record.postcode)),
            Reason(field: .address, agreement: address(subject.addressLines.first, record.addressLine1)),
        ]
        return PanelMatch(reasons: reasons, strength: strength(reasons))
    }

    static func strength(_ reasons: [Reason]) -> Strength {
        func a(_ field: Field) -> Agreement { reasons.first { $0.field == field }?.agreement ?? .unknown }
        let (nhs, name, born, postcode, address) = (a(.nhsNumber), a(.name), a(.dateOfBirth), a(.postcode), a(.address))
        if nhs == .same && born != .different && name != .different { return .strong }
        if name == .same && born == .same { return .strong }
        let nameClose = name == .same || name == .similar
        if nameClose && (born == .same || born == .similar) && nhs != .different { return .possible }
        if name == .same && born == .unknown && (postcode == .same || address == .same) && nhs != .different { return .possible }
        return .weak
    }

    static func nhsNumber(_ a: String?, _ b: String?) -> Agreement {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return .unknown }
        return a == b ? .same : .different
    }

    static func name(_ subject: ReferralSubject, _ record: TrackerRecordSummary, names: PersonNameCleanser) -> Agreement {
        let left = names.cleanse(forename: subject.forename, surname: subject.surname)
        let right = names.cleanse(forename: record.forename, surname: record.surname)
        guard let leftSurname = left.surname, let rightSurname = right.surname else { return .unknown }
        let surnames: Agreement = leftSurname == rightSurname ? .same
            : (left.surnamePhonetic != nil && left.surnamePhonetic == right.surnamePhonetic) ? .similar : .different
        guard surnames != .different else {
            // A forename-surname swap, or the subject known by one of the record's aliases.
            let aliases = record.aliases.map { names.cleanse(fullName: $0) }
            if aliases.contains(where: { $0.surname == leftSurname && $0.forename == left.forename }) { return .similar }
            if left.forename == rightSurname && right.forename == leftSurname { return .similar }
            return .different
        }
        guard let leftForename = left.forename, let rightForename = right.forename else { return surnames == .same ? .similar : .different }
        if leftForename == rightForename { return surnames }
        if !Set(left.canonicalForenames).isDisjoint(with: right.canonicalForenames) { return .similar }
        if left.forenamePhonetic != nil && left.forenamePhonetic == right.forenamePhonetic { return .similar }
        return .different
    }

    static func dateOfBirth(_ subject: CalendarDate?, _ record: String?) -> Agreement {
        guard let subject, let record, let other = CalendarDate(record) else { return .unknown }
        if subject == other { return .same }
        if subject.year == other.year && subject.month == other.day && subject.day == other.month { return .similar }
        let a = Array(subject.iso8601.utf8), b = Array(other.iso8601.utf8)
        if a.count == b.count && zip(a, b).filter({ $0 != $1 }).count == 1 { return .similar }
        return .different
    }

    static func postcode(_ a: String?, _ b: String?) -> Agreement {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return .unknown }
        return a.replacingOccurrences(of: " ", with: "").uppercased() == b.replacingOccurrences(of: " ", with: "").uppercased() ? .same : .different
    }

    static func address(_ a: String?, _ b: String?) -> Agreement {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return .unknown }
        let cleanser = AddressCleanser()
        return cleanser.searchText(a) == cleanser.searchText(b) ? .same : .different
    }
}
