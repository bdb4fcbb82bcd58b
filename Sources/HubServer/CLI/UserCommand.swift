import ArgumentParser
import Foundation
import HubData
import HubWorkflow
import Logging

/// `hub user add|disable`: the operator manages users through the same use cases as the administrators' API.
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
            let configuration = HubConfiguration.fromProcess()
            let password = configuration.password ?? readLine(strippingNewline: true) ?? ""
            let problems = PasswordHasher.problems(with: password)
            guard problems.isEmpty else { throw ValidationError("password \(problems.joined(separator: "; "))") }
            let user = CreateUser.NewUser(username: username, displayName: name, agency: agency, role: role, password: password)
            let account = try await database.withApplication(logger: Logger.hub(configuration: configuration), configuration: configuration) {
                try await $0.useCases.createUser.asOperator(user, source: "hub user add")
            }
            print("Created \(account.username) (\(account.role.rawValue), \(account.agencyCode)).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and end their sessions.")

        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() async throws {
            let username = self.username
            _ = try await database.withApplication(logger: Logger.hub()) {
                try await $0.useCases.disableUser.asOperator(username: username, source: "hub user disable")
            }
            print("Disabled \(username); their sessions have ended.")
        }
    }
}
