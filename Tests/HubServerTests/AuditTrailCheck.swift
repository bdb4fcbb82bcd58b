import ArgumentParser
import Foundation
import HubData
import HubServer
import HubTestSupport
import Testing

/// `hub` with HubServer's server commands (the root command itself is the `hub` executable's).
struct ServerCommandLine: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hub", subcommands: HubCommandLine.serverCommands)
}

/// What the walks (the API snapshot's, the browser's) leave behind: an audit trail that `hub audit verify` finds
/// intact once every event is sealed, with at least `atLeast` events checked.
enum AuditTrailCheck {
    static func expectIntact(_ hub: TestHub, atLeast: Int) async throws {
        try await AuditSealer(database: hub.environment.database).sealAll()
        let report = try await AuditVerifier(database: hub.environment.database).verify()
        #expect(report.intact, "the audit trail is broken after the walk: \(String(describing: report.firstProblem))")
        #expect(report.checked >= atLeast, "only \(report.checked) audit events were checked")
        let url = "postgres://hub@localhost/\(hub.databaseName)?host=\(hub.cluster.socketDirectory)"
        var verify = try #require(try ServerCommandLine.parseAsRoot(["audit", "verify", "--database-url", url]) as? any AsyncParsableCommand)
        try await verify.run()  // exits non-zero (throws) on a broken trail
    }
}
