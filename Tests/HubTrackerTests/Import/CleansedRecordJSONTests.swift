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
            Piphire.record(#"C\4 "quoted""#, system: "pip\tpolice", forename: "Siân \"Sî\"", surname: "Ŵil\\liams\nJones\u{1}",
                           address: ["10a High Street"], town: nil, postcode: "not a postcode"),
        ])
        var bare = records[2]
        bare.dateOfBirth = PartialDate(year: 2010, month: 3, day: nil)
        bare.uprnSource = .gazetteerTolerant
        bare.uprn = 100_100_012_345
        records.append(bare)
        return records
    }

    @Test func writesTheObjectJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        for record in Self.records {
            let ours = CleansedRecordJSON.encode(record)
            let foundations = try encoder.encode(record)
            let parsedOurs = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
            let parsedFoundations = try JSONSerialization.jsonObject(with: foundations) as? NSDictionary
            #expect(parsedOurs != nil)
            #expect(parsedOurs == parsedFoundations, "\(ours)")
            #expect(try JSONDecoder().decode(CleansedRecord.self, from: Data(ours.utf8)) == record)
        }
    }
}
