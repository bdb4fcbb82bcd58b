import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Text limits are counted in Unicode code points, as PostgreSQL's `length()` and JSON Schema's `maxLength` count
/// them: for every limited field the API takes (and the screens' stated purpose), text exactly at the limit written
/// in decomposed form ("é" as e + U+0301: one character, two code points) is accepted, and one code point more is a
/// 422 naming the field, never a 500.
@Suite("Text limits in code points")
struct TextLimitTests {
    /// Every limited field, where it is sent, the path a problem names it by, and its limit in code points.
    static let table: [LimitedField] = [
        // POST /api/v1/referrals
        .init(.referral, "localAuthority", 100),
        .init(.referral, "referrer.name", 100),
        .init(.referral, "referrer.role", 100),
        .init(.referral, "referrer.agency", 41, shape: .agencyCode),
        .init(.referral, "referrer.phone", 32, shape: .phone),
        .init(.referral, "referrer.email", 254, shape: .email),
        .init(.referral, "subjects[0].forename", 100),
        .init(.referral, "subjects[0].surname", 100),
        .init(.referral, "subjects[0].aliases[0]", 100),
        .init(.referral, "subjects[0].addressLines[0]", 120),
        .init(.referral, "subjects[0].town", 120),
        .init(.referral, "concern.summary", 8_000),
        .init(.referral, "consent.reason", 4_000),
        .init(.idempotencyKey, "Idempotency-Key", 200),
        // POST /api/v1/referrals/{id}/decision and /ratification
        .init(.decision, "rationale", 4_000),
        .init(.ratification, "note", 4_000),
        // PATCH /api/v1/incidents/{id}
        .init(.reRating, "rationale", 4_000),
        // POST /api/v1/incidents/{id}/strategy-discussions
        .init(.strategyDiscussion, "chair.name", 100),
        .init(.strategyDiscussion, "chair.agency", 41, shape: .agencyCode),
        .init(.strategyDiscussion, "attendees[0].name", 100),
        .init(.strategyDiscussion, "attendees[0].agency", 41, shape: .agencyCode),
        .init(.strategyDiscussion, "informationConsidered", 20_000),
        .init(.strategyDiscussion, "decisions", 20_000),
        .init(.strategyDiscussion, "actions[0].description", 2_000),
        .init(.strategyDiscussion, "actions[0].ownerAgency", 41, shape: .agencyCode),
        // POST /api/v1/share-requests/{id}/response
        .init(.shareResponse, "information", 20_000),
        .init(.shareResponse, "reason", 4_000),
        // POST /api/v1/share-requests/{id}/response-on-behalf
        .init(.answerOnBehalf, "contactName", 100),
        .init(.answerOnBehalf, "information", 20_000),
        .init(.answerOnBehalf, "reason", 4_000),
        // POST /api/v1/alerts/{id}/acknowledgement, POST /api/v1/watchlist
        .init(.acknowledgement, "note", 2_000),
        .init(.watchlist, "reason", 500),
        // POST /api/v1/users
        .init(.user, "displayName", 200),
        // POST /referrals/{id}/purpose (the screens' stated purpose)
        .init(.statedPurpose, "purpose", 500),
    ]

    @Test func theTableCoversEveryRoute() {
        #expect(Set(Self.table.map(\.route)) == Set(LimitedField.Route.allCases))
    }

    @Test(arguments: LimitedField.Route.allCases)
    func textAtTheLimitIsTakenAndOneCodePointMoreIsNamed(_ route: LimitedField.Route) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let requests = try await TextLimitRequests(hub: hub, route: route)
            for field in Self.table where field.route == route {
                let atLimit = field.text(codePoints: field.limit)
                #expect(atLimit.unicodeScalars.count == field.limit)
                let accepted = try await requests.send(atLimit, in: field)
                #expect(accepted.status == route.accepted, "\(field) at its limit: \(accepted.status) \(accepted.text.prefix(600))")
                #expect(accepted.headers[.location]?.hasPrefix("/sign-in") != true, "\(field) at its limit: sent to sign in again")

                let refused = try await requests.send(field.text(codePoints: field.limit + 1), in: field)
                #expect(refused.status == .unprocessableContent, "\(field) over its limit: \(refused.status) \(refused.text.prefix(600))")
                let named = requests.names(field, in: refused)
                #expect(named, "\(field) over its limit: the problem names another field: \(refused.text.prefix(600))")
            }
        }
    }
}

/// A text field with a limit, as the test table lists it.
struct LimitedField: Sendable, CustomStringConvertible {
    /// Where the field is sent.
    enum Route: String, Sendable, CaseIterable {
        case referral, idempotencyKey, decision, ratification, reRating, strategyDiscussion, shareResponse, answerOnBehalf, acknowledgement
        case watchlist, user, statedPurpose

        /// The status of a request the route takes.
        var accepted: HTTPResponse.Status {
            switch self {
            case .referral, .idempotencyKey, .strategyDiscussion, .shareResponse, .answerOnBehalf, .watchlist, .user: return .created
            case .decision, .ratification, .reRating, .acknowledgement: return .ok
            case .statedPurpose: return .seeOther  // the screen's form: back to the referral
            }
        }
    }

    /// What text the field takes: free text (sent decomposed), or a shape that allows ASCII only.
    enum Shape: Sendable {
        case prose, email, phone, agencyCode
    }

    let route: Route
    /// The field's path in the body, as a problem names it.
    let field: String
    /// At most this many code points.
    let limit: Int
    let shape: Shape

    init(_ route: Route, _ field: String, _ limit: Int, shape: Shape = .prose) {
        self.route = route
        self.field = field
        self.limit = limit
        self.shape = shape
    }

    var description: String { "\(route.rawValue) \(field) (\(limit))" }

    /// Text of exactly `count` code points the field's shape allows: prose as "é" decomposed (e + U+0301) repeated,
    /// so that it has about half as many characters as code points.
    func text(codePoints count: Int) -> String {
        switch shape {
        case .prose: return Self.decomposed(count)
        case .email: return Self.decomposed(count - 12) + "@example.org"
        case .phone: return "01632" + String(repeating: "-", count: count - 11) + "960123"
        case .agencyCode: return Self.agencyCode(count)
        }
    }

    /// An agency code of `count` letters. Agency fields must name an agency of the partnership, so the one at the
    /// limit is added to the partnership first (``TextLimitRequests``); one letter more cannot be stored as a code.
    static func agencyCode(_ count: Int) -> String {
        String(repeating: "a", count: count)
    }

    static func decomposed(_ count: Int) -> String {
        String(repeating: "e\u{0301}", count: count / 2) + (count % 2 == 1 ? "a" : "")
    }
}
