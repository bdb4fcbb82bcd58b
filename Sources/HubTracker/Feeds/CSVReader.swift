import Foundation

/// Reads CSV as RFC 4180 describes it, a chunk at a time: comma-separated fields, double-quoted fields that
/// may hold commas, line breaks and doubled quotes, CRLF or LF line endings. A leading UTF-8 byte-order mark
/// is skipped; text that is not UTF-8 is an error.
public struct CSVReader {
    /// Why a file could not be read as CSV.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notUTF8(line: Int)
        case unterminatedQuote(line: Int)

        public var description: String {
            switch self {
            case .notUTF8(let line): return "the file is not valid UTF-8 (line \(line))"
            case .unterminatedQuote(let line): return "a quoted field opened on line \(line) is never closed"
            }
        }
    }

    /// One record of the file: its fields and the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    private let nextChunk: () throws -> Data?
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var atStart = true
    /// Bytes consumed so far, for progress reporting.
    public private(set) var bytesRead = 0

    /// A reader over chunks handed out by `nextChunk` until it returns nil.
    public init(nextChunk: @escaping () throws -> Data?) {
        self.nextChunk = nextChunk
    }

    /// A reader over a whole document in memory.
    public init(data: Data) {
        var pending: Data? = data
        self.init(nextChunk: { defer { pending = nil }; return pending })
    }

    /// A reader over a file, read 1 MiB at a time.
    public init(file: FileHandle) {
        self.init(nextChunk: {
            let data = try file.read(upToCount: 1 << 20)
            return (data?.isEmpty ?? true) ? nil : data
        })
    }

    private mutating func fill() throws -> Bool {
        if position < buffer.count { return true }
        if finished { return false }
        guard let chunk = try nextChunk() else {
            finished = true
            return false
        }
        buffer = Array(chunk)
        position = 0
        bytesRead += chunk.count
        if atStart {
            atStart = false
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        if position < buffer.count { return true }
        return try fill()
    }

    private mutating func peek() throws -> UInt8? {
        try fill() ? buffer[position] : nil
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public mutating func next() throws -> Record? {
        while true {
            guard let first = try peek() else { return nil }
            if first == UInt8(ascii: "\n") { position += 1; line += 1; continue }
            if first == UInt8(ascii: "\r") { position += 1; continue }
            break
        }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        func finish(_ field: inout [UInt8], into fields: inout [String], line: Int) throws {
            guard let text = String(validating: field, as: UTF8.self) else { throw Failure.notUTF8(line: line) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while let byte = try peek() {
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peek() == UInt8(ascii: "\"") {
                        position += 1
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try finish(&field, into: &fields, line: line)
                wasQuoted = false
            case UInt8(ascii: "\""):
                if field.isEmpty && !wasQuoted {
                    quoted = true
                    wasQuoted = true
                } else {
                    field.append(byte)
                }
            case UInt8(ascii: "\r"):
                if try peek() != UInt8(ascii: "\n") { field.append(byte) }
            case UInt8(ascii: "\n"):
                line += 1
                try finish(&field, into: &fields, line: startLine)
                return Record(line: startLine, fields: fields)
            default:
                field.append(byte)
            }
        }
        if quoted { throw Failure.unterminatedQuote(line: startLine) }
        try finish(&field, into: &fields, line: startLine)
        return Record(line: startLine, fields: fields)
    }
}
