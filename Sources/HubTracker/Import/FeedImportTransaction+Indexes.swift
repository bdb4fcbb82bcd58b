import HubData
import HubWorkflow
import PostgresNIO

/// A feed import's search indexes and planner statistics around its writes: a bulk load drops the indexes before
/// writing and builds them again after linking; statistics are gathered for the rows written before linking
/// queries them.
extension FeedImportTransaction {
    /// Whether the load is large against what is held (``BulkLoadPolicy``); if so, drops the search indexes.
    mutating func suspendIndexesForBulkLoad(on connection: PostgresConnection) async throws {
        bulkLoad = importer.bulkLoadPolicy.applies(changed: changedCount, held: try await store.recordCount(on: connection))
        guard bulkLoad else { return }
        let indexesStarted = ContinuousClock.now
        // Only new sources, copied straight in: no upsert needs the unique constraints until they are back.
        let onlyCopies = importer.bulkLoadPolicy.copiesNewSourcesDirectly && changes.allSatisfy(\.new)
        _ = try await store.suspendIndexes(uniqueConstraints: onlyCopies, on: connection)
        report.phaseSeconds["indexes", default: 0] += (ContinuousClock.now - indexesStarted).seconds
    }

    /// Statistics for the rows just written, or linking's queries are planned for the table as it was (a full
    /// relink was worked out before writing, and a bulk load gathers them again once its indexes are back).
    mutating func analyzeWritten(on connection: PostgresConnection) async throws {
        guard bulkLoad ? fullRelink == nil : changedCount >= 10_000 else { return }
        let analyzeStarted = ContinuousClock.now
        try await store.analyze(on: connection)
        report.phaseSeconds["analyze", default: 0] += (ContinuousClock.now - analyzeStarted).seconds
    }

    /// A bulk load's search indexes built again, and statistics gathered: before the alerts, whose queries want
    /// the indexes, and always before the transaction commits.
    mutating func restoreIndexesAfterBulkLoad(on connection: PostgresConnection) async throws {
        guard bulkLoad else { return }
        let indexesStarted = ContinuousClock.now
        _ = try await store.restoreIndexes(on: connection)
        try await store.analyze(on: connection)
        report.phaseSeconds["indexes", default: 0] += (ContinuousClock.now - indexesStarted).seconds
    }
}
