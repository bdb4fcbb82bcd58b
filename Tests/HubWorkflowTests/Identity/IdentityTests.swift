import Testing
@testable import HubWorkflow

@Suite("NHS numbers and postcodes")
struct IdentityTests {
    @Test(arguments: ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
    func validNHSNumbers(raw: String) {
        #expect(NHSNumber(raw)?.digits == raw.filter(\.isNumber))
    }

    @Test(arguments: ["9434765910", "943476591", "94347659190", "943476591X", "", "1234567890"])
    func invalidNHSNumbers(raw: String) {
        #expect(NHSNumber(raw) == nil)
    }

    @Test("ASCII numbers, read byte by byte, follow the same rules as any text")
    func asciiFastPathAgrees() {
        #expect(NHSNumber("943\u{00A0}476\u{2009}5919")?.digits == "9434765919")  // non-breaking and thin spaces
        // Mostly digits, with spaces, dashes, ASCII whitespace and other characters mixed in; 8 to 14 long.
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407  // a fixed sequence: the same texts every run
            return Int(state >> 33) % bound
        }
        let digits = Array("0123456789"), others = Array(" -\t\n\r\u{0B}X.")
        var valid = 0
        for _ in 0..<20_000 {
            let text = String((0..<(8 + next(7))).map { _ in next(5) == 0 ? others[next(others.count)] : digits[next(10)] })
            let general = NHSNumber.digits(of: text)
            #expect(NHSNumber.asciiDigits(text) == general, "\(text.debugDescription)")
            if general != nil { valid += 1 }
        }
        for raw in ["9434765919", " 943 476 5919 ", "943-476-5919", "\t9434765919\n", "4010232137", "943476591X", "94347659190"] {
            #expect(NHSNumber.asciiDigits(raw) == NHSNumber.digits(of: raw), "\(raw.debugDescription)")
        }
        #expect(valid > 50, "the generated texts should include valid numbers")
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
