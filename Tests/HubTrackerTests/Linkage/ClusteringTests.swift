import Testing
@testable import HubTracker

@Suite("Clustering with constraints")
struct ClusteringTests {
    @Test("A do-not-link pair is honoured transitively")
    func doNotLinkTransitive() {
        var clusters = ConstrainedUnionFind(count: 5, nhs: [0, 0, 0, 0, 0], doNotLink: [(0, 3)], conflicts: [], support: [])
        #expect(clusters.union(0, 1) == nil)
        #expect(clusters.union(2, 3) == nil)
        #expect(clusters.union(1, 2) == .doNotLink)  // would put 0 and 3 together
        #expect(clusters.union(3, 0) == .doNotLink)
        #expect(clusters.union(1, 4) == nil)
        #expect(clusters.find(0) == clusters.find(4))
        #expect(clusters.find(0) != clusters.find(3))
    }

    @Test("A person never gets two NHS numbers")
    func nhsNumbers() {
        var clusters = ConstrainedUnionFind(count: 3, nhs: [11, 0, 22], doNotLink: [], conflicts: [], support: [])
        #expect(clusters.union(0, 1) == nil)
        #expect(clusters.union(1, 2) == .differentNHSNumbers)
    }

    @Test("Conflicting clusters join only when more links support the join than conflicts oppose it")
    func softConflicts() {
        // 0 and 1 conflict; 2 links to both (a record that fits both twins).
        var twins = ConstrainedUnionFind(
            count: 3, nhs: [0, 0, 0], doNotLink: [], conflicts: [(0, 1)], support: [(0, 2), (1, 2)])
        #expect(twins.union(0, 2) == nil)
        #expect(twins.union(1, 2) == .conflictingRecords)
        // A garbled record 3 conflicts with 0 but links to 1 and 2, which belong with 0.
        var typo = ConstrainedUnionFind(
            count: 4, nhs: [0, 0, 0, 0], doNotLink: [], conflicts: [(0, 3)], support: [(0, 1), (0, 2), (1, 3), (2, 3)])
        #expect(typo.union(0, 1) == nil)
        #expect(typo.union(0, 2) == nil)
        #expect(typo.union(1, 3) == nil)
        #expect(typo.find(3) == typo.find(0))
    }
}
