/// The comparison levels between the most frequent forenames (and surnames), computed once per run.
///
/// A few hundred forenames cover most records, and the scoring loop compares the same pairs of them
/// millions of times (`olivia` and `amelia` in every block they share); a table lookup replaces a
/// Jaro–Winkler computation, a nickname check and an edit-distance check. Names outside the table are
/// compared directly.
struct NameComparisonCache: Sendable {
    /// How many of the most frequent names of each kind are tabulated.
    static let size = 1024
    static let levelMask: UInt8 = 0b0111
    static let withinOneEditBit: UInt8 = 0b1000

    /// Per code: its row in the table, or -1.
    private var forenameRank: [Int16] = []
    private var surnameRank: [Int16] = []
    private var forenameCount = 0
    private var surnameCount = 0
    /// Forenames: the level in the low three bits, ``withinOneEditBit`` when one slip apart.
    private var forenames: [UInt8] = []
    private var surnames: [UInt8] = []

    init() {}

    init(_ records: EncodedRecords) {
        forenameRank = NameComparisonCache.ranks(records.forenames.frequencies, count: records.forenames.count)
        surnameRank = NameComparisonCache.ranks(records.surnames.frequencies, count: records.surnames.count)
        let topForenames = NameComparisonCache.top(forenameRank)
        let topSurnames = NameComparisonCache.top(surnameRank)
        forenameCount = topForenames.count
        surnameCount = topSurnames.count
        var forenameTable = [UInt8](repeating: 0, count: forenameCount * forenameCount)
        var surnameTable = [UInt8](repeating: 0, count: surnameCount * surnameCount)
        PairComparator.withComparator(records) { comparator in
            for (i, x) in topForenames.enumerated() {
                for (j, y) in topForenames.enumerated() where j >= i {
                    let level = comparator.computeForenameLevel(x, y)
                    let slip = comparator.computeForenamesWithinOneEdit(x, y) ? NameComparisonCache.withinOneEditBit : 0
                    forenameTable[i * forenameCount + j] = level | slip
                    forenameTable[j * forenameCount + i] = level | slip
                }
            }
            for (i, x) in topSurnames.enumerated() {
                for (j, y) in topSurnames.enumerated() where j >= i {
                    let level = comparator.computeSurnameLevel(x, y)
                    surnameTable[i * surnameCount + j] = level
                    surnameTable[j * surnameCount + i] = level
                }
            }
        }
        forenames = forenameTable
        surnames = surnameTable
    }

    /// Ranks codes by frequency; codes beyond ``size`` get -1.
    private static func ranks(_ frequencies: [Int32], count: Int) -> [Int16] {
        // Most frequent first; ties in code order, so runs are repeatable.
        let order = (0..<count).sorted { frequencies[$0] != frequencies[$1] ? frequencies[$0] > frequencies[$1] : $0 < $1 }
        var ranks = [Int16](repeating: -1, count: count)
        for (rank, code) in order.prefix(size).enumerated() { ranks[code] = Int16(rank) }
        return ranks
    }

    /// The tabulated codes in rank order.
    private static func top(_ ranks: [Int16]) -> [Int32] {
        var codes = [Int32](repeating: 0, count: ranks.filter { $0 >= 0 }.count)
        for (code, rank) in ranks.enumerated() where rank >= 0 { codes[Int(rank)] = Int32(code) }
        return codes
    }

    /// The cached forename entry, or nil when either name is not tabulated.
    @inline(__always)
    func forename(_ x: Int32, _ y: Int32) -> UInt8? {
        guard Int(x) < forenameRank.count, Int(y) < forenameRank.count else { return nil }
        let i = forenameRank[Int(x)]
        let j = forenameRank[Int(y)]
        guard i >= 0 && j >= 0 else { return nil }
        return forenames[Int(i) * forenameCount + Int(j)]
    }

    /// The cached surname level, or nil when either name is not tabulated.
    @inline(__always)
    func surname(_ x: Int32, _ y: Int32) -> UInt8? {
        guard Int(x) < surnameRank.count, Int(y) < surnameRank.count else { return nil }
        let i = surnameRank[Int(x)]
        let j = surnameRank[Int(y)]
        guard i >= 0 && j >= 0 else { return nil }
        return surnames[Int(i) * surnameCount + Int(j)]
    }
}
