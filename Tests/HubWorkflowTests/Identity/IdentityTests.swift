import Testing
@testable import HubWorkflow

@Suite("NHS numbers and postcodes")
struct IdentityTests {
    @Test(arguments: ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
    func validNHSNumbers(raw: String) {
        #expect(NHSNumber(raw) != nil)
    }

    @Test(arguments: ["9434765910", "943476591", "94347659190", "943476591X", "", "1234567890"])
    func invalidNHSNumbers(raw: String) {
        #expect(NHSNumber(raw) == nil)
    }

    @Test func checkDigitRule() {
        // 943476591: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
        #expect(NHSNumber.checkDigit(forFirstNine: [9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
        // A sum of 0 gives 11, which becomes 0.
        #expect(NHSNumber.checkDigit(forFirstNine: [0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0)
        // 5 × 2 = 10 → 11 − 10 = 1.
        #expect(NHSNumber.checkDigit(forFirstNine: [0, 0, 0, 0, 0, 0, 0, 0, 5]) == 1)
        // 6 × 2 = 12 ≡ 1 → 11 − 1 = 10: no valid check digit.
        #expect(NHSNumber.checkDigit(forFirstNine: [0, 0, 0, 0, 0, 0, 0, 0, 6]) == nil)
    }

    @Test func formatsAsPeopleReadIt() {
        #expect(NHSNumber("9434765919")?.formatted == "943 476 5919")
    }

    @Test(arguments: [
        ("pp25gn", "PP2 5GN"), ("PP2 5GN", "PP2 5GN"), (" pp2  5gn ", "PP2 5GN"), ("P1 1AA", "P1 1AA"),
        ("PP12 3AB", "PP12 3AB"), ("P1A 1AA", "P1A 1AA"), ("PP1A 1AA", "PP1A 1AA"), ("gir0aa", "GIR 0AA"),
    ])
    func validPostcodes(raw: String, normalised: String) {
        #expect(UKPostcode(raw)?.normalised == normalised)
    }

    @Test(arguments: ["", "PP2", "PP2 5G", "2PP 5GN", "PP2 GGN", "PPP2 5GN", "PP2-5GN", "PP2 5GN1"])
    func invalidPostcodes(raw: String) {
        #expect(UKPostcode(raw) == nil)
    }

    @Test func sectorDistrictAndArea() throws {
        let postcode = try #require(UKPostcode("PP12 5GN"))
        #expect(postcode.sector == "PP12 5")
        #expect(postcode.district == "PP12")
        #expect(postcode.area == "PP")
    }
}
