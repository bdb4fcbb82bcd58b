/// The primary and alternate Double Metaphone codes of a name.
public struct PhoneticCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let primary: String
    public let alternate: String

    public init(primary: String, alternate: String) {
        self.primary = primary
        self.alternate = alternate
    }

    /// True when either code of one equals either code of the other (the usual Double Metaphone match).
    public func sounds(like other: PhoneticCode) -> Bool {
        guard !primary.isEmpty, !other.primary.isEmpty else { return false }
        return primary == other.primary || primary == other.alternate
            || alternate == other.primary || alternate == other.alternate
    }

    /// `PRIMARY` or `PRIMARY/ALTERNATE`.
    public var description: String { primary == alternate ? primary : primary + "/" + alternate }
}
