import Foundation
@testable import HubData
import HubTestSupport
import Logging
import PostgresNIO
import Testing

/// Against a server that is not there (a socket nobody listens on) and a real one: a failure to reach PostgreSQL is
/// ``DatabaseUnavailable`` within the lease timeout and opens the circuit; an ordinary SQL error keeps its meaning.
@Suite("Database unavailable")
struct DatabaseUnavailableTests {
    static func limits() -> DatabaseLimits {
        var limits = DatabaseLimits.serving
        limits.leaseTimeout = .milliseconds(800)
        limits.connectTimeout = .milliseconds(500)
        limits.openInterval = .seconds(30)
        return limits
    }

    @Test func anUnreachableServerFailsWithinTheLeaseTimeoutThenTheCircuitOpens() async throws {
        let logger = TestCluster.shared.logger
        let folder = "/tmp/hub-nowhere-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        var configuration = PostgresClient.Configuration(
            unixSocketPath: folder + "/.s.PGSQL.5432", username: "hub", password: nil, database: "hub")
        Self.limits().apply(to: &configuration)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let database = Database(client: client, logger: logger, limits: Self.limits())
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            for attempt in 1...3 {
                let began = ContinuousClock.now
                let error = await #expect(throws: DatabaseUnavailable.self) { try await database.query("SELECT 1") }
                let waited = ContinuousClock.now - began
                #expect(error?.reason == .noConnection, "attempt \(attempt)")
                // The 0.8 s lease timeout, not the pool's minute of waiting (a wide bound: at the start of the suite
                // hundreds of tests share two threads, and the timeout's wake-up was seen to come 17 s late).
                #expect(waited >= .milliseconds(700) && waited < .seconds(40), "attempt \(attempt) took \(waited)")
            }
            #expect(database.isCircuitOpen)
            let began = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await database.transaction { connection in try await connection.query("SELECT 1", logger: logger) }
            }
            #expect(error?.reason == .circuitOpen)
            #expect(ContinuousClock.now - began < .milliseconds(100))
        }
    }

    @Test func aConstraintViolationIsStillTheServersErrorAndLeavesTheCircuitClosed() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            try await database.query("CREATE TEMP TABLE t (id int PRIMARY KEY)")
            for _ in 0..<4 {
                let error = await #expect(throws: PSQLError.self) {
                    try await database.transaction { connection in
                        try await connection.query("CREATE TEMP TABLE IF NOT EXISTS u (id int PRIMARY KEY)", logger: database.logger)
                        try await connection.query("INSERT INTO u VALUES (1), (1)", logger: database.logger)
                    }
                }
                #expect(error?.serverInfo?[.sqlState] == "23505")
            }
            #expect(database.circuit.current == .closed(failures: 0))
        }
    }

    @Test func aStatementPastTheDeadlineIsEndedByClosingItsConnection() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            try await database.query("SELECT 1")  // a connection in the pool, so the deadline falls on the statement
            let began = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await DatabaseDeadline.within(.seconds(1)) {
                    try await database.query("SELECT pg_sleep(30)")
                }
            }
            #expect(error?.reason == .deadlinePassed)
            // 1 s and a close, not the statement's 30 s (a bound with room for a loaded two-core machine).
            #expect(ContinuousClock.now - began < .seconds(15))
            #expect(database.circuit.current == .closed(failures: 0))  // a deadline is not the server's failure
            let rows = try await database.query("SELECT 1")  // the pool goes on with a new connection
            #expect(rows.count == 1)
        }
    }

    /// PostgresNIO never answers a statement issued on a connection that has closed; the caller must not wait for it
    /// for ever (this hung the suite once, and a request in flight at a `kill -9` of the server).
    @Test(.timeLimit(.minutes(5))) func aStatementIssuedAfterItsConnectionClosedEndsInsteadOfWaitingForEver() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let logger = database.logger
            let began = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await database.withConnection { connection in
                    _ = try await connection.query("SELECT 1", logger: logger).collect()
                    try await connection.close()
                    return try await connection.query("SELECT 2", logger: logger).collect().count
                }
            }
            #expect(error?.reason == .connectionLost)
            // A second to see the connection closed and the two seconds' grace (LeasedConnection.graceAfterClose); the
            // bound leaves room for a loaded two-core machine (22 s was seen during the whole suite), not for a hang.
            #expect(ContinuousClock.now - began < .seconds(40))
            let rows = try await database.query("SELECT 1")  // the pool goes on with a new connection
            #expect(rows.count == 1)
        }
    }

    /// A transaction whose connection closed under it rolls back by `ROLLBACK` on that connection, which PostgresNIO
    /// never answers either: the caller gets the connection's loss, not a hang.
    @Test(.timeLimit(.minutes(5))) func aTransactionWhoseConnectionClosedEndsInsteadOfWaitingForItsRollback() async throws {
        struct Refused: Error {}
        try await TestCluster.shared.withFreshDatabase { database in
            let logger = database.logger
            let began = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await database.transaction { connection in
                    _ = try await connection.query("SELECT 1", logger: logger).collect()
                    try await connection.close()
                    throw Refused()
                }
            }
            #expect(error?.reason == .connectionLost)
            #expect(ContinuousClock.now - began < .seconds(40))
        }
    }

    @Test func cancellingATaskEndsItsStatement() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let sleeper = Task { try await database.query("SELECT pg_sleep(30)") }
            try await Task.sleep(for: .milliseconds(300))
            let began = ContinuousClock.now
            sleeper.cancel()
            _ = await sleeper.result
            #expect(ContinuousClock.now - began < .seconds(15))  // at once, not the statement's 30 s
        }
    }
}
