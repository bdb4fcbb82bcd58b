import Foundation
import Testing
@testable import HubTracker

@Suite("Cleansed record JSON")
struct CleansedRecordJSONTests {
    /// Records with every part present and absent, titles, middle names, nicknames and aliases, partial and
    /// missing dates, flats and building names, bad postcodes and NHS numbers, gazetteer and supplied UPRNs, and
    /// text JSON must escape (quotes, backslashes, a tab, a line break, another control character, non-ASCII).
    static var records: [CleansedRecord] {
        var records = Piphire.cleanse([
            Piphire.record("C1", forename: "Mrs Margaret Ann", surname: "Howells", born: (1941, 2, 17), gender: "F",
                           address: ["Flat 2, 10 High St", "Town Centre"], postcode: "PP1 3QT", nhs: Piphire.nhsNumber(999_345_678),
                           uprn: "100100020017", aliases: ["Peggy Howells", "Maggie O'Neill"]),
            Piphire.record("C2", forename: "Bill", surname: "O'Neill-Jones", address: ["Rose Cottage", "Back Lane"],
                           postcode: "pp2 ogn", nhs: "123 456 7890"),
            Piphire.record("C3", forename: nil, surname: nil),
            Piphire.record("C5", forename: "Harry", surname: "Williams Senior", born: (1980, 6, 2), aliases: ["Harry Williams Jnr"]),
            Piphire.record(#"C\4 "quoted""#, system: "pip\tpolice", forename: "Siân \"Sî\"", surname: "Ŵil\\liams\nJones\u{1}",
                           address: ["10a High Street"], town: nil, postcode: "not a postcode"),
        ])
        var bare = records[2]
        bare.dateOfBirth = PartialDate(year: 2010, month: 3, day: nil)
        bare.uprnSource = .gazetteerTolerant
        bare.uprn = 100_100_012_345
        records.append(bare)
        bare.uprnSource = .gazetteerPostcodeSlip
        records.append(bare)
        return records
    }

    @Test("Each record reads back as it was, from JSON any parser reads")
    func roundTrip() throws {
        let decoder = JSONDecoder()
        for record in Self.records {
            let text = CleansedRecordJSON.encode(record)
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]
            #expect(parsed?.first as? Int == CleansedRecordJSON.version, "\(text)")
            #expect(try CleansedRecordJSON.decode(text, with: decoder) == record, "\(text)")
        }
    }

    @Test("Rows written before (the keyed object of version 1) still read")
    func readsTheKeyedObject() throws {
        let (encoder, decoder) = (JSONEncoder(), JSONDecoder())
        for record in Self.records {
            let keyed = String(decoding: try encoder.encode(record), as: UTF8.self)
            #expect(try CleansedRecordJSON.decode(keyed, with: decoder) == record, "\(keyed)")
        }
    }

    @Test("A record with every part present takes at most 60% of the keyed object's size")
    func compact() throws {
        // Nearly every record of a feed has a name, date of birth, address and postcode; places cost a record with
        // almost nothing a few bytes more than names did.
        let full = Self.records[0]
        let keyed = try JSONEncoder().encode(full).count
        #expect(Double(CleansedRecordJSON.encode(full).utf8.count) <= 0.6 * Double(keyed))
    }

    @Test("An unknown version is an error, not a wrong record")
    func unknownVersion() {
        #expect(throws: DecodingError.self) { try CleansedRecordJSON.decode("[4,\"a\",\"b\"]", with: JSONDecoder()) }
    }

    @Test("A generation marks a name (Senior, Jnr); rows of version 2 (before it) read with none, and an unknown one is an error")
    func generation() throws {
        let harry = Self.records[3]
        #expect(harry.name.generation == .senior && harry.name.surname == "williams")
        #expect(harry.aliases.first?.generation == .junior)
        let text = CleansedRecordJSON.encode(harry)
        #expect(text.contains(#""senior""#))
        // Version 2: the same places, no generation in the names.
        let versionTwo = "[2" + text.dropFirst(2).replacingOccurrences(of: #","senior"]"#, with: "]")
            .replacingOccurrences(of: #","junior"]"#, with: "]")
        var unmarked = harry
        unmarked.name.generation = nil
        unmarked.aliases = harry.aliases.map { var alias = $0; alias.generation = nil; return alias }
        #expect(try CleansedRecordJSON.decode(versionTwo, with: JSONDecoder()) == unmarked, "\(versionTwo)")
        #expect(throws: DecodingError.self) {
            try CleansedRecordJSON.decode(text.replacingOccurrences(of: #""senior""#, with: #""elder""#), with: JSONDecoder())
        }
    }
}
