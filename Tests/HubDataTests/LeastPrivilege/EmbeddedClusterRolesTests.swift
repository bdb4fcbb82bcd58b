import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The embedded default makes the owner and the application's roles (issue #16), hands a database made before them
/// over to the owner, migrates as the owner, and the application's role may not migrate.
@Suite("The embedded cluster's roles", .timeLimit(.minutes(3)))
struct EmbeddedClusterRolesTests {
    struct Role: Equatable {
        let name: String
        let superuser: Bool
        let login: Bool
        let createRole: Bool
        let createDB: Bool
        let bypassRLS: Bool
    }

    @Test func aNewClusterMakesBothRolesAndADatabaseTheOwnerOwns() async throws {
        _ = try await TestCluster.shared.running()
        let root = URL(fileURLWithPath: "/tmp/hub-roles-test-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let cluster = try EmbeddedCluster(root: root, durability: .throwaway)
        defer { try? FileManager.default.removeItem(at: root) }
        try await Self.offTheSharedThreads { try cluster.start() }
        do {
            try await checkRoles(cluster)
        } catch {
            try? await Self.offTheSharedThreads { try cluster.stop(immediate: true) }
            throw error
        }
        try await Self.offTheSharedThreads { try cluster.stop(immediate: true) }
    }

    /// Runs blocking work (initdb and pg_ctl wait for their processes) on a thread of its own: on one of the few
    /// threads every test's tasks share (two on a two-core machine), it stalled every other test for as long.
    static func offTheSharedThreads(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await DedicatedThread.run(work)
    }

    private func checkRoles(_ cluster: EmbeddedCluster) async throws {
        let logger = TestCluster.shared.logger
        try await cluster.prepareHubDatabase(logger: logger)
        try await cluster.prepareHubDatabase(logger: logger)  // again, as every start does: nothing changes
        let connection = try await cluster.connect(database: "hub", as: .superuser, logger: logger)
        defer { Task { try? await connection.close() } }  // before the cluster stops: the caller stops it after this returns
        var roles: [Role] = []
        for try await (name, superuser, login, createRole, createDB, bypassRLS) in try await connection.query(
            """
            SELECT rolname::text, rolsuper, rolcanlogin, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles
            WHERE rolname IN ('hub_owner', 'hub_app', 'hub_application') ORDER BY rolname
            """, logger: logger
        ).decode((String, Bool, Bool, Bool, Bool, Bool).self) {
            roles.append(Role(name: name, superuser: superuser, login: login, createRole: createRole, createDB: createDB, bypassRLS: bypassRLS))
        }
        #expect(roles == [
            Role(name: "hub_app", superuser: false, login: true, createRole: false, createDB: false, bypassRLS: false),
            Role(name: "hub_application", superuser: false, login: false, createRole: false, createDB: false, bypassRLS: false),
            Role(name: "hub_owner", superuser: false, login: true, createRole: false, createDB: false, bypassRLS: false),
        ])
        let membership = try await connection.query(
            """
            SELECT pg_has_role('hub_app', 'hub_application', 'MEMBER'), pg_has_role('hub_app', 'hub_owner', 'MEMBER'),
                   (SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = 'hub')
            """, logger: logger
        ).collect()[0].decode((Bool, Bool, String).self)
        #expect(membership == (true, false, "hub_owner"))
        #expect(EmbeddedCluster.Login.allCases.map(\.roleName) == ["hub", "hub_owner", "hub_app"])
    }

    /// A `.hub/` from before the roles: its database and every table, sequence and function the superuser made are
    /// handed to `hub_owner`, which then applies migration 037; after that the application's role serves on it.
    @Test func aClusterFromBeforeTheRolesIsHandedToTheOwner() async throws {
        let (cluster, name) = try await TestCluster.shared.emptyDatabase()
        let logger = TestCluster.shared.logger
        let all = try Migration.load(from: try ProjectLayout.locate().migrations)
        try await withClient(cluster.configuration(database: name, as: .superuser)) { database in
            try await MigrationRunner(migrations: all.filter { $0.version < "037" }).migrate(database)
        }
        try await cluster.prepareHubDatabase(name, logger: logger)
        try await withClient(cluster.configuration(database: name, as: .owner)) { database in
            // 037 and every migration after it (043 …) are applied by the owner.
            let applied = try await MigrationRunner(migrations: all).migrate(database)
            #expect(applied.first == "037_least_privilege")
            #expect(applied == all.map(\.version).filter { $0 >= "037" })
            let notOwned = try await database.query(
                """
                SELECT (SELECT count(*)::int FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'v', 'm')
                          AND relowner <> 'hub_owner'::regrole)
                     + (SELECT count(*)::int FROM pg_proc p WHERE pronamespace = 'public'::regnamespace AND proowner <> 'hub_owner'::regrole
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'))
                """)[0].decode(Int.self)
            #expect(notOwned == 0)
        }
        try await withClient(cluster.configuration(database: name, as: .application)) { database in
            try await AuditTrail(database: database).record(AuditEvent(
                occurredAt: Date(timeIntervalSince1970: 1_790_000_000), requestId: nil, actor: nil, action: "test.event",
                objectType: "test", objectId: "1"))
            #expect(await SQLRefusal.of("DELETE FROM audit_events", on: database)
                == .insufficientPrivilege("permission denied for table audit_events"))
            #expect(try await MigrationRunner(migrations: all).migrate(database) == [])
        }
    }

    @Test func theApplicationsRoleMayNotMigrate() async throws {
        let all = try Migration.load(from: try ProjectLayout.locate().migrations)
        try await TestCluster.shared.withEmptyDatabase(as: .application) { database in
            await #expect(throws: MigrationError.notOwner(role: "hub_app", pending: all.map(\.version))) {
                try await MigrationRunner(migrations: all).migrate(database)
            }
            let status = try await MigrationRunner(migrations: all).status(database)
            #expect(status.pending == all.map(\.version))
        }
        let extra = Migration(version: "999_extra", sql: "CREATE TABLE extra (id int)")
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            await #expect(throws: MigrationError.notOwner(role: "hub_app", pending: ["999_extra"])) {
                try await MigrationRunner(migrations: all + [extra]).migrate(database)
            }
        }
    }

    private func withClient(_ configuration: PostgresClient.Configuration, _ body: (Database) async throws -> Void) async throws {
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestCluster.shared.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(Database(client: client, logger: TestCluster.shared.logger))
        }
    }
}
