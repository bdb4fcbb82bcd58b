import Foundation
import HubData

/// Explains why a person's records are one person (issue #18, item 2): links the person's records again with the
/// saved model (the one the last full run estimated and every incremental link since used, its name frequencies
/// included, so the weights are those the link was made with), and keeps the links that join them, strongest first,
/// as a spanning tree: each as deterministic (a shared valid NHS number) or auto (the weight reached the threshold),
/// with every field's level, weight and rules by name. A reviewer's confirmation joins what is left, with the review's
/// explanation. Records nothing joins now are named, never hidden. Costs nothing at import: it runs when asked.
public struct PersonLinkExplainer: Sendable {
    public let configuration: LinkageConfiguration
    /// Records (by id) whose valid NHS number is set aside, found across the live records
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``): set aside in every person explained, as the run that linked
    /// them did.
    public let nhsNumbersSetAside: Set<Int64>
    /// Persons' households across the live records, for ``exportColumns(_:confirmed:)`` (``LinkRule/householdMovedTogether``).
    public let personHouseholds: PersonHouseholds

    public init(
        model: LinkageModel, configuration: LinkageConfiguration = LinkageConfiguration(), nhsNumbersSetAside: Set<Int64> = [],
        personHouseholds: PersonHouseholds = PersonHouseholds()
    ) {
        var configuration = configuration
        configuration.model = model
        configuration.parallelism = 1  // a person's few records
        self.configuration = configuration
        self.nhsNumbersSetAside = nhsNumbersSetAside
        self.personHouseholds = personHouseholds
    }

    /// A confirmed pair of records and the explanation its review kept (nil when none).
    public struct Confirmation: Sendable {
        public var recordA: Int64
        public var recordB: Int64
        public var explanation: MatchExplanation?

        public init(recordA: Int64, recordB: Int64, explanation: MatchExplanation?) {
            self.recordA = recordA
            self.recordB = recordB
            self.explanation = explanation
        }
    }

    /// The links that join `records` (the person's, by id), then the confirmations for what they leave apart.
    /// `otherCarriers`: other persons' live records that carry one of the person's valid NHS numbers, so that a number
    /// clearly different people carry is set aside here as linking set it aside
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``). `householdsOfOthers`: for each other person with records at
    /// two or more of the person's households, those households (``HouseholdKey/description``), so that a household
    /// that moved together is seen as linking saw it (``LinkRule/householdMovedTogether``).
    public func explain(
        records: [(id: Int64, record: CleansedRecord)], confirmed: [Confirmation], otherCarriers: [CleansedRecord] = [],
        householdsOfOthers: [[String]] = []
    ) -> TrackerPersonLinks {
        guard records.count > 1 else { return TrackerPersonLinks(links: [], unexplainedRecords: []) }
        let linker = RecordLinker(configuration: configuration)
        let cleansed = records.map(\.record)
        var aside = Set(records.indices.filter { nhsNumbersSetAside.contains(records[$0].id) })
        if !otherCarriers.isEmpty {
            aside.formUnion(linker.nhsNumbersSetAside(in: cleansed + otherCarriers).filter { $0 < records.count })
        }
        let result = linker.link(cleansed, nhsNumbersSetAside: aside,
                                 propertiesConnectedElsewhere: Self.connections(of: cleansed, householdsOfOthers))
        var parent = Array(records.indices)
        func find(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        func union(_ a: Int, _ b: Int) -> Bool {
            let (ra, rb) = (find(a), find(b))
            guard ra != rb else { return false }
            parent[max(ra, rb)] = min(ra, rb)
            return true
        }
        var links: [TrackerLinkExplanation] = []
        let strongestFirst = result.links.sorted { x, y in
            if x.isDeterministic != y.isDeterministic { return x.isDeterministic }
            if x.matchWeight != y.matchWeight { return x.matchWeight > y.matchWeight }
            return (x.recordA, x.recordB) < (y.recordA, y.recordB)
        }
        for pair in strongestFirst where union(pair.recordA, pair.recordB) {
            links.append(Self.link(result.explanation(for: pair), a: records[pair.recordA].id, b: records[pair.recordB].id,
                                   kind: pair.isDeterministic ? .deterministic : .auto))
        }
        let index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($0.element.id, $0.offset) })
        for confirmation in confirmed {
            guard let a = index[confirmation.recordA], let b = index[confirmation.recordB], union(a, b) else { continue }
            if let explanation = confirmation.explanation {
                var link = Self.link(explanation, a: confirmation.recordA, b: confirmation.recordB, kind: .confirmed)
                link.rules = [LinkRule.confirmedByReviewer.rawValue]
                links.append(link)
            } else {
                links.append(TrackerLinkExplanation(recordA: min(confirmation.recordA, confirmation.recordB),
                                                    recordB: max(confirmation.recordA, confirmation.recordB), kind: .confirmed,
                                                    matchWeight: nil, matchProbability: nil,
                                                    rules: [LinkRule.confirmedByReviewer.rawValue], fields: []))
            }
        }
        let first = find(0)
        let unexplained = records.indices.filter { find($0) != first }.map { records[$0].id }
        return TrackerPersonLinks(links: links, unexplainedRecords: unexplained)
    }

    /// The pairs of the records' households that another person's records are at, from each other person's households.
    static func connections(of records: [CleansedRecord], _ householdsOfOthers: [[String]]) -> [(HouseholdKey, HouseholdKey)] {
        guard !householdsOfOthers.isEmpty else { return [] }
        var keys: [String: HouseholdKey] = [:]
        for key in records.compactMap(\.householdKey) { keys[key.description] = key }
        var pairs: [(HouseholdKey, HouseholdKey)] = []
        for households in householdsOfOthers {
            let known = Array(Set(households.compactMap { keys[$0] }))
            for i in known.indices {
                for j in known.indices where j > i { pairs.append((known[i], known[j])) }
            }
        }
        return pairs
    }

    /// The default configuration with ages reckoned in `referenceYear`, for explaining outside a linkage run.
    static func configuration(referenceYear: Int?) -> LinkageConfiguration {
        var configuration = LinkageConfiguration()
        configuration.referenceYear = referenceYear
        return configuration
    }

    /// A scored pair's explanation as the person view and the export show it.
    static func link(_ explanation: MatchExplanation, a: Int64, b: Int64, kind: TrackerLinkKind) -> TrackerLinkExplanation {
        TrackerLinkExplanation(
            recordA: min(a, b), recordB: max(a, b), kind: kind, matchWeight: explanation.matchWeight,
            matchProbability: explanation.matchProbability, rules: explanation.rules,
            fields: explanation.fields.map {
                .init(field: $0.field.code, level: $0.level.rawValue, weight: $0.weight, termFrequencyAdjustment: $0.termFrequencyAdjustment,
                      rules: $0.rules)
            })
    }
}

extension PersonLinkExplainer {
    /// Explains a person's links from what ``TrackerPersonStore/linkInputs(recordIds:householdsAtMost:)`` read (JSON as stored), off the
    /// server's event loops; nil when nothing has been linked yet (no saved model). `referenceYear`: the year ages are
    /// reckoned in for the family-safe rules (``LinkageConfiguration/referenceYear``), the year of the read, as
    /// `hub tracker relink` reckons them: a child's record is explained under the rules that kept it from a parent's.
    public static func explain(
        model: String?, cleansed: [(id: Int64, cleansed: String)], confirmed: [(a: Int64, b: Int64, explanation: String?)],
        otherCarriers: [String] = [], householdsOfOthers: [[String]] = [], referenceYear: Int?
    ) async throws -> TrackerPersonLinks? {
        guard let model else { return nil }
        let decoder = JSONDecoder()
        let explainer = PersonLinkExplainer(
            model: try decoder.decode(LinkageModel.self, from: Data(model.utf8)), configuration: Self.configuration(referenceYear: referenceYear))
        let records = try cleansed.map { (id: $0.id, record: try CleansedRecordJSON.decode($0.cleansed, with: decoder)) }
        let carriers = try otherCarriers.map { try CleansedRecordJSON.decode($0, with: decoder) }
        let confirmations = confirmed.map { pair in
            Confirmation(recordA: pair.a, recordB: pair.b,
                         explanation: pair.explanation.flatMap { try? decoder.decode(MatchExplanation.self, from: Data($0.utf8)) })
        }
        return await LinkageThread.run {
            explainer.explain(records: records, confirmed: confirmations, otherCarriers: carriers, householdsOfOthers: householdsOfOthers)
        }
    }
}

extension PersonLinkExplainer {
    /// The explainer and the confirmations by record for `hub tracker export-links --explain`, from what
    /// ``TrackerMaintenanceStore/explanationInputs(householdsAtMost:)`` read (`carriers`: the live records, by id, of every valid NHS
    /// number more than one person holds, from which the records whose number is set aside are found once); nil when
    /// nothing has been linked yet. `households`: each person's households, as ``PersonHouseholds`` takes them.
    /// `referenceYear` as for ``explain(model:cleansed:confirmed:otherCarriers:householdsOfOthers:referenceYear:)``.
    public static func forExport(
        model: String?, confirmed: [(a: Int64, b: Int64, explanation: String?)], carriers: [(id: Int64, cleansed: String)] = [],
        households: [(person: Int64, households: [String])] = [], referenceYear: Int?
    ) throws -> (explainer: PersonLinkExplainer, confirmed: [Int64: [Confirmation]])? {
        guard let model else { return nil }
        let decoder = JSONDecoder()
        var byRecord: [Int64: [Confirmation]] = [:]
        for pair in confirmed {
            let confirmation = Confirmation(recordA: pair.a, recordB: pair.b, explanation: pair.explanation.flatMap {
                try? decoder.decode(MatchExplanation.self, from: Data($0.utf8))
            })
            byRecord[pair.a, default: []].append(confirmation)
        }
        let linkageModel = try decoder.decode(LinkageModel.self, from: Data(model.utf8))
        let aside = RecordLinker(configuration: LinkageConfiguration()).nhsNumbersSetAside(
            in: try carriers.map { try CleansedRecordJSON.decode($0.cleansed, with: decoder) })
        let explainer = PersonLinkExplainer(
            model: linkageModel, configuration: Self.configuration(referenceYear: referenceYear),
            nhsNumbersSetAside: Set(aside.map { carriers[$0].id }),
            personHouseholds: PersonHouseholds(households))
        return (explainer, byRecord)
    }

    /// The `--explain` columns of `hub tracker export-links` for one person's live records (lowest id first): for each
    /// record but the first, the link that joins it to the records before it in the tree of ``explain(records:confirmed:)``
    /// rooted at the first: `link_kind`, `linked_to` (the other record's `SOURCE ID`) and `link_explanation`
    /// (``exportText(_:)``); `unexplained` when nothing joins it.
    public func exportColumns(
        _ group: [TrackerMaintenanceStore.ExportedRecord], confirmed: [Int64: [Confirmation]]
    ) throws -> [Int64: [String]] {
        let decoder = JSONDecoder()
        let records = try group.map { (id: $0.id, record: try CleansedRecordJSON.decode($0.cleansed, with: decoder)) }
        let ids = Set(group.map(\.id))
        let confirmations = group.flatMap { confirmed[$0.id] ?? [] }.filter { ids.contains($0.recordA) && ids.contains($0.recordB) }
        let others = personHouseholds.others(
            at: Set(records.compactMap { $0.record.householdKey?.description }), excluding: group[0].personId)
        let why = explain(records: records, confirmed: confirmations, householdsOfOthers: others)
        let label = Dictionary(uniqueKeysWithValues: group.map { ($0.id, $0.label) })
        var columns: [Int64: [String]] = [:]
        var reached: Set<Int64> = [group[0].id]
        var queue = [group[0].id]
        while !queue.isEmpty {
            let from = queue.removeFirst()
            for link in why.links where link.recordA == from || link.recordB == from {
                let to = link.recordA == from ? link.recordB : link.recordA
                guard reached.insert(to).inserted else { continue }
                columns[to] = [link.kind.rawValue, label[from] ?? "", Self.exportText(link)]
                queue.append(to)
            }
        }
        for id in why.unexplainedRecords { columns[id] = ["unexplained", "", ""] }
        return columns
    }

    /// One link in one line: `rules=same_nhs_number; weight=+21.30; forename=exact:+3.10; …; nhs_number=exact:+9.90[same_nhs_number]`
    /// (a field's weight includes its term-frequency adjustment; its rules in brackets).
    public static func exportText(_ link: TrackerLinkExplanation) -> String {
        func signed(_ value: Double) -> String { (value < 0 ? "-" : "+") + String(format: "%.2f", abs(value)) }
        var parts = ["rules=" + link.rules.joined(separator: "|")]
        if let weight = link.matchWeight { parts.append("weight=" + signed(weight)) }
        for field in link.fields {
            parts.append(field.field + "=" + field.level + ":" + signed(field.weight + field.termFrequencyAdjustment)
                         + (field.rules.isEmpty ? "" : "[" + field.rules.joined(separator: "|") + "]"))
        }
        return parts.joined(separator: "; ")
    }
}
