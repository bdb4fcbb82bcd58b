import Foundation
import HubData
import HubWorkflow
import Logging

/// What the application is made from: the database, the clock, the sign-in and SLA policies, where the project's
/// files are, and the logger. ``HubApplication`` builds the stores and use cases from it once.
public struct AppEnvironment: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let passwordHasher: PasswordHasher
    public let signInPolicy: SignInPolicy
    /// The SLA targets and calendar policies of share-request and strategy discussion clocks.
    public let slaPolicies: SLAPolicySet
    public let layout: ProjectLayout
    public let logger: Logger

    public init(
        database: Database, clock: any WallClock, passwordHasher: PasswordHasher = PasswordHasher(),
        signInPolicy: SignInPolicy = SignInPolicy(), slaPolicies: SLAPolicySet = .standard, layout: ProjectLayout, logger: Logger
    ) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.signInPolicy = signInPolicy
        self.slaPolicies = slaPolicies
        self.layout = layout
        self.logger = logger
    }

    /// The audit trail (for checks from outside the application, such as tests and `hub audit verify`).
    public var audit: AuditTrail { AuditTrail(database: database) }

    public var migrations: MigrationRunner {
        get throws { MigrationRunner(migrations: try Migration.load(from: layout.migrations)) }
    }
}
