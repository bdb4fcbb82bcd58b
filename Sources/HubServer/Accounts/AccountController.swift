import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Users and agencies: administrators manage users; any signed-in user lists agencies.
struct AccountController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }

    struct NewUser: Codable, Sendable {
        let username: String
        let displayName: String
        let agency: String
        let role: Role
        let password: String
    }

    struct UserView: ResponseCodable {
        let id: String
        let username: String
        let displayName: String
        let agency: String
        let role: Role
        let disabled: Bool
        let lockedUntil: Date?

        init(_ account: UserAccount) {
            id = account.id.uuidString.lowercased()
            username = account.username
            displayName = account.displayName
            agency = account.agencyCode
            role = account.role
            disabled = account.disabled
            lockedUntil = account.lockedUntil
        }
    }

    struct AgencyView: ResponseCodable {
        let code: String
        let name: String
        let kind: String
        let localAuthority: String?
        let active: Bool
    }

    struct Page<Item: ResponseCodable>: ResponseCodable {
        let items: [Item]
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("agencies", use: listAgencies)
        group.get("users", use: listUsers)
        group.post("users", use: createUser)
        group.post("users/:username/disable", use: disableUser)
    }

    @Sendable func listAgencies(request: Request, context: HubRequestContext) async throws -> Page<AgencyView> {
        try context.requireIdentity()
        let agencies = try await environment.agencies.all()
        return Page(items: agencies.map {
            AgencyView(code: $0.code, name: $0.name, kind: $0.kind.rawValue, localAuthority: $0.localAuthority, active: $0.active)
        })
    }

    @Sendable func listUsers(request: Request, context: HubRequestContext) async throws -> Page<UserView> {
        try context.require(.manageAccounts)
        let users = try await environment.users.all()
        try await recorder.record(context, action: "user.list", objectType: "user", objectId: nil, detail: ["count": "\(users.count)"])
        return Page(items: users.map(UserView.init))
    }

    @Sendable func createUser(request: Request, context: HubRequestContext) async throws -> EditedResponse<UserView> {
        try context.require(.manageAccounts)
        let body = try await request.decode(as: NewUser.self, context: context)
        var issues: [ValidationIssue] = []
        let username = body.username.lowercased()
        if username.range(of: "^[a-z0-9][a-z0-9._-]{1,63}$", options: .regularExpression) == nil {
            issues.append(.init(field: "username", message: "must be 2–64 characters: letters, digits, dot, dash, underscore"))
        }
        if body.displayName.trimmingCharacters(in: .whitespaces).isEmpty || body.displayName.count > 200 {
            issues.append(.init(field: "displayName", message: "must be 1–200 characters"))
        }
        issues += PasswordHasher.problems(with: body.password).map { .init(field: "password", message: $0) }
        if try await environment.agencies.find(code: body.agency) == nil {
            issues.append(.init(field: "agency", message: "is not a known agency code"))
        }
        guard issues.isEmpty else { throw Problem.validation(issues) }
        let hash = try await environment.passwordHasher.hash(body.password)
        do {
            let recorder = self.recorder
            let account = try await environment.users.create(
                username: username, displayName: body.displayName, agencyCode: body.agency, role: body.role,
                passwordHash: hash, now: environment.clock.now(),
                audit: { id in
                    recorder.event(context, action: "user.create", objectType: "user", objectId: id.uuidString.lowercased(),
                                   detail: ["role": body.role.rawValue, "agency": body.agency])
                })
            return EditedResponse(status: .created, response: UserView(account))
        } catch AccountError.usernameTaken {
            throw Problem.conflict(kind: "username-taken", "The username \(username) is already in use.")
        }
    }

    @Sendable func disableUser(request: Request, context: HubRequestContext) async throws -> UserView {
        try context.require(.manageAccounts)
        let username = try context.parameters.require("username")
        do {
            let recorder = self.recorder
            let account = try await environment.users.disable(
                username: username, now: environment.clock.now(),
                audit: { id in recorder.event(context, action: "user.disable", objectType: "user", objectId: id.uuidString.lowercased()) })
            return UserView(account)
        } catch AccountError.unknownUser {
            throw Problem.notFound("The user \(username)")
        }
    }
}
