import Foundation

/// The extract's columns, found in its header by trimmed, lower-cased name (the order is free).
public struct FeedColumns: Sendable {
    /// A column of the format (docs/feed-format.md): the required ones, then the optional ones.
    public enum Column: Int, CaseIterable, Sendable {
        case sourceSystem, sourceRecordId, forename, surname, dateOfBirth, addressLine1, addressLine2, town, postcode
        case nhsNumber, uprn, eventType, eventDate
        case gender, aliases, leadProfessionalName, leadProfessionalPhone, leadProfessionalEmail

        /// The column's name in a header.
        public var name: String { Self.names[rawValue] }
        private static let names = [
            "source_system", "source_record_id", "forename", "surname", "date_of_birth", "address_line1", "address_line2",
            "town", "postcode", "nhs_number", "uprn", "event_type", "event_date",
            "gender", "aliases", "lead_professional_name", "lead_professional_phone", "lead_professional_email",
        ]

        /// Whether every extract's header must name it.
        public var isRequired: Bool { rawValue < Column.gender.rawValue }
    }

    /// Columns every extract's header must name.
    public static let required = Column.allCases.filter(\.isRequired).map(\.name)
    /// Columns an extract may leave out.
    public static let optional = Column.allCases.filter { !$0.isRequired }.map(\.name)

    /// Why a header cannot be used.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingColumns([String])

        public var description: String {
            switch self {
            case .missingColumns(let names): return "the header lacks the required columns " + names.joined(separator: ", ")
            }
        }
    }

    /// Each column's position in a row, by the column's raw value; -1 when the header lacks it.
    private let positions: [Int]
    /// Header names that are not columns of the format, in header order; reported, otherwise ignored.
    public let unknown: [String]

    /// Reads a header row; throws when a required column is missing.
    public init(header: [String]) throws {
        var index: [String: Int] = [:]
        var unknown: [String] = []
        let known = Set(Column.allCases.map(\.name))
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if known.contains(name) {
                if index[name] == nil { index[name] = position }
            } else if !name.isEmpty {
                unknown.append(name)
            }
        }
        let missing = FeedColumns.required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw Failure.missingColumns(missing) }
        self.positions = Column.allCases.map { index[$0.name] ?? -1 }
        self.unknown = unknown
    }

    /// The trimmed value of `column` in `fields`; empty when the column or the field is absent.
    public func value(_ column: Column, in fields: [String]) -> String {
        let position = positions[column.rawValue]
        guard position >= 0, position < fields.count else { return "" }
        return Self.trimmed(fields[position])
    }

    /// `text` without leading and trailing white space (`CharacterSet.whitespaces`: tab and the space
    /// separators). ASCII ends are trimmed here; Foundation is asked only when an end is not ASCII.
    public static func trimmed(_ text: String) -> String {
        var utf8 = text.utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8.removeFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8.removeLast() }
        if let first = utf8.first, let last = utf8.last, first >= 0x80 || last >= 0x80 {
            return text.trimmingCharacters(in: .whitespaces)
        }
        if utf8.count == text.utf8.count { return text }
        return String(Substring(utf8))
    }
}
