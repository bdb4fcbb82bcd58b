import Testing
@testable import HubTracker

@Suite("Linkage accuracy on a generated population")
struct LinkageAccuracyTests {
    @Test("Estimated model: high precision and recall; twins stay apart")
    func generated() {
        let population = SyntheticPopulation(recordCount: 4_000, seed: 2025)
        let gazetteer = GazetteerIndex(entries: population.gazetteer())
        let records = RecordCleanser(gazetteer: gazetteer).cleanse(population.records, parallelism: 2)
        var configuration = LinkageConfiguration()
        configuration.parallelism = 2
        configuration.randomPairsForU = 300_000
        let result = RecordLinker(configuration: configuration).link(records)
        let accuracy = population.pairwiseAccuracy(result.personIDs)
        #expect(accuracy.precision > 0.995)
        #expect(accuracy.recall > 0.97)
        // Twins whose records both carry forenames are never one person.
        var persons: [Int: Set<PersonID>] = [:]
        for (index, truth) in population.truth.enumerated() where records[index].name.forename != nil {
            persons[truth, default: []].insert(result.personIDs[index])
        }
        #expect(!population.twins.isEmpty)
        for (a, b) in population.twins {
            #expect((persons[a] ?? []).isDisjoint(with: persons[b] ?? []), "twins \(a) and \(b)")
        }
        // Almost every record found its UPRN in the gazetteer.
        #expect(records.filter { $0.uprn != nil }.count > 3_900)
    }
}
