/// A blocking rule: only records that share the rule's key are compared. The union of a few rules finds
/// nearly every true match while comparing a tiny fraction of all pairs; a pair that several rules find is
/// compared once.
public enum BlockingRule: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The same valid NHS number.
    case nhsNumber
    /// The same surname Double Metaphone code and year of birth (any alias or surname part counts).
    case surnamePhoneticAndBirthYear
    /// The same postcode and forename initial.
    case postcodeAndForenameInitial
    /// The same complete date of birth.
    case dateOfBirth
    /// The same forename and surname Double Metaphone codes, in either order (finds people whose date of
    /// birth and address both changed or are missing, and names entered the wrong way round).
    case namePhonetics
    /// The same UPRN.
    case uprn

    /// NHS number; surname sound and birth year; postcode and forename initial; date of birth. Adding
    /// ``namePhonetics`` and ``uprn`` finds a few more candidate pairs for about 60% more comparisons, and
    /// did not improve results on generated data.
    public static let defaults: [BlockingRule] = [
        .nhsNumber, .surnamePhoneticAndBirthYear, .postcodeAndForenameInitial, .dateOfBirth,
    ]

    /// The fields whose agreement the rule guarantees (or favours), so that parameter estimation on the
    /// rule's pairs leaves them out.
    var conditionedFields: Set<LinkageField> {
        switch self {
        case .nhsNumber: return [.nhsNumber]
        case .surnamePhoneticAndBirthYear: return [.surname, .dateOfBirth]
        case .postcodeAndForenameInitial: return [.address, .forename]
        case .dateOfBirth: return [.dateOfBirth]
        case .namePhonetics: return [.forename, .surname]
        case .uprn: return [.address]
        }
    }

    public var description: String {
        switch self {
        case .nhsNumber: return "NHS number"
        case .surnamePhoneticAndBirthYear: return "surname sound + birth year"
        case .postcodeAndForenameInitial: return "postcode + forename initial"
        case .dateOfBirth: return "date of birth"
        case .namePhonetics: return "forename sound + surname sound"
        case .uprn: return "UPRN"
        }
    }

    /// True when a record can have more than one key under this rule (aliases, double-barrelled surnames).
    func mayHaveSeveralKeys(_ record: Int, in records: EncodedRecords) -> Bool {
        switch self {
        case .nhsNumber, .dateOfBirth, .uprn:
            return false
        case .postcodeAndForenameInitial, .namePhonetics:
            return records.hasAliases(record)
        case .surnamePhoneticAndBirthYear:
            if records.hasAliases(record) { return true }
            let surname = records.surname[record]
            return surname >= 0 && records.surnamePartStart[Int(surname)] != records.surnamePartStart[Int(surname) + 1]
        }
    }

    /// The record's key when it has exactly one (the common case, allocation-free); nil when it has none.
    /// Only meaningful when ``mayHaveSeveralKeys(_:in:)`` is false.
    @inline(__always)
    func singleKey(_ record: Int, in records: EncodedRecords) -> UInt64? {
        switch self {
        case .nhsNumber:
            let nhs = records.nhs[record]
            return nhs == 0 ? nil : nhs
        case .dateOfBirth:
            let dob = records.dateOfBirth[record]
            return dob != 0 && dob & 0x1F != 0 && (dob >> 5) & 0xF != 0 ? UInt64(dob) : nil
        case .uprn:
            let uprn = records.uprn[record]
            return uprn == 0 ? nil : UInt64(bitPattern: uprn)
        case .surnamePhoneticAndBirthYear:
            let year = records.year(record)
            let surname = records.surname[record]
            guard year != 0, surname >= 0 else { return nil }
            return surnameYearKey(surname, year: year, records)
        case .postcodeAndForenameInitial:
            let postcode = records.postcode[record]
            let forename = records.forename[record]
            guard postcode >= 0, forename >= 0 else { return nil }
            return UInt64(postcode) << 8 | UInt64(records.forenames.firstByte(forename))
        case .namePhonetics:
            let forename = records.forename[record]
            let surname = records.surname[record]
            guard forename >= 0, surname >= 0 else { return nil }
            return namesKey(forename, surname, records)
        }
    }

    /// Every key of the record under this rule, sorted and without repeats.
    func keys(_ record: Int, in records: EncodedRecords) -> [UInt64] {
        guard mayHaveSeveralKeys(record, in: records) else {
            return singleKey(record, in: records).map { [$0] } ?? []
        }
        var keys: [UInt64] = []
        switch self {
        case .nhsNumber, .dateOfBirth, .uprn:
            break
        case .surnamePhoneticAndBirthYear:
            let year = records.year(record)
            guard year != 0 else { return [] }
            for surname in records.surnameVariants(record) {
                keys.append(surnameYearKey(surname, year: year, records))
                let start = Int(records.surnamePartStart[Int(surname)])
                let end = Int(records.surnamePartStart[Int(surname) + 1])
                for part in records.surnamePartCodes[start..<end] { keys.append(surnameYearKey(part, year: year, records)) }
            }
        case .postcodeAndForenameInitial:
            let postcode = records.postcode[record]
            guard postcode >= 0 else { return [] }
            for forename in records.forenameVariants(record) {
                keys.append(UInt64(postcode) << 8 | UInt64(records.forenames.firstByte(forename)))
            }
        case .namePhonetics:
            let forename = records.forename[record]
            let surname = records.surname[record]
            if forename >= 0 && surname >= 0 { keys.append(namesKey(forename, surname, records)) }
            for index in Int(records.aliasStart[record])..<Int(records.aliasStart[record + 1]) {
                let aliasForename = records.aliasForename[index]
                let aliasSurname = records.aliasSurname[index]
                let f = aliasForename >= 0 ? aliasForename : forename
                let s = aliasSurname >= 0 ? aliasSurname : surname
                if f >= 0 && s >= 0 { keys.append(namesKey(f, s, records)) }
            }
        }
        keys.sort()
        return keys.reduce(into: []) { unique, key in if unique.last != key { unique.append(key) } }
    }

    private func surnameYearKey(_ surname: Int32, year: Int, _ records: EncodedRecords) -> UInt64 {
        UInt64(UInt32(bitPattern: records.surnamePhonetic[Int(surname)])) << 16 | UInt64(year)
    }

    /// The two name sounds in sorted order, so that a record with forename and surname swapped shares
    /// the key.
    private func namesKey(_ forename: Int32, _ surname: Int32, _ records: EncodedRecords) -> UInt64 {
        let x = UInt64(UInt32(bitPattern: records.forenamePhonetic[Int(forename)]))
        let y = UInt64(UInt32(bitPattern: records.surnamePhonetic[Int(surname)]))
        return min(x, y) << 32 | max(x, y)
    }
}
