import Foundation
import HubWorkflow

/// One cell of a report.
public enum ReportValue: Sendable, Hashable, Encodable {
    case count(Int)
    case number(Double)
    case text(String)
    case empty

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .count(value): try container.encode(value)
        case let .number(value): try container.encode((value * 100).rounded() / 100)
        case let .text(value): try container.encode(value)
        case .empty: try container.encodeNil()
        }
    }

    /// The value as a CSV field.
    public var csv: String {
        switch self {
        case let .count(value): return "\(value)"
        case let .number(value): return String(format: "%.2f", value)
        case let .text(value):
            return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        case .empty: return ""
        }
    }
}

/// What a column holds, which decides how small numbers are suppressed.
public enum ReportColumnKind: String, Sendable, Encodable {
    /// A grouping key (month, form, agency).
    case dimension
    /// A count of cases: 1–4 is shown as "<5" to board viewers (and some others as "suppressed": ``SuppressionRule``).
    case count
    /// A percentage or a duration derived from counts: hidden unless every count it is worked out from is shown.
    case derived
}

public struct ReportColumn: Sendable, Encodable, Hashable {
    public let name: String
    public let kind: ReportColumnKind

    public init(_ name: String, _ kind: ReportColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// A report's result: named columns and rows, rendered as JSON or CSV.
public struct ReportTable: Sendable, Encodable {
    public let report: String
    public let from: Date
    public let to: Date
    public let columns: [ReportColumn]
    public var rows: [[ReportValue]]
    public var suppressed = false
    /// What the figures say about each other (set by each report), for small-number suppression.
    public var disclosure = ReportDisclosure()

    public init(report: String, from: Date, to: Date, columns: [ReportColumn], rows: [[ReportValue]]) {
        self.report = report
        self.from = from
        self.to = to
        self.columns = columns
        self.rows = rows
    }

    /// Small-number suppression for aggregate audiences (``SuppressionRule``, docs/reports.md "Small numbers"): every
    /// count from 1 to 4 becomes "<5"; further counts are shown as "suppressed" where the totals, the row's other
    /// counts or the percentages would otherwise give a small one away; and a derived figure (percentage, median,
    /// hours) is "suppressed" unless every count it is worked out from is shown.
    public func suppressingSmallNumbers() -> ReportTable {
        var counts: [Int] = []
        var index: [ReportCount: Int] = [:]
        for (row, values) in rows.enumerated() {
            for (column, kind) in columns.enumerated() where kind.kind == .count {
                guard case let .count(value) = values[column] else { continue }
                index[.cell(row: row, column: column)] = counts.count
                counts.append(value)
            }
        }
        for (number, value) in disclosure.hiddenTotals.enumerated() {
            index[.hidden(number)] = counts.count
            counts.append(value)
        }
        var derivedCells: [ReportCount] = []
        var inputs: [[Int]] = []
        for (row, values) in rows.enumerated() {
            let rowCounts = columns.indices.compactMap { index[.cell(row: row, column: $0)] }
            for (column, kind) in columns.enumerated() where kind.kind == .derived && values[column] != .empty {
                let cell = ReportCount.cell(row: row, column: column)
                derivedCells.append(cell)
                inputs.append(rowCounts + (disclosure.derivedInputs[cell] ?? []).compactMap { index[$0] })
            }
        }
        let relations = disclosure.relations.compactMap { relation -> CountRelation<Int>? in
            relation.cells.allSatisfy { index[$0] != nil } ? relation.map { index[$0]! } : nil
        }
        let decision = SuppressionRule().decide(CountTable(counts: counts, relations: relations, derived: inputs))
        var copy = self
        copy.suppressed = true
        for (cell, position) in index {
            guard case let .cell(row, column) = cell else { continue }
            switch decision.counts[position] {
            case .shown: break
            case .belowThreshold: copy.rows[row][column] = .text("<5")
            case .withheld: copy.rows[row][column] = .text("suppressed")
            }
        }
        for (cell, shown) in zip(derivedCells, decision.derivedShown) where !shown {
            if case let .cell(row, column) = cell { copy.rows[row][column] = .text("suppressed") }
        }
        return copy
    }

    /// RFC 4180 CSV with a header row.
    public var csv: String {
        var lines = [columns.map(\.name).joined(separator: ",")]
        lines += rows.map { $0.map(\.csv).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    enum CodingKeys: String, CodingKey { case report, from, to, columns, rows, suppressed }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report, forKey: .report)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(columns, forKey: .columns)
        try container.encode(suppressed, forKey: .suppressed)
        // Rows as objects keyed by column name: easier for clients than positional arrays.
        var rowsContainer = container.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var object = rowsContainer.nestedContainer(keyedBy: ColumnKey.self)
            for (index, column) in columns.enumerated() {
                try object.encode(row[index], forKey: ColumnKey(stringValue: column.name))
            }
        }
    }

    struct ColumnKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// The period and filters every board report takes.
public struct ReportParameters: Sendable {
    public var from: Date
    public var to: Date
    /// An agency code: the referral's source agency (volumes, conversion), the asked agency (sla) or the owner agency
    /// (actions).
    public var agency: String?
    /// `children` or `adults`.
    public var service: String?
    /// "Now", for what is still open (injected clock).
    public var asOf: Date
    /// Re-referral windows in months.
    public var childrenRepeatMonths = 12
    public var adultsRepeatMonths = 24
    /// The postcode, sector or district of the tracker's area report.
    public var area: TrackerArea?

    public init(from: Date, to: Date, agency: String? = nil, service: String? = nil, asOf: Date) {
        self.from = from
        self.to = to
        self.agency = agency
        self.service = service
        self.asOf = asOf
    }
}

extension ReportValue {
    static func percent(_ part: Int, of whole: Int) -> ReportValue {
        whole == 0 ? .empty : .number(Double(part) * 100 / Double(whole))
    }

    static func optionalNumber(_ value: Double?) -> ReportValue {
        value.map(ReportValue.number) ?? .empty
    }
}
