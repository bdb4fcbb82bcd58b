import Foundation

/// Σ coefficient × unknown + constant.
struct AttackExpression {
    var terms: [Int: Double] = [:]
    var constant: Double = 0

    static func + (a: AttackExpression, b: AttackExpression) -> AttackExpression {
        AttackExpression(terms: a.terms.merging(b.terms, uniquingKeysWith: +), constant: a.constant + b.constant)
    }

    static func * (a: AttackExpression, factor: Double) -> AttackExpression {
        AttackExpression(terms: a.terms.mapValues { $0 * factor }, constant: a.constant * factor)
    }

    static prefix func - (a: AttackExpression) -> AttackExpression { a * -1 }
    static func - (a: AttackExpression, b: AttackExpression) -> AttackExpression { a + -b }

    func value(_ values: [Int]) -> Double { terms.reduce(constant) { $0 + $1.value * Double(values[$1.key]) } }
}

/// What a reader knows of one report: an unknown for each hidden count (and for each total the report implies),
/// with the range its marker states, and the linear relations the report's definition (docs/reports.md) makes hold
/// between the figures it shows. `truth` holds each unknown's real value, from the same report read unsuppressed.
struct AttackModel {
    var lower: [Double] = []
    var upper: [Double] = []
    var truth: [Int] = []
    /// Where each unknown is: (row, column), or nil for an implied total.
    var places: [(row: Int, column: Int)?] = []
    /// expression ≤ 0.
    var inequalities: [AttackExpression] = []

    let published: PublishedReport
    let exact: PublishedReport
    /// Rounding of a shown derived figure (two decimals).
    static let tolerance = 0.005 + 1e-9

    init(published: PublishedReport, exact: PublishedReport) throws {
        guard published.rows.count == exact.rows.count, published.columns == exact.columns else {
            throw TestHubError("\(published.name): the suppressed and exact reports differ in shape")
        }
        self.published = published
        self.exact = exact
    }

    mutating func unknown(lower: Double, upper: Double, truth: Int, at place: (row: Int, column: Int)?) -> AttackExpression {
        self.lower.append(lower)
        self.upper.append(upper)
        self.truth.append(truth)
        places.append(place)
        return AttackExpression(terms: [self.lower.count - 1: 1])
    }

    /// The count at (row, column named `name`): a constant when shown, else its unknown (made once).
    mutating func count(_ row: Int, _ name: String) throws -> AttackExpression {
        guard let column = published.column(name) else { throw TestHubError("\(published.name): no column \(name)") }
        if let index = places.firstIndex(where: { $0?.row == row && $0?.column == column }) {
            return AttackExpression(terms: [index: 1])
        }
        guard case let .count(truth) = exact.rows[row][column] else { throw TestHubError("\(published.name): \(name) of row \(row) is not a count") }
        switch published.rows[row][column] {
        case let .count(value): return AttackExpression(constant: Double(value))
        case .small: return unknown(lower: 1, upper: 4, truth: truth, at: (row, column))
        case .withheld: return unknown(lower: 1, upper: .infinity, truth: truth, at: (row, column))
        default: throw TestHubError("\(published.name): \(name) of row \(row) is \(published.rows[row][column])")
        }
    }

    mutating func sum(_ rows: [Int], _ name: String) throws -> AttackExpression {
        try rows.reduce(AttackExpression()) { try $0 + count($1, name) }
    }

    mutating func equal(_ a: AttackExpression, _ b: AttackExpression) {
        inequalities.append(a - b)
        inequalities.append(b - a)
    }

    mutating func atMost(_ a: AttackExpression, _ b: AttackExpression) { inequalities.append(a - b) }

    /// The derived figure at (row, `name`) is `scale` × numerator / denominator, rounded to two decimals: when shown,
    /// it bounds the two; when empty, the denominator was 0.
    mutating func derived(_ row: Int, _ name: String, scale: Double, _ numerator: AttackExpression,
                          over denominator: AttackExpression = AttackExpression(constant: 1)) throws {
        guard let column = published.column(name) else { throw TestHubError("\(published.name): no column \(name)") }
        switch published.rows[row][column] {
        case let .number(shown):
            inequalities.append(numerator * scale - denominator * (shown + Self.tolerance))
            inequalities.append(denominator * (shown - Self.tolerance) - numerator * scale)
            atMost(AttackExpression(constant: 1), denominator)
        case .empty:
            equal(denominator, AttackExpression())
        default:
            break
        }
    }
}
