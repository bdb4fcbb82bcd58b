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
        let logger = Logger.hub()
        let opened = try await database.open(logger: logger)
        defer { opened.release(logger: logger) }

        let client = PostgresClient(configuration: opened.configuration, backgroundLogger: logger)
        let environment = AppEnvironment(
            database: Database(client: client, logger: logger), clock: SystemClock(), layout: opened.layout, logger: logger)
        var options = HubApplication.Options()
        options.host = host
        options.port = port ?? ProcessInfo.processInfo.environment["HUB_PORT"].flatMap(Int.init) ?? 8080
        options.seedDemoData = seed ?? (opened.cluster != nil)
        let environmentVariables = ProcessInfo.processInfo.environment
        if let url = environmentVariables["HUB_WEBHOOK_URL"], !url.isEmpty {
            options.webhook = WebhookTarget(url: url, secret: environmentVariables["HUB_WEBHOOK_SECRET"])
        }
        let app = HubApplication.build(environment: environment, client: client, options: options)

        say("Hub is using \(opened.description).")
        say("Serving on http://\(options.host):\(options.port)  (Ctrl-C stops the server\(opened.startedCluster ? " and the cluster" : ""))")
        if options.seedDemoData, let logins = try? DemoSeed(environment: environment).logins() {
            say("Demo sign-ins (fictional Piphire partnership), password \(logins.first?.password ?? ""):")
            for login in logins { say("  \(login.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(login.role.rawValue)") }
        }
        try await app.runService()
    }
}
