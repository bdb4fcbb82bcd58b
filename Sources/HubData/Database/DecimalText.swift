/// An integer written as ASCII decimal digits straight into a byte array (`String(value)` allocates a string
/// for each, and the import writes tens of millions of numbers into `COPY` text and JSON).
public enum DecimalText {
    /// Appends `value` in decimal, with a leading `-` when negative.
    @inlinable
    public static func append<N: BinaryInteger>(_ value: N, to bytes: inout [UInt8]) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // The magnitude as unsigned, so that the most negative value of a signed type needs no special case.
        var magnitude = UInt64(value.magnitude)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var end = buffer.count
            while magnitude > 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            return buffer.count - end
        }
        withUnsafeBytes(of: &digits) { bytes.append(contentsOf: $0.suffix(count)) }
    }
}
