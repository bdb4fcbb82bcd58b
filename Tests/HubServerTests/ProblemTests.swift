import Foundation
import HubTestSupport
import Testing

@Suite("Errors are problem+json")
struct ProblemTests {
    @Test func malformedJSONIs400Problem() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let reply = try await hub.request(.post, "/api/v1/sessions", rawBody: "{\"username\": ")
            #expect(reply.status == .badRequest)
            #expect(reply.contentType == "application/problem+json")
            #expect(reply.json["type"] as? String == "https://hub.piphire.example/problems/malformed-body")
            #expect(reply.json["status"] as? Int == 400)
            #expect(reply.json["instance"] as? String == "/api/v1/sessions")
            #expect(!reply.text.contains("Swift"))  // no stack traces or type names
        }
    }

    @Test func unknownFieldsAreNamed() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let reply = try await hub.request(.post, "/api/v1/sessions", json: ["username": "a", "password": "b", "pasword": "c"])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.contentType == "application/problem+json")
            #expect(reply.json["type"] as? String == "https://hub.piphire.example/problems/validation")
            let errors = try #require(reply.json["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["field"] as? String == "pasword")
        }
    }

    @Test func missingAndMistypedFieldsAreNamed() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let missing = try await hub.request(.post, "/api/v1/sessions", json: ["username": "a"])
            #expect(missing.status == .unprocessableContent)
            #expect((missing.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "password")
            let mistyped = try await hub.request(.post, "/api/v1/sessions", json: ["username": 12, "password": "b"])
            #expect(mistyped.status == .unprocessableContent)
            #expect((mistyped.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "username")
        }
    }

    @Test func unknownRoutesAre404Problems() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let reply = try await hub.request(.get, "/no/such/route")
            #expect(reply.status == .notFound)
            #expect(reply.contentType == "application/problem+json")
        }
    }

    @Test func everyResponseCarriesARequestId() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let reply = try await hub.request(.post, "/api/v1/sessions", rawBody: "nope")
            let header = try #require(reply.headers[.init("X-Request-Id")!])
            #expect(reply.json["requestId"] as? String == header)
        }
    }
}
