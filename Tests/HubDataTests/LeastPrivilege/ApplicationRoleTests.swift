import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The role the application connects as (`hub_app`, a member of `hub_application`; migration 037) can append to the
/// audit trail and read it, and nothing more: it cannot change, remove or truncate audit rows, switch the triggers off
/// or replace them (issue #16). Every test here connects as that role, as the whole suite's applications do.
@Suite("The application's role", .timeLimit(.minutes(5)))
struct ApplicationRoleTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let auditTables = ["audit_events", "audit_seals", "audit_verifications"]

    /// One event sealed and one verification recorded, as the application: it appends, seals and verifies.
    private func appendSealAndVerify(_ database: Database) async throws {
        try await AuditTrail(database: database).record(AuditEvent(
            occurredAt: Self.now, requestId: nil, actor: nil, action: "test.event", objectType: "test", objectId: "1"))
        try await AuditSealer(database: database).sealAll()
        let report = try await AuditVerifier(database: database).verify()
        #expect(report.intact && report.checked == 1)
        try await AuditVerificationStore(database: database).record(report, by: "test", at: Self.now)
        #expect(try await AuditVerificationStore(database: database).latest()?.checked == 1)
    }

    @Test func itAppendsSealsAndVerifiesButCannotUpdateDeleteOrTruncateAuditRows() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            try await appendSealAndVerify(database)
            let changes = [
                "UPDATE audit_events SET action = 'x'", "UPDATE audit_seals SET sealed_at = now()",
                "UPDATE audit_verifications SET intact = false",
            ]
            for (table, update) in zip(Self.auditTables, changes) {
                let refused = SQLRefusal.insufficientPrivilege("permission denied for table \(table)")
                #expect(await SQLRefusal.of(update, on: database) == refused)
                #expect(await SQLRefusal.of("DELETE FROM \(table)", on: database) == refused)
                #expect(await SQLRefusal.of("TRUNCATE \(table)", on: database) == refused)
                let count = try await database.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"))[0].decode(Int.self)
                #expect(count == 1, "\(table)")
            }
            // The sealer's watermark: its one column may move (the verifier names an unsealed event below it), no more.
            #expect(await SQLRefusal.of("DELETE FROM audit_seal_watermark", on: database)
                == .insufficientPrivilege("permission denied for table audit_seal_watermark"))
            #expect(await SQLRefusal.of("INSERT INTO audit_seal_watermark (singleton, watermark) VALUES (false, 0)", on: database)
                == .insufficientPrivilege("permission denied for table audit_seal_watermark"))
            #expect(try await database.query("SELECT action FROM audit_events").map { try $0.decode(String.self) } == ["test.event"])
        }
    }

    @Test func itCannotSwitchOffReplaceOrDropTheAuditTriggers() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            #expect(await SQLRefusal.of("SET session_replication_role = replica", on: database)
                == .insufficientPrivilege("permission denied to set parameter \"session_replication_role\""))
            for table in ["audit_events", "audit_seals"] {
                let notOwner = SQLRefusal.insufficientPrivilege("must be owner of table \(table)")
                #expect(await SQLRefusal.of("ALTER TABLE \(table) DISABLE TRIGGER \(table)_append_only", on: database) == notOwner)
                #expect(await SQLRefusal.of("ALTER TABLE \(table) DISABLE TRIGGER ALL", on: database) == notOwner)
                let dropTrigger = await SQLRefusal.of("DROP TRIGGER \(table)_no_truncate ON \(table)", on: database)
                #expect(dropTrigger == .insufficientPrivilege("must be owner of relation \(table)"))
                #expect(await SQLRefusal.of("DROP TABLE \(table)", on: database) == notOwner)
            }
            let replace = await SQLRefusal.of(
                "CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                on: database)
            #expect(replace == .insufficientPrivilege("permission denied for schema public"))
            let drop = await SQLRefusal.of("DROP FUNCTION audit_refuse_change() CASCADE", on: database)
            #expect(drop == .insufficientPrivilege("must be owner of function audit_refuse_change"))
            #expect(await SQLRefusal.of("CREATE TABLE shadow (id int)", on: database)
                == .insufficientPrivilege("permission denied for schema public"))
            // Still on, for everyone.
            let enabled = try await database.query(
                "SELECT count(*)::int FROM pg_trigger WHERE tgrelid IN ('audit_events'::regclass, 'audit_seals'::regclass) AND tgenabled = 'O'")
            #expect(try enabled[0].decode(Int.self) == 4)
        }
    }

    /// Guards later migrations: a new table gets the application's default share, and an append-only one must say so.
    @Test func everyTableGrantsTheApplicationExactlyItsShare() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            let rows = try await database.query(
                """
                SELECT c.relname::text, pg_get_userbyid(c.relowner)::text,
                       array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                                             WHERE has_table_privilege('hub_application', c.oid, p)), ' ')
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1
                """)
            let special = [
                "audit_events": "SELECT INSERT", "audit_seals": "SELECT INSERT", "audit_verifications": "SELECT INSERT",
                "audit_seal_watermark": "SELECT", "schema_migrations": "SELECT",
            ]
            var seen = 0
            for row in rows {
                let (table, owner, privileges) = try row.decode((String, String, String).self)
                #expect(owner == "hub_owner", "\(table)")
                #expect(privileges == special[table, default: "SELECT INSERT UPDATE DELETE"], "\(table)")
                seen += 1
            }
            #expect(seen == 48)
            let watermark = try await database.query(
                """
                SELECT has_column_privilege('hub_application', 'audit_seal_watermark', 'watermark', 'UPDATE'),
                       has_column_privilege('hub_application', 'audit_seal_watermark', 'singleton', 'UPDATE')
                """)[0].decode((Bool, Bool).self)
            #expect(watermark == (true, false))
        }
    }

    @Test func servingRolesAreToldApart() async throws {
        let tables = 48
        try await TestCluster.shared.withFreshDatabase(as: .application) { database in
            let role = try await ConnectedRole.read(database)
            #expect(role == ConnectedRole(name: "hub_app", isSuperuser: false, ownedTables: 0))
            #expect(role.warning == nil)
        }
        try await TestCluster.shared.withFreshDatabase(as: .owner) { database in
            let role = try await ConnectedRole.read(database)
            #expect(role == ConnectedRole(name: "hub_owner", isSuperuser: false, ownedTables: tables))
            #expect(role.warning?.hasPrefix("Warning: Hub is connected as the PostgreSQL role hub_owner, which owns \(tables) of its tables") == true)
        }
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            let role = try await ConnectedRole.read(database)
            #expect(role == ConnectedRole(name: "hub", isSuperuser: true, ownedTables: tables))
            #expect(role.warning?.hasPrefix("Warning: Hub is connected as the PostgreSQL superuser hub,") == true)
        }
    }
}
