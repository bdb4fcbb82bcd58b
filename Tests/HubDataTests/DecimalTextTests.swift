import HubData
import Testing

@Suite("Decimal text")
struct DecimalTextTests {
    @Test func writesWhatStringDescribingWrites() {
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 1_000_770, Int64.max, Int64.min, Int64.min + 1]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(bitPattern: state) >> (state % 60))
        }
        for value in values {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            DecimalText.append(value, to: &bytes)
            #expect(bytes == Array(("x" + String(value)).utf8), "\(value)")
        }
        for value in [UInt64.max, 0, 18_446_744_073_709_551_610] {
            var bytes: [UInt8] = []
            DecimalText.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
        var small: [UInt8] = []
        DecimalText.append(Int8.min, to: &small)
        #expect(String(decoding: small, as: UTF8.self) == "-128")
    }
}
