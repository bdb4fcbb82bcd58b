import Testing
@testable import HubTracker

@Suite("Incremental linking")
struct IncrementalLinkerTests {
    static let nhsShira = Piphire.nhsNumber(999_234_567)

    static let existingSource = [
        Piphire.record("A1", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
        Piphire.record("A2", system: "sbuhb-ae", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
        Piphire.record("B1", forename: "Faye", surname: "Morgan", born: (1985, 3, 3), gender: "F", address: ["9 Oak Close"], postcode: "PP4 1AA"),
        // Shira again, known to health by NHS number only under a different address: not linked before.
        Piphire.record("C1", system: "sbuhb-ae", forename: nil, surname: "Peters", born: (2010, 1, 8), address: ["12 Castle Rd"], postcode: "PP7 1AB", nhs: nhsShira),
    ]

    /// The existing records with the person ids of a full run (numbered from 1).
    func existing() -> (records: [LinkedRecord], result: LinkageResult) {
        let cleansed = Piphire.cleanse(Self.existingSource)
        let result = RecordLinker(configuration: Piphire.fixedModel).link(cleansed)
        return (zip(cleansed, result.personIDs).map { LinkedRecord(record: $0, personID: $1) }, result)
    }

    func linker() -> IncrementalLinker {
        IncrementalLinker(configuration: Piphire.fixedModel, model: .standard)
    }

    @Test("The full run leaves three persons")
    func baseline() {
        let (records, _) = existing()
        #expect(Set(records.map(\.personID)).count == 3)
        #expect(records[0].personID == records[1].personID)
        #expect(records[0].personID != records[3].personID)
    }

    @Test("A new record joins the existing person it matches; an unmatched one gets a fresh id")
    func joinAndCreate() {
        let (records, _) = existing()
        let new = Piphire.cleanse([
            Piphire.record("N1", system: "swp-calls", forename: "SHIRA", surname: "PETERS", born: (2010, 1, 8), address: ["1 Stoops Fold"], postcode: "pp25gn"),
            Piphire.record("N2", system: "swp-calls", forename: "Osian", surname: "Lloyd", born: (1999, 9, 9), address: ["2 Bridge St"], postcode: "PP8 8AA"),
        ])
        let result = linker().link(new: new, existing: records, nextPersonID: PersonID(100))
        #expect(result.personIDs[0] == records[0].personID)
        #expect(result.personIDs[1] == PersonID(100))
        #expect(result.newPersons == [PersonID(100)])
        #expect(result.merges.isEmpty)
        // Only pairs involving a new record were compared.
        #expect(result.links.allSatisfy { $0.recordB >= records.count })
        #expect(result.links.contains { $0.recordA == 0 && $0.recordB == 4 })
        #expect(result.explanation(for: result.links[0]).decision == .link)
    }

    @Test("A new record that links two existing persons merges them")
    func merge() {
        let (records, _) = existing()
        // Full details and the NHS number: the same Shira as A1/A2 and as C1.
        let new = Piphire.cleanse([
            Piphire.record("N3", system: "npt-children", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["1 Stoops Fold"], postcode: "PP2 5GN", nhs: Self.nhsShira),
        ])
        let result = linker().link(new: new, existing: records, nextPersonID: PersonID(100))
        let shira = records[0].personID
        let health = records[3].personID
        let survivor = min(shira, health)
        let absorbed = max(shira, health)
        #expect(result.personIDs == [survivor])
        #expect(result.merges == [PersonMerge(absorbed: absorbed, into: survivor)])
        #expect(result.newPersons.isEmpty)
    }

    @Test("Do-not-link pairs are honoured when linking incrementally")
    func doNotLink() {
        let (records, _) = existing()
        let newSource = Piphire.record("N4", system: "swp-calls", forename: "Shira", surname: "Peters", born: (2010, 1, 8), address: ["1 Stoops Fold"], postcode: "PP2 5GN")
        var pairs = DoNotLinkPairs()
        pairs.insert(newSource.key, Self.existingSource[1].key)
        let result = linker().link(new: Piphire.cleanse([newSource]), existing: records, doNotLink: pairs, nextPersonID: PersonID(100))
        #expect(result.personIDs == [PersonID(100)])
        #expect(result.refusedLinks.contains { $0.refusal == .doNotLink })
    }

    @Test("Incremental linking agrees with a full run on generated data")
    func agreesWithFullRun() {
        let population = SyntheticPopulation(recordCount: 1_500, seed: 5)
        let cleansed = RecordCleanser().cleanse(population.records, parallelism: 2)
        let split = 1_200
        let configuration = Piphire.fixedModel
        let full = RecordLinker(configuration: configuration).link(cleansed)
        let base = RecordLinker(configuration: configuration).link(Array(cleansed[..<split]))
        let existing = zip(cleansed[..<split], base.personIDs).map { LinkedRecord(record: $0, personID: $1) }
        let incremental = IncrementalLinker(configuration: configuration, model: full.model)
            .link(new: Array(cleansed[split...]), existing: existing, nextPersonID: PersonID(1_000_000))
        // Apply the merges to the base assignment, then compare the two partitions pairwise.
        var survivor: [PersonID: PersonID] = [:]
        for merge in incremental.merges { survivor[merge.absorbed] = merge.into }
        func resolve(_ person: PersonID) -> PersonID {
            var current = person
            while let next = survivor[current] { current = next }
            return current
        }
        let combined = base.personIDs.map(resolve) + incremental.personIDs.map(resolve)
        let agreement = SyntheticPopulation.partitionAgreement(combined, full.personIDs)
        #expect(agreement > 0.995)
        let accuracy = population.pairwiseAccuracy(combined)
        #expect(accuracy.precision > 0.99)
        #expect(accuracy.recall > 0.95)
    }
}
