import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Hummingbird
import Logging
import PostgresNIO

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the API (migrating first; on the embedded cluster, loading the demo seed once).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (default: $HUB_PORT, else 8080).")
    var port: Int?

    @Flag(inversion: .prefixedNo, help: "Load the Piphire demo seed when the database is empty (default: on for the embedded cluster).")
    var seed: Bool?

    func run() async throws {
        try await run(configuration: HubConfiguration.fromProcess())
    }

    /// Serves with `configuration`; its settings are checked before the database is opened.
    func run(configuration: HubConfiguration) async throws {
        let settings = try ServeSettings(configuration)
        let logger = Logger.hub(configuration: configuration)
        let opened = try await database.open(logger: logger, configuration: configuration)
        defer { opened.release(logger: logger) }
        // Migrated as the schema's owner, through a connection closed before serving: the server holds only the
        // application's role (issue #16), and says so when that role could switch off the audit trail.
        try await opened.migrate(logger: logger)
        let role = try await opened.applicationRole(logger: logger)

        let limits = DatabaseLimits.serving
        var clientConfiguration = opened.configuration
        limits.apply(to: &clientConfiguration)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        var signInPolicy = SignInPolicy()
        signInPolicy.trustForwardedFor = configuration.trustForwardedFor
        var mailRelay: MailRelay?
        if let relay = configuration.smtpRelay {
            guard let parsed = MailRelay(relay: relay, from: configuration.smtpFrom) else {
                throw ValidationError("HUB_SMTP_RELAY must be host:port (and HUB_SMTP_FROM an email address), not \(relay)")
            }
            mailRelay = parsed
        }
        let environment = AppEnvironment(
            database: Database(client: client, logger: logger, limits: limits), clock: settings.clock, signInPolicy: signInPolicy, layout: opened.layout,
            logger: logger, mailRelay: mailRelay)
        var options = HubApplication.Options()
        options.migrateOnStart = false  // done above, as the owner; the application only checks nothing is pending
        options.host = host
        if let port {
            options.port = port
        } else if let text = configuration.port {
            guard let port = Int(text), (1...65535).contains(port) else { throw ValidationError("HUB_PORT must be a port number, not \(text)") }
            options.port = port
        }
        options.supervisedCluster = opened.cluster  // restarted if it dies while Hub serves on it
        options.seedDemoData = seed ?? (opened.cluster != nil)
        options.demoCasework = options.seedDemoData
        options.secureCookies = configuration.secureCookies
        options.slaPolicyFile = settings.slaPolicyFile
        if let url = configuration.webhookURL {
            options.webhook = WebhookTarget(url: url, secret: configuration.webhookSecret)
        }
        let app = HubApplication.build(environment: environment, client: client, options: options)

        say("Hub is using \(opened.description), as the PostgreSQL role \(role.name).")
        if let warning = role.warning {
            say(warning)
            logger.warning("the application's PostgreSQL role can switch off the audit trail", metadata: ["role": "\(role.name)"])
        }
        if environment.testClock != nil {
            say("The test clock is on (HUB_TEST_CLOCK): administrators can move time forward with PUT /api/v1/test-clock. "
                + "Acceptance testing only; never with real data.")
        }
        say("Serving on http://\(options.host):\(options.port)  (Ctrl-C stops the server\(opened.startedCluster ? " and the cluster" : ""))")
        if options.seedDemoData, let logins = try? DemoSeed.logins(layout: opened.layout) {
            say("Demo sign-ins (fictional Piphire partnership), password \(logins.first?.password ?? ""):")
            for login in logins { say("  \(login.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(login.role.rawValue)") }
        }
        try await HubApplication.runUntilSignalled(app, logger: logger)
    }
}
