/// The blocks of records that share a blocking key, for every rule, and the candidate pairs they yield.
///
/// Each rule's (key, record) entries are sorted so that a block is a run of equal keys. A pair is produced
/// by the first rule (and the smallest key) that finds it, so each candidate pair is compared once. In
/// incremental mode only pairs with at least one new record (index ≥ `firstNew`) are produced.
struct CandidateBlocks: Sendable {
    struct Entry: Sendable {
        var key: UInt64
        var record: Int32
    }

    /// A run of entries of one rule sharing one key.
    struct Block: Sendable {
        var rule: Int32
        var start: Int32
        var count: Int32
        /// Candidate pairs in the block before de-duplication across rules.
        var pairs: Int
    }

    /// A block left out because it was larger than the limit (a dummy date of birth, say).
    struct OversizedBlock: Sendable, Hashable {
        var rule: BlockingRule
        var size: Int
    }

    let rules: [BlockingRule]
    let firstNew: Int
    /// Every record's keys under each rule, for telling a pair already produced from a new one.
    let keys: BlockingKeys
    private(set) var entries: [[Entry]]
    private(set) var blocks: [Block] = []
    private(set) var oversized: [OversizedBlock] = []

    init(records: EncodedRecords, rules: [BlockingRule], maximumBlockSize: Int, firstNew: Int = 0) {
        self.rules = rules
        self.firstNew = firstNew
        let keys = BlockingKeys(records: records, rules: rules)
        self.keys = keys
        var entries: [[Entry]] = []
        for ruleIndex in rules.indices {
            var ruleEntries: [Entry] = []
            ruleEntries.reserveCapacity(records.count)
            for record in 0..<records.count {
                for key in keys.keys(of: record, rule: ruleIndex) { ruleEntries.append(Entry(key: key, record: Int32(record))) }
            }
            ruleEntries.sort { $0.key != $1.key ? $0.key < $1.key : $0.record < $1.record }
            entries.append(ruleEntries)
        }
        self.entries = entries
        for (ruleIndex, ruleEntries) in entries.enumerated() {
            var start = 0
            while start < ruleEntries.count {
                var end = start + 1
                while end < ruleEntries.count && ruleEntries[end].key == ruleEntries[start].key { end += 1 }
                let size = end - start
                if size > maximumBlockSize {
                    oversized.append(OversizedBlock(rule: rules[ruleIndex], size: size))
                } else if size > 1 {
                    let pairs = CandidateBlocks.pairCount(ruleEntries[start..<end], firstNew: firstNew)
                    if pairs > 0 {
                        blocks.append(Block(rule: Int32(ruleIndex), start: Int32(start), count: Int32(size), pairs: pairs))
                    }
                }
                start = end
            }
        }
    }

    private static func pairCount(_ block: ArraySlice<Entry>, firstNew: Int) -> Int {
        let size = block.count
        guard firstNew > 0 else { return size * (size - 1) / 2 }
        let new = block.reduce(0) { $0 + (Int($1.record) >= firstNew ? 1 : 0) }
        return new * (size - new) + new * (new - 1) / 2
    }

    /// Candidate pairs before de-duplication, summed over blocks.
    var totalBlockPairs: Int { blocks.reduce(0) { $0 + $1.pairs } }

    /// The key of a block.
    func key(of block: Block) -> UInt64 { entries[Int(block.rule)][Int(block.start)].key }

    /// Calls `body(a, b)` with `a < b` for every pair of the block, skipping pairs an earlier rule (or a
    /// smaller key of the same rule) already produced when `deduplicate` is set.
    @inline(__always)
    func forEachPair(in block: Block, deduplicate: Bool, _ body: (Int, Int) -> Void) {
        let ruleIndex = Int(block.rule)
        let blockEntries = entries[ruleIndex]
        let start = Int(block.start)
        let end = start + Int(block.count)
        let key = blockEntries[start].key
        for j in (start + 1)..<end {
            let b = Int(blockEntries[j].record)
            if b < firstNew { continue }
            for i in start..<j {
                let a = Int(blockEntries[i].record)
                if deduplicate && isRepeat(a, b, ruleIndex: ruleIndex, key: key) { continue }
                body(a, b)
            }
        }
    }

    /// True when the pair `a`, `b` of `block` was already produced by an earlier rule or a smaller key.
    func isRepeat(_ a: Int, _ b: Int, in block: Block) -> Bool {
        let ruleIndex = Int(block.rule)
        return isRepeat(a, b, ruleIndex: ruleIndex, key: key(of: block))
    }

    @inline(__always)
    private func isRepeat(_ a: Int, _ b: Int, ruleIndex: Int, key: UInt64) -> Bool {
        keys.isRepeat(a, b, rule: ruleIndex, blockKey: key)
    }

    /// Splits the blocks into about `parts` consecutive runs with similar numbers of pairs.
    func balancedRanges(parts: Int) -> [Range<Int>] {
        let total = max(1, totalBlockPairs)
        let target = max(1, total / max(1, parts))
        var ranges: [Range<Int>] = []
        var start = 0
        var running = 0
        for (index, block) in blocks.enumerated() {
            running += block.pairs
            if running >= target {
                ranges.append(start..<(index + 1))
                start = index + 1
                running = 0
            }
        }
        if start < blocks.count { ranges.append(start..<blocks.count) }
        return ranges
    }
}
