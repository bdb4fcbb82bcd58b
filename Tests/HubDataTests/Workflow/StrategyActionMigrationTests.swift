import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// Migration 033 makes every action agreed at a strategy discussion already stored a row of `strategy_actions`,
/// open, in the order the discussion listed them, so that nothing recorded before it is lost; and it refuses to drop
/// the old `agreed_actions` when that holds anything the discussions do not.
@Suite("Migration 033: strategy actions")
struct StrategyActionMigrationTests {
    let files: [Migration]

    init() throws {
        files = try Migration.load(from: ProjectLayout.locate().migrations)
    }

    /// The files before 033, applied; then `body` writes what an older Hub stored.
    func olderDatabase(_ body: (Database) async throws -> Void) async throws {
        try await TestCluster.shared.withEmptyDatabase { database in
            try await MigrationRunner(migrations: files.filter { $0.version < "033" }).migrate(database)
            try await body(database)
        }
    }

    /// One agency, one user, a referral and its incident; the incident's id and the user's.
    static func incident(_ database: Database) async throws -> (incident: UUID, user: UUID) {
        let agency = try await database.query(
            "INSERT INTO agencies (code, name, kind, created_at) VALUES ('piphire_police', 'Piphire Police', 'police', now()) RETURNING id"
        ).first!.decode(UUID.self)
        let user = try await database.query(
            """
            INSERT INTO users (username, display_name, agency_id, role, password_hash, created_at, updated_at)
            VALUES ('triage', 'Tamsin Rowe', \(agency), 'mash_triage', 'not-a-hash', now(), now()) RETURNING id
            """
        ).first!.decode(UUID.self)
        let referral = UUID(), incident = UUID()
        try await database.query(
            """
            INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, document, created_by,
                                   created_at, updated_at)
            VALUES (\(referral), 'R-000001', 'c1', 'children', 'threshold_met', 'phone', now(), 'PIP Town Council', '{}'::jsonb, \(user),
                    now(), now())
            """)
        try await database.query(
            """
            INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
            VALUES (\(incident), 'I-000001', \(referral), 'c1', 'children', 'PIP Town Council', 'amber', 'outcome_recorded', now(), now())
            """)
        return (incident, user)
    }

    /// A discussion as an older Hub stored it: its document, and one `agreed_actions` row per action.
    static func discussion(_ database: Database, incident: UUID, user: UUID, actions: [(String, String, String)]) async throws -> UUID {
        let id = UUID()
        let listed = actions.map { #"{"ownerAgency":"\#($0.0)","description":"\#($0.1)","dueDate":"\#($0.2)"}"# }.joined(separator: ",")
        let document = #"{"kind":"strategy_discussion","heldAt":"2026-06-17T09:00:00.000Z","actions":[\#(listed)]}"#
        try await database.query(
            """
            INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
            VALUES (\(id), \(incident), 'strategy_discussion', '2026-06-17T09:00:00Z', 'child_protection_enquiry', \(document)::jsonb,
                    \(user), now())
            """)
        for (owner, description, due) in actions {
            try await database.query(
                "INSERT INTO agreed_actions (discussion_id, owner_agency, description, due_date) VALUES (\(id), \(owner), \(description), \(due)::date)")
        }
        return id
    }

    @Test func everyStoredActionBecomesAnOpenRowInTheDiscussionsOrder() async throws {
        try await olderDatabase { database in
            let (incident, user) = try await Self.incident(database)
            let discussion = try await Self.discussion(database, incident: incident, user: user, actions: [
                ("piphire_police", "Check PNC", "2026-06-19"),
                ("piphire_police", "Joint visit", "2026-06-18"),
                ("retired_agency", "Review the plan", "2026-06-30"),  // a code no agency has: kept all the same
            ])
            _ = try await Self.discussion(database, incident: incident, user: user, actions: [])

            try await MigrationRunner(migrations: files).migrate(database)
            let rows = try await database.query(
                """
                SELECT incident_id, discussion_id, position, owner_agency, description, due_date::text, state, done_at IS NULL, version
                FROM strategy_actions ORDER BY position
                """
            ).map { try $0.decode((UUID, UUID, Int, String, String, String, String, Bool, Int).self) }
            #expect(rows.count == 3)
            #expect(rows.map(\.2) == [0, 1, 2])
            #expect(rows.map(\.4) == ["Check PNC", "Joint visit", "Review the plan"])
            #expect(rows.map(\.5) == ["2026-06-19", "2026-06-18", "2026-06-30"])
            #expect(rows.allSatisfy { $0.0 == incident && $0.1 == discussion && $0.6 == "open" && $0.7 && $0.8 == 1 })
            #expect(rows.map(\.3) == ["piphire_police", "piphire_police", "retired_agency"])
            let old = try await database.query("SELECT to_regclass('agreed_actions') IS NULL").first!.decode(Bool.self)
            #expect(old, "agreed_actions is still there")
        }
    }

    @Test func anAgreedActionTheDiscussionsDoNotHoldStopsTheMigration() async throws {
        try await olderDatabase { database in
            let (incident, user) = try await Self.incident(database)
            let discussion = try await Self.discussion(database, incident: incident, user: user, actions: [("piphire_police", "Check PNC", "2026-06-19")])
            try await database.query(
                "UPDATE agreed_actions SET completed_at = now() WHERE discussion_id = \(discussion)")
            await #expect(throws: MigrationError.self) { try await MigrationRunner(migrations: files).migrate(database) }
            let kept = try await database.query("SELECT count(*)::int FROM agreed_actions").first!.decode(Int.self)
            #expect(kept == 1)
        }
    }
}
