/// A relation between the counts of a report that a reader can rely on: what the report publishes (a total row or
/// column, a row's total) or lets be worked out (a group total that its percentages imply), or what the report's
/// definition makes true (the incidents of some referrals are never more than the referrals).
public enum CountRelation<Cell: Hashable & Sendable>: Hashable, Sendable {
    /// `total` = the sum of `parts`.
    case sum(total: Cell, parts: [Cell])
    /// Each part ≤ `total` ≤ the sum of the parts: a total of groups that may overlap (people open to children's or
    /// adults' social care, some to both).
    case covers(total: Cell, parts: [Cell])
    /// `part` ≤ `whole`.
    case atMost(part: Cell, whole: Cell)

    /// The total (a sum's or a cover's total, the whole of `atMost`).
    public var total: Cell {
        switch self {
        case let .sum(total, _), let .covers(total, _): return total
        case let .atMost(_, whole): return whole
        }
    }

    /// The cells the total is made of.
    public var parts: [Cell] {
        switch self {
        case let .sum(_, parts), let .covers(_, parts): return parts
        case let .atMost(part, _): return [part]
        }
    }

    public var cells: [Cell] { [total] + parts }

    public func map<Other: Hashable & Sendable>(_ transform: (Cell) -> Other) -> CountRelation<Other> {
        switch self {
        case let .sum(total, parts): return .sum(total: transform(total), parts: parts.map(transform))
        case let .covers(total, parts): return .covers(total: transform(total), parts: parts.map(transform))
        case let .atMost(part, whole): return .atMost(part: transform(part), whole: transform(whole))
        }
    }
}
