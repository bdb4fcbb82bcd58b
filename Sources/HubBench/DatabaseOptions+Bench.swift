import ArgumentParser
import HubData
import HubServer
import Logging
import PostgresNIO

extension DatabaseOptions {
    /// For benchmarks: a database of the embedded cluster, dropped and created anew. Release the returned
    /// `Opened` when done.
    func recreatedDatabase(_ name: String, logger: Logger) async throws -> (opened: Opened, configuration: PostgresClient.Configuration) {
        let opened = try await open(logger: logger)
        guard let cluster = opened.cluster else {
            opened.release(logger: logger)
            throw ValidationError("run on the embedded cluster (it creates its own database)")
        }
        do {
            try await cluster.dropDatabase(name, logger: logger)
            try await cluster.createDatabaseIfMissing(name, logger: logger)
        } catch {
            opened.release(logger: logger)
            throw error
        }
        return (opened, cluster.configuration(database: name))
    }

    /// For benchmarks: a database of the embedded cluster as it is (it must exist). Release the returned
    /// `Opened` when done.
    func existingDatabase(_ name: String, logger: Logger) async throws -> (opened: Opened, configuration: PostgresClient.Configuration) {
        let opened = try await open(logger: logger)
        guard let cluster = opened.cluster else {
            opened.release(logger: logger)
            throw ValidationError("run on the embedded cluster (the bench database lives there)")
        }
        return (opened, cluster.configuration(database: name))
    }
}
