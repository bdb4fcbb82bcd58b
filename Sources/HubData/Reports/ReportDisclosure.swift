import HubWorkflow

/// A count of a report: a cell of the table, or a total the table lets be worked out without showing it (the total
/// behind a group's percentages).
public enum ReportCount: Hashable, Sendable {
    case cell(row: Int, column: Int)
    case hidden(Int)
}

/// What a report's figures say about each other, for the small-number rule (``SuppressionRule``): the relations
/// between its counts, the totals it implies without showing, and the counts each derived figure is worked out from
/// beyond its own row's (which every derived figure is taken to depend on).
public struct ReportDisclosure: Sendable {
    public var relations: [CountRelation<ReportCount>] = []
    /// The values of the totals the table implies (``ReportCount/hidden(_:)`` indexes this).
    public var hiddenTotals: [Int] = []
    /// For a derived cell, the counts outside its row it is worked out from.
    public var derivedInputs: [ReportCount: [ReportCount]] = [:]

    public init() {}
}

extension ReportTable {
    func column(_ name: String) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == name }) else { preconditionFailure("no column \(name) in \(report)") }
        return index
    }

    /// The rows whose `dimension` column holds `value`.
    public func rows(where dimension: String, is value: String) -> [Int] {
        let index = column(dimension)
        return rows.indices.filter { rows[$0][index] == .text(value) }
    }

    /// Each of `columns` of `total` is the sum of the same column of `parts` (a total row).
    public mutating func sumRows(_ total: Int, of parts: [Int], columns names: [String]) {
        for index in names.map(column) {
            disclosure.relations.append(.sum(total: .cell(row: total, column: index), parts: parts.map { .cell(row: $0, column: index) }))
        }
    }

    /// In every row, `total` is the sum of `parts` (a row's total).
    public mutating func sumColumns(_ total: String, of parts: [String]) {
        let (total, parts) = (column(total), parts.map(column))
        for row in rows.indices {
            disclosure.relations.append(.sum(total: .cell(row: row, column: total), parts: parts.map { .cell(row: row, column: $0) }))
        }
    }

    /// In every row, `part` ≤ `whole`.
    public mutating func atMost(_ part: String, _ whole: String) {
        let (part, whole) = (column(part), column(whole))
        for row in rows.indices {
            disclosure.relations.append(.atMost(part: .cell(row: row, column: part), whole: .cell(row: row, column: whole)))
        }
    }

    /// In every row, each of `parts` ≤ `total` ≤ their sum.
    public mutating func covers(_ total: String, _ parts: [String]) {
        let (total, parts) = (column(total), parts.map(column))
        for row in rows.indices {
            disclosure.relations.append(.covers(total: .cell(row: row, column: total), parts: parts.map { .cell(row: row, column: $0) }))
        }
    }

    /// The `count` column of `rows` sums to a total the table does not show but `derived` (a share of it in each of
    /// those rows) lets be worked out.
    public mutating func impliedTotal(of rows: [Int], count name: String, derived: String) {
        let (count, share) = (column(name), column(derived))
        let total = ReportCount.hidden(disclosure.hiddenTotals.count)
        disclosure.hiddenTotals.append(rows.reduce(0) { sum, row in
            if case let .count(value) = self.rows[row][count] { return sum + value }
            return sum
        })
        disclosure.relations.append(.sum(total: total, parts: rows.map { .cell(row: $0, column: count) }))
        for row in rows { disclosure.derivedInputs[.cell(row: row, column: share), default: []].append(total) }
    }

    /// Each derived cell of `derived` in `rows` is also worked out from the `count` cell of row `total` (a share of a
    /// total row).
    public mutating func shares(_ derived: String, of rows: [Int], total: Int, count name: String) {
        let (share, count) = (column(derived), column(name))
        for row in rows { disclosure.derivedInputs[.cell(row: row, column: share), default: []].append(.cell(row: total, column: count)) }
    }
}
