import PostgresNIO

/// Rows in the text format `COPY … FROM STDIN` reads by default: a tab between columns, a newline after each
/// row, `\N` for NULL, and a backslash escape for each backslash, tab, newline and carriage return in a value
/// (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format"). An empty string stays an empty string.
public struct CopyTextRows: Sendable {
    /// The text so far. Built as plain bytes (appending to a `ByteBuffer` column by column cost several times as
    /// much) and handed over as a buffer once, when the text is sent.
    private var bytes: [UInt8] = []
    private var atRowStart = true

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far, as one buffer to send.
    public var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Bytes written so far.
    public var byteCount: Int { bytes.count }

    /// Appends a text column; nil is NULL.
    public mutating func append(_ text: String?) {
        separate()
        guard var text else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        text.withUTF8 { utf8 in
            if !utf8.contains(where: Self.needsEscape) {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                let escape: UInt8? = switch byte {
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): UInt8(ascii: "t")
                case UInt8(ascii: "\n"): UInt8(ascii: "n")
                case UInt8(ascii: "\r"): UInt8(ascii: "r")
                default: nil
                }
                if let escape {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(escape)
                } else {
                    bytes.append(byte)
                }
            }
        }
    }

    /// Appends an integer column; nil is NULL.
    public mutating func append(_ number: Int64?) {
        separate()
        guard let number else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        DecimalText.append(number, to: &bytes)
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { bytes.append(UInt8(ascii: "\t")) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
