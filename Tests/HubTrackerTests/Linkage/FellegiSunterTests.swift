import Foundation
import Testing
@testable import HubTracker

@Suite("Fellegi–Sunter weights")
struct FellegiSunterTests {
    @Test("A level's weight is log2(m / u); the prior is log2(λ / (1 − λ))")
    func weights() {
        let forename = FieldParameters(field: .forename, m: [0.8, 0.05, 0.05, 0.05, 0.05], u: [0.01, 0.01, 0.01, 0.02, 0.95])
        #expect(abs(forename.weight(level: 0) - log2(80)) < 1e-12)
        #expect(abs(forename.weight(.different) - log2(0.05 / 0.95)) < 1e-12)
        #expect(forename.weight(.missing) == 0)
        var model = LinkageModel.standard
        model.probabilityTwoRandomRecordsMatch = 1.0 / 1025
        #expect(abs(model.priorWeight - (-10)) < 1e-9)
        #expect(abs(LinkageModel.probability(weight: 0) - 0.5) < 1e-12)
        #expect(LinkageModel.probability(weight: 6) > 0.98)
    }

    @Test("Agreement adds weight and disagreement takes it away, field by field")
    func signs() {
        for field in LinkageModel.standard.fields {
            #expect(field.weight(level: 0) > 0, "\(field.field) agreement")
            #expect(field.weight(level: field.m.count - 1) < 0, "\(field.field) disagreement")
        }
        let nhs = LinkageModel.standard.parameters(.nhsNumber)
        #expect(nhs.weight(.different) < -9)  // both present and different: a strong disagreement
    }

    @Test("A pair's explanation adds up: prior plus each field's weight and adjustment")
    func explanationAddsUp() throws {
        let records = [
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
            Piphire.record("B", system: "sbuhb-ae", forename: "Shirah", surname: "Peters", born: (2010, 8, 1), gender: "2", address: ["1 Stoops Fold"], postcode: "PP2 5GN"),
        ]
        let result = Piphire.link(records)
        let pair = try #require(result.links.first)
        let explanation = result.explanation(for: pair)
        #expect(explanation.fields.map(\.field) == LinkageField.allCases)
        #expect(explanation.priorWeight == LinkageModel.standard.priorWeight)
        let total = explanation.priorWeight + explanation.fields.reduce(0) { $0 + $1.weight + $1.termFrequencyAdjustment }
        #expect(abs(total - explanation.matchWeight) < 0.001)
        #expect(explanation.fields[0].level == .jaroWinkler92)
        #expect(explanation.fields[2].level == .dayMonthSwapped)
        #expect(explanation.fields[3].level == .sameProperty)
        #expect(explanation.fields[5].level == .missing)
        #expect(explanation.fields[5].weight == 0)
        #expect(explanation.decision == .link)
        #expect(explanation.description.contains("date of birth: day and month swapped +"))
        #expect(pair.level(.surname) == .exact)
    }

    @Test("Term frequencies: agreeing on a common surname counts for less than on a rare one")
    func termFrequencies() throws {
        var configuration = Piphire.fixedModel
        configuration.termFrequencyAdjustments = true
        configuration.model?.nameFrequencies = NameFrequencies(
            records: 100_000, forenames: ["tomos": 0.004], surnames: ["jones": 0.0575, "peregrine": 0.0001])
        let people: [(String, Int, String)] = [("Jones", 1990, "PP1 1AA"), ("Peregrine", 1970, "PP7 2BB")]
        let records: [SourceRecord] = people.flatMap { surname, year, postcode in
            (0..<2).map { index -> SourceRecord in
                Piphire.record("\(surname)\(index)", forename: "Tomos", surname: surname, born: (year, 3, 4), address: ["1 Mill Lane"], postcode: postcode)
            }
        }
        let result = RecordLinker(configuration: configuration).link(Piphire.cleanse(records))
        #expect(result.links.count == 2)
        let jones = try #require(result.links.first { $0.recordA == 0 })
        let peregrine = try #require(result.links.first { $0.recordA == 2 })
        let jonesSurname = result.explanation(for: jones).fields[1]
        let peregrineSurname = result.explanation(for: peregrine).fields[1]
        #expect(jonesSurname.termFrequencyAdjustment < 0)
        #expect(abs(jonesSurname.termFrequencyAdjustment - log2(0.004 / 0.0575)) < 0.001)
        #expect(abs(peregrineSurname.termFrequencyAdjustment - log2(0.004 / 0.0001)) < 0.001)
        #expect(peregrine.matchWeight > jones.matchWeight)
    }

    @Test("Models survive a JSON round trip, so one can be saved for incremental linking")
    func codable() throws {
        var model = LinkageModel.standard
        model.nameFrequencies = NameFrequencies(records: 10, forenames: ["shira": 0.2], surnames: [:])
        let data = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(LinkageModel.self, from: data) == model)
    }
}
