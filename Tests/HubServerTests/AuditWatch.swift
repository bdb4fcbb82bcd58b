import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// One audit event as stored, with every column a test checks (the store's own read leaves out `detail`).
struct AuditRow: Equatable, CustomStringConvertible {
    var action: String
    var username: String?
    var agency: String?
    var role: String?
    var objectType: String
    var objectId: String?
    var purpose: String?
    var outcome: String
    var requestId: String?
    var detail: [String: String]

    var description: String {
        "\(action) by \(username ?? "-") (\(agency ?? "-"), \(role ?? "-")) on \(objectType)/\(objectId ?? "-") purpose \(purpose ?? "-") "
            + "\(outcome) \(detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
    }
}

/// The event a route is documented to write: who (a demo user, whose agency and role come from the seed), what
/// (action, object), why (purpose) and how it ended; `detail`, when given, exactly.
struct ExpectedAudit {
    var action: String
    var by: String
    var objectType: String
    var objectId: String?
    var purpose: String? = nil
    var outcome = "success"
    var detail: [String: String]? = nil

    /// The demo partnership's users (seed/piphire-partnership.json): agency and role.
    static let demoUsers: [String: (agency: String, role: String)] = [
        "triage": ("pip_childrens", "mash_triage"), "manager": ("pip_childrens", "mash_manager"),
        "police": ("piphire_police", "partner_responder"), "health": ("piphire_uhb", "partner_responder"),
        "education": ("pip_education", "partner_responder"), "board": ("piphire_mash", "board_viewer"),
        "admin": ("piphire_mash", "admin"),
    ]
}

/// Reads the audit trail around one request: `mark()` before it, `rows(after:)` for exactly what it wrote.
struct AuditWatch {
    let hub: TestHub

    static let requestIdHeader = HTTPField.Name("X-Request-Id")!

    func mark() async throws -> Int64 {
        try await hub.environment.database.query("SELECT coalesce(max(id), 0)::int8 FROM audit_events").first!.decode(Int64.self)
    }

    func rows(after mark: Int64) async throws -> [AuditRow] {
        try await hub.environment.database.query(
            """
            SELECT action, username, agency_code, role, object_type, object_id, purpose, outcome, request_id, detail::text
            FROM audit_events WHERE id > \(mark) ORDER BY id
            """
        ).map { row in
            let (action, username, agency, role, objectType, objectId, purpose, outcome, requestId, detail) =
                try row.decode((String, String?, String?, String?, String, String?, String?, String, String?, String).self)
            let values = try JSONDecoder().decode([String: String].self, from: Data(detail.utf8))
            return AuditRow(action: action, username: username, agency: agency, role: role, objectType: objectType, objectId: objectId,
                            purpose: purpose, outcome: outcome, requestId: requestId, detail: values)
        }
    }

    /// Runs `request`, checks its status, and checks that it wrote exactly `expected` (in order), each with the
    /// request's id. Returns the reply.
    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, writes expected: [ExpectedAudit], sourceLocation: SourceLocation = #_sourceLocation,
        _ request: () async throws -> TestHub.Reply
    ) async throws -> TestHub.Reply {
        try await expect(status, writesFor: { _ in expected }, sourceLocation: sourceLocation, request)
    }

    /// As ``expect(_:writes:sourceLocation:_:)``, for events that name what the reply tells (a new id, a count).
    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, writesFor expectation: (TestHub.Reply) throws -> [ExpectedAudit],
        sourceLocation: SourceLocation = #_sourceLocation, _ request: () async throws -> TestHub.Reply
    ) async throws -> TestHub.Reply {
        let before = try await mark()
        let reply = try await request()
        #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
        let expected = try expectation(reply)
        let written = try await rows(after: before)
        #expect(written.count == expected.count, "wrote \(written)", sourceLocation: sourceLocation)
        for (row, wanted) in zip(written, expected) {
            let who = ExpectedAudit.demoUsers[wanted.by]
            #expect(row.action == wanted.action, sourceLocation: sourceLocation)
            #expect(row.username == wanted.by, "\(row)", sourceLocation: sourceLocation)
            #expect(row.agency == who?.agency, "\(row)", sourceLocation: sourceLocation)
            #expect(row.role == who?.role, "\(row)", sourceLocation: sourceLocation)
            #expect(row.objectType == wanted.objectType, "\(row)", sourceLocation: sourceLocation)
            #expect(row.objectId == wanted.objectId, "\(row)", sourceLocation: sourceLocation)
            #expect(row.purpose == wanted.purpose, "\(row)", sourceLocation: sourceLocation)
            #expect(row.outcome == wanted.outcome, "\(row)", sourceLocation: sourceLocation)
            #expect(row.requestId != nil && row.requestId == reply.headers[Self.requestIdHeader], "\(row)", sourceLocation: sourceLocation)
            if let detail = wanted.detail { #expect(row.detail == detail, "\(row)", sourceLocation: sourceLocation) }
        }
        return reply
    }
}
