import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// A walk through every operation of the OpenAPI document on the demo partnership with a manual clock, written
/// down request by request (status, the headers a client relies on, the body) and compared with
/// `Snapshots/api-walk.txt`. It guards the API's exact responses through reshaping: a change that alters any
/// response fails here, and a deliberate change re-records the file (`HUB_RECORD_SNAPSHOT=1 swift test --filter
/// APISnapshot`) so that the diff shows what changed. Ids, tokens and request ids are numbered by first appearance.
@Suite("API snapshot")
struct APISnapshotTests {
    static let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/api-walk.txt")

    @Test(.timeLimit(.minutes(5))) func everyOperationAnswersAsRecorded() async throws {
        let transcript = try await TestHub.run { (hub: TestHub) async throws -> String in
            let walk = SnapshotWalk(hub: hub)
            try await walk.run()
            try await AuditTrailCheck.expectIntact(hub, atLeast: 100)
            return walk.transcript.withLock { $0 }
        }
        if ProcessInfo.processInfo.environment["HUB_RECORD_SNAPSHOT"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(transcript.utf8).write(to: Self.snapshot)
            return
        }
        let recorded = try String(contentsOf: Self.snapshot, encoding: .utf8)
        let (expected, actual) = (recorded.split(separator: "\n", omittingEmptySubsequences: false),
                                  transcript.split(separator: "\n", omittingEmptySubsequences: false))
        if let line = zip(expected, actual).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("line \(line.offset + 1) differs:\n  recorded: \(line.element.0)\n  now:      \(line.element.1)")
        }
        #expect(expected.count == actual.count, "the walk has \(actual.count) lines; the snapshot \(expected.count)")
    }
}

import Synchronization

/// The requests of the snapshot, in order, and what they answered.
final class SnapshotWalk: Sendable {
    let hub: TestHub
    let transcript = Mutex("")
    /// Every request made through ``call(_:_:_:json:raw:headers:note:sortItems:)``: method, path (no query), status.
    let calls = Mutex<[(method: String, path: String, status: Int)]>([])
    private let names = Mutex<[String: String]>([:])
    private let counters = Mutex<[String: Int]>([:])

    init(hub: TestHub) { self.hub = hub }

    static let purpose = HTTPField.Name("X-Hub-Purpose")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let shown: [HTTPField.Name] = [
        .contentType, .eTag, .location, .retryAfter, .allow, .cacheControl, .contentDisposition, .wwwAuthenticate,
        HTTPField.Name("Idempotent-Replayed")!,
    ]

    /// A placeholder for a value that differs from run to run, the same one each time the value appears.
    private func placeholder(_ kind: String, for value: String) -> String {
        let key = kind + ":" + value.lowercased()
        if let name = names.withLock({ $0[key] }) { return name }
        let number = counters.withLock { counters -> Int in
            counters[kind, default: 0] += 1
            return counters[kind]!
        }
        let name = "<\(kind)-\(number)>"
        names.withLock { $0[key] = name }
        return name
    }

    private func normalised(_ text: String) throws -> String {
        var text = text
        // A cursor is base64 of text naming an id: shown decoded, so that its id is numbered like the others.
        let cursor = try NSRegularExpression(pattern: "(\"nextCursor\":\"|cursor=)([A-Za-z0-9+/=%]+)")
        for match in cursor.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let range = Range(match.range(at: 2), in: text)!
            let encoded = String(text[range]).removingPercentEncoding ?? ""
            let decoded = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? encoded
            text.replaceSubrange(range, with: "<cursor " + decoded + ">")
        }
        for (pattern, kind) in [
            ("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", "uuid"),
            ("\"token\":\"[A-Za-z0-9_-]{20,}\"", "token"),
        ] {
            let regex = try NSRegularExpression(pattern: pattern)
            let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed()
            for match in matches {
                let range = Range(match.range, in: text)!
                let value = String(text[range])
                let replacement = kind == "token" ? "\"token\":\"" + placeholder(kind, for: value) + "\"" : placeholder(kind, for: value)
                text.replaceSubrange(range, with: replacement)
            }
        }
        let requestIds = names.withLock { names in names.filter { $0.key.hasPrefix("rid:") } }
        for (key, name) in requestIds { text = text.replacingOccurrences(of: String(key.dropFirst(4)), with: name) }
        // Import timings vary from run to run.
        let timing = try NSRegularExpression(pattern: "(\"(seconds|read|cleanse|store|link|alerts|gazetteer|compare|events|upsert|indexes|reserve|retire|write)\":)[0-9.e+-]+")
        text = timing.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1<seconds>")
        return text
    }

    private func write(_ line: String) { transcript.withLock { $0 += line + "\n" } }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, _ token: String? = nil, json: Any? = nil, raw: String? = nil,
        headers: HTTPFields = [:], note: String = "", sortItems: Bool = false
    ) async throws -> TestHub.Reply {
        let reply = try await hub.request(method, uri, token: token, json: json, rawBody: raw, headers: headers)
        calls.withLock { $0.append((method.rawValue, String(uri.prefix { $0 != "?" }), Int(reply.status.code))) }
        if let requestId = reply.headers[HTTPField.Name("X-Request-Id")!] { _ = placeholder("rid", for: requestId) }
        write("### \(method.rawValue) \(try normalised(uri))\(note.isEmpty ? "" : "  (\(note))")")
        write("status: \(reply.status.code)")
        for name in Self.shown { if let value = reply.headers[name] { write("\(name.canonicalName): \(try normalised(value))") } }
        var body = reply.contentType?.contains("yaml") == true ? "<\(reply.body.count > 0 ? "document" : "empty")>" : reply.text
        if sortItems, var object = reply.json as [String: Any]?, let items = object["items"] as? [[String: Any]] {
            // Items the route orders by a tie its ids break (requests made at one instant): in a fixed order here.
            object["items"] = items.sorted { "\($0["agency"] ?? "")\($0["incidentReference"] ?? "")" < "\($1["agency"] ?? "")\($1["incidentReference"] ?? "")" }
            body = "(items sorted) " + String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        write(try normalised(body))
        write("")
        return reply
    }

    func id(_ reply: TestHub.Reply, _ key: String = "id") throws -> String {
        guard let value = reply.json[key] as? String else { throw TestHubError("no \(key) in \(reply.text)") }
        return value
    }

    func run() async throws {
        let clock = hub.clock
        let now = clock.now()
        let purpose: HTTPFields = [Self.purpose: "MASH enquiry R-000001"]

        try await call(.get, "/health")
        try await call(.get, "/ready")
        try await call(.get, "/api/v1/openapi.yaml")
        try await call(.post, "/api/v1/sessions", json: ["username": "triage", "password": "wrong password"], note: "wrong password")
        var triage = try id(try await call(.post, "/api/v1/sessions", json: ["username": "triage", "password": TestHub.demoPassword]), "token")
        var manager = try await hub.signIn("manager")
        let police = try await hub.signIn("police")
        let health = try await hub.signIn("health")
        var board = try await hub.signIn("board")
        var admin = try await hub.signIn("admin")
        try await call(.get, "/api/v1/sessions/current", triage)
        try await call(.get, "/api/v1/agencies", triage)
        try await call(.get, "/api/v1/users", triage, note: "not admin")
        try await call(.get, "/api/v1/users", admin)
        try await call(.post, "/api/v1/users", admin, json: [
            "username": "nia.howells", "displayName": "Nia Howells", "agency": "piphire_uhb", "role": "partner_responder",
            "password": "a long enough password",
        ])
        try await call(.post, "/api/v1/users", admin, json: ["username": "x", "displayName": "", "agency": "nowhere", "role": "admin", "password": "short"])
        try await call(.post, "/api/v1/users/nia.howells/disable", admin)
        try await call(.post, "/api/v1/users/nobody/disable", admin)
        try await call(.post, "/api/v1/users/triage/unlock", admin)
        try await call(.post, "/api/v1/users/nobody/unlock", admin)
        try await call(.post, "/api/v1/users/triage/unlock", triage, note: "not admin")

        // Tracker: the feed format's example extract, so that referrals find their subjects.
        try await call(.post, "/api/v1/feeds?fileName=example.csv&extractDate=2026-11-01", admin, raw: TrackerFixtures.example)
        try await call(.post, "/api/v1/feeds?fileName=example.csv&extractDate=2026-11-01", admin, raw: TrackerFixtures.example, note: "again")
        try await call(.post, "/api/v1/feeds?extractDate=yesterday", admin, raw: TrackerFixtures.example)

        // Referrals.
        let c1 = try await call(.post, "/api/v1/referrals", triage, json: WorkflowFixtures.c1(receivedAt: now.addingTimeInterval(-1800)))
        let c1Id = try id(c1)
        try await call(.post, "/api/v1/referrals", triage, json: WorkflowFixtures.ppn(receivedAt: now.addingTimeInterval(-1200), dashScore: 15),
                       headers: [Self.idempotencyKey: "ppn-1"])
        let replay = try await call(.post, "/api/v1/referrals", triage, json: WorkflowFixtures.ppn(receivedAt: now.addingTimeInterval(-1200), dashScore: 15),
                                    headers: [Self.idempotencyKey: "ppn-1"], note: "replayed")
        let ppnId = try id(replay)
        let a1 = try await call(.post, "/api/v1/referrals", triage, json: WorkflowFixtures.a1(receivedAt: now.addingTimeInterval(-600)))
        let a1Id = try id(a1)
        try await call(.post, "/api/v1/referrals", triage, json: ["form": "c1"], note: "invalid")
        try await call(.post, "/api/v1/referrals", police, json: WorkflowFixtures.a1(receivedAt: now), note: "not as its own agency")
        try await call(.get, "/api/v1/referrals-made", police)
        try await call(.get, "/api/v1/referrals-made", board, note: "forbidden")
        try await call(.get, "/api/v1/referrals", triage)
        let firstPage = try await call(.get, "/api/v1/referrals?limit=2", triage)
        if let cursor = firstPage.json["nextCursor"] as? String {
            try await call(.get, "/api/v1/referrals?limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", triage)
        }
        try await call(.get, "/api/v1/referrals?form=a1&status=received&from=2026-01-01", triage)
        try await call(.get, "/api/v1/referrals?status=lost", triage)
        try await call(.get, "/api/v1/referrals/\(c1Id)", triage, headers: purpose)
        try await call(.get, "/api/v1/referrals/00000000-0000-0000-0000-000000000000", triage)
        try await call(.get, "/api/v1/referrals/not-a-uuid", triage)

        // Decisions and ratification.
        let c1Decided = try await call(.post, "/api/v1/referrals/\(c1Id)/decision", triage, json: [
            "kind": "meets_threshold", "rationale": "Repeated neglect indicators.", "ragRating": "red",
            "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
        ], headers: [.ifMatch: "\"1\""])
        try await call(.post, "/api/v1/referrals/\(c1Id)/decision", triage, json: ["kind": "no_further_action", "rationale": "x"], note: "no If-Match")
        try await call(.post, "/api/v1/referrals/\(ppnId)/decision", triage, json: ["kind": "no_further_action", "rationale": "x"],
                       headers: [.ifMatch: "\"7\""], note: "stale")
        try await call(.post, "/api/v1/referrals/\(a1Id)/decision", triage, json: [
            "kind": "no_further_action", "rationale": "Lodger arrangement is agreed and documented.",
        ], headers: [.ifMatch: "\"1\""])
        try await call(.post, "/api/v1/referrals/\(a1Id)/ratification", manager, json: ["verdict": "ratified"], headers: [.ifMatch: "\"2\""],
                       note: "an adult's decision needs none")
        let second = try id(try await call(.post, "/api/v1/referrals", triage,
                                           json: WorkflowFixtures.c1(receivedAt: now.addingTimeInterval(-300), nhsNumber: "401 023 2137")))
        try await call(.post, "/api/v1/referrals/\(second)/decision", triage, json: [
            "kind": "no_further_action", "rationale": "Seen by the school nurse; no concerns remain.",
        ], headers: [.ifMatch: "\"1\""])
        try await call(.post, "/api/v1/referrals/\(second)/ratification", triage, json: ["verdict": "ratified"], headers: [.ifMatch: "\"2\""],
                       note: "not a manager")
        try await call(.post, "/api/v1/referrals/\(second)/ratification", manager, json: ["verdict": "overturned"], headers: [.ifMatch: "\"2\""],
                       note: "no note")
        try await call(.post, "/api/v1/referrals/\(second)/ratification", manager, json: ["verdict": "ratified", "note": "Agreed."],
                       headers: [.ifMatch: "\"2\""])
        // Feedback to the referrer (issue #20): the school nurse's referral was decided; its referrer hears by phone.
        try await call(.post, "/api/v1/referrals/\(second)/feedback", triage, json: [
            "channel": "phone", "givenAt": WorkflowFixtures.instant(now), "summary": "no_further_action",
            "note": "Spoke to the health visitor.",
        ])
        try await call(.post, "/api/v1/referrals/\(second)/feedback", triage, json: [
            "channel": "hub", "givenAt": WorkflowFixtures.instant(now.addingTimeInterval(3600)), "summary": "no_further_action",
        ], note: "invalid")
        try await call(.post, "/api/v1/referrals/\(second)/feedback", triage, json: ["channel": "pigeon"], note: "malformed")
        try await call(.post, "/api/v1/referrals/\(ppnId)/feedback", triage, json: [
            "channel": "email", "givenAt": WorkflowFixtures.instant(now), "summary": "sharing_information",
        ], note: "not decided")
        try await call(.post, "/api/v1/referrals/00000000-0000-0000-0000-000000000000/feedback", triage, json: [
            "channel": "email", "givenAt": WorkflowFixtures.instant(now), "summary": "sharing_information",
        ], note: "no such referral")
        try await call(.post, "/api/v1/referrals/\(second)/feedback", police, json: [
            "channel": "email", "givenAt": WorkflowFixtures.instant(now), "summary": "sharing_information",
        ], note: "not the MASH")
        try await call(.get, "/api/v1/referrals/\(second)", triage, headers: purpose)
        clock.advance(by: 60)  // incidents opened at one instant would list in id order, which differs from run to run
        let ppnDecided = try await call(.post, "/api/v1/referrals/\(ppnId)/decision", triage, json: [
            "kind": "meets_threshold", "rationale": "High-risk DASH.", "ragRating": "red",
        ], headers: [.ifMatch: "\"1\""])

        // Incidents.
        let incidentId = try #require((c1Decided.json["incident"] as? [String: Any])?["id"] as? String)
        let ppnIncidentId = try #require((ppnDecided.json["incident"] as? [String: Any])?["id"] as? String)
        try await call(.get, "/api/v1/incidents", triage)
        try await call(.get, "/api/v1/incidents?rag=red&state=sharing&breached=false", triage)
        try await call(.get, "/api/v1/incidents?rag=purple", triage)
        try await call(.get, "/api/v1/incidents", board, note: "board")
        try await call(.get, "/api/v1/incidents/\(incidentId)", triage, headers: purpose)
        clock.advance(by: 600)
        try await call(.patch, "/api/v1/incidents/\(incidentId)", triage, json: ["rag": "amber", "rationale": "Child seen and safe today."],
                       headers: [.ifMatch: "\"1\""])
        try await call(.patch, "/api/v1/incidents/\(incidentId)", triage, json: ["state": "sharing"], headers: [.ifMatch: "\"2\""])
        try await call(.post, "/api/v1/incidents/\(incidentId)/share-requests", triage, json: ["agencies": ["pip_education"]],
                       headers: [.ifMatch: "\"2\""])
        try await call(.post, "/api/v1/incidents/\(incidentId)/share-requests", triage, json: ["agencies": ["pip_education", "nowhere"]],
                       headers: [.ifMatch: "\"3\""])
        try await call(.post, "/api/v1/incidents/\(ppnIncidentId)/share-requests", triage, json: ["agencies": ["piphire_police"]],
                       headers: [.ifMatch: "\"1\""])

        // Share requests.
        let inbox = try await call(.get, "/api/v1/share-requests?state=requested", police)
        let policeRequests = (inbox.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        try await call(.get, "/api/v1/share-requests", triage, sortItems: true)
        try await call(.get, "/api/v1/share-requests?state=lost", triage)
        let healthInbox = try await call(.get, "/api/v1/share-requests", health)
        let healthRequest = try #require((healthInbox.json["items"] as? [[String: Any]])?.first?["id"] as? String)
        try await call(.get, "/api/v1/share-requests/\(healthRequest)", police, note: "another agency")
        try await call(.get, "/api/v1/share-requests/\(healthRequest)", health, headers: purpose)
        try await call(.post, "/api/v1/share-requests/\(healthRequest)/chase", triage)
        clock.advance(by: 1200)
        if let first = policeRequests.first {
            try await call(.post, "/api/v1/share-requests/\(first)/response", police,
                           json: ["kind": "information_shared", "information": "Two 101 calls from the address in October."])
        }
        try await call(.post, "/api/v1/share-requests/\(healthRequest)/response", health, json: ["kind": "declined"], note: "no reason")
        try await call(.post, "/api/v1/share-requests/\(healthRequest)/response", health, json: ["kind": "nothing_known"])
        try await call(.post, "/api/v1/share-requests/\(healthRequest)/response", health, json: ["kind": "nothing_known"], note: "again")
        try await call(.post, "/api/v1/share-requests/\(healthRequest)/chase", triage, note: "answered")
        // The PPN incident's request to the police: the MASH may not answer it directly, and a partner may not record
        // on behalf; what the police said by phone the MASH records on its behalf (a bad channel first).
        #expect(policeRequests.count == 2)
        let phoned = try #require(policeRequests.last)
        try await call(.post, "/api/v1/share-requests/\(phoned)/response", triage, json: ["kind": "nothing_known"], note: "the MASH directly")
        let onBehalf: [String: Any] = [
            "kind": "information_shared", "information": "One 999 call from the address last week.", "channel": "phone",
            "contactName": "DS Rhys Evans, public protection unit", "receivedAt": WorkflowFixtures.instant(clock.now().addingTimeInterval(-300)),
        ]
        try await call(.post, "/api/v1/share-requests/\(phoned)/response-on-behalf", police, json: onBehalf, note: "a partner")
        try await call(.post, "/api/v1/share-requests/\(phoned)/response-on-behalf", triage, json: onBehalf.merging(["channel": "fax"]) { $1 },
                       note: "bad channel")
        try await call(.post, "/api/v1/share-requests/\(phoned)/response-on-behalf", triage,
                       json: onBehalf.merging(["receivedAt": WorkflowFixtures.instant(clock.now().addingTimeInterval(3600))]) { $1 }, note: "future")
        try await call(.post, "/api/v1/share-requests/\(phoned)/response-on-behalf", triage, json: onBehalf)
        try await call(.post, "/api/v1/share-requests/\(phoned)/response-on-behalf", triage, json: onBehalf, note: "again")
        try await call(.get, "/api/v1/share-requests/\(phoned)", police, headers: purpose, note: "recorded on behalf")

        // Strategy discussion, timeline, close.
        let current = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage)
        let etag = current.headers[.eTag] ?? "\"0\""
        try await call(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", triage, json: [
            "kind": "strategy_discussion", "heldAt": WorkflowFixtures.instant(clock.now().addingTimeInterval(-300)),
            "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
            "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Nia Howells", "agency": "piphire_uhb"]],
            "informationConsidered": "Police calls; health has nothing further.", "decisions": "Section 47 enquiry to start today.",
            "outcome": "child_protection_enquiry",
            "actions": [["ownerAgency": "pip_childrens", "description": "Home visit", "dueDate": "2026-12-01"]],
        ], headers: [.ifMatch: etag])
        try await call(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", triage, json: ["kind": "tea"], headers: [.ifMatch: etag], note: "invalid")
        try await call(.get, "/api/v1/incidents/\(incidentId)/timeline", triage)
        let afterDiscussion = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage)
        try await call(.patch, "/api/v1/incidents/\(incidentId)", triage, json: ["state": "closed"],
                       headers: [.ifMatch: afterDiscussion.headers[.eTag] ?? "\"0\""])

        // Sessions idle out after 30 minutes of the manual clock: sign in again.
        let (board2, manager2, admin2, triage2) = (try await hub.signIn("board"), try await hub.signIn("manager"),
                                                   try await hub.signIn("admin"), try await hub.signIn("triage"))
        (board, manager, admin, triage) = (board2, manager2, admin2, triage2)

        // Reports, as the board and as the MASH.
        try await call(.get, "/api/v1/reports", board)
        for name in ["volumes", "rag", "sla", "outcomes", "conversion", "repeat-referrals", "marac", "meetings", "interaction-bands"] {
            try await call(.get, "/api/v1/reports/\(name)?from=2026-01-01&to=2026-12-01", board)
        }
        try await call(.get, "/api/v1/reports/area?area=PP2&from=2026-01-01&to=2026-12-01", manager)
        try await call(.get, "/api/v1/reports/area", manager, note: "no area")
        try await call(.get, "/api/v1/reports/volumes?from=2026-01-01&to=2026-12-01", board, headers: [.accept: "text/csv"])
        try await call(.get, "/api/v1/reports/nothing", board)
        try await call(.get, "/api/v1/reports/volumes", police, note: "partner")

        // Tracker.
        try await call(.post, "/api/v1/tracker/search", triage, json: ["purpose": "MASH enquiry R-000001", "surname": "Peters", "postcode": "PP2 5GN"])
        try await call(.post, "/api/v1/tracker/search", triage, json: ["surname": "Peters"], note: "no purpose")
        try await call(.post, "/api/v1/tracker/search", triage, json: ["purpose": "x", "dateOfBirth": "the 5th"], note: "bad date")
        let search = try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                           json: ["purpose": "MASH enquiry", "nhsNumber": "999 234 5675"])
        let personId = ((search.json["persons"] as? [[String: Any]])?.first?["personId"] as? Int).map(String.init) ?? "1"
        try await call(.get, "/api/v1/tracker/persons/\(personId)", triage, headers: purpose)
        try await call(.get, "/api/v1/tracker/persons/\(personId)", triage, note: "no purpose")
        try await call(.get, "/api/v1/tracker/persons/999999", triage, headers: purpose)
        try await call(.get, "/api/v1/tracker/addresses/100100012345", triage, headers: purpose)
        try await call(.get, "/api/v1/tracker/addresses/0", triage, headers: purpose)
        let reviews = try await call(.get, "/api/v1/tracker/reviews", triage)
        if let review = (reviews.json["items"] as? [[String: Any]])?.first?["id"] as? Int {
            try await call(.post, "/api/v1/tracker/reviews/\(review)", triage, json: ["decision": "reject"])
        }
        try await call(.post, "/api/v1/tracker/reviews/999999", triage, json: ["decision": "confirm"])
        try await call(.post, "/api/v1/tracker/reviews/1", triage, json: ["decision": "maybe"])
        try await call(.get, "/api/v1/tracker/high-frequency?unit=person&band=1-5&from=2025-11-01&to=2026-11-30", manager, headers: purpose)
        try await call(.get, "/api/v1/tracker/high-frequency?unit=address&band=1-5&from=2025-11-01&to=2026-11-30", manager, headers: purpose)
        try await call(.get, "/api/v1/tracker/high-frequency?unit=street", manager, headers: purpose)

        // Alerts, rules and the watchlist.
        try await call(.get, "/api/v1/alert-rules", triage)
        try await call(.put, "/api/v1/alert-rules/repeat_ae_children", admin, json: [
            "title": "Children attending A&E three times in 90 days", "condition": "events_in_window",
            "parameters": ["categories": ["ae_attendance"], "minimumCount": 3, "windowDays": 90, "maxAgeYears": 18, "recentDays": 30],
            "notifyAgencies": ["pip_childrens"], "explanation": "{name} attended A&E {count} times in {windowDays} days.",
        ])
        try await call(.put, "/api/v1/alert-rules/Bad-Code", admin, json: ["title": ""])
        let watch = try await call(.post, "/api/v1/watchlist", triage, json: ["personId": Int(personId) ?? 1, "reason": "CP plan review"])
        try await call(.post, "/api/v1/watchlist", triage, json: ["reason": "nothing named"])
        try await call(.get, "/api/v1/watchlist", triage)
        try await call(.post, "/api/v1/feeds?fileName=later.csv&extractDate=2026-11-02", admin, raw: TrackerFixtures.later)
        let alerts = try await call(.get, "/api/v1/alerts?state=all", triage, headers: purpose)
        try await call(.get, "/api/v1/alerts?state=closed", triage)
        if let alert = (alerts.json["items"] as? [[String: Any]])?.first?["id"] as? String {
            try await call(.get, "/api/v1/alerts/\(alert)", triage, headers: purpose)
            try await call(.post, "/api/v1/alerts/\(alert)/acknowledgement", triage, json: ["note": "Seen at triage."])
            try await call(.post, "/api/v1/alerts/\(alert)/acknowledgement", triage, json: ["note": "again"])
        }
        if let entry = watch.json["id"] as? String {
            try await call(.delete, "/api/v1/watchlist/\(entry)", triage)
            try await call(.delete, "/api/v1/watchlist/\(entry)", triage, note: "again")
        }

        // The audit trail, and signing out.
        try await call(.get, "/api/v1/audit-events?objectType=referral&objectId=\(c1Id)&limit=20", admin)
        try await call(.get, "/api/v1/audit-events?limit=0", admin)
        try await call(.get, "/api/v1/audit-events", triage, note: "not admin")
        try await call(.delete, "/api/v1/sessions/current", triage)
        try await call(.get, "/api/v1/sessions/current", triage, note: "signed out")
        try await call(.get, "/api/v1/nothing-here", manager)
        try await call(.get, "/api/v1/referrals", note: "no token")

        // SLA clock policies (administrators), and the test clock, which exists only with HUB_TEST_CLOCK.
        try await call(.get, "/api/v1/sla-policies", admin)
        try await call(.get, "/api/v1/sla-policies", manager, note: "not admin")
        let cwmTaf = ["red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"]
        try await call(.put, "/api/v1/sla-policies", admin, json: cwmTaf, note: "no If-Match")
        try await call(.put, "/api/v1/sla-policies", admin, json: cwmTaf, headers: [.ifMatch: "\"1\""])
        try await call(.put, "/api/v1/sla-policies", admin, json: ["red": "weekdays", "amber": "continuous", "green": "continuous", "strategyDiscussion": "continuous"],
                       headers: [.ifMatch: "\"2\""], note: "invalid")
        try await call(.get, "/api/v1/test-clock", admin, note: "HUB_TEST_CLOCK off")

        // Actions agreed at the strategy discussion (the C1's home visit, owned by children's services): the MASH's
        // lists, one read, marking it done, and the board report; a partner sees none of another agency's.
        let policeNow = try await hub.signIn("police")
        let actions = try await call(.get, "/api/v1/actions", manager)
        try await call(.get, "/api/v1/actions?state=overdue", manager)
        try await call(.get, "/api/v1/actions?state=lost", manager)
        try await call(.get, "/api/v1/actions", policeNow, note: "another agency's")
        try await call(.get, "/api/v1/actions", board, note: "board")
        if let action = (actions.json["items"] as? [[String: Any]])?.first?["id"] as? String {
            try await call(.get, "/api/v1/actions/\(action)", manager, headers: purpose)
            try await call(.get, "/api/v1/actions/\(action)", policeNow, note: "another agency")
            try await call(.post, "/api/v1/actions/\(action)/completion", manager, json: ["note": "Visited."], note: "no If-Match")
            try await call(.post, "/api/v1/actions/\(action)/completion", manager, json: ["note": "  "], headers: [.ifMatch: "\"1\""],
                           note: "blank note")
            try await call(.post, "/api/v1/actions/\(action)/completion", manager, json: ["note": "Home visit made; Ceri seen with her mother."],
                           headers: [.ifMatch: "\"1\""])
            try await call(.post, "/api/v1/actions/\(action)/completion", manager, json: ["note": "Again."], headers: [.ifMatch: "\"2\""],
                           note: "again")
        }
        try await call(.get, "/api/v1/actions?state=done", manager)
        try await call(.get, "/api/v1/actions/00000000-0000-0000-0000-000000000000", manager)
        try await call(.get, "/api/v1/reports/actions?from=2026-01-01&to=2026-12-01", board)
    }
}
