import Testing
@testable import HubTracker

@Suite("Tracker search criteria")
struct TrackerSearchCriteriaTests {
    @Test("An address is searched for as records' keys lay it out", arguments: [
        ("Flat 2 10 High St", "flat 2, 10 high street"), ("2/10 High Street", "flat 2, 10 high street"),
        ("4 Nant Cres", "4 nant crescent"), ("flat 2", "flat 2"),
    ])
    func addressTerms(address: String, searched: String) throws {
        #expect(try TrackerSearchCriteria(address: address).terms().address == searched)
    }
}
