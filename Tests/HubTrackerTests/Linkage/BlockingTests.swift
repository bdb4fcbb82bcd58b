import Testing
@testable import HubTracker

@Suite("Blocking")
struct BlockingTests {
    func blocks(_ source: [SourceRecord], rules: [BlockingRule] = BlockingRule.defaults, maximum: Int = 5_000, firstNew: Int = 0)
        -> (EncodedRecords, CandidateBlocks)
    {
        let records = EncodedRecords(Piphire.cleanse(source), nicknames: .british)
        return (records, CandidateBlocks(records: records, rules: rules, maximumBlockSize: maximum, firstNew: firstNew))
    }

    func pairs(_ records: EncodedRecords, _ blocks: CandidateBlocks) -> [[Int]] {
        var found: [[Int]] = []
        for block in blocks.blocks {
            blocks.forEachPair(in: block, deduplicate: true) { found.append([$0, $1]) }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test("A pair several rules find is produced once; unrelated records are not paired")
    func deduplication() {
        let nhs = Piphire.nhsNumber(999_234_567)
        let (records, blocks) = self.blocks([
            Piphire.record("A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), postcode: "PP2 5GN", nhs: nhs),
            Piphire.record("B", forename: "Shira", surname: "Peters", born: (2010, 1, 8), postcode: "PP2 5GN", nhs: nhs),
            Piphire.record("C", forename: "Tomos", surname: "Evans", born: (1950, 2, 2), postcode: "PP8 1AA"),
        ])
        #expect(pairs(records, blocks) == [[0, 1]])
        #expect(blocks.totalBlockPairs == 4)  // NHS, surname+year, postcode+initial, date of birth
    }

    @Test("Every pair some rule finds is produced exactly once, aliases and surname parts included")
    func deduplicationAcrossSeveralKeys() {
        // Few names, dates and postcodes, so that rules overlap a lot; aliases and double-barrelled surnames give
        // records several keys under a rule, so that two records can share more than one.
        var generator = SplitMix64(seed: 20261122)
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        let forenames = ["Shira", "Sara", "Tomos", "Tom", "Bethan"]
        let surnames = ["Peters", "Smith-Jones", "Smyth", "Jones", "Owen-Peters"]
        let postcodes = ["PP2 5GN", "PP9 9ZZ", nil]
        let source = (0..<80).map { index in
            Piphire.record(
                "R\(index)", forename: pick(forenames), surname: pick(surnames),
                born: generator.next() % 5 == 0 ? nil : (pick([2010, 2011]), pick([1, 8]), pick([3, 8])),
                postcode: pick(postcodes), nhs: generator.next() % 4 == 0 ? Piphire.nhsNumber(999_234_000 + index % 7) : nil,
                aliases: generator.next() % 3 == 0 ? ["\(pick(forenames)) \(pick(surnames))"] : [])
        }
        let (records, all) = blocks(source)
        let found = pairs(records, all)
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.0 != $0.1 }, "a pair produced twice")
        var union = Set<[Int]>()
        for rule in BlockingRule.defaults {
            let (_, one) = blocks(source, rules: [rule])
            union.formUnion(pairs(records, one))
        }
        #expect(Set(found) == union)
        #expect(found.count > 200, "the generated records should overlap under several rules")
        #expect(records.count == 80 && (0..<80).contains { records.hasAliases($0) })
    }

    @Test("Each rule's key")
    func rules() {
        let source = [
            Piphire.record("A", forename: "Shira", surname: "Smith", born: (2010, 1, 8), postcode: "PP2 5GN"),
            Piphire.record("B", forename: "Sara", surname: "Smyth", born: (2010, 5, 5), postcode: "PP9 9ZZ"),  // sound + year
            Piphire.record("C", forename: "Susan", surname: "Owen", born: (1960, 5, 5), postcode: "PP2 5GN"),  // postcode + S
            Piphire.record("D", forename: "Tomos", surname: "Owen", born: (2010, 1, 8), postcode: "PP7 7AA"),  // birth date
            Piphire.record("E", forename: "Shira", surname: "Smith-Jones", born: (2010, 2, 2), postcode: "PP6 6AA"),  // a surname part
            Piphire.record("F", forename: "Shirah", surname: "Smyth", born: (1999, 3, 3), postcode: "PP5 5AA"),  // name sounds
        ]
        let (records, sound) = blocks(source, rules: [.surnamePhoneticAndBirthYear])
        #expect(pairs(records, sound) == [[0, 1], [0, 4], [1, 4]])
        let (_, postcode) = blocks(source, rules: [.postcodeAndForenameInitial])
        #expect(pairs(records, postcode) == [[0, 2]])
        let (_, birth) = blocks(source, rules: [.dateOfBirth])
        #expect(pairs(records, birth) == [[0, 3]])
        let (_, names) = blocks(source, rules: [.namePhonetics])
        #expect(pairs(records, names) == [[0, 5]])
    }

    @Test("Oversized blocks are skipped and reported")
    func oversized() {
        let source = (0..<12).map { index in
            Piphire.record("R\(index)", forename: "Name\(index)", surname: "Surname\(index)", born: (1900, 1, 1))
        }
        let (_, blocks) = blocks(source, rules: [.dateOfBirth], maximum: 10)
        #expect(blocks.blocks.isEmpty)
        #expect(blocks.oversized.map(\.size) == [12])
    }

    @Test("Incremental blocks only pair new records with any record")
    func incremental() {
        let source = (0..<4).map { index in
            Piphire.record("R\(index)", forename: "Shira", surname: "Peters", born: (2010, 1, 8))
        }
        let (records, blocks) = blocks(source, rules: [.dateOfBirth], firstNew: 3)
        #expect(pairs(records, blocks) == [[0, 3], [1, 3], [2, 3]])
    }
}
