import ArgumentParser
import HubData
import Logging

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Work with the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal pending events, then check the hash chain; exits 1 naming the first tampered event.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.hub()
            let report = try await database.withApplication(logger: logger) { application in
                try await application.useCases.verifyAuditTrail.asOperator(source: "hub audit verify")
            }
            if let problem = report.firstProblem {
                print("AUDIT TRAIL BROKEN: \(problem) (\(report.checked) events verified before it)")
                throw ExitCode(1)
            }
            print("Audit trail intact: \(report.checked) events verified; chain head \(report.headHash ?? "(empty)").")
        }
    }
}
