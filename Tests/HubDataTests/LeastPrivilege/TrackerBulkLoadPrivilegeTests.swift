import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// A large feed import drops and rebuilds the tracker's indexes and refreshes its statistics, which are the tables'
/// owner's to do: the application's role does them through the owner's functions (migration 037), for the tracker's
/// tables only, and cannot hand those functions a statement of its own.
@Suite("The tracker's bulk load as the application's role", .timeLimit(.minutes(5)))
struct TrackerBulkLoadPrivilegeTests {
    @Test func itSuspendsAndRestoresTheTrackersIndexesAndAnalyzes() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            let store = TrackerImportStore(logger: database.logger)
            let indexes = "SELECT count(*)::int FROM pg_index WHERE indrelid = 'tracker_records'::regclass"
            let before = try await database.query(PostgresQuery(unsafeSQL: indexes))[0].decode(Int.self)
            try await database.transaction { connection in
                let suspended = try await store.suspendIndexes(uniqueConstraints: true, on: connection)
                #expect(suspended > 0)
                let during = try await connection.query(PostgresQuery(unsafeSQL: indexes), logger: database.logger)
                    .collect()[0].decode(Int.self)
                #expect(during < before)
                #expect(try await store.restoreIndexes(on: connection) == suspended)
            }
            #expect(try await database.query(PostgresQuery(unsafeSQL: indexes))[0].decode(Int.self) == before)

            // A table never analysed has reltuples -1; ANALYZE by anyone but the owner is skipped (with a warning).
            let reltuples = "SELECT reltuples::int FROM pg_class WHERE oid = 'tracker_records'::regclass"
            try await database.query("ANALYZE tracker_records")
            #expect(try await database.query(PostgresQuery(unsafeSQL: reltuples))[0].decode(Int.self) == -1)
            try await database.transaction { connection in try await store.analyze(on: connection) }
            #expect(try await database.query(PostgresQuery(unsafeSQL: reltuples))[0].decode(Int.self) == 0)
        }
    }

    @Test func theOwnersFunctionsTouchOnlyTheTrackersTables() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            for call in ["tracker_suspend_indexes('audit_events')", "tracker_suspend_foreign_keys('audit_seals')",
                         "tracker_suspend_unique_constraints('audit_seals')"] {
                let table = call.split(separator: "'")[1]
                let refusal = await SQLRefusal.of("SELECT \(call)", on: database)
                #expect(refusal == .insufficientPrivilege("only the tracker's tables are suspended for a bulk load, not \(table)"))
            }
        }
    }

    @Test func theyRefuseDefinitionsTheApplicationWrote() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            let stage = "CREATE TEMPORARY TABLE tracker_suspended_indexes (name text PRIMARY KEY, definition text NOT NULL) ON COMMIT DROP"
            let notMade = SQLRefusal.insufficientPrivilege("pg_temp.tracker_suspended_indexes was not made by the tracker's functions")
            let refusals = try await database.withConnection { connection in
                let logger = database.logger
                try await connection.query("BEGIN", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: stage), logger: logger)
                try await connection.query(
                    "INSERT INTO tracker_suspended_indexes VALUES ('x', 'ALTER TABLE audit_events DISABLE TRIGGER ALL')", logger: logger)
                let restore = await SQLRefusal.of("SELECT tracker_restore_indexes()", on: connection, logger: logger)
                try await connection.query("ROLLBACK", logger: logger)
                try await connection.query("BEGIN", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: stage), logger: logger)
                let suspend = await SQLRefusal.of("SELECT tracker_suspend_indexes('tracker_names')", on: connection, logger: logger)
                try await connection.query("ROLLBACK", logger: logger)
                return [restore, suspend]
            }
            #expect(refusals == [notMade, notMade])
            let enabled = try await database.query(
                "SELECT count(*)::int FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND tgenabled = 'O'")
            #expect(try enabled[0].decode(Int.self) == 2)
        }
    }
}
