import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Logging

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from $HUB_PASSWORD or standard input.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username (lower case).") var username: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Agency code, e.g. piphire_police.") var agency: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let password = ProcessInfo.processInfo.environment["HUB_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            let problems = PasswordHasher.problems(with: password)
            guard problems.isEmpty else { throw ValidationError("password \(problems.joined(separator: "; "))") }
            let logger = Logger.hub()
            let (username, name, agency) = (self.username, self.name, self.agency)
            try await database.withDatabase(logger: logger) { database, layout in
                try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
                let hash = try await PasswordHasher().hash(password)
                let now = SystemClock().now()
                let account = try await UserStore(database: database).create(
                    username: username.lowercased(), displayName: name, agencyCode: agency, role: role, passwordHash: hash, now: now,
                    audit: { id in
                        AuditEvent(occurredAt: now, requestId: nil, actor: nil, action: "user.create", objectType: "user",
                                   objectId: id.uuidString.lowercased(), detail: ["source": "hub user add", "role": role.rawValue])
                    })
                print("Created \(account.username) (\(account.role.rawValue), \(account.agencyCode)).")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and end their sessions.")

        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() async throws {
            let logger = Logger.hub()
            let username = self.username
            try await database.withDatabase(logger: logger) { database, _ in
                let now = SystemClock().now()
                _ = try await UserStore(database: database).disable(
                    username: username, now: now,
                    audit: { id in
                        AuditEvent(occurredAt: now, requestId: nil, actor: nil, action: "user.disable", objectType: "user",
                                   objectId: id.uuidString.lowercased(), detail: ["source": "hub user disable"])
                    })
            }
            print("Disabled \(username); their sessions have ended.")
        }
    }
}
