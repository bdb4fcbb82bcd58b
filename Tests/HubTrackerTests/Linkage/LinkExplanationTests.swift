import Foundation
import HubData
import Testing
@testable import HubTracker

/// Issue #18, item 2: every link explained, with field names and the rules that fired.
@Suite("Link explanations")
struct LinkExplanationTests {
    static let shira = Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F", address: ["1 Stoops Fold"],
                                      postcode: "PP2 5GN", nhs: "9992345675")
    static let shiraHealth = Piphire.record("B", system: "sbuhb-ae", forename: "Shira", surname: "Peters", born: (2010, 8, 1), gender: "F",
                                            address: ["1 Stoops Fold"], postcode: "PP2 5GN", nhs: "9992345675")
    static let shiraPolice = Piphire.record("C", system: "police", forename: "Shirah", surname: "Peters", born: (2010, 1, 8), gender: "F",
                                            address: ["1 Stoops Fold"], postcode: "PP2 5GN")

    @Test("An explanation names its fields and rules in JSON, and still reads one stored with numbered fields")
    func namedInJSON() throws {
        let result = Piphire.link([Self.shira, Self.shiraHealth])
        let pair = try #require(result.links.first)
        let json = String(decoding: try JSONEncoder().encode(result.explanation(for: pair)), as: UTF8.self)
        #expect(json.contains(#""field":"date_of_birth""#))
        #expect(json.contains(#""field":"nhs_number""#))
        #expect(!json.contains(#""field":5"#))
        #expect(json.contains(#""rules":["same_nhs_number"]"#))
        let old = #"{"recordA":0,"recordB":1,"priorWeight":-8,"fields":[{"field":5,"level":"exact","m":0.9,"u":0.01,"weight":6.5,"termFrequencyAdjustment":0}],"matchWeight":1.5,"matchProbability":0.7,"isDeterministic":true,"conflicts":[],"decision":"link"}"#
        let decoded = try JSONDecoder().decode(MatchExplanation.self, from: Data(old.utf8))
        #expect(decoded.fields.map(\.field) == [.nhsNumber])
        #expect(decoded.rules == [])
        let again = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
        #expect(again.contains(#""field":"nhs_number""#))
    }

    @Test("A person's links: deterministic on a shared NHS number, auto on weight, each field named with its level and rules")
    func personLinks() throws {
        let records = Piphire.cleanse([Self.shira, Self.shiraHealth, Self.shiraPolice])
        let explainer = PersonLinkExplainer(model: .standard, configuration: Piphire.fixedModel)
        let why = explainer.explain(records: [(10, records[0]), (11, records[1]), (12, records[2])], confirmed: [])
        #expect(why.unexplainedRecords == [])
        #expect(why.links.count == 2)
        let deterministic = try #require(why.links.first { $0.kind == .deterministic })
        #expect((deterministic.recordA, deterministic.recordB) == (10, 11))
        #expect(deterministic.rules == ["same_nhs_number"])
        #expect(deterministic.fields.map(\.field) == ["forename", "surname", "date_of_birth", "address", "gender", "nhs_number"])
        #expect(deterministic.fields.map(\.level) == ["exact", "exact", "dayMonthSwapped", "sameProperty", "exact", "exact"])
        #expect(deterministic.fields.last?.rules == ["same_nhs_number"])
        let auto = try #require(why.links.first { $0.kind == .auto })
        #expect(auto.rules == ["auto_link_threshold"])
        #expect(auto.recordB == 12)
        #expect(auto.fields.first { $0.field == "nhs_number" }?.level == "missing")
        #expect(PersonLinkExplainer.exportText(deterministic).hasPrefix("rules=same_nhs_number; weight=+"))
        #expect(PersonLinkExplainer.exportText(deterministic).hasSuffix("nhs_number=exact:+\(String(format: "%.2f", deterministic.fields[5].weight))[same_nhs_number]"))
    }

    @Test("A reviewer's confirmation joins what no link does, and a record nothing joins is named")
    func confirmedAndUnexplained() throws {
        let jack = Piphire.record("D", system: "police", forename: "Jack", surname: "Peters", born: (2013, 6, 21), gender: "M",
                                  address: ["1 Stoops Fold"], postcode: "PP2 5GN")
        let tomos = Piphire.record("E", forename: "Tomos", surname: "Peters", born: (2013, 6, 21), gender: "M",
                                   address: ["1 Stoops Fold"], postcode: "PP2 5GN")
        let records = Piphire.cleanse([jack, tomos])
        let explainer = PersonLinkExplainer(model: .standard, configuration: Piphire.fixedModel)
        let apart = explainer.explain(records: [(20, records[0]), (21, records[1])], confirmed: [])
        #expect(apart.links == [])
        #expect(apart.unexplainedRecords == [21])
        let confirmed = explainer.explain(records: [(20, records[0]), (21, records[1])],
                                          confirmed: [.init(recordA: 20, recordB: 21, explanation: nil)])
        #expect(confirmed.unexplainedRecords == [])
        #expect(confirmed.links.map(\.kind) == [.confirmed])
        #expect(confirmed.links.first?.rules == ["confirmed_by_reviewer"])
    }
}
