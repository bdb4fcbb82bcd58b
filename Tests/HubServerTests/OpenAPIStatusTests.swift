import Foundation
import HTTPTypes
import HubData
import HubServer
import HubTestSupport
import Testing

/// Keeps the statuses in docs/openapi.yaml true: every operation is driven through the real router with the requests
/// that are known to give a 400 (a malformed path parameter, bad query values, an empty `If-Match`, a malformed
/// body), without a token, and with a token of each role, and the status it answers must be one its `responses`
/// list. A status an operation can give but does not document fails here, as schemathesis's
/// `status_code_conformance` would (scripts/schemathesis.sh).
@Suite("The OpenAPI document's statuses")
struct OpenAPIStatusTests {
    /// One documented operation: `GET /api/v1/referrals/{id}` and the statuses its `responses` list.
    struct Operation: CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        var statuses: Set<Int>
        var description: String { "\(method.rawValue) \(path)" }
        var isPublic: Bool { path == "/api/v1/sessions" || !path.hasPrefix("/api/") || path == "/api/v1/openapi.yaml" }
    }

    /// Each operation of the document's `paths` (two-space path keys, four-space methods, eight-space statuses).
    static func operations() throws -> [Operation] {
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var operations: [Operation] = []
        var path: String?
        var inResponses = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path,
                      let method = HTTPRequest.Method(String(line.trimmingCharacters(in: .whitespaces).dropLast()).uppercased()) {
                operations.append(Operation(method: method, path: path, statuses: []))
                inResponses = false
            } else if line.hasPrefix("      responses:") {
                inResponses = true
            } else if line.hasPrefix("      "), !line.hasPrefix("       ") {
                inResponses = false
            } else if inResponses, line.hasPrefix("        '"), let code = Int(line.dropFirst(9).prefix(3)) {
                operations[operations.count - 1].statuses.insert(code)
            }
        }
        return operations
    }

    /// A concrete path: each `{parameter}` becomes `value`.
    static func path(_ template: String, parameter value: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") ? value : String($0) }
            .joined(separator: "/")
    }

    /// Every query parameter the document names (`{name: state, in: query, …}`), each with a value that no route
    /// reading it takes: an enum, a date, a number, a cursor or a flag that does not read is 400.
    static func badQuery() throws -> String {
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let names = Set(text.matches(of: /\{name: ([A-Za-z-]+), in: query/).map { String($0.output.1) })
        return names.sorted().map { "\($0)=not-a-valid-value" }.joined(separator: "&")
    }

    /// The requests that give a 400 where a route can give one, and one that is well-formed (its status must be
    /// documented too: 401, 403, 404, 422, 428…).
    static func triggers(for operation: Operation, badQuery: String) -> [(label: String, uri: String, headers: HTTPFields, body: String?)] {
        let wellFormed = path(operation.path, parameter: "6f1d3c1e-0000-4000-8000-000000000400")
        let sendsBody = operation.method != .get && operation.method != .delete
        var triggers: [(label: String, uri: String, headers: HTTPFields, body: String?)] = [
            ("well-formed", wellFormed, [.ifMatch: "\"1\""], sendsBody ? "{}" : nil),
            ("bad query values", wellFormed + "?" + badQuery, [:], sendsBody ? "{}" : nil),
        ]
        if operation.path.contains("{") {
            triggers.append(("malformed path parameter", path(operation.path, parameter: "not-a-uuid"), [.ifMatch: "\"1\""], sendsBody ? "{}" : nil))
        }
        if operation.method != .get {
            triggers.append(("empty If-Match", wellFormed, [.ifMatch: ""], sendsBody ? "{}" : nil))
            triggers.append(("unreadable If-Match", wellFormed, [.ifMatch: "\"x\""], sendsBody ? "{}" : nil))
        }
        if sendsBody {
            triggers.append(("malformed body", wellFormed, [.ifMatch: "\"1\""], "{\"a\": "))
            triggers.append(("empty body", wellFormed, [.ifMatch: "\"1\""], ""))
        }
        return triggers
    }

    @Test func everyOperationDocumentsItsStatuses() async throws {
        let operations = try Self.operations()
        #expect(operations.count == (try OpenAPIDocumentTests.documentedRoutes().count))
        #expect(operations.allSatisfy { !$0.statuses.isEmpty })
        let badQuery = try Self.badQuery()
        #expect(badQuery.contains("state=not-a-valid-value&status=not-a-valid-value"))
        try await TestHub.run(testClock: true) { (hub: TestHub) async throws in
            var tokens: [String?] = [nil]
            for role in ["triage", "manager", "police", "board", "admin"] { tokens.append(try await hub.signIn(role)) }
            var undocumented: [String] = []  // `GET /api/v1/x 400 (trigger)`
            var seen: [String: Set<Int>] = [:]
            for operation in operations where operation.path != "/api/v1/sessions/current" || operation.method != .delete {
                for trigger in Self.triggers(for: operation, badQuery: badQuery) {
                    for token in tokens where token != nil || operation.isPublic || trigger.label == "well-formed" {
                        let reply = try await hub.request(
                            operation.method, trigger.uri, token: token, rawBody: trigger.body, headers: trigger.headers)
                        let status = Int(reply.status.code)
                        seen[operation.description, default: []].insert(status)
                        if !operation.statuses.contains(status) {
                            undocumented.append("\(operation) \(status) (\(trigger.label))")
                        }
                    }
                }
            }
            let distinct = undocumented.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            #expect(distinct.isEmpty, "undocumented statuses:\n\(distinct.joined(separator: "\n"))")
            // The triggers do reach the 400s: every operation with a UUID path parameter answered one.
            let uuidOperations = operations.filter { $0.path.hasSuffix("{id}") || $0.path.contains("{id}/") }
            let without400 = uuidOperations.filter { !(seen[$0.description]?.contains(400) ?? false) }
            #expect(without400.isEmpty, "no 400 reached: \(without400)")
        }
    }
}
