import Testing
@testable import HubTracker

@Suite("Linkage scenarios")
struct LinkageScenarioTests {
    static let home = ["1 Stoops Fold", "Down Park"]

    @Test("Twins (same surname, date of birth and address, different forenames) are not linked")
    func twins() {
        let records = [
            Piphire.record("T1", forename: "Amelia", surname: "Peters", born: (2015, 6, 1), gender: "F", address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("T2", system: "sbuhb-ae", forename: "Amelia", surname: "Peters", born: (2015, 6, 1), gender: "F", address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("T3", forename: "Oliver", surname: "Peters", born: (2015, 6, 1), gender: "M", address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("T4", system: "sbuhb-ae", forename: "Oliver", surname: "PETERS", born: (2015, 6, 1), gender: "M", address: ["1 Stoops Fold"], postcode: "pp25gn"),
        ]
        let result = Piphire.link(records)
        #expect(Set(result.personIDs).count == 2)
        #expect(Piphire.person("T1", in: records, result) == Piphire.person("T2", in: records, result))
        #expect(Piphire.person("T3", in: records, result) == Piphire.person("T4", in: records, result))
        #expect(Piphire.person("T1", in: records, result) != Piphire.person("T3", in: records, result))
        // The twins' pairs look alike (high weight) but conflict, so they go to review, not to links.
        let twinPairs = result.reviews.filter { ($0.recordA < 2) != ($0.recordB < 2) }
        #expect(!twinPairs.isEmpty)
        #expect(twinPairs.allSatisfy { $0.conflicts.contains(.forenamesDiffer) })
        #expect(result.explanation(for: twinPairs[0]).decision == .review)
    }

    @Test("Twins with similar names (Joseph and Joshua, Ella and Ellie) are not linked")
    func similarlyNamedTwins() {
        for (first, second) in [("Joseph", "Joshua"), ("Ella", "Ellie"), ("Patrick", "Patricia")] {
            let records = [
                Piphire.record("A", forename: first, surname: "Evans", born: (2012, 2, 3), address: Self.home, postcode: "PP2 5GN"),
                Piphire.record("B", forename: second, surname: "Evans", born: (2012, 2, 3), address: Self.home, postcode: "PP2 5GN"),
            ]
            let result = Piphire.link(records)
            #expect(result.personIDs[0] != result.personIDs[1], "\(first) and \(second)")
        }
    }

    @Test("A record without a forename that fits both twins joins neither")
    func ambiguousRecord() {
        let records = [
            Piphire.record("T1", forename: "Amelia", surname: "Peters", born: (2015, 6, 1), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("T2", forename: "Oliver", surname: "Peters", born: (2015, 6, 1), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("X", system: "swp-calls", forename: nil, surname: "Peters", born: (2015, 6, 1), address: Self.home, postcode: "PP2 5GN"),
        ]
        let result = Piphire.link(records)
        #expect(Set(result.personIDs).count == 3)
        #expect(result.reviews.contains { $0.recordA == 0 && $0.recordB == 2 })
    }

    @Test("A parent and child of the same name at one address are not linked")
    func parentAndChild() {
        let records = [
            Piphire.record("F", forename: "Tomos", surname: "Rees", born: (1980, 4, 2), gender: "M", address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("S", forename: "Tomos", surname: "Rees", born: (2008, 9, 14), gender: "M", address: Self.home, postcode: "PP2 5GN"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] != result.personIDs[1])
    }

    @Test("House move: the same NHS number links across addresses")
    func houseMoveByNHSNumber() throws {
        let nhs = Piphire.nhsNumber(999_234_567)
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN", nhs: nhs),
            Piphire.record("B", system: "sbuhb-ae", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: ["12 Castle Rd"], postcode: "PP7 1AB", nhs: "\(nhs.prefix(3)) \(nhs.dropFirst(3).prefix(3)) \(nhs.suffix(4))"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] == result.personIDs[1])
        let link = try #require(result.links.first)
        #expect(link.isDeterministic)
        #expect(link.level(.address) == .different)
    }

    @Test("House move: the same name and date of birth link across addresses")
    func houseMoveByNameAndBirth() throws {
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("B", system: "swansea-children", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["12 Castle Rd"], postcode: "PP7 1AB"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] == result.personIDs[1])
        let link = try #require(result.links.first)
        #expect(!link.isDeterministic)
        #expect(link.matchWeight >= Piphire.fixedModel.autoLinkThreshold)
    }

    @Test("Nicknames, aliases and misspellings still link")
    func variants() {
        let records = [
            Piphire.record("A", forename: "William", surname: "Jones", born: (1975, 5, 5), address: ["4 Mill Lane"], postcode: "PP3 2AB"),
            Piphire.record("B", system: "swp-calls", forename: "Bill", surname: "JONES", born: (1975, 5, 5), address: ["4 Mill Ln"], postcode: "PP3 2AB"),
            Piphire.record("C", forename: "Amanda", surname: "Jones", born: (1980, 1, 2), gender: "F", address: ["9 Oak Cl"], postcode: "PP4 1AA"),
            Piphire.record("D", system: "sbuhb-ae", forename: "Mandy", surname: "Smith", born: (1980, 1, 2), gender: "F", address: ["77 Bridge St"], postcode: "PP9 9ZZ", aliases: ["Amanda Jones"]),
            Piphire.record("E", forename: "Gwenllian", surname: "Pritchard", born: (2001, 7, 30), address: ["3 Heol y Nant"], postcode: "PP5 5AA"),
            Piphire.record("F", forename: "Gwenlian", surname: "Prichard", born: (2001, 7, 30), address: ["3 Heol Y Nant"], postcode: "PP5 5AA"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] == result.personIDs[1])
        #expect(result.personIDs[2] == result.personIDs[3])
        #expect(result.personIDs[4] == result.personIDs[5])
        #expect(Set(result.personIDs).count == 3)
    }

    @Test("Do-not-link pairs are honoured, even through other records and shared NHS numbers")
    func doNotLink() {
        let nhs = Piphire.nhsNumber(999_700_001)
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("B", system: "sbuhb-ae", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("C", system: "swp-calls", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("D", forename: "Faye", surname: "Morgan", born: (1985, 3, 3), postcode: "PP1 1AA", nhs: nhs),
            Piphire.record("E", system: "sbuhb-ae", forename: "Faye", surname: "Morgan", born: (1985, 3, 3), postcode: "PP1 1AA", nhs: nhs),
        ]
        let without = Piphire.link(records)
        #expect(Set(without.personIDs).count == 2)

        var pairs = DoNotLinkPairs()
        pairs.insert(records[0].key, records[2].key)
        pairs.insert(records[4].key, records[3].key)
        let result = Piphire.link(records, doNotLink: pairs)
        #expect(result.personIDs[0] != result.personIDs[2])
        // B fits both A and C equally; it joins the first (A), and can never bring C in.
        #expect(result.personIDs == [PersonID(1), PersonID(1), PersonID(2), PersonID(3), PersonID(4)])
        #expect(result.personIDs[3] != result.personIDs[4])
        #expect(result.refusedLinks.contains { $0.refusal == .doNotLink })
    }

    @Test("A child carrying a parent's NHS number is not linked to the parent")
    func parentsNHSNumber() {
        let nhs = Piphire.nhsNumber(999_777_777)
        let records = [
            Piphire.record("M", forename: "Faye", surname: "Owen", born: (1985, 3, 3), gender: "F", address: Self.home, postcode: "PP2 5GN", nhs: nhs),
            Piphire.record("C", system: "sbuhb-ae", forename: "Aiden", surname: "Owen", born: (2014, 7, 9), gender: "M", address: Self.home, postcode: "PP2 5GN", nhs: nhs),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] != result.personIDs[1])
        // Two clearly different people carry the number, one record each: neither owns it, so it is set aside on both
        // (nhs_number_shared_by_different_people) and the pair is scored as having no number: no link, not even a review.
        #expect(result.statistics.nhsNumbersSetAside == 2)
        #expect(result.links.isEmpty)
        #expect(result.reviews.isEmpty)
    }

    @Test("Records sharing an invalid NHS number are not linked on it")
    func invalidNHSNumbers() {
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), postcode: "PP2 5GN", nhs: "9992345674"),
            Piphire.record("B", forename: "Tomos", surname: "Evans", born: (1950, 2, 2), postcode: "PP8 1AA", nhs: "9992345674"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] != result.personIDs[1])
        #expect(result.links.isEmpty)
    }

    @Test("A shared NHS number does not link records that disagree on everything else")
    func wrongNHSNumber() {
        let nhs = Piphire.nhsNumber(999_555_555)
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", postcode: "PP2 5GN", nhs: nhs),
            Piphire.record("B", forename: "Tomos", surname: "Evans", born: (1950, 2, 2), gender: "M", postcode: "PP8 1AA", nhs: nhs),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] != result.personIDs[1])
        // The number is set aside on both (nhs_number_shared_by_different_people): nothing else agrees, so no pair at all.
        #expect(result.statistics.nhsNumbersSetAside == 2)
        #expect(result.links.isEmpty)
        #expect(result.reviews.isEmpty)
    }

    @Test("Weak evidence goes to clerical review rather than being linked")
    func reviewBand() throws {
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("B", system: "swp-calls", forename: nil, surname: "Peters", born: (2010, 1, 8), address: ["12 Castle Rd"], postcode: "PP7 1AB"),
        ]
        let result = Piphire.link(records)
        #expect(result.personIDs[0] != result.personIDs[1])
        let review = try #require(result.reviews.first)
        #expect(review.matchWeight >= Piphire.fixedModel.reviewThreshold)
        #expect(review.matchWeight < Piphire.fixedModel.autoLinkThreshold)
        #expect(result.explanation(for: review).decision == .review)
    }

    @Test("The statistics account for the run")
    func statistics() {
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
            Piphire.record("B", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: Self.home, postcode: "PP2 5GN"),
        ]
        let result = Piphire.link(records)
        #expect(result.statistics.records == 2)
        #expect(result.statistics.comparisons == 1)  // found by three rules, compared once
        #expect(result.statistics.links == 1)
        #expect(result.personCount == 1)
        #expect(result.recordsByPerson() == [result.personIDs[0]: [0, 1]])
        #expect(result.statistics.estimation == nil)
    }

    @Test("No records, or one, link without trouble")
    func tinyInputs() {
        let none = RecordLinker(configuration: Piphire.fixedModel).link([])
        #expect(none.personIDs.isEmpty)
        let one = Piphire.link([Piphire.record("A", forename: "Shira", surname: "Peters")])
        #expect(one.personIDs == [PersonID(1)])
        var estimating = LinkageConfiguration()
        estimating.parallelism = 2
        let estimated = RecordLinker(configuration: estimating).link(Piphire.cleanse([
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8)),
            Piphire.record("B", forename: "Shira", surname: "Peters", born: (2010, 1, 8)),
        ]))
        #expect(estimated.personIDs.count == 2)
        // Two identical records make one pair, which matches: λ is capped at its ceiling of one half.
        #expect(estimated.model.probabilityTwoRandomRecordsMatch == 0.5)
    }
}
