import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The audit trail's store on a migrated database with no application in front of it: rows it appends cannot be
/// changed or removed, and sealers running at once build one chain.
@Suite("The audit trail's store", .timeLimit(.minutes(5)))
struct AuditTrailTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The refusal the append-only triggers give (migration 003): SQLSTATE 42501 (insufficient_privilege) and a
    /// message naming the operation and the table; nil when `statement` went through.
    static func refusal(_ database: Database, _ statement: PostgresQuery) async -> (sqlState: String?, message: String?)? {
        do {
            _ = try await database.query(statement)
            return nil
        } catch let error as PSQLError {
            return (error.serverInfo?[.sqlState], error.serverInfo?[.message])
        } catch {
            return ("not a PostgreSQL error", "\(error)")
        }
    }

    /// Records `count` events and seals them all.
    static func sealedTrail(_ database: Database, count: Int) async throws {
        let trail = AuditTrail(database: database)
        for index in 1...count {
            try await trail.record(AuditEvent(occurredAt: now.addingTimeInterval(Double(index)), requestId: nil, actor: nil,
                                              action: "test.event", objectType: "test", objectId: "\(index)"))
        }
        try await AuditSealer(database: database).sealAll()
    }

    /// The event ids in chain order.
    static func chain(_ database: Database) async throws -> [Int64] {
        try await database.query("SELECT event_id FROM audit_seals ORDER BY seq").map { try $0.decode(Int64.self) }
    }

    /// Runs `statements` with the triggers off (`session_replication_role = replica`): tampering. The connection must
    /// be the superuser's (`withFreshDatabase(as: .superuser)`): the application's role may not switch them off.
    static func tamper(_ database: Database, _ statements: [PostgresQuery]) async throws {
        try await database.transaction { connection in
            try await connection.query("SET LOCAL session_replication_role = replica", logger: database.logger)
            for statement in statements { try await connection.query(statement, logger: database.logger) }
        }
    }

    @Test func theDatabaseRefusesUpdatesAndDeletesOfAuditRows() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            // Rows for the row-level refusals to act on (the connection is the cluster's superuser, as before).
            try await Self.sealedTrail(database, count: 1)
            for (statement, operation, table) in [
                ("UPDATE audit_events SET action = 'x'", "UPDATE", "audit_events"),
                ("DELETE FROM audit_events", "DELETE", "audit_events"),
                ("TRUNCATE audit_events", "TRUNCATE", "audit_events"),
                ("UPDATE audit_seals SET chain_hash = '\\x00'", "UPDATE", "audit_seals"),
                ("UPDATE audit_seals SET seq = seq + 1", "UPDATE", "audit_seals"),
                ("DELETE FROM audit_seals", "DELETE", "audit_seals"),
                ("TRUNCATE audit_seals", "TRUNCATE", "audit_seals"),
            ] as [(PostgresQuery, String, String)] {
                let refused = await Self.refusal(database, statement)
                #expect(refused?.sqlState == "42501", "\(operation) on \(table)")
                #expect(refused?.message == "the audit trail is append-only: \(operation) on \(table) is not allowed")
            }
            let rows = try await database.query("SELECT action FROM audit_events").map { try $0.decode(String.self) }
            #expect(rows == ["test.event"])
            let seals = try await database.query("SELECT seq FROM audit_seals").map { try $0.decode(Int64.self) }
            #expect(seals == [1])
            #expect(try await AuditVerifier(database: database).verify().intact)
        }
    }

    /// Two seals swapped (event 4 now sealed at position 3 and event 3 at 4): the chain breaks at position 3, and the
    /// verifier names it and the event found there.
    @Test func verifyNamesTheFirstPositionOfAReorderedChain() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            try await Self.sealedTrail(database, count: 6)
            let order = try await Self.chain(database)
            #expect(order.count == 6)
            let intact = try await AuditVerifier(database: database).verify()
            #expect(intact.firstProblem == nil)
            #expect(intact.checked == 6)
            try await Self.tamper(database, [
                "UPDATE audit_seals SET seq = -3 WHERE seq = 3",
                "UPDATE audit_seals SET seq = 3 WHERE seq = 4",
                "UPDATE audit_seals SET seq = 4 WHERE seq = -3",
            ])
            #expect(try await Self.chain(database) == [order[0], order[1], order[3], order[2], order[4], order[5]])
            let report = try await AuditVerifier(database: database).verify()
            #expect(report.firstProblem == .edited(eventId: order[3], seq: 3))
            #expect(report.checked == 2)
            #expect(report.firstProblem?.description == "audit event \(order[3]) (chain position 3) was edited after it was sealed")
        }
    }

    /// Two events' contents swapped, each keeping its id and seal: the first of them in the chain is named.
    @Test func verifyNamesTheFirstOfTwoEventsWhoseContentsWereSwapped() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            try await Self.sealedTrail(database, count: 6)
            let order = try await Self.chain(database)
            let (second, fifth) = (order[1], order[4])
            try await Self.tamper(database, [
                """
                UPDATE audit_events e SET occurred_at = o.occurred_at, recorded_at = o.recorded_at, object_id = o.object_id
                FROM audit_events o
                WHERE (e.id, o.id) IN ((\(second), \(fifth)), (\(fifth), \(second)))
                """,
            ])
            let swapped = try await database.query(
                "SELECT object_id FROM audit_events WHERE id IN (\(second), \(fifth)) ORDER BY id"
            ).map { try $0.decode(String.self) }
            #expect(swapped == ["5", "2"])
            let report = try await AuditVerifier(database: database).verify()
            #expect(report.firstProblem == .edited(eventId: second, seq: 2))
            #expect(report.checked == 1)
        }
    }

    /// A seal removed from the middle of the chain: the position it held is named.
    @Test func verifyNamesTheMissingPositionOfARemovedSeal() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            try await Self.sealedTrail(database, count: 5)
            try await Self.tamper(database, ["DELETE FROM audit_seals WHERE seq = 4"])
            let report = try await AuditVerifier(database: database).verify()
            #expect(report.firstProblem == .sealMissing(seq: 4))
            #expect(report.checked == 3)
        }
    }

    @Test func concurrentSealersBuildOneChain() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let trail = AuditTrail(database: database)
            for index in 0..<300 {
                try await trail.record(AuditEvent(occurredAt: Self.now, requestId: nil, actor: nil, action: "test.event",
                                                  objectType: "test", objectId: "\(index)"))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { for _ in 0..<20 { try await AuditSealer(database: database).sealPending(batchSize: 10) } }
                }
                try await group.waitForAll()
            }
            try await AuditSealer(database: database).sealAll()
            let report = try await AuditVerifier(database: database).verify()
            #expect(report.intact)
            #expect(report.checked == 300)
        }
    }
}
