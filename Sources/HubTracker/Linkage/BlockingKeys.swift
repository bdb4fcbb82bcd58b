/// Every record's keys under each blocking rule, worked out once.
///
/// A pair that a later rule's block yields is compared only if no earlier rule (and no smaller key of the same
/// rule) yields it too; that check runs for every candidate pair, several rules each, so it reads the keys from
/// here instead of working them out again (and allocating for records with aliases) each time. At 1M records,
/// working them out per pair cost about 20 core-seconds of a full relink.
///
/// A record's keys under a rule are sorted and without repeats, as ``BlockingRule/keys(_:in:)`` gives them.
/// All of them sit in one flat array, found by offsets (compressed sparse rows): rule by rule, record by record.
///
/// Most records have one key under a rule, or none. For the check, each record also has a row of its own (record
/// by record, not rule by rule): its one key under each rule, then a word of flags saying under which rules it has
/// a key, and under which several. The check then reads two short rows and compares keys, and walks the sorted
/// runs only for a record with several keys under a rule. (`perf annotate` of a 1M-record import put about 40% of
/// the scoring loop's own time in walking the runs for every rule.)
struct BlockingKeys: Sendable {
    let recordCount: Int
    let ruleCount: Int
    /// `keys[starts[rule * (recordCount + 1) + r] ..< starts[rule * (recordCount + 1) + r + 1]]` are record
    /// `r`'s keys under the rule at `rule`.
    private let starts: [Int32]
    private let keys: [UInt64]
    /// Record `r`'s row is `rows[r * (ruleCount + 1) ..< (r + 1) * (ruleCount + 1)]`: its key under each rule
    /// where it has exactly one (0 otherwise), then its flags (``hasKey(_:)``, ``hasSeveralKeys(_:)``).
    private let rows: [UInt64]

    @inline(__always) private static func hasKey(_ rule: Int) -> UInt64 { 1 << UInt64(2 * rule) }
    @inline(__always) private static func hasSeveralKeys(_ rule: Int) -> UInt64 { 1 << UInt64(2 * rule + 1) }

    init(records: EncodedRecords, rules: [BlockingRule]) {
        precondition(rules.count <= 32, "a row's flags hold two bits per rule")
        recordCount = records.count
        ruleCount = rules.count
        let width = rules.count + 1
        var starts: [Int32] = []
        starts.reserveCapacity(rules.count * (records.count + 1))
        var keys: [UInt64] = []
        keys.reserveCapacity(rules.count * records.count)
        var rows = [UInt64](repeating: 0, count: records.count * width)
        for (ruleIndex, rule) in rules.enumerated() {
            starts.append(Int32(truncatingIfNeeded: keys.count))
            for record in 0..<records.count {
                let first = keys.count
                if rule.mayHaveSeveralKeys(record, in: records) {
                    keys.append(contentsOf: rule.keys(record, in: records))
                } else if let key = rule.singleKey(record, in: records) {
                    keys.append(key)
                }
                precondition(keys.count <= Int(Int32.max), "more blocking keys than an Int32 offset can hold")
                starts.append(Int32(truncatingIfNeeded: keys.count))
                let row = record * width
                switch keys.count - first {
                case 0: break
                case 1:
                    rows[row + ruleIndex] = keys[first]
                    rows[row + rules.count] |= Self.hasKey(ruleIndex)
                default:
                    rows[row + rules.count] |= Self.hasKey(ruleIndex) | Self.hasSeveralKeys(ruleIndex)
                }
            }
        }
        self.starts = starts
        self.keys = keys
        self.rows = rows
    }

    /// Whether the pair `a`, `b` of a block of the rule at `rule` with key `blockKey` was already produced: by an
    /// earlier rule (they share a key under it), or by a smaller key of the same rule.
    @inline(__always)
    func isRepeat(_ a: Int, _ b: Int, rule: Int, blockKey: UInt64) -> Bool {
        let width = ruleCount + 1
        return rows.withUnsafeBufferPointer { rows in
            let rowA = a * width, rowB = b * width
            let flagsA = rows[rowA + ruleCount], flagsB = rows[rowB + ruleCount]
            for earlier in 0..<rule {
                guard flagsA & flagsB & Self.hasKey(earlier) != 0 else { continue }
                if (flagsA | flagsB) & Self.hasSeveralKeys(earlier) != 0 {
                    if smallestSharedKey(a, b, rule: earlier) != nil { return true }
                } else if rows[rowA + earlier] == rows[rowB + earlier] {
                    return true
                }
            }
            // Records with one key each share just the block's key; with several, they may share a smaller one too.
            guard (flagsA | flagsB) & Self.hasSeveralKeys(rule) != 0 else { return false }
            return smallestSharedKey(a, b, rule: rule) != blockKey
        }
    }

    /// Record `record`'s keys under the rule at `rule` (its index in the rules given), sorted.
    func keys(of record: Int, rule: Int) -> ArraySlice<UInt64> {
        let row = rule * (recordCount + 1) + record
        return keys[Int(starts[row])..<Int(starts[row + 1])]
    }

    /// The smallest key records `a` and `b` share under the rule at `rule`, or nil.
    @inline(__always)
    func smallestSharedKey(_ a: Int, _ b: Int, rule: Int) -> UInt64? {
        let base = rule * (recordCount + 1)
        return starts.withUnsafeBufferPointer { starts in
            var i = Int(starts[base + a]), j = Int(starts[base + b])
            let endA = Int(starts[base + a + 1]), endB = Int(starts[base + b + 1])
            guard i < endA, j < endB else { return nil }
            return keys.withUnsafeBufferPointer { keys in
                // Both runs are sorted: walk them together, as in a merge.
                while i < endA && j < endB {
                    let (x, y) = (keys[i], keys[j])
                    if x == y { return x }
                    if x < y { i += 1 } else { j += 1 }
                }
                return nil
            }
        }
    }
}
