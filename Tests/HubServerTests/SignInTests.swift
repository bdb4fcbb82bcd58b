import Foundation
import HubTestSupport
import Testing

@Suite("Sign-in, sessions and throttle")
struct SignInTests {
    @Test func signInReturnsAnOpaqueTokenThatAuthenticates() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let reply = try await hub.request(.post, "/api/v1/sessions", json: ["username": "triage", "password": TestHub.demoPassword])
            #expect(reply.status == .created)
            let token = try #require(reply.json["token"] as? String)
            #expect(token.count >= 43)  // 256 bits in base64url
            #expect((reply.json["user"] as? [String: Any])?["role"] as? String == "mash_triage")
            let me = try await hub.request(.get, "/api/v1/sessions/current", token: token)
            #expect(me.status == .ok)
            #expect(me.json["username"] as? String == "triage")
            // Only a hash of the token is stored.
            let stored = try await hub.superuser { connection in
                try await connection.query("SELECT count(*) FROM sessions WHERE encode(token_hash, 'escape') LIKE \("%" + token + "%")", logger: hub.environment.logger)
                    .collect().first!.decode(Int.self)
            }
            #expect(stored == 0)
        }
    }

    @Test func wrongPasswordAndUnknownUserGetTheSameProblem() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let wrong = try await hub.request(.post, "/api/v1/sessions", json: ["username": "triage", "password": "not-the-password"])
            let unknown = try await hub.request(.post, "/api/v1/sessions", json: ["username": "nobody", "password": "not-the-password"])
            for reply in [wrong, unknown] {
                #expect(reply.status == .unauthorized)
                #expect(reply.contentType == "application/problem+json")
                #expect(reply.json["type"] as? String == "https://hub.piphire.example/problems/invalid-credentials")
            }
        }
    }

    @Test func afterFiveFailuresEachAttemptWaitsLongerUpToAMinute() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            for _ in 1...5 {
                let reply = try await hub.request(.post, "/api/v1/sessions", json: ["username": "police", "password": "guess-guess-guess"])
                #expect(reply.status == .unauthorized)
                #expect(reply.headers[.retryAfter] == nil)
            }
            // The sixth failure starts a wait of a second; an attempt during it is refused, however right.
            let sixth = try await hub.request(.post, "/api/v1/sessions", json: ["username": "police", "password": "guess-guess-guess"])
            #expect(sixth.headers[.retryAfter] == "1")
            let waiting = try await hub.request(.post, "/api/v1/sessions", json: ["username": "police", "password": TestHub.demoPassword])
            #expect(waiting.status == .unauthorized)
            #expect(waiting.json["type"] as? String == "https://hub.piphire.example/problems/invalid-credentials")
            #expect(waiting.headers[.retryAfter] == "1")
            hub.clock.advance(by: 1)
            let seventh = try await hub.request(.post, "/api/v1/sessions", json: ["username": "police", "password": "guess-guess-guess"])
            #expect(seventh.headers[.retryAfter] == "2")
            hub.clock.advance(by: 2)
            _ = try await hub.signIn("police")
        }
    }

    @Test func aSuccessfulSignInResetsTheFailureCount() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            for _ in 1...4 {
                try await hub.request(.post, "/api/v1/sessions", json: ["username": "health", "password": "guess-guess-guess"])
            }
            _ = try await hub.signIn("health")
            for _ in 1...4 {
                try await hub.request(.post, "/api/v1/sessions", json: ["username": "health", "password": "guess-guess-guess"])
            }
            _ = try await hub.signIn("health")
        }
    }

    @Test func anIdleSessionExpiresAfterThirtyMinutes() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn("triage")
            hub.clock.advance(by: 29 * 60)
            #expect(try await hub.request(.get, "/api/v1/sessions/current", token: token).status == .ok)
            hub.clock.advance(by: 29 * 60)  // still within 30 minutes of the last use
            #expect(try await hub.request(.get, "/api/v1/sessions/current", token: token).status == .ok)
            hub.clock.advance(by: 31 * 60)
            let expired = try await hub.request(.get, "/api/v1/sessions/current", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate] == "Bearer realm=\"hub\"")
        }
    }

    @Test func aBusySessionStillEndsAfterTwelveHours() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn("triage")
            for _ in 0..<35 {  // 35 × 20 min = 11 h 40 min
                hub.clock.advance(by: 20 * 60)
                #expect(try await hub.request(.get, "/api/v1/sessions/current", token: token).status == .ok)
            }
            hub.clock.advance(by: 20 * 60 + 1)  // 12 h and a second
            #expect(try await hub.request(.get, "/api/v1/sessions/current", token: token).status == .unauthorized)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn("manager")
            #expect(try await hub.request(.delete, "/api/v1/sessions/current", token: token).status == .noContent)
            #expect(try await hub.request(.get, "/api/v1/sessions/current", token: token).status == .unauthorized)
        }
    }

    @Test func disablingAUserEndsItsSessionsAndRefusesSignIn() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let education = try await hub.signIn("education")
            #expect(try await hub.request(.post, "/api/v1/users/education/disable", token: admin).status == .ok)
            #expect(try await hub.request(.get, "/api/v1/sessions/current", token: education).status == .unauthorized)
            let again = try await hub.request(.post, "/api/v1/sessions", json: ["username": "education", "password": TestHub.demoPassword])
            #expect(again.status == .unauthorized)
        }
    }

    @Test func missingOrMalformedTokensAre401() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            #expect(try await hub.request(.get, "/api/v1/agencies").status == .unauthorized)
            #expect(try await hub.request(.get, "/api/v1/agencies", headers: [.authorization: "Basic abc"]).status == .unauthorized)
            #expect(try await hub.request(.get, "/api/v1/agencies", token: "made-up-token").status == .unauthorized)
        }
    }
}
