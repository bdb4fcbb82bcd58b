import PostgresNIO

/// A piece of a parameterised query: SQL text and the values it binds, written with string interpolation as a
/// `PostgresQuery` is (`"dob_year = \(year)"` binds `year`; `\(unescaped:)` inserts trusted SQL text such as a
/// column list). Pieces join into one `PostgresQuery` whose placeholders are numbered in order, so a query can be
/// made of only the parts a request needs without any value entering the SQL text.
public struct SQLFragment: ExpressibleByStringInterpolation {
    enum Part {
        case sql(String)
        case value(any PostgresDynamicTypeEncodable)
    }

    var parts: [Part]

    public init(stringLiteral value: String) { parts = [.sql(value)] }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(2 * interpolationCount + 1)
        }

        public mutating func appendLiteral(_ literal: String) { parts.append(.sql(literal)) }

        /// A bound value.
        public mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable>(_ value: Value) { parts.append(.value(value)) }

        /// SQL text as it is: only for text the code itself holds, never for a value from a request.
        public mutating func appendInterpolation(unescaped sql: String) { parts.append(.sql(sql)) }
    }

    /// The fragments one after another, `separator` between each two.
    public static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var joined = SQLFragment(stringLiteral: "")
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { joined.parts.append(.sql(separator)) }
            joined.parts += fragment.parts
        }
        return joined
    }

    /// The query: the SQL with a placeholder for each value, in order, and the values bound.
    public var query: PostgresQuery {
        var interpolation = PostgresQuery.StringInterpolation(literalCapacity: 0, interpolationCount: parts.count)
        for part in parts {
            switch part {
            case .sql(let sql): interpolation.appendLiteral(sql)
            case .value(let value): interpolation.appendInterpolation(value)
            }
        }
        return PostgresQuery(stringInterpolation: interpolation)
    }
}
