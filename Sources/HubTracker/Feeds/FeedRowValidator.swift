import Foundation
import HubData
import HubWorkflow

/// Checks one row of an extract as docs/feed-format.md says. Only a row that cannot be an event of a record is
/// quarantined: no id, or an event date that cannot be read. A date of birth, NHS number, postcode or UPRN that
/// cannot be used is set aside (``SetAside``): kept as sent, flagged, never matched on; the row is still loaded.
/// A value that is merely empty is neither.
public struct FeedRowValidator: Sendable {
    /// The day the partner took the snapshot: no date of birth or event may be after it.
    public let extractDate: CalendarDate
    static let earliestBirth = CalendarDate(year: 1890, month: 1, day: 1)!

    public init(extractDate: CalendarDate) {
        self.extractDate = extractDate
    }

    /// Non-fatal oddities a valid row may carry, counted in the import report (its set-aside values are on the row).
    public struct Notes: Sendable, Hashable {
        public var unrecognisedGender = false
    }

    /// The valid row (with any values set aside), or the reason it is quarantined.
    public func validate(_ fields: [String], line: Int, columns: FeedColumns) -> Result<(FeedRow, Notes), QuarantineFailure> {
        let value = { (column: FeedColumns.Column) in columns.value(column, in: fields) }
        let sourceSystem = value(.sourceSystem)
        let sourceRecordId = value(.sourceRecordId)
        func fail(_ reason: QuarantineReason) -> Result<(FeedRow, Notes), QuarantineFailure> {
            .failure(QuarantineFailure(line: line, reason: reason,
                                       sourceSystem: sourceSystem.isEmpty ? nil : sourceSystem,
                                       sourceRecordId: sourceRecordId.isEmpty ? nil : sourceRecordId))
        }
        guard !sourceSystem.isEmpty, !sourceRecordId.isEmpty else { return fail(.missingId) }

        let eventText = value(.eventDate)
        var eventDate: CalendarDate?
        if !eventText.isEmpty {
            switch CalendarDate.parse(eventText) {
            case .unparseable: return fail(.unparseableDate)
            case .impossible: return fail(.impossibleDate)
            case .day(let day):
                if day > extractDate { return fail(.impossibleDate) }
                eventDate = day
            }
        }

        var setAside = SetAside()
        let birthText = value(.dateOfBirth)
        var dateOfBirth: CalendarDate?
        var dateOfBirthSetAside = ""
        if !birthText.isEmpty {
            switch CalendarDate.parse(birthText) {
            case .unparseable:
                setAside.insert(.unparseableDateOfBirth)
            case .impossible:
                setAside.insert(.impossibleDateOfBirth)
            case .day(let day):
                // Born before 1890, after the extract, or after the event it has: the date of birth is what is wrong.
                if day < Self.earliestBirth || day > extractDate || eventDate.map({ $0 < day }) == true {
                    setAside.insert(.impossibleDateOfBirth)
                } else {
                    dateOfBirth = day
                }
            }
            if dateOfBirth == nil { dateOfBirthSetAside = birthText }
        }

        let nhsText = value(.nhsNumber)
        var nhsNumber = ""
        if !nhsText.isEmpty {
            if let valid = FeedRowValidator.validNHSNumber(nhsText) {
                nhsNumber = valid
            } else {
                nhsNumber = nhsText
                setAside.insert(.badNHSCheckDigit)
            }
        }
        let postcodeText = value(.postcode)
        var postcode = ""
        if !postcodeText.isEmpty {
            if let normalised = FeedRowValidator.normalisedPostcode(postcodeText) {
                postcode = normalised
            } else {
                postcode = postcodeText
                setAside.insert(.malformedPostcode)
            }
        }

        var notes = Notes()
        let (gender, recognised) = FeedRowValidator.gender(value(.gender))
        notes.unrecognisedGender = !recognised
        var uprn = value(.uprn)
        if !uprn.isEmpty {
            let significant = uprn.drop { $0 == "0" }
            if significant.count <= 12, uprn.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(significant), number > 0 {
                uprn = String(number)
            } else {
                setAside.insert(.unusableUPRN)  // kept as sent
            }
        }
        let aliases = value(.aliases).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let row = FeedRow(
            line: line, key: RecordKey(sourceSystem: sourceSystem, sourceRecordId: sourceRecordId),
            forename: value(.forename), surname: value(.surname), aliases: aliases, dateOfBirth: dateOfBirth,
            gender: gender, addressLine1: value(.addressLine1), addressLine2: value(.addressLine2), town: value(.town),
            postcode: postcode, nhsNumber: nhsNumber, uprn: uprn, eventType: value(.eventType).uppercased(),
            eventDate: eventDate, leadProfessionalName: value(.leadProfessionalName),
            leadProfessionalPhone: value(.leadProfessionalPhone), leadProfessionalEmail: value(.leadProfessionalEmail),
            setAside: setAside, dateOfBirthSetAside: dateOfBirthSetAside)
        return .success((row, notes))
    }

    /// The ten digits when `text` (spaces and hyphens allowed between groups) is a valid NHS number.
    public static func validNHSNumber(_ text: String) -> String? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every real value): the same checks on bytes.
            var digits: [UInt8] = []
            digits.reserveCapacity(10)
            for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits.count < 10 else { return nil }
                digits.append(byte)
            }
            guard digits.count == 10 else { return nil }
            let sum = (0..<9).reduce(0) { $0 + Int(digits[$1] - 48) * (10 - $1) }
            var check = 11 - sum % 11
            if check == 11 { check = 0 }
            guard check != 10, check == Int(digits[9] - 48) else { return nil }
            return String(decoding: digits, as: UTF8.self)
        }
        let digits = text.filter { $0 != " " && $0 != "-" }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = digits.map { Int($0.asciiValue! - 48) }
        let sum = (0..<9).reduce(0) { $0 + values[$1] * (10 - $1) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        guard check != 10, check == values[9] else { return nil }
        return digits
    }

    /// `PP2 5GN` from `pp25gn`; nil when the text is not a UK postcode's shape.
    public static func normalisedPostcode(_ text: String) -> String? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every real value): the same checks on bytes.
            var compact: [UInt8] = []
            compact.reserveCapacity(8)
            for byte in text.utf8 where byte != UInt8(ascii: " ") {
                guard compact.count < 7 else { return nil }
                compact.append(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte)
            }
            guard compact.count >= 5 else { return nil }
            let letter = { (c: UInt8) in c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
            let digit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
            let split = compact.count - 3
            guard digit(compact[split]), letter(compact[split + 1]), letter(compact[split + 2]) else { return nil }
            var position = 0
            guard position < split, letter(compact[position]) else { return nil }
            position += 1
            if position < split, letter(compact[position]) { position += 1 }
            guard position < split, digit(compact[position]) else { return nil }
            position += 1
            if position < split, letter(compact[position]) || digit(compact[position]) { position += 1 }
            guard position == split else { return nil }
            return String(decoding: compact[..<split], as: UTF8.self) + " " + String(decoding: compact[split...], as: UTF8.self)
        }
        let compact = Array(text.uppercased().filter { $0 != " " })
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII }) else { return nil }
        let letter = { (c: Character) in c.isLetter }
        let digit = { (c: Character) in c.isNumber }
        let inward = compact.suffix(3)
        guard digit(inward[inward.startIndex]), letter(inward[inward.startIndex + 1]), letter(inward[inward.startIndex + 2]) else { return nil }
        let outward = Array(compact.prefix(compact.count - 3))
        // [A-Z]{1,2}[0-9][A-Z0-9]?
        var position = 0
        guard position < outward.count, letter(outward[position]) else { return nil }
        position += 1
        if position < outward.count, letter(outward[position]) { position += 1 }
        guard position < outward.count, digit(outward[position]) else { return nil }
        position += 1
        if position < outward.count, letter(outward[position]) || digit(outward[position]) { position += 1 }
        guard position == outward.count else { return nil }
        return String(outward) + " " + String(inward)
    }

    /// The gender code and whether the value was one the format knows (an unknown value becomes `U`).
    static func gender(_ text: String) -> (String, Bool) {
        switch text.lowercased() {
        case "": return ("U", true)
        case "m", "male": return ("M", true)
        case "f", "female": return ("F", true)
        case "x": return ("X", true)
        case "u", "unknown": return ("U", true)
        default: return ("U", false)
        }
    }
}

/// A quarantined row: where it was, why, and which record it named (when it named one).
public struct QuarantineFailure: Error, Sendable, Hashable {
    public var line: Int
    public var reason: QuarantineReason
    public var sourceSystem: String?
    public var sourceRecordId: String?
}
