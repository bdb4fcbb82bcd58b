import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// A feed import's work in its one transaction, once the file is read and the gazetteer indexed: the phases in
/// order (``run(on:)``), what each works out for those after it, and the report they fill in, each phase adding
/// its seconds under its own key of ``FeedImportReport/phaseSeconds``.
struct FeedImportTransaction {
    let importer: FeedImporter
    let store: TrackerImportStore
    let linking: TrackerLinking
    let cleanser: RecordCleanser
    let audit: FeedImportAudit
    let extractDate: CalendarDate
    /// The file's size in bytes.
    let size: Int64
    let now: Date
    /// When the import started: its seconds count from then.
    let started: ContinuousClock.Instant
    /// The extract's sources, their reports and the records named only by quarantined rows (its rows are in
    /// `rowsBySource`).
    let snapshot: ExtractSnapshot
    /// The quarantined rows, in file order.
    let quarantined: [QuarantinedRowEntry]
    var report: FeedImportReport
    /// One copy of the rows from here on, source by source; each source's go once written.
    var rowsBySource: [String: (records: [FeedRow], events: [FeedEvent])]

    // What the phases work out, in the order they do.
    /// The highest event id before the import writes its events: those above it are the ones it added.
    var eventWatermark: Int64 = 0
    var importId: Int64 = 0
    var sourceReports: [String: ExtractSnapshot.SourceReport] = [:]
    /// What changes, source by source.
    var changes: [SourceChanges] = []
    /// How many records are added, updated or reinstated.
    var changedCount = 0
    /// A load large against what is held (``BulkLoadPolicy``): the search indexes are dropped, and built again
    /// once linking is done.
    var bulkLoad = false
    /// With no model to link against yet (a first load), every live record is linked afresh.
    var relinksAll = false
    /// A first load of new sources links and writes from one array of cleansed forms in id order: the array
    /// (`allNewCleansed`), and where each change's forms are in it (`newCleansed`).
    var cleansesIntoOne = false
    var allNewCleansed: [CleansedRecord] = []
    var newCleansed: [Range<Int>] = []
    /// Each event code's category, when a new source's events are copied straight into their table.
    var categories: [String: String] = [:]
    /// The new sources whose events are copied already.
    var eventsCopied: Set<String> = []
    /// A full relink, worked out before anything is written, so each record is written once, with its person.
    var fullRelink: TrackerLinking.FullRelink?
    /// The records written, to link.
    var toLink: [Int64] = []
    /// The cleansed forms of the records written, for linking: not read back and decoded again.
    var written: [Int64: CleansedRecord] = [:]

    /// The phases, in order; returns the report, which the import's row and audit event hold too.
    mutating func run(on connection: PostgresConnection) async throws -> FeedImportReport {
        try await begin(on: connection)
        try await compare(on: connection)
        try await suspendIndexesForBulkLoad(on: connection)
        relinksAll = try await linking.needsFullRelink(on: connection)
        try await reserveRecordIds(on: connection)
        if changes.contains(where: \.new) { categories = try await store.eventCategories(on: connection) }
        if relinksAll && bulkLoad { try await copyEventsOfNewSources(on: connection) }
        await cleanse()
        if relinksAll { try await retireAndPlanFullRelink(on: connection) }
        if fullRelink == nil { written.reserveCapacity(changedCount) }
        for index in changes.indices { try await write(index, on: connection) }
        allNewCleansed = []
        try await analyzeWritten(on: connection)
        countRows()
        try await link(on: connection)
        try await restoreIndexesAfterBulkLoad(on: connection)
        try await raiseAlerts(on: connection)
        try await finish(on: connection)
        return report
    }

    /// Takes the import lock, refuses an extract dated before one already imported for any of its sources, and
    /// records the import (its id from here on) and its quarantined rows.
    mutating func begin(on connection: PostgresConnection) async throws {
        try await store.lock(on: connection)
        eventWatermark = try await WatchlistStore(database: importer.database).eventWatermark(on: connection)
        let latest = try await store.latestExtractDates(on: connection)
        for source in snapshot.sources {
            if let date = latest[source], date > extractDate.description {
                throw FeedRejection("the extract is dated \(extractDate), before the \(date) extract already imported for \(source)")
            }
        }
        importId = try await store.beginImport(
            fileName: report.fileName, sha256: audit.sha256, size: size, extractDate: extractDate.description, receivedAt: now,
            operator: audit.operatorName, on: connection)
        report.importId = importId
        try await store.quarantine(quarantined, importId: importId, on: connection)
    }

    /// The report's row counts, in all and per source, its quarantined rows per reason and its values set aside per reason.
    mutating func countRows() {
        report.sources = sourceReports
        report.rowsRead = sourceReports.values.reduce(0) { $0 + $1.rowsRead }
        report.rowsLoaded = sourceReports.values.reduce(0) { $0 + $1.rowsLoaded }
        report.outsideWindow = sourceReports.values.reduce(0) { $0 + $1.outsideWindow }
        report.rowsQuarantined = quarantined.count
        for entry in quarantined { report.quarantined[entry.reason, default: 0] += 1 }
        for (reason, count) in sourceReports.values.flatMap(\.setAside) { report.setAside[reason, default: 0] += count }
    }

    /// The priority alerts (rules and watchlists) the new data sets off.
    mutating func raiseAlerts(on connection: PostgresConnection) async throws {
        let alertsStarted = ContinuousClock.now
        report.alertsRaised = try await ImportAlerts(database: importer.database).evaluate(
            importId: importId, extractDate: extractDate, eventWatermark: eventWatermark, at: now, on: connection)
        report.phaseSeconds["alerts"] = (ContinuousClock.now - alertsStarted).seconds
    }

    /// Records the extract as each source's latest, the import's figures and report (the seconds no phase counted
    /// under `store`), and the audit event.
    mutating func finish(on connection: PostgresConnection) async throws {
        try await store.recordSources(snapshot.sources, extractDate: extractDate.description, importId: importId, on: connection)
        report.seconds = (ContinuousClock.now - started).seconds
        report.phaseSeconds["store"] = report.seconds - report.phaseSeconds.values.reduce(0, +)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try await store.finishImport(id: importId, rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded,
                                     rowsQuarantined: report.rowsQuarantined, report: json, on: connection)
        try await AuditTrail(database: importer.database).record(audit.event([
            "rows_read": String(report.rowsRead), "rows_loaded": String(report.rowsLoaded),
            "rows_quarantined": String(report.rowsQuarantined),
        ], objectId: String(importId)), on: connection)
    }
}
