/// Pairs of records a practitioner has said are different people. Linkage never puts the two records of a
/// pair in one person, not even through other records: an edge that would join two clusters holding the
/// two sides of a pair is skipped.
public struct DoNotLinkPairs: Sendable, Hashable, Codable {
    /// Each pair with its smaller key first.
    public private(set) var pairs: Set<OrderedPair>

    /// Two record keys, smaller first.
    public struct OrderedPair: Sendable, Hashable, Codable {
        public let first: RecordKey
        public let second: RecordKey

        public init(_ a: RecordKey, _ b: RecordKey) {
            if a < b {
                first = a
                second = b
            } else {
                first = b
                second = a
            }
        }
    }

    public init(_ pairs: [(RecordKey, RecordKey)] = []) {
        self.pairs = Set(pairs.map { OrderedPair($0.0, $0.1) })
    }

    public mutating func insert(_ a: RecordKey, _ b: RecordKey) {
        pairs.insert(OrderedPair(a, b))
    }

    public func contains(_ a: RecordKey, _ b: RecordKey) -> Bool {
        pairs.contains(OrderedPair(a, b))
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    /// The pairs as record indices into `records`; pairs naming a record not present are dropped.
    func indexPairs(in records: [CleansedRecord]) -> [(Int32, Int32)] {
        guard !pairs.isEmpty else { return [] }
        var wanted = Set<RecordKey>()
        for pair in pairs {
            wanted.insert(pair.first)
            wanted.insert(pair.second)
        }
        var index: [RecordKey: Int32] = [:]
        for (position, record) in records.enumerated() where wanted.contains(record.key) {
            index[record.key] = Int32(position)
        }
        return pairs.compactMap { pair in
            guard let a = index[pair.first], let b = index[pair.second] else { return nil }
            return (a, b)
        }
    }
}
