import Foundation
import HubTestSupport
import Testing

@Suite("Roles: 401 and 403 per route")
struct AuthorizationTests {
    @Test(arguments: [
        ("admin", 200), ("triage", 403), ("manager", 403), ("police", 403), ("board", 403),
    ])
    func onlyAdministratorsListUsers(username: String, expected: Int) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn(username)
            let reply = try await hub.request(.get, "/api/v1/users", token: token)
            #expect(Int(reply.status.code) == expected)
            if expected == 403 {
                #expect(reply.contentType == "application/problem+json")
                #expect(reply.json["type"] as? String == "https://hub.piphire.example/problems/forbidden")
            }
        }
    }

    @Test func aRefusedRequestIsAudited() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn("board")
            #expect(try await hub.request(.get, "/api/v1/users", token: token).status == .forbidden)
            let denied = try await hub.environment.audit.recent().filter { $0.outcome == "denied" && $0.username == "board" }
            #expect(denied.count == 1)
            #expect(denied.first?.action == "access.denied")
            #expect(denied.first?.objectId == "GET /api/v1/users")
        }
    }

    @Test func everySignedInRoleListsAgencies() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            for user in ["admin", "triage", "manager", "police", "health", "education", "board"] {
                let token = try await hub.signIn(user)
                let reply = try await hub.request(.get, "/api/v1/agencies", token: token)
                #expect(reply.status == .ok)
                #expect((reply.json["items"] as? [Any])?.count == 8)
            }
        }
    }

    @Test func administratorsCreateUsersWithValidatedFields() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let bad = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "X", "displayName": "", "agency": "nowhere", "role": "mash_triage", "password": "short",
            ])
            #expect(bad.status == .unprocessableContent)
            let fields = Set(((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["username", "displayName", "agency", "password"])

            let badRole = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "newbie", "displayName": "New Worker", "agency": "pip_adults", "role": "superuser", "password": "long-enough-password",
            ])
            #expect(badRole.status == .unprocessableContent)
            #expect((badRole.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "role")

            let created = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "newbie", "displayName": "New Worker", "agency": "pip_adults", "role": "mash_triage", "password": "long-enough-password",
            ])
            #expect(created.status == .created)
            _ = try await hub.signIn("newbie", password: "long-enough-password")
            let duplicate = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "newbie", "displayName": "New Worker", "agency": "pip_adults", "role": "mash_triage", "password": "long-enough-password",
            ])
            #expect(duplicate.status == .conflict)
        }
    }
}
