import Foundation

/// Cuts a CSV byte stream into chunks of whole records, so that each chunk can be parsed on a core of its own
/// (``CSVReader/init(bytes:firstLine:)``) and the records still come out in file order with their line numbers.
/// A chunk ends just after a line break outside quotes (as ``CSVReader`` reads them): a quoted field's line breaks
/// never end one, and a line break byte never falls inside a multi-byte UTF-8 character, so every chunk is whole text.
public struct CSVChunker {
    /// Bytes of whole records and the line the first of them starts on (1-based, counting every line break
    /// before it, quoted ones too, as ``CSVReader`` does).
    public struct Chunk: Sendable {
        public let bytes: [UInt8]
        public let firstLine: Int
        /// Where the chunk ends in the stream: bytes consumed so far, for progress reporting.
        public let endOffset: Int
    }

    private let nextData: () throws -> Data?
    private var pending: [UInt8] = []
    private var finished = false
    private var line = 1
    private var consumed = 0

    /// A chunker over blocks of bytes handed out by `nextData` until it returns nil.
    public init(nextData: @escaping () throws -> Data?) {
        self.nextData = nextData
    }

    /// A chunker over a file, read 4 MiB at a time.
    public init(file: FileHandle) {
        self.init(nextData: {
            let data = try file.read(upToCount: 4 << 20)
            return (data?.isEmpty ?? true) ? nil : data
        })
    }

    /// The next chunk: the records up to the first line break outside quotes at or after `bytes` bytes (1 gives the
    /// first record alone), or every byte left at the end of the stream; nil when nothing is left. A chunk at the
    /// end may hold a quoted field that is never closed: parsing it reports that.
    public mutating func next(bytes target: Int) throws -> Chunk? {
        while true {
            if let cut = cutPoint(atOrAfter: max(target, 1) - 1) {
                return take(through: cut.index, lineBreaks: cut.lineBreaks)
            }
            if finished {
                guard !pending.isEmpty else { return nil }
                return take(through: pending.count - 1, lineBreaks: pending.lazy.filter { $0 == UInt8(ascii: "\n") }.count)
            }
            if let data = try nextData() { pending.append(contentsOf: data) } else { finished = true }
        }
    }

    /// The first line break outside quotes at or after `offset` in the pending bytes, with how many line breaks
    /// (quoted or not) come up to and including it; nil when the pending bytes hold none. Quotes are read as
    /// ``CSVReader`` reads them, malformed ones too: a quote opens a quoted field only as the field's first byte,
    /// a doubled quote inside one is a quote, and any other quote in a field is text.
    private func cutPoint(atOrAfter offset: Int) -> (index: Int, lineBreaks: Int)? {
        pending.withUnsafeBufferPointer { bytes -> (index: Int, lineBreaks: Int)? in
            var quoted = false
            var atFieldStart = true
            var lineBreaks = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        guard index < bytes.count else { return nil }  // a doubled quote or the field's end: read on
                        if bytes[index] == UInt8(ascii: "\"") { index += 1 } else { quoted = false }
                    } else if byte == UInt8(ascii: "\n") {
                        lineBreaks += 1
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: ","):
                    atFieldStart = true
                case UInt8(ascii: "\n"):
                    lineBreaks += 1
                    if index - 1 >= offset { return (index - 1, lineBreaks) }
                    atFieldStart = true
                case UInt8(ascii: "\""):
                    quoted = atFieldStart
                    atFieldStart = false
                default:
                    atFieldStart = false
                }
            }
            return nil
        }
    }

    private mutating func take(through end: Int, lineBreaks: Int) -> Chunk {
        let bytes = Array(pending[...end])
        pending.removeSubrange(...end)
        let chunk = Chunk(bytes: bytes, firstLine: line, endOffset: consumed + bytes.count)
        line += lineBreaks
        consumed += bytes.count
        return chunk
    }
}
