import Foundation
import HubData
import HubTestSupport
import HubWorkflow
import PostgresNIO

/// A migrated database with no application in front of it, two agencies and three users, and the workflow's rows
/// written through the stores themselves, for the stores' own tests.
struct WorkflowStoreFixture: Sendable {
    let database: Database
    let triage: Identity
    let manager: Identity
    let police: Identity

    /// Whole seconds, so that instants come back from `timestamptz` (microseconds) exactly.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Runs `body` on a fresh database with the fixture's agencies and users, connected as `login` (the
    /// application's role, as the server connects, unless a test must change the schema).
    static func run(as login: EmbeddedCluster.Login = .application, _ body: (WorkflowStoreFixture) async throws -> Void) async throws {
        try await TestCluster.shared.withFreshDatabase(as: login) { database in
            let mash = try await agency("piphire_mash", "Piphire MASH", kind: "other", database)
            let police = try await agency("piphire_police", "Piphire Police", kind: "police", database)
            _ = try await agency("piphire_uhb", "Piphire University Health Board", kind: "health", database)  // the referrer's
            try await body(WorkflowStoreFixture(
                database: database,
                triage: try await user("triage", "Tamsin Rowe", agency: mash, role: .mashTriage, database),
                manager: try await user("manager", "Morgan Ellis", agency: mash, role: .mashManager, database),
                police: try await user("police", "Sian Lewis", agency: police, role: .partnerResponder, database)))
        }
    }

    private static func agency(_ code: String, _ name: String, kind: String, _ database: Database) async throws -> (id: UUID, code: String) {
        let id = try await database.query(
            "INSERT INTO agencies (code, name, kind, created_at) VALUES (\(code), \(name), \(kind), \(now)) RETURNING id"
        ).first!.decode(UUID.self)
        return (id, code)
    }

    private static func user(
        _ username: String, _ name: String, agency: (id: UUID, code: String), role: Role, _ database: Database
    ) async throws -> Identity {
        let id = try await database.query(
            """
            INSERT INTO users (username, display_name, agency_id, role, password_hash, created_at, updated_at)
            VALUES (\(username), \(name), \(agency.id), \(role.rawValue), 'not-a-hash', \(now), \(now)) RETURNING id
            """
        ).first!.decode(UUID.self)
        return Identity(userId: id, username: username, displayName: name, agencyId: agency.id, agencyCode: agency.code, role: role)
    }

    /// A C1 about Ceri Peters, validated as the API would.
    static func c1(receivedAt: Date = now.addingTimeInterval(-600)) throws -> Referral {
        let draft = ReferralDraft(
            form: .c1, referrer: Referrer(name: "Morwen Ellis", role: "Health visitor", agency: "piphire_uhb", phone: "01632 960123"),
            receivedAt: receivedAt, channel: .phone,
            subjects: [
                SubjectDraft(role: .child, forename: "Ceri", surname: "Peters", dateOfBirth: "2016-04-02", gender: .female,
                             nhsNumber: "943 476 5919", addressLines: ["1 Stoops Fold", "Down Park"], town: "PIP Town", postcode: "PP2 5GN"),
            ],
            concern: Concern(categories: [.neglect], summary: "Ceri came to clinic hungry and unwashed.", immediateRisk: false),
            consent: Consent(status: .obtained), localAuthority: "PIP Town Council")
        return try draft.validated(now: now)
    }

    /// Writes a new referral through `ReferralStore.create`; returns its id.
    func referral(_ referral: Referral) async throws -> UUID {
        let id = UUID()
        let audit = AuditEvent(occurredAt: Self.now, requestId: nil, actor: triage, action: "referral.create", objectType: "referral",
                               objectId: id.uuidString)
        _ = try await database.transaction { connection in
            try await ReferralStore(database: database).create(referral, id: id, actor: triage, now: Self.now, audit: audit, on: connection)
        }
        return id
    }

    /// Opens an incident rated red for a referral through `IncidentStore.open`; returns its id and reference.
    func incident(for referralId: UUID) async throws -> (id: UUID, reference: String) {
        let id = UUID()
        let reference = try await database.transaction { connection in
            try await IncidentStore(database: database).open(
                Incident(form: .c1, service: .children, rating: .red, openedAt: Self.now), id: id, referralId: referralId,
                localAuthority: "PIP Town Council", at: Self.now, on: connection)
        }
        return (id, reference)
    }

    /// Asks the police through `ShareRequestStore.insert`, due two hours after `now`; returns the request's id.
    func askPolice(incidentId: UUID) async throws -> UUID {
        let id = UUID()
        try await database.transaction { connection in
            try await ShareRequestStore(database: database).insert(
                id: id, incidentId: incidentId, agencyId: police.agencyId, rating: .red, requestedAt: Self.now, requestedBy: triage,
                dueAt: Self.now.addingTimeInterval(7200), on: connection)
        }
        return id
    }

    /// True when another transaction can take the row's lock at once (`FOR UPDATE NOWAIT`); false when it is held.
    func canLock(_ table: String, id: UUID) async throws -> Bool {
        do {
            try await database.transaction { connection in
                _ = try await connection.query(
                    "SELECT 1 FROM \(unescaped: table) WHERE id = \(id) FOR UPDATE NOWAIT", logger: database.logger
                ).collect()
            }
            return true
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {  // lock_not_available
            return false
        }
    }
}
