import Foundation
import PostgresNIO

/// A private PostgreSQL cluster that Hub runs itself: the default when no `DATABASE_URL` is given, and the
/// throwaway server under the tests.
///
/// The cluster listens only on a Unix socket in a directory of its own, so it never clashes with another server
/// on the machine. As root it runs as the `postgres` OS user, because `initdb` refuses root.
public struct EmbeddedCluster: Sendable {
    public enum Durability: Sendable {
        /// Keeps data safely: the embedded default.
        case durable
        /// fsync and full-page writes off: for throwaway test clusters only.
        case throwaway
    }

    /// The folder that holds everything: `pgdata/`, `run/` (the socket) and `postgres.log`.
    public let root: URL
    public let durability: Durability
    public let port: Int
    public let maxConnections: Int
    /// The server's memory settings; nil: sized from the machine for a durable cluster (see
    /// ``EmbeddedClusterMemory``), PostgreSQL's defaults for a throwaway one.
    public let memory: EmbeddedClusterMemory?
    let binaries: PostgresBinaries

    public static let superuser = "hub"
    public static let defaultDatabase = "hub"

    public init(
        root: URL, durability: Durability = .durable, port: Int = 5432, maxConnections: Int = 100, memory: EmbeddedClusterMemory? = nil
    ) throws {
        self.root = root.standardizedFileURL
        self.durability = durability
        self.port = port
        self.maxConnections = maxConnections
        self.memory = memory
        self.binaries = try PostgresBinaries.locate()
    }

    public var dataDirectory: String { root.appendingPathComponent("pgdata").path }
    public var logFile: String { root.appendingPathComponent("postgres.log").path }

    /// The socket directory: inside the cluster folder unless that path is too long for a Unix socket
    /// (about 107 bytes), then a short folder under /tmp named after the cluster folder.
    public var socketDirectory: String {
        let inside = root.appendingPathComponent("run").path
        if inside.utf8.count + 20 < 104 { return inside }
        var hash: UInt64 = 1469598103934665603
        for byte in root.path.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return "/tmp/hub-pg-\(String(hash, radix: 36))"
    }

    public var socketPath: String { "\(socketDirectory)/.s.PGSQL.\(port)" }

    /// The client configuration for a database in this cluster.
    public func configuration(database: String = EmbeddedCluster.defaultDatabase) -> PostgresClient.Configuration {
        PostgresClient.Configuration(unixSocketPath: socketPath, username: Self.superuser, password: nil, database: database)
    }

    /// Creates the cluster on first use; a cluster that exists is kept as it is.
    public func initialiseIfNeeded() throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        try handOverToPostgresUser([root.path, socketDirectory])
        if fileManager.fileExists(atPath: dataDirectory + "/PG_VERSION") { return }
        // Text sorts by code point either way (C.UTF-8 collates UTF-8 by code point, as C compares bytes), but
        // under C PostgreSQL compares bytes itself and sorts on abbreviated keys instead of calling the C
        // library per comparison: building the tracker's text indexes over 1M records took 18% less time.
        // Character classes, upper and lower case stay UTF-8 aware (LC_CTYPE C.UTF-8).
        var arguments = ["-D", dataDirectory, "-U", Self.superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C"]
        if durability == .throwaway { arguments.append("--no-sync") }
        try ExternalCommand.make(binaries.initdb, arguments, asPostgres: true).run()
    }

    /// Whether a server is running on this cluster's data directory.
    public func isRunning() -> Bool {
        guard let result = try? ExternalCommand.make(binaries.pgCtl, ["status", "-D", dataDirectory], asPostgres: true)
            .run(allowFailure: true)
        else { return false }
        return result.status == 0 && postmasterIsAlive()  // pg_ctl takes a killed, unreaped postmaster for running
    }

    /// Starts the server and waits until it accepts connections. Returns false when it was already running
    /// (another `hub` process started it), so the caller knows not to stop it; a running server keeps the
    /// settings it was started with.
    @discardableResult
    public func start() throws -> Bool {
        try initialiseIfNeeded()
        if isRunning() { return false }
        var options = [
            "-c listen_addresses=''",
            "-c unix_socket_directories='\(socketDirectory)'",
            "-c port=\(port)",
            "-c max_connections=\(maxConnections)",
            // Hub's queries are short; JIT compilation only adds latency to them.
            "-c jit=off",
            // The server's log gets an error's message but not its DETAIL, HINT, QUERY or CONTEXT, which quote the
            // failing key or the whole failing row (a password hash, a name, free text); Hub logs the SQLSTATE and
            // constraint (`LoggedError`).
            "-c log_error_verbosity=terse",
            // A feed import writes gigabytes of WAL in one transaction; with the default 1 GB, checkpoints came
            // every 25 s during a 1M-row import, and every page first touched after each was written to WAL whole.
            "-c max_wal_size=4GB",
        ]
        if durability == .throwaway {
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        }
        if let memory = try memory ?? (durability == .durable ? EmbeddedClusterMemory.forThisMachine(maxConnections: maxConnections) : nil) {
            options += memory.serverOptions
        }
        do {
            try ExternalCommand.make(
                binaries.pgCtl,
                ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", options.joined(separator: " ")],
                asPostgres: true
            ).run()
        } catch {
            let logTail = (try? String(contentsOfFile: logFile, encoding: .utf8))?
                .split(separator: "\n").suffix(8).joined(separator: "\n") ?? ""
            throw EmbeddedClusterError("PostgreSQL did not start (\(error)). Last lines of \(logFile):\n\(logTail)")
        }
        return true
    }

    /// Stops the server: `fast` ends sessions and shuts down cleanly; `immediate` for throwaway clusters.
    public func stop(immediate: Bool = false) throws {
        guard isRunning() else { return }
        try ExternalCommand.make(
            binaries.pgCtl, ["stop", "-w", "-D", dataDirectory, "-m", immediate ? "immediate" : "fast"], asPostgres: true
        ).run()
    }

    /// As root, gives the folders to the postgres user and checks it can reach them.
    private func handOverToPostgresUser(_ paths: [String]) throws {
        guard getuid() == 0 else { return }
        for path in paths {
            try ExternalCommand(executable: "/bin/chown", arguments: ["-R", "postgres:postgres", path]).run()
            var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            while parent.path != "/" {
                let attributes = try FileManager.default.attributesOfItem(atPath: parent.path)
                let permissions = (attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0
                if permissions & 0o001 == 0 {
                    throw EmbeddedClusterError(
                        "The postgres OS user cannot reach \(path): \(parent.path) is not searchable by others (chmod o+x it), "
                        + "or choose another folder with HUB_DATA_DIR.")
                }
                parent.deleteLastPathComponent()
            }
        }
    }
}
