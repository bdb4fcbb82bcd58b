import Foundation
import HubWorkflow
import HubData

/// Reads an extract (docs/feed-format.md) into an ``ExtractSnapshot``: the header, then every row validated, a bad
/// row quarantined with its reason. The rows are parsed and validated on the machine's cores, a few megabytes of
/// whole records at a time (``CSVChunker``), while the snapshot takes the rows parsed before, in file order.
struct ExtractReader {
    let extractDate: CalendarDate
    /// Event codes the tracker maps to a category; the snapshot counts the others.
    let knownEventTypes: Set<String>
    /// About how many bytes of records one core parses at a time.
    static let chunkBytes = 4 << 20

    /// What a file holds.
    struct Extract {
        var snapshot: ExtractSnapshot
        /// The quarantined rows, in file order.
        var quarantined: [QuarantinedRowEntry]
        /// Header names that are not columns of the format.
        var unknownColumns: [String]
    }

    /// Reads the file open at `handle` (`size` bytes, for `progress`); throws ``FeedRejection`` when it is not an
    /// extract at all (not CSV or not UTF-8, no header, a required column missing, no data rows).
    func read(_ handle: FileHandle, size: Int64, progress: FeedImporter.Progress?) async throws -> Extract {
        var chunker = CSVChunker(file: handle)
        var headerFields: [String]?
        do {
            // The first record that is not blank.
            while headerFields == nil, let chunk = try chunker.next(bytes: 1) {
                var reader = CSVReader(bytes: chunk.bytes, firstLine: chunk.firstLine)
                headerFields = try reader.next()?.fields
            }
        } catch let failure as CSVReader.Failure {
            throw FeedRejection(failure.description)
        }
        guard let headerFields else { throw FeedRejection("the file is empty: a header row is required") }
        let columns: FeedColumns
        do { columns = try FeedColumns(header: headerFields) } catch let failure as FeedColumns.Failure {
            throw FeedRejection(failure.description)
        }
        let validator = FeedRowValidator(extractDate: extractDate)
        let workers = ParallelChunks.defaultParallelism
        // One chunk per core, parsed while the chunks before them are taken into the snapshot.
        func parseNextChunks() throws -> Task<[ParsedChunk], Never>? {
            var chunks: [CSVChunker.Chunk] = []
            while chunks.count < workers, let chunk = try chunker.next(bytes: Self.chunkBytes) { chunks.append(chunk) }
            guard !chunks.isEmpty else { return nil }
            let batch = chunks
            return Task {
                await LinkageThread.run {
                    ParallelChunks.map(count: batch.count, chunkCount: batch.count, parallelism: workers) { range in
                        Self.parse(batch[range.lowerBound], columns: columns, validator: validator)
                    }
                }
            }
        }
        var extract = Extract(snapshot: ExtractSnapshot(extractDate: extractDate), quarantined: [], unknownColumns: columns.unknown)
        var rows = 0
        var next = try parseNextChunks()
        while let current = next {
            next = try parseNextChunks()
            for parsed in await current.value {
                let chunkRows: [ParsedRow]
                switch parsed.rows {
                case .success(let parsedRows): chunkRows = parsedRows
                case .failure(let failure): throw FeedRejection(failure.description)
                }
                rows += chunkRows.count
                for row in chunkRows {
                    switch row {
                    case .success(let (row, notes)):
                        extract.snapshot.add(row, notes: notes, knownEventTypes: knownEventTypes)
                    case .failure(let failure):
                        extract.snapshot.add(failure)
                        extract.quarantined.append(QuarantinedRowEntry(
                            line: failure.line, reason: failure.reason.rawValue,
                            sourceSystem: failure.sourceSystem, sourceRecordId: failure.sourceRecordId))
                    }
                }
                progress?(Int64(parsed.endOffset), size)
            }
        }
        guard rows > 0 else { throw FeedRejection("the file has no data rows (an empty snapshot would retire every record of its sources)") }
        progress?(size, size)
        extract.snapshot.finish()
        return extract
    }

    typealias ParsedRow = Result<(FeedRow, FeedRowValidator.Notes), QuarantineFailure>

    /// One chunk's rows, each valid or quarantined, in order; or why the chunk is not CSV.
    struct ParsedChunk: Sendable {
        let rows: Result<[ParsedRow], CSVReader.Failure>
        let endOffset: Int
    }

    static func parse(_ chunk: CSVChunker.Chunk, columns: FeedColumns, validator: FeedRowValidator) -> ParsedChunk {
        var reader = CSVReader(bytes: chunk.bytes, firstLine: chunk.firstLine)
        var rows: [ParsedRow] = []
        do {
            while let record = try reader.next() {
                rows.append(validator.validate(record.fields, line: record.line, columns: columns))
            }
        } catch let failure as CSVReader.Failure {
            return ParsedChunk(rows: .failure(failure), endOffset: chunk.endOffset)
        } catch {
            preconditionFailure("CSVReader over bytes in memory throws only its own failures: \(error)")
        }
        return ParsedChunk(rows: .success(rows), endOffset: chunk.endOffset)
    }
}
