/// Every record's keys under each blocking rule, worked out once.
///
/// A pair that a later rule's block yields is compared only if no earlier rule (and no smaller key of the same
/// rule) yields it too; that check runs for every candidate pair, several rules each, so it reads the keys from
/// here instead of working them out again (and allocating for records with aliases) each time. At 1M records,
/// working them out per pair cost about 20 core-seconds of a full relink.
///
/// A record's keys under a rule are sorted and without repeats, as ``BlockingRule/keys(_:in:)`` gives them.
/// All of them sit in one flat array, found by offsets (compressed sparse rows): rule by rule, record by record.
struct BlockingKeys: Sendable {
    let recordCount: Int
    /// `keys[starts[rule * (recordCount + 1) + r] ..< starts[rule * (recordCount + 1) + r + 1]]` are record
    /// `r`'s keys under the rule at `rule`.
    private let starts: [Int32]
    private let keys: [UInt64]

    init(records: EncodedRecords, rules: [BlockingRule]) {
        recordCount = records.count
        var starts: [Int32] = []
        starts.reserveCapacity(rules.count * (records.count + 1))
        var keys: [UInt64] = []
        keys.reserveCapacity(rules.count * records.count)
        for rule in rules {
            starts.append(Int32(truncatingIfNeeded: keys.count))
            for record in 0..<records.count {
                if rule.mayHaveSeveralKeys(record, in: records) {
                    keys.append(contentsOf: rule.keys(record, in: records))
                } else if let key = rule.singleKey(record, in: records) {
                    keys.append(key)
                }
                precondition(keys.count <= Int(Int32.max), "more blocking keys than an Int32 offset can hold")
                starts.append(Int32(truncatingIfNeeded: keys.count))
            }
        }
        self.starts = starts
        self.keys = keys
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
