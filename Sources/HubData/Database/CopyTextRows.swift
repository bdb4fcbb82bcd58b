import PostgresNIO

/// Rows in the text format `COPY … FROM STDIN` reads by default: a tab between columns, a newline after each
/// row, `\N` for NULL, and a backslash escape for each backslash, tab, newline and carriage return in a value
/// (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format"). An empty string stays an empty string.
public struct CopyTextRows: Sendable {
    public private(set) var buffer: ByteBuffer
    private var atRowStart = true

    public init(capacity: Int = 1 << 16) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Bytes written so far.
    public var byteCount: Int { buffer.readableBytes }

    /// Appends a text column; nil is NULL.
    public mutating func append(_ text: String?) {
        separate()
        guard var text else {
            buffer.writeStaticString("\\N")
            return
        }
        text.withUTF8 { bytes in
            if !bytes.contains(where: Self.needsEscape) {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// Appends an integer column; nil is NULL.
    public mutating func append(_ number: Int64?) {
        separate()
        guard let number else {
            buffer.writeStaticString("\\N")
            return
        }
        buffer.writeString(String(number))
    }

    /// Ends the current row.
    public mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        atRowStart = true
    }

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { buffer.writeInteger(UInt8(ascii: "\t")) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
