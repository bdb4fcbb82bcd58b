import Foundation
import Testing
@testable import HubTracker

@Suite("Record cleansing")
struct RecordCleanserTests {
    static let shira = SourceRecord(
        sourceSystem: "sbuhb-ae", sourceRecordId: "AE-1", forename: "Mrs Shira Anne", surname: "PETERS",
        aliases: ["Shira Jones"], dateOfBirth: PartialDate(year: 2010, month: 1, day: 8), gender: "F",
        addressLines: ["1 Stoops Fold", "Down Park"], town: "PIP Town", postcode: "pp25gn", nhsNumber: "999 234 5675")

    @Test("Every field is cleansed")
    func wholeRecord() {
        let record = RecordCleanser().cleanse(Self.shira)
        #expect(record.key == RecordKey(sourceSystem: "sbuhb-ae", sourceRecordId: "AE-1"))
        #expect(record.name.forename == "shira")
        #expect(record.name.middleNames == ["anne"])
        #expect(record.name.surname == "peters")
        #expect(record.aliases.map(\.surname) == ["jones"])
        #expect(record.gender == .female)
        #expect(record.address.key == "1 stoops fold")
        #expect(record.address.normalisedPostcode == "PP2 5GN")
        #expect(record.validNHSNumber == "9992345675")
        #expect(record.uprn == nil)
        #expect(record.householdKey == .address(postcode: "PP2 5GN", key: "1 stoops fold"))
    }

    @Test("A missing UPRN is filled from the gazetteer; a supplied one is kept")
    func uprn() {
        let gazetteer = GazetteerIndex(entries: [GazetteerEntry(uprn: 123_456_884, addressKey: "1 stoops fold", postcode: "PP2 5GN")])
        let cleanser = RecordCleanser(gazetteer: gazetteer)
        let filled = cleanser.cleanse(Self.shira)
        #expect(filled.uprn == 123_456_884)
        #expect(filled.uprnSource == .gazetteerExact)
        #expect(filled.householdKey == .uprn(123_456_884))
        var supplied = Self.shira
        supplied.uprn = "100 200 300"
        let kept = cleanser.cleanse(supplied)
        #expect(kept.uprn == 100_200_300)
        #expect(kept.uprnSource == .supplied)
        supplied.uprn = "not a uprn"
        #expect(cleanser.cleanse(supplied).uprnSource == .gazetteerExact)
        var slipped = Self.shira
        slipped.postcode = "PP2 5GM"
        let found = cleanser.cleanse(slipped)
        #expect(found.uprn == 123_456_884)
        #expect(found.uprnSource == .gazetteerPostcodeSlip)
        #expect(found.address.normalisedPostcode == "PP2 5GM")  // the postcode stays as given
    }

    @Test("Cleansing many records keeps their order and matches one by one")
    func many() {
        let records = (0..<50).map { index in
            var record = Self.shira
            record.sourceRecordId = "AE-\(index)"
            record.forename = index.isMultiple(of: 2) ? "Shira" : "Bill"
            return record
        }
        let cleanser = RecordCleanser()
        let together = cleanser.cleanse(records, parallelism: 2)
        #expect(together == records.map { cleanser.cleanse($0) })
    }

    @Test("Cleansed records survive a JSON round trip")
    func codable() throws {
        let record = RecordCleanser().cleanse(Self.shira)
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(CleansedRecord.self, from: data) == record)
    }
}
