import Foundation
import HubData
import PostgresNIO

/// Turns a feed row and its cleansed record into the row `tracker_records` stores, with the search columns.
enum TrackerRecordColumns {
    /// The rows `tracker_records` stores for these feed rows and their cleansed records, as `COPY` text for the
    /// import's staging table (``TrackerStagingText``), built on the machine's cores: one buffer per chunk, in order.
    /// `ids` are the records' ids where the importer knows them (0 where the table's sequence gives one), and
    /// `persons` their persons when they were linked before being written. With `storedBy` an import id, the
    /// text is for `tracker_records` itself, as that import writes it (``TrackerStagingText/appendStored(_:importId:to:)``).
    static func copyText(
        _ feedRows: ArraySlice<FeedRow>, cleansed: ArraySlice<CleansedRecord>, ids: ArraySlice<Int64>, persons: [Int64: Int64],
        storedBy importId: Int64? = nil
    ) async -> [ByteBuffer] {
        precondition(feedRows.count == cleansed.count && feedRows.count == ids.count)
        let (feedRows, cleansed, ids) = (Array(feedRows), Array(cleansed), Array(ids))
        let workers = ParallelChunks.defaultParallelism
        return await LinkageThread.run {
            ParallelChunks.map(count: feedRows.count, chunkCount: workers * 2, parallelism: workers) { range -> ByteBuffer in
                var text = CopyTextRows(capacity: range.count * 1_536)
                for index in range {
                    var row = row(for: feedRows[index], cleansed: cleansed[index])
                    row.id = ids[index]
                    row.personId = persons[ids[index]] ?? 0
                    if let importId {
                        TrackerStagingText.appendStored(CollectionOfOne(row), importId: importId, to: &text)
                    } else {
                        TrackerStagingText.append(CollectionOfOne(row), to: &text)
                    }
                }
                return text.buffer
            }
        }
    }

    /// Writes the `COPY` text (as ``copyText(_:cleansed:ids:persons:storedBy:)`` builds it) of every row to `writer`,
    /// `window` rows at a time, building each window's text while the one before it is written: the cores build
    /// text while PostgreSQL parses and stores the text before.
    static func write(
        _ feedRows: [FeedRow], cleansed: ArraySlice<CleansedRecord>, ids: [Int64], persons: [Int64: Int64], storedBy importId: Int64? = nil,
        window: Int, to writer: PostgresCopyFromWriter
    ) async throws {
        precondition(feedRows.count == cleansed.count && feedRows.count == ids.count && window > 0)
        func build(from start: Int) -> Task<[ByteBuffer], Never>? {
            guard start < feedRows.count else { return nil }
            let range = start..<min(start + window, feedRows.count)
            let forms = cleansed.dropFirst(range.lowerBound).prefix(range.count)  // `cleansed` may not start at 0
            return Task { await copyText(feedRows[range], cleansed: forms, ids: ids[range], persons: persons, storedBy: importId) }
        }
        var start = 0
        var next = build(from: start)
        while let current = next {
            start += window
            next = build(from: start)
            for text in await current.value { try await writer.write(text) }
        }
    }

    static func row(for feedRow: FeedRow, cleansed: CleansedRecord) -> TrackerRecordRow {
        var row = TrackerRecordRow(sourceSystem: feedRow.key.sourceSystem, sourceRecordId: feedRow.key.sourceRecordId)
        row.forename = feedRow.forename
        row.surname = feedRow.surname
        row.aliases = feedRow.aliases.joined(separator: "|")
        row.dateOfBirth = feedRow.storedDateOfBirth
        row.gender = feedRow.gender
        row.addressLine1 = feedRow.addressLine1
        row.addressLine2 = feedRow.addressLine2
        row.town = feedRow.town
        row.postcode = feedRow.postcode
        row.nhsNumber = feedRow.nhsNumber
        row.suppliedUPRN = feedRow.uprn
        row.detailsHash = TrackerDigest.fields(feedRow.details)
        row.cleansed = CleansedRecordJSON.encode(cleansed)
        row.foldedForename = cleansed.name.forename ?? ""
        row.foldedSurname = cleansed.name.surname ?? ""
        row.forenamePhonetic = cleansed.name.forenamePhonetic?.primary ?? ""
        row.surnamePhonetic = cleansed.name.surnamePhonetic?.primary ?? ""
        row.canonicalForenames = cleansed.name.canonicalForenames.joined(separator: "|")
        row.aliasNames = cleansed.aliases.map { [$0.forename, $0.surname].compactMap { $0 }.joined(separator: " ") }.joined(separator: " ")
        row.dobYear = cleansed.dateOfBirth?.year ?? 0
        row.dobMonth = cleansed.dateOfBirth?.month ?? 0
        row.dobDay = cleansed.dateOfBirth?.day ?? 0
        row.normalisedPostcode = cleansed.address.normalisedPostcode ?? ""
        row.postcodeSector = cleansed.address.postcode?.sector ?? ""
        row.postcodeDistrict = cleansed.address.postcode?.district ?? ""
        row.addressKey = cleansed.address.key ?? ""
        row.validNHSNumber = cleansed.validNHSNumber ?? ""
        row.uprn = cleansed.uprn ?? 0
        row.householdKey = cleansed.householdKey?.description ?? ""
        row.setAside = feedRow.setAside.reasons.map(\.rawValue).joined(separator: "|")
        return row
    }
}
