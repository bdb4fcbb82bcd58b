import Foundation
import HubData
import HubWorkflow
import Logging

/// What the application is made from: the database, the clock, the sign-in policy and SLA targets, where the
/// project's files are, and the logger. ``HubApplication`` builds the stores and use cases from it once.
public struct AppEnvironment: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let passwordHasher: PasswordHasher
    public let signInPolicy: SignInPolicy
    /// The SLA targets (red 2 h, amber 24 h, green 72 h, strategy discussion 24 h) and warning fraction. Which
    /// calendar counts each clock is not set here: it is the partnership's choice, stored in the database
    /// (`SLAPolicyStore`, `/api/v1/sla-policies`) and applied over these whenever a clock starts or is retargeted.
    public let slaTargets: SLAPolicySet
    public let layout: ProjectLayout
    public let logger: Logger
    /// The operator's mail relay (`HUB_SMTP_RELAY`); nil when feedback email is not sent from Hub.
    public let mailRelay: MailRelay?

    public init(
        database: Database, clock: any WallClock, passwordHasher: PasswordHasher = PasswordHasher(),
        signInPolicy: SignInPolicy = SignInPolicy(), slaTargets: SLAPolicySet = .standard, layout: ProjectLayout, logger: Logger,
        mailRelay: MailRelay? = nil
    ) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.signInPolicy = signInPolicy
        self.slaTargets = slaTargets
        self.layout = layout
        self.logger = logger
        self.mailRelay = mailRelay
    }

    /// The acceptance test clock when the application runs on one (`HUB_TEST_CLOCK`): the clock itself, so the
    /// server, its use cases and its workers all move with it. Nil on any other clock.
    public var testClock: TestClock? { clock as? TestClock }

    /// The audit trail (for checks from outside the application, such as tests and `hub audit verify`).
    public var audit: AuditTrail { AuditTrail(database: database) }

    public var migrations: MigrationRunner {
        get throws { MigrationRunner(migrations: try Migration.load(from: layout.migrations)) }
    }
}
