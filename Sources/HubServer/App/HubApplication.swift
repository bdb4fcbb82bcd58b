import Foundation
import HubData
import HubTracker
import HubWorkflow
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// Builds the Hub application: used by `hub serve` and by the tests, so both run the same wiring.
public enum HubApplication {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Apply pending migrations before serving.
        public var migrateOnStart = true
        /// Load the demo seed before serving, once (skipped when the database already has agencies).
        public var seedDemoData = false
        /// With the seed, also the demo's partner feeds and casework (the embedded default's first start).
        public var demoCasework = false
        /// How often the background sealer looks for new audit events.
        public var auditSealInterval: Duration = .seconds(1)
        /// How often the SLA sweep looks for warnings and breaches (0 turns the sweep off, e.g. in tests
        /// that drive it by hand).
        public var slaSweepInterval: Duration = .seconds(10)
        /// How often new referrals are run through the referral alert rules (0 turns it off, e.g. in tests that
        /// run it by hand).
        public var referralAlertInterval: Duration = .seconds(5)
        /// Whether the screens' cookies carry `Secure` (Hub served over TLS, `HUB_SECURE_COOKIES`).
        public var secureCookies = false
        /// Where SLA escalations and alerts are delivered; nil keeps them in the outbox.
        public var webhook: WebhookTarget?
        public var outboxInterval: Duration = .seconds(2)
        /// How often feedback emails waiting in the outbox are sent to the mail relay (`AppEnvironment.mailRelay`;
        /// 0 turns it off, e.g. in tests that send by hand).
        public var mailInterval: Duration = .seconds(5)
        /// The operator's SLA clock policies (`HUB_SLA_POLICIES`), applied once the database is migrated.
        public var slaPolicyFile: SLAPolicyFile?
        /// Each background worker's pass timeout, back-off and the time without a successful pass after which `/ready`
        /// fails (the audit sealer, the SLA sweep and the referral alert scan; outbox delivery has `outboxLimits`).
        public var workerLimits = WorkerLimits()
        public var outboxLimits = WorkerLimits.outbox
        /// How long `/ready` and `/metrics` wait for PostgreSQL before answering that it is unavailable: short, for a
        /// load balancer's probe.
        public var readinessProbeTimeout: Duration = .milliseconds(1500)
        /// The embedded cluster to keep running (``EmbeddedClusterSupervisor``): `hub serve` on the embedded default.
        public var supervisedCluster: EmbeddedCluster?

        public init() {}
    }

    public static func build(
        environment: AppEnvironment, client: PostgresClient, options: Options = Options()
    ) -> some ApplicationProtocol {
        HubMetrics.bootstrapIfNeeded()
        let stores = Stores(database: environment.database)
        let useCases = UseCases(environment: environment, stores: stores)
        let gate = StartupGate()
        let health = WorkerHealth()
        let router = buildRouter(
            environment: environment, stores: stores, useCases: useCases, secureCookies: options.secureCookies, workers: health,
            readinessProbeTimeout: options.readinessProbeTimeout)
        var services: [any Service] = []
        if let cluster = options.supervisedCluster {
            services.append(EmbeddedClusterSupervisor(cluster: cluster, logger: environment.logger))
        }
        services.append(client)
        services += workers(environment: environment, options: options, gate: gate, health: health)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "hub"),
            services: services,
            logger: environment.logger)
        app.beforeServerStarts {
            // The decoy hash for unknown usernames is made before the first request, not on the first unknown username
            // (which would then take twice as long as a known one).
            _ = try await environment.passwordHasher.decoyHash()
            if options.migrateOnStart {
                try await environment.migrations.migrate(environment.database)
            } else {
                let status = try await environment.migrations.status(environment.database)
                if !status.pending.isEmpty {
                    throw MigrationError.failed(version: status.pending[0], reason: "pending; run `hub migrate` first")
                }
            }
            if let file = options.slaPolicyFile {
                let stored = try await useCases.changeSLAPolicies.applyConfigured(file.choice, file: file.path)
                environment.logger.info("SLA clock policies from HUB_SLA_POLICIES", metadata: [
                    "file": "\(file.path)", "policies": "\(stored.policies.choice.summary)", "version": "\(stored.version)"])
            }
            if options.seedDemoData {
                try await DemoSeed(environment: environment, stores: stores).loadIfEmpty(withDemo: options.demoCasework)
            }
            if let cluster = options.supervisedCluster {
                // Start-up may have written much WAL (a new database, the migrations, the demo): after a crash soon
                // after, PostgreSQL would replay all of it before serving again, seconds on a busy machine.
                await cluster.checkpoint(logger: environment.logger)
            }
            gate.open()
        }
        return app
    }

    /// The background workers the options turn on, each reporting to `health`.
    static func workers(environment: AppEnvironment, options: Options, gate: StartupGate, health: WorkerHealth) -> [any Service] {
        let database = environment.database
        let (logger, clock, limits) = (environment.logger, environment.clock, options.workerLimits)
        var workers: [any Service] = [AuditSealingWorker.worker(
            sealer: AuditSealer(database: database), interval: options.auditSealInterval, limits: limits, logger: logger, gate: gate,
            health: health)]
        if options.slaSweepInterval > .zero {
            workers.append(SLASweepWorker.worker(
                sweep: SLASweep(database: database), feedback: FeedbackSweep(database: database), clock: clock, interval: options.slaSweepInterval, limits: limits, logger: logger,
                gate: gate, health: health))
        }
        if options.referralAlertInterval > .zero {
            workers.append(ReferralAlertWorker.worker(
                scan: ReferralAlertScan(database: database), clock: clock, interval: options.referralAlertInterval, limits: limits,
                logger: logger, gate: gate, health: health))
        }
        if let webhook = options.webhook {
            workers.append(OutboxDelivery(outbox: OutboxStore(database: database), database: database, target: webhook, clock: clock)
                .worker(interval: options.outboxInterval, limits: options.outboxLimits, logger: logger, gate: gate, health: health))
        }
        if let relay = environment.mailRelay, options.mailInterval > .zero {
            workers.append(MailDelivery(stores: Stores(database: database), client: SMTPClient(relay: relay), clock: clock)
                .worker(interval: options.mailInterval, limits: options.outboxLimits, logger: logger, gate: gate, health: health))
        }
        return workers
    }

    public static func buildRouter(environment: AppEnvironment) -> Router<HubRequestContext> {
        let stores = Stores(database: environment.database)
        return buildRouter(environment: environment, stores: stores, useCases: UseCases(environment: environment, stores: stores))
    }

    /// The screens' templates, catalogues and assets, read from the project's `screens/` folder; a missing or
    /// unreadable file stops the application at start-up rather than at the first page.
    static func screenKit(environment: AppEnvironment, stores: Stores, useCases: UseCases, secureCookies: Bool) throws
        -> (kit: ScreenKit, assets: AssetController) {
        let folder = environment.layout.screens
        let kit = ScreenKit(
            templates: try ScreenTemplates.load(from: folder.appendingPathComponent("templates")),
            catalogues: try MessageCatalogues.load(from: folder.appendingPathComponent("messages")), useCases: useCases,
            recorder: AuditRecorder(trail: stores.audit, clock: environment.clock), clock: environment.clock, secureCookies: secureCookies)
        return (kit, try AssetController.load(from: folder.appendingPathComponent("assets")))
    }

    /// The router with every route, its controllers handed the use cases made once for the application.
    static func buildRouter(
        environment: AppEnvironment, stores: Stores, useCases: UseCases, secureCookies: Bool = false, workers: WorkerHealth = WorkerHealth(),
        readinessProbeTimeout: Duration = Options().readinessProbeTimeout
    ) -> Router<HubRequestContext> {
        let router = Router(context: HubRequestContext.self)
        router.add(middleware: RequestTelemetryMiddleware())
        router.add(middleware: NoStoreMiddleware())
        router.add(middleware: ProblemMiddleware())
        OperationsController(environment: environment, workers: workers, probeTimeout: readinessProbeTimeout).addRoutes(to: router)

        let api = router.group("api/v1")
        let sessions = SessionController(useCases: useCases, policy: environment.signInPolicy)
        sessions.addPublicRoutes(to: api)

        let recorder = AuditRecorder(trail: stores.audit, clock: environment.clock)
        let secured = api.group()
            .add(middleware: BearerAuthenticator(sessions: stores.sessions, clock: environment.clock, policy: environment.signInPolicy))
            .add(middleware: DeniedAccessAuditMiddleware(recorder: recorder))
        sessions.addRoutes(to: secured)
        AccountController(useCases: useCases).addRoutes(to: secured)
        AuditController(useCases: useCases).addRoutes(to: secured)
        ReferralController(useCases: useCases).addRoutes(to: secured)
        ReferralsMadeController(useCases: useCases).addRoutes(to: secured)
        IncidentController(useCases: useCases, clock: environment.clock).addRoutes(to: secured)
        ShareRequestController(useCases: useCases).addRoutes(to: secured)
        ActionController(useCases: useCases, clock: environment.clock).addRoutes(to: secured)
        ReportController(useCases: useCases, clock: environment.clock).addRoutes(to: secured)
        TrackerController(useCases: useCases).addRoutes(to: secured)
        HighFrequencyController(useCases: useCases, clock: environment.clock).addRoutes(to: secured)
        AlertController(useCases: useCases).addRoutes(to: secured)
        SLAPolicyController(useCases: useCases).addRoutes(to: secured)
        if let read = useCases.readTestClock, let move = useCases.moveTestClock {
            TestClockController(read: read, move: move).addRoutes(to: secured)
        }
        do {
            let (kit, assets) = try screenKit(environment: environment, stores: stores, useCases: useCases, secureCookies: secureCookies)
            ScreenRoutes.add(to: router, kit: kit, assets: assets, stores: stores, environment: environment)
        } catch {
            environment.logger.critical("the screens could not be loaded", metadata: LoggedError(error).metadata)
        }
        // Last, after every route: it wraps only the not-found responder (405 with Allow for a known path).
        router.add(middleware: MethodNotAllowedMiddleware(table: RouteMethodTable(routes: router.routes)))
        return router
    }
}
