import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Sign-in and sign-out: `POST /api/v1/sessions`, `GET|DELETE /api/v1/sessions/current`.
struct SessionController {
    let useCases: UseCases
    let policy: SignInPolicy

    struct SignInRequest: Codable, Sendable {
        let username: String
        let password: String
    }

    struct SignedIn: ResponseCodable {
        let token: String
        let tokenType: String
        let expiresAt: Date
        let idleTimeoutSeconds: Int
        let user: CurrentUser
    }

    struct CurrentUser: ResponseCodable {
        let username: String
        let displayName: String
        let agency: String
        let role: Role

        init(_ identity: Identity) {
            username = identity.username
            displayName = identity.displayName
            agency = identity.agencyCode
            role = identity.role
        }
    }

    func addPublicRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("sessions", use: signIn)
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("sessions/current", use: current)
        group.delete("sessions/current", use: signOut)
    }

    @Sendable func signIn(request: Request, context: HubRequestContext) async throws -> EditedResponse<SignedIn> {
        let body = try await request.decode(as: SignInRequest.self, context: context)
        let signedIn = try await useCases.signIn(
            username: body.username, password: body.password, address: ClientAddress.of(request, context, policy: policy),
            caller: context.caller)
        return EditedResponse(
            status: .created,
            response: SignedIn(
                token: signedIn.token, tokenType: "Bearer", expiresAt: signedIn.expiresAt,
                idleTimeoutSeconds: Int(signedIn.idleTimeout), user: CurrentUser(signedIn.identity)))
    }

    @Sendable func current(request: Request, context: HubRequestContext) async throws -> CurrentUser {
        CurrentUser(try context.caller.requireIdentity())
    }

    @Sendable func signOut(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.caller(for: SignOut.self)
        guard let tokenHash = context.sessionTokenHash else { throw Problem.unauthenticated() }
        try await useCases.signOut(sessionTokenHash: tokenHash, by: caller)
        return .noContent
    }
}
