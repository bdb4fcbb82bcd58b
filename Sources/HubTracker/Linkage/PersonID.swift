/// The tracker's identifier for a person: a cluster of linked records. A 64-bit integer so that it maps
/// onto a PostgreSQL `bigint` and a sequence.
public struct PersonID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public static func < (lhs: PersonID, rhs: PersonID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "P" + String(rawValue) }
}
