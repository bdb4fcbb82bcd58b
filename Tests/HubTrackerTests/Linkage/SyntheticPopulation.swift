import Foundation
import HubTracker

/// A fictional population of Piphire and the partner records it generates, with the true person behind
/// every record, for linkage tests and the benchmark. Households live at gazetteer properties in `PP`
/// postcodes; some have twins; people move house; feeds misspell, abbreviate, swap days and months, drop
/// fields, use nicknames, titles, aliases and invalid NHS numbers. Deterministic for a given seed.
struct SyntheticPopulation {
    struct Person {
        var forename: String
        var middleName: String?
        var surname: String
        var year: Int
        var month: Int
        var day: Int
        var female: Bool
        var nhsNumber: String
        /// Indices into `properties`; the last is the current address.
        var addresses: [Int]
        var alias: String?
    }

    struct Property {
        var uprn: Int64
        var flat: String?
        var number: Int
        var street: String
        var streetType: String
        var locality: String?
        var town: String
        var postcode: String
    }

    private(set) var persons: [Person] = []
    private(set) var properties: [Property] = []
    private(set) var records: [SourceRecord] = []
    /// The index in `persons` of each record's true person.
    private(set) var truth: [Int] = []
    /// Pairs of persons who are twins (same surname, date of birth and address).
    private(set) var twins: [(Int, Int)] = []

    private var random: SyntheticRandom
    private var issuedNHSNumbers = Set<String>()

    /// About `recordCount` records of roughly `recordCount / 4` persons.
    init(recordCount: Int, seed: UInt64 = 2025) {
        random = SyntheticRandom(seed: seed)
        let personCount = max(2, recordCount / 4)
        buildProperties(count: max(20, personCount / 2))
        buildPersons(count: personCount)
        while records.count < recordCount {
            let person = random.int(persons.count)
            appendRecord(of: person)
        }
        // Every person has at least one record in a small population, so tests can find them.
        if recordCount < 2_000 {
            for person in persons.indices where !truth.contains(person) { appendRecord(of: person) }
        }
    }

    /// The gazetteer of all properties, keyed the way the cleanser keys addresses.
    func gazetteer() -> [GazetteerEntry] {
        let cleanser = AddressCleanser()
        return properties.compactMap { property in
            GazetteerEntry(uprn: property.uprn, address: cleanser.cleanse(
                lines: SyntheticPopulation.canonicalLines(property), town: property.town, postcode: property.postcode))
        }
    }

    static func canonicalLines(_ property: Property) -> [String] {
        var lines: [String] = []
        if let flat = property.flat { lines.append("Flat \(flat)") }
        lines.append("\(property.number) \(property.street) \(property.streetType)")
        if let locality = property.locality { lines.append(locality) }
        return lines
    }

    // MARK: - Places

    private mutating func buildProperties(count: Int) {
        var uprn: Int64 = 100_000_000_001
        var postcodeIndex = 0
        while properties.count < count {
            let street = SyntheticNames.streets[random.int(SyntheticNames.streets.count)]
            let type = SyntheticNames.streetTypes[random.int(SyntheticNames.streetTypes.count)]
            let town = SyntheticNames.towns[random.int(SyntheticNames.towns.count)]
            let locality: String? = random.chance(0.4) ? SyntheticNames.localities[random.int(SyntheticNames.localities.count)] : nil
            let district = 1 + postcodeIndex % 9
            let sector = (postcodeIndex / 9) % 10
            let unitIndex = postcodeIndex / 90
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            let unit = String(letters[unitIndex % letters.count]) + String(letters[(unitIndex / letters.count) % letters.count])
            let postcode = "PP\(district) \(sector)\(unit)"
            postcodeIndex += 1
            let houses = 4 + random.int(16)
            for number in 1...houses {
                if random.chance(0.08) {
                    for flat in 1...(2 + random.int(3)) {
                        properties.append(Property(
                            uprn: uprn, flat: String(flat), number: number, street: street, streetType: type,
                            locality: locality, town: town, postcode: postcode))
                        uprn += 1
                    }
                } else {
                    properties.append(Property(
                        uprn: uprn, flat: nil, number: number, street: street, streetType: type, locality: locality,
                        town: town, postcode: postcode))
                    uprn += 1
                }
            }
        }
    }

    // MARK: - People

    private mutating func buildPersons(count: Int) {
        while persons.count < count {
            let home = random.int(properties.count)
            let surname = SyntheticNames.surname(&random)
            let adults = 1 + random.int(2)
            let parentYear = 1950 + random.int(55)
            for adult in 0..<adults {
                let female = adult == 0 ? random.chance(0.7) : !persons[persons.count - 1].female
                appendPerson(surname: adult == 1 && random.chance(0.2) ? SyntheticNames.surname(&random) : surname,
                             year: parentYear + random.int(6) - 3, female: female, home: home)
            }
            let children = random.chance(0.55) ? random.int(4) : 0
            var childIndex = 0
            while childIndex < children {
                let year = min(2025, parentYear + 20 + random.int(20))
                let female = random.chance(0.5)
                appendPerson(surname: surname, year: year, female: female, home: home)
                if random.chance(0.06) {
                    // Twins: same surname, date of birth and home; a different forename.
                    let first = persons.count - 1
                    var twin = persons[first]
                    twin.female = random.chance(0.5)
                    repeat { twin.forename = SyntheticNames.forename(female: twin.female, &random) } while twin.forename == persons[first].forename
                    twin.middleName = random.chance(0.4) ? SyntheticNames.forename(female: twin.female, &random) : nil
                    twin.nhsNumber = uniqueNHSNumber()
                    twin.alias = nil
                    persons.append(twin)
                    twins.append((first, persons.count - 1))
                    childIndex += 1
                }
                childIndex += 1
            }
        }
    }

    private mutating func appendPerson(surname: String, year: Int, female: Bool, home: Int) {
        var addresses = [home]
        if random.chance(0.2) { addresses.insert(random.int(properties.count), at: 0) }  // moved in the last year
        let forename = SyntheticNames.forename(female: female, &random)
        persons.append(Person(
            forename: forename,
            middleName: random.chance(0.4) ? SyntheticNames.forename(female: female, &random) : nil,
            surname: surname, year: year, month: 1 + random.int(12), day: 1 + random.int(28), female: female,
            nhsNumber: uniqueNHSNumber(), addresses: addresses,
            alias: random.chance(0.02) ? SyntheticNames.forename(female: female, &random) + " " + SyntheticNames.surname(&random) : nil))
    }

    /// A valid NHS number no other person has.
    private mutating func uniqueNHSNumber() -> String {
        while true {
            let number = Self.nhsNumber(&random)
            if issuedNHSNumbers.insert(number).inserted { return number }
        }
    }

    /// A valid NHS number in the 999 range, which is never issued to patients.
    static func nhsNumber(_ random: inout SyntheticRandom) -> String {
        while true {
            var digits = [9, 9, 9]
            for _ in 0..<6 { digits.append(random.int(10)) }
            var sum = 0
            for (index, digit) in digits.enumerated() { sum += digit * (10 - index) }
            let check = 11 - sum % 11
            if check == 10 { continue }
            digits.append(check == 11 ? 0 : check)
            return digits.map(String.init).joined()
        }
    }

    // MARK: - Records

    private static let sources = ["npt-adults", "npt-children", "swansea-adults", "swansea-children", "sbuhb-ae", "swp-calls"]

    private mutating func appendRecord(of index: Int) {
        let person = persons[index]
        let source = Self.sources[random.int(Self.sources.count)]
        let health = source == "sbuhb-ae"
        let police = source == "swp-calls"

        var forename = person.forename
        if random.chance(0.06), let nicknames = SyntheticNames.nicknames[forename.lowercased()] {
            forename = nicknames[random.int(nicknames.count)].capitalized
        }
        if random.chance(0.03) { forename = typo(forename) }
        var surname = person.surname
        if person.female && person.year < 2000 && random.chance(0.02) {
            surname = SyntheticNames.surname(&random)  // a maiden or married name
        }
        if random.chance(0.03) { surname = typo(surname) }
        if random.chance(0.08), let middle = person.middleName { forename += " " + middle }
        if random.chance(0.08) {
            let titles = person.year > 2008 ? (person.female ? ["Miss"] : ["Master"]) : (person.female ? ["Mrs", "Ms", "Miss"] : ["Mr", "Dr"])
            forename = titles[random.int(titles.count)] + " " + forename
        }
        if random.chance(0.3) {
            forename = forename.uppercased()
            surname = surname.uppercased()
        }
        let forenameField: String? = random.chance(0.02) ? nil : forename

        var year: Int? = person.year
        var month: Int? = person.month
        var day: Int? = person.day
        if random.chance(0.025), let d = day, let m = month, d <= 12 {
            day = m
            month = d
        } else if random.chance(0.025) {
            day = 1 + random.int(28)
        } else if random.chance(0.02) {
            month = nil
            day = nil
        } else if random.chance(0.015) {
            year = nil
        }

        let moved = person.addresses.count > 1 && random.chance(0.35)
        let property = properties[moved ? person.addresses[0] : person.addresses[person.addresses.count - 1]]
        let lines = addressLines(property)
        var postcode: String? = property.postcode
        if random.chance(0.25) { postcode = property.postcode.lowercased().replacingOccurrences(of: " ", with: "") }
        if random.chance(0.04) { postcode = nil }

        var nhs: String?
        if random.chance(health ? 0.92 : police ? 0.1 : 0.6) {
            nhs = person.nhsNumber
            if random.chance(0.3) {
                let d = Array(person.nhsNumber)
                nhs = String(d[0..<3]) + " " + String(d[3..<6]) + " " + String(d[6..<10])
            }
            if random.chance(0.01) {
                // Two digits transposed: the modulus 11 check catches every such slip.
                var digits = Array(person.nhsNumber)
                let position = 1 + random.int(8)
                if digits[position] == digits[position + 1] { digits[position] = digits[position] == "1" ? "2" : "1" }
                digits.swapAt(position, position + 1)
                nhs = String(digits)
            } else if random.chance(0.002) {
                nhs = persons[random.int(persons.count)].nhsNumber  // someone else's valid number
            }
        }
        let gender: String?
        if random.chance(0.1) {
            gender = nil
        } else {
            let codes = person.female ? ["F", "Female", "2"] : ["M", "Male", "1"]
            gender = codes[random.int(codes.count)]
        }
        let uprn: String? = !health && !police && random.chance(0.5) ? String(property.uprn) : nil

        records.append(SourceRecord(
            sourceSystem: source, sourceRecordId: "\(source)-\(records.count + 1)",
            forename: forenameField, surname: surname,
            aliases: person.alias.map { random.chance(0.5) ? [$0] : [] } ?? [],
            dateOfBirth: year.map { PartialDate(year: $0, month: month, day: day) },
            gender: gender, addressLines: lines, town: property.town, postcode: postcode,
            nhsNumber: nhs, uprn: uprn))
        truth.append(index)
    }

    private mutating func addressLines(_ property: Property) -> [String] {
        let abbreviations = ["Road": "Rd", "Street": "St", "Avenue": "Ave", "Close": "Cl", "Drive": "Dr", "Lane": "Ln",
                             "Crescent": "Cres", "Gardens": "Gdns", "Place": "Pl", "Terrace": "Terr", "Court": "Ct"]
        var type = property.streetType
        if random.chance(0.4), let short = abbreviations[type] { type = short + (random.chance(0.3) ? "." : "") }
        let street = "\(property.street) \(type)"
        var lines: [String]
        if let flat = property.flat {
            switch random.int(3) {
            case 0: lines = ["Flat \(flat)", "\(property.number) \(street)"]
            case 1: lines = ["\(flat)/\(property.number) \(street)"]
            default: lines = ["Flat \(flat), \(property.number) \(street)"]
            }
        } else {
            lines = ["\(property.number) \(street)"]
        }
        if let locality = property.locality, random.chance(0.7) { lines.append(locality) }
        if random.chance(0.2) { lines = [lines.joined(separator: ", ")] }
        if random.chance(0.2) { lines = lines.map { $0.uppercased() } }
        return lines
    }

    private mutating func typo(_ word: String) -> String {
        var letters = Array(word)
        guard letters.count > 3 else { return word }
        let position = 1 + random.int(letters.count - 2)
        switch random.int(3) {
        case 0: letters.swapAt(position, position - 1)
        case 1: letters.remove(at: position)
        default: letters[position] = Array("aeiouyrnlst")[random.int(11)]
        }
        return String(letters)
    }

    /// Pairwise precision and recall of `personIDs` against the truth.
    func pairwiseAccuracy(_ personIDs: [PersonID]) -> (precision: Double, recall: Double, predictedPairs: Int, truePairs: Int) {
        var predicted: [PersonID: Int] = [:]
        var actual: [Int: Int] = [:]
        var both: [Pair: Int] = [:]
        for (index, person) in personIDs.enumerated() {
            predicted[person, default: 0] += 1
            actual[truth[index], default: 0] += 1
            both[Pair(predicted: person.rawValue, actual: truth[index]), default: 0] += 1
        }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        let predictedPairs = predicted.values.reduce(0) { $0 + pairs($1) }
        let truePairs = actual.values.reduce(0) { $0 + pairs($1) }
        let correct = both.values.reduce(0) { $0 + pairs($1) }
        return (
            predictedPairs == 0 ? 1 : Double(correct) / Double(predictedPairs),
            truePairs == 0 ? 1 : Double(correct) / Double(truePairs),
            predictedPairs, truePairs)
    }

    /// The share of record pairs on which two assignments agree (both together or both apart), counted
    /// over pairs that are together in at least one of them.
    static func partitionAgreement(_ a: [PersonID], _ b: [PersonID]) -> Double {
        var inA: [PersonID: Int] = [:]
        var inB: [PersonID: Int] = [:]
        var inBoth: [Pair: Int] = [:]
        for index in a.indices {
            inA[a[index], default: 0] += 1
            inB[b[index], default: 0] += 1
            inBoth[Pair(predicted: a[index].rawValue, actual: Int(b[index].rawValue)), default: 0] += 1
        }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        let together = inBoth.values.reduce(0) { $0 + pairs($1) }
        let union = inA.values.reduce(0) { $0 + pairs($1) } + inB.values.reduce(0) { $0 + pairs($1) } - together
        return union == 0 ? 1 : Double(together) / Double(union)
    }

    private struct Pair: Hashable {
        var predicted: Int64
        var actual: Int
    }
}

/// SplitMix64, for repeatable populations.
struct SyntheticRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    mutating func chance(_ probability: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < probability }

    /// An index drawn with probability proportional to `weights` (cumulative weights ascending).
    mutating func weighted(_ cumulative: [Double]) -> Int {
        let target = Double(next() >> 11) / Double(1 << 53) * (cumulative.last ?? 1)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
