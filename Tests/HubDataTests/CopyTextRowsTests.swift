import Foundation
import HubData
import HubTestSupport
import Logging
import PostgresNIO
import Testing

@Suite("COPY text rows")
struct CopyTextRowsTests {
    /// Values that the text format must escape or keep apart: quotes, tabs, backslashes, line breaks, `\N`
    /// spelled out, non-ASCII, an empty string and NULL.
    static let awkward: [String?] = [
        "plain", "O'Neill \"Dai\"", "tab\there", "back\\slash", "two\nlines", "cr\rlf\r\n", "\\N", "\\.", "Siân Ŵyn 😀",
        "", nil, " padded ", "a,b;c|d", "\\\\t",
    ]

    @Test func escapesWhatTheTextFormatNeedsAndKeepsEmptyApartFromNull() {
        var rows = CopyTextRows()
        rows.append("a\tb\\c\nd\re")
        rows.append(nil as String?)
        rows.append("")
        rows.append(Int64(-42))
        rows.append(nil as Int64?)
        rows.endRow()
        let text = String(buffer: rows.buffer)
        #expect(text == "a\\tb\\\\c\\nd\\re\t\\N\t\t-42\t\\N\n")
    }

    @Test func awkwardValuesComeBackAsTheyWentThroughARealCopy() async throws {
        let logger = TestCluster.shared.logger
        try await TestCluster.shared.withEmptyDatabase { database in
            try await database.client.withTransaction(logger: logger) { connection in
                try await connection.query("CREATE TEMPORARY TABLE copy_check (n bigint, t text) ON COMMIT DROP", logger: logger)
                var rows = CopyTextRows(capacity: 16)
                for (index, value) in Self.awkward.enumerated() {
                    rows.append(Int64(index))
                    rows.append(value)
                    rows.endRow()
                }
                // Sent in two messages cut mid-row: the server joins them.
                var buffer = rows.buffer
                let first = buffer.readSlice(length: buffer.readableBytes / 2)!
                try await connection.copyFrom(table: "copy_check", columns: ["n", "t"], logger: logger) { writer in
                    try await writer.write(first)
                    try await writer.write(buffer)
                }
                let back = try await connection.query("SELECT n, t FROM copy_check ORDER BY n", logger: logger).collect()
                    .map { try $0.decode((Int64, String?).self) }
                #expect(back.map(\.0) == Array(0..<Int64(Self.awkward.count)))
                #expect(back.map(\.1) == Self.awkward)
            }
        }
    }
}
