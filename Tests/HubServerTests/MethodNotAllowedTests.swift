import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// A path the router knows answers 405 with the exact `Allow` set for a method it lacks; an unknown path stays 404.
@Suite("Methods a path does not answer")
struct MethodNotAllowedTests {
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// Each route template of the router (screens included) with the methods it answers, from the router's own
    /// route descriptions (`GET /referrals/{id}` → `/referrals/{id}`: GET).
    static func templates() throws -> [String: Set<String>] {
        var templates: [String: Set<String>] = [:]
        for route in try OpenAPIDocumentTests.allServedRoutes() {
            let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
            templates[parts[1], default: []].insert(parts[0])
        }
        return templates
    }

    /// A concrete path for a template: each `{parameter}` becomes a UUID, which no literal segment equals.
    static func concrete(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") ? "6f1d3c1e-0000-4000-8000-000000000405" : String($0) }
            .joined(separator: "/")
    }

    static func allow(_ methods: Set<String>) -> String {
        ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter(methods.contains).joined(separator: ", ")
    }

    @Test func everyMissingMethodOfEveryRouteIs405WithTheExactAllowSet() async throws {
        let templates = try Self.templates()
        #expect(templates.count > 60)  // the API's and the screens' templates, not an empty router
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            var checked = 0
            for (template, served) in templates.sorted(by: { $0.key < $1.key }) {
                for method in Self.methods where !served.contains(method.rawValue) {
                    let reply = try await hub.request(method, Self.concrete(template))
                    #expect(reply.status == .methodNotAllowed, "\(method) \(template): \(reply.status)")
                    #expect(reply.headers[.allow] == Self.allow(served), "\(method) \(template)")
                    if method != .head {
                        #expect(reply.contentType == "application/problem+json", "\(method) \(template)")
                        #expect(reply.json["type"] as? String == "https://hub.piphire.example/problems/method-not-allowed")
                    } else {
                        #expect(reply.body.isEmpty, "HEAD \(template) has a body")
                    }
                    checked += 1
                }
            }
            let expected = templates.values.reduce(0) { $0 + Self.methods.count - $1.count }
            #expect(checked == expected)
        }
    }

    @Test func knownExamples() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let collection = try await hub.request(.delete, "/api/v1/referrals")
            #expect(collection.status == .methodNotAllowed)
            #expect(collection.headers[.allow] == "GET, POST")
            #expect(collection.json["status"] as? Int == 405)
            #expect(collection.json["instance"] as? String == "/api/v1/referrals")
            // A literal segment wins over a capture, as in the router: /referrals/new is not /referrals/{id}.
            #expect(try await hub.request(.put, "/referrals/new").headers[.allow] == "GET, POST")
            #expect(try await hub.request(.post, "/referrals/6f1d3c1e-0000-4000-8000-000000000405").headers[.allow] == "GET")
            let options = try await hub.request(.options, "/api/v1/incidents/6f1d3c1e-0000-4000-8000-000000000405")
            #expect(options.status == .methodNotAllowed)
            #expect(options.headers[.allow] == "GET, PATCH")
        }
    }

    @Test func unknownPathsStay404() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            for (method, path) in [(HTTPRequest.Method.get, "/no/such/route"), (.delete, "/api/v1/referralz"),
                                   (.post, "/api/v1/referrals/6f1d3c1e-0000-4000-8000-000000000405/nothing")] {
                let reply = try await hub.request(method, path)
                #expect(reply.status == .notFound, "\(method) \(path)")
                #expect(reply.headers[.allow] == nil)
                #expect(reply.contentType == "application/problem+json")
            }
        }
    }

    @Test func aRouteOwn404IsNot405() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let token = try await hub.signIn("triage")
            let reply = try await hub.request(.get, "/api/v1/referrals/6f1d3c1e-0000-4000-8000-000000000405", token: token)
            #expect(reply.status == .notFound)
            #expect(reply.headers[.allow] == nil)
        }
    }
}
