/// Links new records against records already linked, without relinking everything: only pairs with at
/// least one new record are compared (through the same blocking), existing persons are kept as they are,
/// a new record joins the person it links to, and a new record that links two existing persons merges
/// them. Uses a fixed model, normally ``LinkageResult/model`` saved from the last full run: its name
/// frequencies keep term-frequency adjustment right when only a few records are linked.
///
/// `existing` may be the whole linked population or just the candidates a database query returned for
/// the new records' blocking keys (with the default rules: the same valid NHS number; the same surname
/// Double Metaphone code and birth year; the same postcode and forename initial; the same date of birth).
/// Fetch every record of each candidate's person, or a do-not-link pair or NHS number elsewhere in that
/// person cannot be seen. Existing persons are never split here: a new do-not-link pair between two
/// records already in one person needs a full run.
public struct IncrementalLinker: Sendable {
    public let configuration: LinkageConfiguration
    public let model: LinkageModel

    public init(configuration: LinkageConfiguration = LinkageConfiguration(), model: LinkageModel) {
        self.configuration = configuration
        self.model = model
    }

    /// Links `new` against `existing`; fresh person ids are numbered from `nextPersonID`.
    public func link(
        new: [CleansedRecord], existing: [LinkedRecord], doNotLink: DoNotLinkPairs = DoNotLinkPairs(),
        nextPersonID: PersonID
    ) -> IncrementalLinkageResult {
        let combined = existing.map(\.record) + new
        let existingCount = existing.count
        // Seed the union-find with the existing persons: each record joins the first record of its person.
        var firstOfPerson: [PersonID: Int] = [:]
        for (index, linked) in existing.enumerated() where firstOfPerson[linked.personID] == nil {
            firstOfPerson[linked.personID] = index
        }
        let engine = LinkageEngine(configuration: configuration)
        var outcome = engine.run(combined, firstNew: existingCount, model: model, doNotLink: doNotLink) { clusters in
            for (index, linked) in existing.enumerated() {
                if let first = firstOfPerson[linked.personID], first != index { clusters.forceUnion(first, index) }
            }
        }
        // Which existing persons each cluster holds.
        var existingOfRoot: [Int: [PersonID]] = [:]
        for (index, linked) in existing.enumerated() {
            let root = outcome.clusters.find(index)
            if existingOfRoot[root]?.contains(linked.personID) != true {
                existingOfRoot[root, default: []].append(linked.personID)
            }
        }
        var merges: [PersonMerge] = []
        var personOfRoot: [Int: PersonID] = [:]
        for (root, persons) in existingOfRoot {
            let survivor = persons.min() ?? persons[0]
            personOfRoot[root] = survivor
            for person in persons where person != survivor { merges.append(PersonMerge(absorbed: person, into: survivor)) }
        }
        var nextID = nextPersonID.rawValue
        var newPersons: [PersonID] = []
        var personIDs: [PersonID] = []
        personIDs.reserveCapacity(new.count)
        for index in existingCount..<combined.count {
            let root = outcome.clusters.find(index)
            if let person = personOfRoot[root] {
                personIDs.append(person)
            } else {
                let person = PersonID(nextID)
                nextID += 1
                personOfRoot[root] = person
                newPersons.append(person)
                personIDs.append(person)
            }
        }
        merges.sort { ($0.into, $0.absorbed) < ($1.into, $1.absorbed) }
        outcome.statistics.persons = Set(personIDs).count
        return IncrementalLinkageResult(
            personIDs: personIDs, newPersons: newPersons, merges: merges, links: outcome.links,
            reviews: outcome.reviews,
            refusedLinks: outcome.refused,
            statistics: outcome.statistics, model: outcome.model, configuration: configuration)
    }
}
