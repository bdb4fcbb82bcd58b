import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Imports a partner extract (docs/feed-format.md): validates every row (a bad row is quarantined, never
/// stops the rest), then in one transaction replaces each source's snapshot (adds and updates records,
/// replaces events, retires records the extract no longer mentions), gives new records UPRNs from the
/// gazetteer and links them, raises the priority alerts the new data sets off, and writes the audit event.
/// A file imported before changes nothing.
public struct FeedImporter: Sendable {
    let database: Database
    let configuration: LinkageConfiguration
    let bulkLoadPolicy: BulkLoadPolicy

    public init(database: Database, configuration: LinkageConfiguration = LinkageConfiguration(),
                bulkLoadPolicy: BulkLoadPolicy = BulkLoadPolicy()) {
        self.database = database
        self.configuration = configuration
        self.bulkLoadPolicy = bulkLoadPolicy
    }

    /// Records staged (cleansed, encoded and copied) at a time: bounds the text held at once.
    static let stagingWindow = 20_000
    /// About how much `COPY` text goes in one message.
    static let copyMessageBytes = 1 << 20
    /// Files at least this large have the memory a phase let go handed back to the system (``HeapMemory``): for a
    /// small file there is little to hand back, and trimming walks every arena of the heap with its locks held.
    static let returnsFreedPagesFromBytes: Int64 = 64 << 20

    /// Called now and then while reading: bytes read so far and the file's size.
    public typealias Progress = @Sendable (_ bytesRead: Int64, _ size: Int64) -> Void

    /// Imports the file at `url`; `operator` names who imported it in the report and the audit event.
    public func importFile(
        at url: URL, fileName: String? = nil, extractDate: CalendarDate, actor: Identity?, operator operatorName: String,
        now: Date, requestId: String? = nil, progress: Progress? = nil
    ) async throws -> FeedImportReport {
        let started = ContinuousClock.now
        let logger = database.logger
        let store = TrackerImportStore(logger: logger)
        let (sha256, size) = try TrackerDigest.file(at: url)
        var report = FeedImportReport(fileName: fileName ?? url.lastPathComponent, sha256: sha256,
                                      extractDate: extractDate.description, importedBy: operatorName)
        let audit = FeedImportAudit(sha256: sha256, operatorName: operatorName, occurredAt: now, requestId: requestId, actor: actor)
        if let earlier = try await database.withConnection({ try await store.importId(sha256: sha256, on: $0) }) {
            report.importId = earlier
            report.alreadyImported = true
            try await AuditTrail(database: database).record(audit.event(["outcome": "already_imported"], objectId: String(earlier)))
            return report
        }
        let knownEventTypes = try await database.withConnection { try await store.knownEventTypes(on: $0) }

        // The gazetteer's index, built while the file is read.
        let gazetteerIndex = indexGazetteer()
        defer { gazetteerIndex.cancel() }
        // Read and validate every row.
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let extract = try await ExtractReader(extractDate: extractDate, knownEventTypes: knownEventTypes)
            .read(handle, size: size, progress: progress)
        if size >= Self.returnsFreedPagesFromBytes { HeapMemory.returnFreedPages() }  // the reader's indexes
        var snapshot = extract.snapshot
        report.unknownColumns = extract.unknownColumns
        report.phaseSeconds["read"] = (ContinuousClock.now - started).seconds

        let gazetteerStarted = ContinuousClock.now
        let cleanser = RecordCleanser(gazetteer: try await gazetteerIndex.value)
        report.phaseSeconds["gazetteer"] = (ContinuousClock.now - gazetteerStarted).seconds
        var linkingConfiguration = configuration
        linkingConfiguration.referenceYear = extractDate.year  // ages for the family-safe rules (``IdentityRule``)
        let linking = TrackerLinking(logger: logger, configuration: linkingConfiguration)
        // One copy of the rows from here on, source by source; each source's go once written.
        let rowsBySource = snapshot.takeRows()
        var phases = FeedImportTransaction(
            importer: self, store: store, linking: linking, cleanser: cleanser, audit: audit, extractDate: extractDate,
            size: size, now: now, started: started, snapshot: snapshot, quarantined: extract.quarantined, report: report,
            rowsBySource: consume rowsBySource)
        return try await database.transaction { try await phases.run(on: $0) }
    }

    /// The gazetteer's index, built on a thread of its own (nil when the gazetteer is empty).
    private func indexGazetteer() -> Task<GazetteerIndex?, any Error> {
        Task { [database] () async throws -> GazetteerIndex? in
            let gazetteer = try await GazetteerStore(database: database).keyedProperties()
            guard !gazetteer.isEmpty else { return nil }
            return await LinkageThread.run {
                GazetteerIndex(entries: gazetteer.map { GazetteerEntry(uprn: $0.uprn, addressKey: $0.addressKey, postcode: $0.postcode) })
            }
        }
    }
}
