/// Union–find (disjoint sets) over records that refuses to join two clusters when that would put the two
/// sides of a do-not-link pair in one person (however indirectly) or give a person a second NHS number (but where one
/// of two numbers is wrong: ``IdentityRule/nhsNumbersDifferAtOneHome``), and
/// that joins two clusters holding conflicting records only when more links support the join than
/// conflicts oppose it (so twins stay apart, while one record with a garbled forename still joins the
/// person its other fields clearly belong to).
///
/// Records in constraints are tracked per cluster in linked lists that concatenate in constant time; the
/// expensive counts run only when two clusters with constrained members meet.
struct ConstrainedUnionFind: Sendable {
    private var parent: [Int32]
    private var size: [Int32]
    /// Per root: the cluster's valid NHS number, 0 when none.
    private var nhs: [UInt64]
    /// Per root: a second valid NHS number, joined by a link between records of one name, date of birth and home
    /// (``IdentityRule/nhsNumbersDifferAtOneHome``); 0 when none. A record of either number may join the cluster.
    private var secondNHS: [UInt64]

    /// Per record: its partners in do-not-link (hard) and conflict (soft) pairs, as CSR slices.
    private var partnerStart: [Int32] = []
    private var partners: [Int32] = []
    private var partnerIsHard: [Bool] = []
    /// Per root: its constrained members, a linked list through `constrainedNext`.
    private var constrainedHead: [Int32]
    private var constrainedTail: [Int32]
    private var constrainedNext: [Int32]
    private var constrainedCount: [Int32]

    /// Per root: all members, a linked list through `memberNext` (to count supporting links).
    private var memberHead: [Int32]
    private var memberTail: [Int32]
    private var memberNext: [Int32]

    /// The links that may support a join, as CSR adjacency.
    private let supportStart: [Int32]
    private let supportTargets: [Int32]

    init(count: Int, nhs: [UInt64], doNotLink: [(Int32, Int32)], conflicts: [(Int32, Int32)], support: [(Int32, Int32)]) {
        parent = (0..<Int32(count)).map { $0 }
        size = [Int32](repeating: 1, count: count)
        self.nhs = nhs
        secondNHS = [UInt64](repeating: 0, count: count)
        constrainedHead = [Int32](repeating: -1, count: count)
        constrainedTail = [Int32](repeating: -1, count: count)
        constrainedNext = [Int32](repeating: -1, count: count)
        constrainedCount = [Int32](repeating: 0, count: count)
        memberHead = (0..<Int32(count)).map { $0 }
        memberTail = memberHead
        memberNext = [Int32](repeating: -1, count: count)

        let constraintEdges = doNotLink.map { ($0.0, $0.1, true) } + conflicts.map { ($0.0, $0.1, false) }
        (partnerStart, partners, partnerIsHard) = ConstrainedUnionFind.adjacency(count: count, constraintEdges)
        for record in 0..<count where partnerStart[record] != partnerStart[record + 1] {
            constrainedHead[record] = Int32(record)
            constrainedTail[record] = Int32(record)
            constrainedCount[record] = 1
        }
        let supportEdges = support.map { ($0.0, $0.1, false) }
        let (start, targets, _) = ConstrainedUnionFind.adjacency(count: count, supportEdges)
        supportStart = start
        supportTargets = targets
    }

    /// Symmetric CSR adjacency of `edges` over `count` records.
    private static func adjacency(count: Int, _ edges: [(Int32, Int32, Bool)]) -> ([Int32], [Int32], [Bool]) {
        var degree = [Int32](repeating: 0, count: count + 1)
        for (a, b, _) in edges where a != b {
            degree[Int(a)] += 1
            degree[Int(b)] += 1
        }
        var start = [Int32](repeating: 0, count: count + 1)
        for index in 0..<count { start[index + 1] = start[index] + degree[index] }
        var fill = Array(start.dropLast())
        var targets = [Int32](repeating: 0, count: Int(start[count]))
        var flags = [Bool](repeating: false, count: Int(start[count]))
        for (a, b, flag) in edges where a != b {
            targets[Int(fill[Int(a)])] = b
            flags[Int(fill[Int(a)])] = flag
            fill[Int(a)] += 1
            targets[Int(fill[Int(b)])] = a
            flags[Int(fill[Int(b)])] = flag
            fill[Int(b)] += 1
        }
        return (start, targets, flags)
    }

    mutating func find(_ x: Int) -> Int {
        var node = x
        while Int(parent[node]) != node {
            let grandparent = parent[Int(parent[node])]
            parent[node] = grandparent
            node = Int(grandparent)
        }
        return node
    }

    /// Joins the clusters of `a` and `b` unless a constraint forbids it; returns the refusal, or nil when
    /// joined (or already together). A `weak` link (``PairScore/isWeak``) never joins clusters holding conflicting
    /// records, however many links support it. Clusters whose NHS numbers have none in common are not joined, but by a
    /// link between records of one name, date of birth and home (``PairScore/nhsNumbersDifferAtOneHome``,
    /// `twoNHSNumbers`): the person then holds both numbers, and a record of either may join it later; never a third.
    mutating func union(_ a: Int, _ b: Int, weak: Bool = false, twoNHSNumbers: Bool = false) -> LinkRefusal? {
        let rootA = find(a)
        let rootB = find(b)
        if rootA == rootB { return nil }
        if !numbersAgree(rootA, rootB) && !(twoNHSNumbers && secondNHS[rootA] == 0 && secondNHS[rootB] == 0) {
            return .differentNHSNumbers
        }
        if constrainedCount[rootA] > 0 && constrainedCount[rootB] > 0 {
            let (hard, soft) = constraintsBetween(rootA, rootB)
            if hard { return .doNotLink }
            if soft > 0 && (weak || supportBetween(rootA, rootB) <= soft) { return .conflictingRecords }
        }
        join(rootA, rootB)
        return nil
    }

    /// True when either cluster has no NHS number, or they have one in common.
    private func numbersAgree(_ rootA: Int, _ rootB: Int) -> Bool {
        let (a1, a2, b1, b2) = (nhs[rootA], secondNHS[rootA], nhs[rootB], secondNHS[rootB])
        if a1 == 0 || b1 == 0 { return true }
        return a1 == b1 || a1 == b2 || (a2 != 0 && (a2 == b1 || a2 == b2))
    }

    /// Joins unconditionally (existing persons in incremental linking are taken as they are).
    mutating func forceUnion(_ a: Int, _ b: Int) {
        let rootA = find(a)
        let rootB = find(b)
        if rootA != rootB { join(rootA, rootB) }
    }

    /// True when `record` has a conflict (soft) partner in the cluster rooted at `root`.
    mutating func hasConflictPartner(_ record: Int, inClusterOf other: Int) -> Bool {
        let root = find(other)
        for slot in Int(partnerStart[record])..<Int(partnerStart[record + 1]) where find(Int(partners[slot])) == root {
            return true
        }
        return false
    }

    /// How many of `record`'s supporting links end in the cluster of `other` (itself excluded).
    mutating func supportingLinks(from record: Int, intoClusterOf other: Int) -> Int {
        let root = find(other)
        var count = 0
        for slot in Int(supportStart[record])..<Int(supportStart[record + 1]) {
            let target = Int(supportTargets[slot])
            if target != record && find(target) == root { count += 1 }
        }
        return count
    }

    /// Whether a do-not-link pair spans the two clusters, and how many conflict pairs do.
    private mutating func constraintsBetween(_ rootA: Int, _ rootB: Int) -> (hard: Bool, soft: Int) {
        let (scan, other) = constrainedCount[rootA] <= constrainedCount[rootB] ? (rootA, rootB) : (rootB, rootA)
        var soft = 0
        var member = constrainedHead[scan]
        while member >= 0 {
            for slot in Int(partnerStart[Int(member)])..<Int(partnerStart[Int(member) + 1])
            where find(Int(partners[slot])) == other {
                if partnerIsHard[slot] { return (true, soft) }
                soft += 1
            }
            member = constrainedNext[Int(member)]
        }
        return (false, soft)
    }

    /// How many supporting links run between the two clusters.
    private mutating func supportBetween(_ rootA: Int, _ rootB: Int) -> Int {
        let (scan, other) = size[rootA] <= size[rootB] ? (rootA, rootB) : (rootB, rootA)
        var count = 0
        var member = memberHead[scan]
        while member >= 0 {
            for slot in Int(supportStart[Int(member)])..<Int(supportStart[Int(member) + 1])
            where find(Int(supportTargets[slot])) == other {
                count += 1
            }
            member = memberNext[Int(member)]
        }
        return count
    }

    private mutating func join(_ rootA: Int, _ rootB: Int) {
        let (big, small) = size[rootA] >= size[rootB] ? (rootA, rootB) : (rootB, rootA)
        parent[small] = Int32(big)
        size[big] += size[small]
        // The joined cluster's numbers: the first two of both clusters' (a third comes only from a forced join).
        for number in [nhs[small], secondNHS[small]] where number != 0 && number != nhs[big] && number != secondNHS[big] {
            if nhs[big] == 0 { nhs[big] = number } else if secondNHS[big] == 0 { secondNHS[big] = number }
        }
        if constrainedHead[small] >= 0 {
            if constrainedHead[big] >= 0 {
                constrainedNext[Int(constrainedTail[big])] = constrainedHead[small]
            } else {
                constrainedHead[big] = constrainedHead[small]
            }
            constrainedTail[big] = constrainedTail[small]
            constrainedCount[big] += constrainedCount[small]
        }
        memberNext[Int(memberTail[big])] = memberHead[small]
        memberTail[big] = memberTail[small]
    }
}
