import Foundation
import HubData
import HubWorkflow
import Logging

/// Everything a route needs, built once per application and passed to each controller's initialiser.
public struct AppEnvironment: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let passwordHasher: PasswordHasher
    public let signInPolicy: SignInPolicy
    public let layout: ProjectLayout
    public let logger: Logger

    public init(
        database: Database, clock: any WallClock, passwordHasher: PasswordHasher = PasswordHasher(),
        signInPolicy: SignInPolicy = SignInPolicy(), layout: ProjectLayout, logger: Logger
    ) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.signInPolicy = signInPolicy
        self.layout = layout
        self.logger = logger
    }

    public var users: UserStore { UserStore(database: database) }
    public var agencies: AgencyStore { AgencyStore(database: database) }
    public var sessions: SessionStore { SessionStore(database: database) }
    public var audit: AuditTrail { AuditTrail(database: database) }
    public var migrations: MigrationRunner {
        get throws { MigrationRunner(migrations: try Migration.load(from: layout.migrations)) }
    }
}
