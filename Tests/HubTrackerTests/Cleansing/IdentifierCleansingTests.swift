import Testing
@testable import HubTracker

@Suite("NHS numbers, postcodes, dates, gender")
struct IdentifierCleansingTests {
    @Test("NHS numbers: spaces and hyphens removed, modulus 11 checked")
    func nhsNumbers() throws {
        let spaced = try #require(CleansedNHSNumber("999 234 5675"))
        #expect(spaced.valid == "9992345675")
        #expect(spaced.asSupplied == "999 234 5675")
        #expect(CleansedNHSNumber("999-234-5675")?.valid == "9992345675")
        #expect(CleansedNHSNumber(" 9992345675 ")?.valid == "9992345675")
    }

    @Test("An invalid NHS number is kept for display but dropped from matching")
    func invalidNHSNumber() throws {
        let wrongCheck = try #require(CleansedNHSNumber("999 234 5674"))
        #expect(wrongCheck.valid == nil)
        #expect(!wrongCheck.isValid)
        #expect(wrongCheck.asSupplied == "999 234 5674")
        #expect(CleansedNHSNumber("999 243 5675")?.valid == nil)  // two digits transposed
        #expect(CleansedNHSNumber("99923456")?.valid == nil)
        #expect(CleansedNHSNumber("NHS_10670")?.valid == nil)
        #expect(CleansedNHSNumber("0000000000")?.valid == nil)  // passes the check, but a dummy
        #expect(CleansedNHSNumber("") == nil)
        #expect(CleansedNHSNumber(nil) == nil)
    }

    @Test("Postcodes are normalised with sector and district")
    func postcodes() throws {
        let postcode = try #require(CleansedPostcode("pp25gn"))
        #expect(postcode.normalised == "PP2 5GN")
        #expect(postcode.sector == "PP2 5")
        #expect(postcode.district == "PP2")
        #expect(CleansedPostcode("  PP2   5GN ")?.normalised == "PP2 5GN")
        #expect(CleansedPostcode("PP2 OGN")?.normalised == "PP2 0GN")
    }

    @Test("An invalid postcode is kept but not normalised")
    func invalidPostcode() throws {
        let invalid = try #require(CleansedPostcode("PIP TOWN"))
        #expect(invalid.normalised == nil)
        #expect(!invalid.isValid)
        #expect(invalid.asSupplied == "PIP TOWN")
        #expect(CleansedPostcode("PP2")?.normalised == nil)
        #expect(CleansedPostcode("   ") == nil)
    }

    @Test("Partial dates of birth parse in UK and ISO order")
    func partialDates() {
        #expect(PartialDate(parsing: "08/01/2010") == PartialDate(year: 2010, month: 1, day: 8))
        #expect(PartialDate(parsing: "2010-01-08") == PartialDate(year: 2010, month: 1, day: 8))
        #expect(PartialDate(parsing: "20100108") == PartialDate(year: 2010, month: 1, day: 8))
        #expect(PartialDate(parsing: "01/2010") == PartialDate(year: 2010, month: 1))
        #expect(PartialDate(parsing: "2010") == PartialDate(year: 2010))
        #expect(PartialDate(parsing: "unknown") == nil)
        #expect(PartialDate(year: 2011, month: 2, day: 30).day == nil)
        #expect(PartialDate(year: 2012, month: 2, day: 29).day == 29)
        #expect(PartialDate(year: 2010, month: 1, day: 8).description == "2010-01-08")
        #expect(PartialDate(year: 2010).isComplete == false)
    }

    @Test("Gender codes", arguments: [
        ("F", RecordedGender.female), ("female", .female), ("2", .female), ("M", .male), ("Male", .male),
        ("1", .male), ("9", .unknown), ("0", .unknown), ("X", .other), ("", .unknown),
    ])
    func gender(raw: String, expected: RecordedGender) {
        #expect(RecordedGender(parsing: raw) == expected)
    }
}
