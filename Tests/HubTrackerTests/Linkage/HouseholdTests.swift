import Testing
@testable import HubTracker

@Suite("Households")
struct HouseholdTests {
    @Test("Persons sharing a UPRN, or an address key without one, form a household; movers belong to both")
    func households() throws {
        let records = Piphire.cleanse([
            Piphire.record("F1", forename: "Faye", surname: "Peters", born: (1985, 3, 3), address: ["1 Stoops Fold"], postcode: "PP2 5GN", uprn: "100000000001"),
            Piphire.record("F2", forename: "Aiden", surname: "Peters", born: (2012, 4, 4), address: ["1 STOOPS FOLD"], postcode: "pp25gn"),
            Piphire.record("F3", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
            Piphire.record("M1", forename: "Tomos", surname: "Rees", born: (1970, 1, 1), address: ["Flat 2, 10 High St"], postcode: "PP3 1AB"),
            Piphire.record("M2", forename: "Tomos", surname: "Rees", born: (1970, 1, 1), address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
            Piphire.record("X", forename: "Lowri", surname: "Owen", born: (1990, 1, 1), address: [], postcode: nil),
        ])
        let persons: [PersonID] = [1, 2, 3, 4, 4, 5].map { PersonID($0) }
        let households = HouseholdGrouping.households(records: records, personIDs: persons)
        #expect(households.count == 2)
        let stoops = try #require(households.first { $0.key == .uprn(100_000_000_001) })
        #expect(stoops.personIDs == [1, 2, 3, 4].map { PersonID($0) })
        #expect(stoops.records == [0, 1, 2, 4])
        let flat = try #require(households.first { $0.key == .address(postcode: "PP3 1AB", key: "flat 2, 10 high street") })
        #expect(flat.personIDs == [PersonID(4)])
        #expect(HouseholdKey.uprn(7).description == "uprn:7")
    }
}
