import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `/api/v1/users` and `/api/v1/agencies`: administrators manage users; any signed-in user lists agencies.
struct AccountController {
    let useCases: UseCases

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
        let failedSignIns: Int
        let throttledUntil: Date?

        init(_ account: UserAccount) {
            id = account.id.lowercased
            username = account.username
            displayName = account.displayName
            agency = account.agencyCode
            role = account.role
            disabled = account.disabled
            failedSignIns = account.failedSignIns
            throttledUntil = account.throttledUntil
        }
    }

    struct AgencyView: ResponseCodable {
        let code: String
        let name: String
        let kind: String
        let localAuthority: String?
        let active: Bool
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("agencies", use: listAgencies)
        group.get("users", use: listUsers)
        group.post("users", use: createUser)
        group.post("users/:username/disable", use: disableUser)
        group.post("users/:username/unlock", use: unlockUser)
    }

    @Sendable func listAgencies(request: Request, context: HubRequestContext) async throws -> Page<AgencyView> {
        let agencies = try await useCases.listAgencies(by: try context.caller(for: ListAgencies.self))
        return Page(items: agencies.map {
            AgencyView(code: $0.code, name: $0.name, kind: $0.kind.rawValue, localAuthority: $0.localAuthority, active: $0.active)
        })
    }

    @Sendable func listUsers(request: Request, context: HubRequestContext) async throws -> Page<UserView> {
        Page(items: try await useCases.listUsers(by: try context.caller(for: ListUsers.self)).map(UserView.init))
    }

    @Sendable func createUser(request: Request, context: HubRequestContext) async throws -> EditedResponse<UserView> {
        let caller = try context.caller(for: CreateUser.self)
        let body = try await request.decode(as: NewUser.self, context: context)
        let account = try await useCases.createUser(
            .init(username: body.username, displayName: body.displayName, agency: body.agency, role: body.role, password: body.password),
            by: caller)
        return EditedResponse(status: .created, response: UserView(account))
    }

    @Sendable func disableUser(request: Request, context: HubRequestContext) async throws -> UserView {
        let caller = try context.caller(for: DisableUser.self)
        let username = try context.parameters.require("username")
        return UserView(try await useCases.disableUser(username: username, by: caller))
    }

    @Sendable func unlockUser(request: Request, context: HubRequestContext) async throws -> UserView {
        let caller = try context.caller(for: UnlockUser.self)
        let username = try context.parameters.require("username")
        return UserView(try await useCases.unlockUser(username: username, by: caller))
    }
}
