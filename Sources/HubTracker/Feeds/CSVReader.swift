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

    /// A reader over chunks handed out by `nextChunk` until it returns nil.
    public init(nextChunk: @escaping () throws -> Data?) {
        self.nextChunk = nextChunk
    }

    /// A reader over a whole document in memory.
    public init(data: Data) {
        var pending: Data? = data
        self.init(nextChunk: { defer { pending = nil }; return pending })
    }

    /// A reader over whole records cut from a file (``CSVChunker``) whose first starts on `firstLine`; a
    /// byte-order mark is skipped only at the start of the file (line 1).
    public init(bytes: [UInt8], firstLine: Int) {
        self.nextChunk = { nil }
        self.buffer = bytes
        self.finished = true
        self.line = firstLine
        self.atStart = false
        if firstLine == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// A reader over a file, read 1 MiB at a time.
    public init(file: FileHandle) {
        self.init(nextChunk: {
            let data = try file.read(upToCount: 1 << 20)
            return (data?.isEmpty ?? true) ? nil : data
        })
    }

    /// Appends the next chunk to the bytes not yet consumed; false at the end of the file.
    private mutating func load() throws -> Bool {
        if finished { return false }
        guard let chunk = try nextChunk() else {
            finished = true
            return false
        }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        if atStart {
            atStart = false
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        return true
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public mutating func next() throws -> Record? {
        while true {
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\n") { position += 1; line += 1 } else if byte == UInt8(ascii: "\r") { position += 1 } else { break }
            }
            if position == buffer.count {
                if try load() { continue }
                return nil
            }
            if let (record, end, endLine) = try Self.parse(buffer, from: position, line: line, atEnd: finished) {
                position = end
                line = endLine
                return record
            }
            // The record runs past the bytes read so far: read more and parse it again from its start.
            _ = try load()
        }
    }

    /// Parses the record starting at `start`: the record, where the next one starts and the line there; nil when
    /// the bytes end before the record does and more may follow (`atEnd` false).
    private static func parse(_ buffer: [UInt8], from start: Int, line startLine: Int, atEnd: Bool) throws -> (Record, Int, Int)? {
        try buffer.withUnsafeBufferPointer { bytes -> (Record, Int, Int)? in
            var line = startLine
            var fields: [String] = []
            fields.reserveCapacity(24)
            var scratch: [UInt8] = []
            var index = start
            let count = bytes.count
            func text(_ field: some Sequence<UInt8>, line: Int) throws -> String {
                guard let text = String(validating: field, as: UTF8.self) else { throw Failure.notUTF8(line: line) }
                return text
            }
            while true {
                // One field: unquoted bytes are taken as a slice of the buffer; a field with a quote is copied.
                let fieldStart = index
                var copied = false
                var quoted = false
                var wasQuoted = false
                scratch.removeAll(keepingCapacity: true)
                fieldLoop: while true {
                    guard index < count else {
                        if !atEnd { return nil }
                        if quoted { throw Failure.unterminatedQuote(line: startLine) }
                        let value = try copied ? text(scratch, line: startLine)
                                           : text(bytes[fieldStart..<index], line: startLine)
                        fields.append(value)
                        return (Record(line: startLine, fields: fields), index, line)
                    }
                    let byte = bytes[index]
                    index += 1
                    if quoted {
                        if byte == UInt8(ascii: "\"") {
                            if index == count && !atEnd { return nil }
                            if index < count && bytes[index] == UInt8(ascii: "\"") {
                                index += 1
                                scratch.append(byte)
                            } else {
                                quoted = false
                            }
                        } else {
                            if byte == UInt8(ascii: "\n") { line += 1 }
                            scratch.append(byte)
                        }
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: ","):
                        let value = try copied ? text(scratch, line: line)
                                           : text(bytes[fieldStart..<(index - 1)], line: line)
                        fields.append(value)
                        break fieldLoop
                    case UInt8(ascii: "\""):
                        if !copied { scratch.append(contentsOf: bytes[fieldStart..<(index - 1)]); copied = true }
                        if scratch.isEmpty && !wasQuoted {
                            quoted = true
                            wasQuoted = true
                        } else {
                            scratch.append(byte)
                        }
                    case UInt8(ascii: "\r"):
                        if index == count && !atEnd { return nil }
                        if index < count && bytes[index] == UInt8(ascii: "\n") {
                            if !copied { scratch.append(contentsOf: bytes[fieldStart..<(index - 1)]); copied = true }
                        } else {
                            if copied { scratch.append(byte) }
                        }
                    case UInt8(ascii: "\n"):
                        line += 1
                        let value = try copied ? text(scratch, line: startLine)
                                           : text(bytes[fieldStart..<(index - 1)], line: startLine)
                        fields.append(value)
                        return (Record(line: startLine, fields: fields), index, line)
                    default:
                        if copied { scratch.append(byte) }
                    }
                }
            }
        }
    }
}
