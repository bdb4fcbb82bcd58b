import Foundation
import HubData
import HubTracker
import HubWorkflow

/// Loads `seed/piphire-partnership.json`: the fictional Piphire partnership's agencies and a demo user per role.
public struct DemoSeed: Sendable {
    let environment: AppEnvironment
    let stores: Stores

    public init(environment: AppEnvironment, stores: Stores) {
        self.environment = environment
        self.stores = stores
    }

    struct Partnership: Decodable {
        struct AgencySeed: Decodable {
            let code: String
            let name: String
            let kind: Agency.Kind
            let localAuthority: String?
        }
        struct UserSeed: Decodable {
            let username: String
            let displayName: String
            let agency: String
            let role: Role
        }
        let demoPassword: String
        let agencies: [AgencySeed]
        let users: [UserSeed]
        /// Which agency sends each partner feed (`source_system` → agency code).
        let feedSources: [String: String]?
    }

    public struct Login: Sendable {
        public let username: String
        public let role: Role
        public let password: String
    }

    func partnership() throws -> Partnership { try Self.partnership(layout: environment.layout) }

    static func partnership(layout: ProjectLayout) throws -> Partnership {
        let url = layout.seed.appendingPathComponent("piphire-partnership.json")
        return try JSONDecoder().decode(Partnership.self, from: Data(contentsOf: url))
    }

    /// The demo logins, for printing at start-up.
    public static func logins(layout: ProjectLayout) throws -> [Login] {
        let seed = try partnership(layout: layout)
        return seed.users.map { Login(username: $0.username, role: $0.role, password: seed.demoPassword) }
    }

    /// Loads the seed, and the demo's partner feeds and casework, unless the database already has agencies (so it
    /// runs once). Returns whether it loaded.
    @discardableResult
    public func loadIfEmpty(withDemo: Bool = true) async throws -> Bool {
        guard try await stores.agencies.all().isEmpty else { return false }
        try await load()
        if withDemo { try await loadDemo() }
        return true
    }

    /// The demo worth opening: partner feeds of some thousands of fictional people (when python3 is there to write
    /// them) and a few months of casework about them. Does nothing when the database already holds referrals.
    public func loadDemo(people: Int = 2500, referrals: Int = 320, days: Int = 120) async throws {
        guard try await stores.referrals.list(ReferralFilter(limit: 1)).isEmpty else {
            environment.logger.info("the demo's casework is already loaded")
            return
        }
        environment.logger.info("loading the demo: partner feeds of fictional people and months of casework (a minute or two, once)")
        let now = environment.clock.now()
        let today = CalendarDate(utcDayOf: now)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = DemoPartnerFeeds(layout: environment.layout, database: environment.database, logger: environment.logger)
        let files: DemoPartnerFeeds.Files
        do {
            files = try await feeds.generate(people: people, asOf: today, in: folder)
        } catch {
            environment.logger.warning("the demo's partner feeds were not made; the demo has no tracker data", metadata: LoggedError(error).metadata)
            return
        }
        let report = try await feeds.load(files, asOf: today, now: now)
        environment.logger.info("loaded the demo's partner feeds", metadata: [
            "records": "\(report.rowsLoaded)", "persons": "\(report.linking.persons)", "quarantined": "\(report.rowsQuarantined)"])
        let population = try DemoPopulation.read(extract: files.extract, truth: files.truth)
        _ = try await DemoActivity(stores: stores, environment: environment, population: population, logger: environment.logger)
            .run(referrals: referrals, days: days, now: now)
    }

    /// Loads the seed: agencies and feed sources are upserted, users created when missing.
    public func load() async throws {
        let seed = try partnership()
        let now = environment.clock.now()
        for agency in seed.agencies {
            try await stores.agencies.upsert(
                code: agency.code, name: agency.name, kind: agency.kind, localAuthority: agency.localAuthority, now: now)
        }
        for (source, agency) in (seed.feedSources ?? [:]).sorted(by: { $0.key < $1.key }) {
            try await FeedSourceAgencyStore(database: environment.database).assign(source: source, to: agency)
        }
        let hash = try await environment.passwordHasher.hash(seed.demoPassword)
        for user in seed.users where try await !stores.users.exists(username: user.username) {
            let id = UUID()
            try await stores.users.create(
                id: id, username: user.username, displayName: user.displayName, agencyCode: user.agency, role: user.role,
                passwordHash: hash, now: now,
                audit: AuditEvent(occurredAt: now, requestId: nil, actor: nil, action: "user.create", objectType: "user",
                                  objectId: id.lowercased, detail: ["source": "demo seed", "role": user.role.rawValue]))
        }
        environment.logger.info("loaded the Piphire demo seed", metadata: ["agencies": "\(seed.agencies.count)", "users": "\(seed.users.count)"])
    }
}
