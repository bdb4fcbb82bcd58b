import Foundation
import HubData
import HubServer
import Logging
import PostgresNIO
import Synchronization

/// One throwaway PostgreSQL cluster per test process, in /tmp, with a migrated template database; each test
/// gets a fresh database copied from the template (about 0.1 s), so suites run in parallel on real PostgreSQL. As in
/// the embedded default, the template belongs to `hub_owner`, which migrates it, and the application connects as
/// `hub_app` (``EmbeddedCluster/Login``), so every test of the application runs with the least privilege it serves with.
public actor TestCluster {
    public static let shared = TestCluster()

    /// One start-up shared by every caller (the actor is reentrant, so a plain optional would start many).
    private var starting: Task<EmbeddedCluster, any Error>?
    private var counter = 0
    public nonisolated let logger: Logger = {
        var logger = Logger(label: "hub.test")
        logger.logLevel = .warning
        return logger
    }()

    static let templateName = "hub_template"

    /// The running cluster, started (and the template migrated) on first use.
    public func running() async throws -> EmbeddedCluster {
        if let starting { return try await starting.value }
        // Before any test touches the database: `Database`'s metrics are made on first use, and one made before the
        // process's metrics backend exists reports to nowhere for the rest of the process (`/metrics` lacks it).
        HubMetrics.bootstrapIfNeeded()
        let logger = self.logger
        let task = Task { try await Self.start(logger: logger) }
        starting = task
        return try await task.value
    }

    private static func start(logger: Logger) async throws -> EmbeddedCluster {
        let scratch = scratchFolder()
        let root = scratch.appendingPathComponent("hub-test-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        // Tests run in parallel, each application with a pool of up to 8: the suite came near 400 connections at once,
        // and the application's role (unlike the superuser) may not take the 3 slots PostgreSQL keeps for superusers.
        let cluster = try EmbeddedCluster(root: root, durability: .throwaway, port: 5432, maxConnections: 600)
        // initdb and pg_ctl wait for their processes: on a thread of their own, not one of the two every test shares
        // (an unreachable server's 0.8 s lease timeout was seen to take over 10 s while the cluster started).
        _ = try await DedicatedThread.run {
            removeAbandonedClusters(in: scratch)
            return try cluster.start()
        }
        TestClusterCleanup.register(cluster)
        try await cluster.prepareHubDatabase(Self.templateName, logger: logger)
        let client = PostgresClient(configuration: cluster.configuration(database: Self.templateName, as: .owner), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let layout = try ProjectLayout.locate()
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations))
                .migrate(Database(client: client, logger: logger))
            group.cancelAll()
        }
        return cluster
    }

    /// Where the cluster lives: in memory (`/dev/shm`) where the machine has room there, else `/tmp`. The suite
    /// makes some six hundred databases of a few hundred files each; on ext4, making and removing their files took
    /// about a twentieth of the suite's CPU time.
    static func scratchFolder() -> URL {
        let memory = "/dev/shm"
        if FileManager.default.isWritableFile(atPath: memory),
            let attributes = try? FileManager.default.attributesOfFileSystem(forPath: memory),
            let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value, free >= 8 << 30
        {
            return URL(fileURLWithPath: memory)
        }
        return URL(fileURLWithPath: "/tmp")
    }

    /// Stops and removes the clusters of test processes that ended without cleaning up (a crash skips `atexit`), so
    /// that a cluster in memory does not hold its gigabytes until the machine restarts. A folder whose process id is
    /// alive is left alone, whatever process that is now.
    static func removeAbandonedClusters(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix("hub-test-") {
            let parts = name.split(separator: "-")  // hub, test, the process id, a random number
            guard parts.count == 4, let pid = pid_t(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let root = folder.appendingPathComponent(name)
            if let cluster = try? EmbeddedCluster(root: root, durability: .throwaway) { try? cluster.stop(immediate: true) }
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// A new, migrated, empty database.
    public func freshDatabase() async throws -> (cluster: EmbeddedCluster, name: String) {
        let cluster = try await running()
        counter += 1
        let name = "hub_test_\(counter)"
        try await cluster.createDatabaseIfMissing(name, template: Self.templateName, copy: .fileCopy, owner: .owner, logger: logger)
        return (cluster, name)
    }

    /// A new database with nothing in it (not even migrations), for migration tests.
    public func emptyDatabase() async throws -> (cluster: EmbeddedCluster, name: String) {
        let cluster = try await running()
        counter += 1
        let name = "hub_empty_\(counter)"
        try await cluster.createDatabaseIfMissing(name, logger: logger)
        return (cluster, name)
    }

    /// Runs `body` on a new database with nothing in it (``emptyDatabase()``), connected as `login` (the superuser
    /// unless said), its client running until `body` ends.
    public nonisolated func withEmptyDatabase(as login: EmbeddedCluster.Login = .superuser, _ body: (Database) async throws -> Void)
        async throws
    {
        let (cluster, name) = try await emptyDatabase()
        try await withClient(cluster: cluster, database: name, as: login, body)
    }

    /// Runs `body` on a new, migrated, empty database (``freshDatabase()``) with no application in front of it (no
    /// demo data either), for tests of the stores, connected as `login` (the application's role unless said);
    /// its client runs until `body` ends.
    public nonisolated func withFreshDatabase(as login: EmbeddedCluster.Login = .application, _ body: (Database) async throws -> Void)
        async throws
    {
        let (cluster, name) = try await freshDatabase()
        try await withClient(cluster: cluster, database: name, as: login, body)
    }

    private nonisolated func withClient(
        cluster: EmbeddedCluster, database name: String, as login: EmbeddedCluster.Login, _ body: (Database) async throws -> Void
    ) async throws {
        let client = PostgresClient(configuration: cluster.configuration(database: name, as: login), backgroundLogger: logger)
        // The pool runs in a task of its own, waited for only a bounded time once the body is done (BoundedTeardown).
        let pool = Task { await client.run() }
        do {
            try await body(Database(client: client, logger: logger))
        } catch {
            await BoundedTeardown.cancel(pool, what: "the connection pool of \(name)")
            throw error
        }
        await BoundedTeardown.cancel(pool, what: "the connection pool of \(name)")
    }
}

/// Stops the test cluster when the test process exits, and removes its folder.
enum TestClusterCleanup {
    private static let clusters = Mutex<[EmbeddedCluster]>([])

    static func register(_ cluster: EmbeddedCluster) {
        let first = clusters.withLock { list in
            list.append(cluster)
            return list.count == 1
        }
        if first {
            atexit {
                for cluster in TestClusterCleanup.clusters.withLock({ $0 }) {
                    try? cluster.stop(immediate: true)
                    try? FileManager.default.removeItem(at: cluster.root)
                }
            }
        }
    }
}
