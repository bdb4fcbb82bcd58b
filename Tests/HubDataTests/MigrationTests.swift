import Foundation
import HubData
import HubTestSupport
import Logging
import PostgresNIO
import Testing

@Suite("Migrations")
struct MigrationTests {
    let files: [Migration]

    init() throws {
        files = try Migration.load(from: ProjectLayout.locate().migrations)
    }

    @Test func appliesEveryFileOnceAndRecordsChecksums() async throws {
        try await TestCluster.shared.withEmptyDatabase { database in
            let runner = MigrationRunner(migrations: files)
            #expect(try await runner.migrate(database) == files.map(\.version))
            #expect(try await runner.migrate(database).isEmpty)
            let status = try await runner.status(database)
            #expect(status.pending.isEmpty)
            let extensions = try await database.query("SELECT extname FROM pg_extension ORDER BY extname")
                .map { try $0.decode(String.self) }
            #expect(extensions == ["fuzzystrmatch", "pg_trgm", "plpgsql", "unaccent"])
        }
    }

    @Test("A new cluster collates by bytes (code point order) and keeps UTF-8 case and character classes")
    func clusterCollation() async throws {
        try await TestCluster.shared.withEmptyDatabase { database in
            let row = try await database.query(
                "SELECT datcollate, datctype, lower('ÉCOLE') FROM pg_database WHERE datname = current_database()")
            let (collate, ctype, lowered) = try row[0].decode((String, String, String).self)
            #expect(collate == "C" && ctype == "C.UTF-8")
            #expect(lowered == "école")
            let sorted = try await database.query("SELECT v FROM unnest(ARRAY['b', 'a', 'B', 'é', 'z']) v ORDER BY v")
                .map { try $0.decode(String.self) }
            #expect(sorted == ["B", "a", "b", "z", "é"])
        }
    }

    @Test func refusesADatabaseWhoseAppliedFileWasEdited() async throws {
        try await TestCluster.shared.withEmptyDatabase { database in
            try await MigrationRunner(migrations: files).migrate(database)
            var edited = files
            edited[1] = Migration(version: files[1].version, sql: files[1].sql + "\n-- a harmless-looking edit\n")
            await #expect(throws: MigrationError.checksumMismatch(version: files[1].version, applied: files[1].checksum, file: edited[1].checksum)) {
                try await MigrationRunner(migrations: edited).migrate(database)
            }
        }
    }

    @Test func aFailingFileRollsBackEntirely() async throws {
        try await TestCluster.shared.withEmptyDatabase { database in
            let broken = files + [Migration(version: "999_broken", sql: "CREATE TABLE half_done (id int); SELECT no_such_function();")]
            await #expect(throws: MigrationError.self) { try await MigrationRunner(migrations: broken).migrate(database) }
            let exists = try await database.query("SELECT to_regclass('half_done') IS NOT NULL").first!.decode(Bool.self)
            #expect(!exists)
            #expect(try await MigrationRunner(migrations: files).status(database).pending.isEmpty)
        }
    }

    @Test func splitsStatementsRespectingQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (t text DEFAULT 'x;y');
            /* block; comment */
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 2; END $body$;
            SELECT $1::int;
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("DEFAULT 'x;y')"))
        #expect(statements[1].contains("$$ SELECT 1; $$"))
        #expect(statements[2].contains("$body$ BEGIN RETURN 2; END $body$"))
        #expect(statements[3] == "SELECT $1::int")
    }
}
