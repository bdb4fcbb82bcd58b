import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Every list the API pages with a cursor shows every item exactly once, in order, even when many share the last
/// item's time (a cursor that lost a microsecond hid them).
@Suite("Paging")
struct PagingTests {
    /// Follows `nextCursor` from `first` one item at a time; the ids in the order shown.
    static func walk(_ hub: TestHub, _ token: String, _ path: String, purpose: Bool = false) async throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        let headers: HTTPFields = purpose ? [HTTPField.Name("X-Hub-Purpose")!: "paging test"] : [:]
        for _ in 0..<50 {
            let separator = path.contains("?") ? "&" : "?"
            let uri = path + separator + "limit=1" + (cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
            let page = try await hub.request(.get, uri, token: token, headers: headers)
            #expect(page.status == .ok, "\(uri): \(page.text)")
            let items = try #require(page.json["items"] as? [[String: Any]])
            ids += items.compactMap { $0["id"] as? String }
            guard let next = page.json["nextCursor"] as? String else { break }
            cursor = next
        }
        return ids
    }

    /// The ids of the list's first page of up to 100: the order the one-by-one walk must show them in.
    static func onePage(_ hub: TestHub, _ token: String, _ path: String, purpose: Bool = false) async throws -> [String] {
        let headers: HTTPFields = purpose ? [HTTPField.Name("X-Hub-Purpose")!: "paging test"] : [:]
        let page = try await hub.request(.get, path + (path.contains("?") ? "&" : "?") + "limit=100", token: token, headers: headers)
        return try #require(page.json["items"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    @Test(.timeLimit(.minutes(3))) func referralsReceivedAtOneInstantArePagedOneByOne() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // Groups of three received at one instant, at several instants (a time read back from the database may
            // fall a hair below its microsecond: which ones do depends on the value).
            var created: [String] = []
            for number in 0..<21 {
                let instant = Date(timeIntervalSince1970: 1_794_990_000 + Double(number / 3) * 0.137)
                let body = ReferralFixture.c1(receivedAt: instant, nhsNumber: Self.nhsNumber(number)).body
                let reply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body)
                #expect(reply.status == .created, "\(reply.text)")
                created.append(try #require(reply.json["id"] as? String))
            }
            let shown = try await Self.walk(hub, triage, "/api/v1/referrals")
            // Each exactly once, newest first (among equal times by id, descending).
            #expect(shown.count == created.count)
            #expect(Set(shown) == Set(created))
            #expect(shown == (try await Self.onePage(hub, triage, "/api/v1/referrals")), "the walk's order is not the list's")
        }
    }

    @Test(.timeLimit(.minutes(3))) func alertsRaisedAtOneInstantArePagedOneByOne() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var made: [String] = []
            for number in 0..<21 {
                let raised = Date(timeIntervalSince1970: 1_794_990_000 + Double(number / 3) * 0.123457)
                let id = UUID()
                made.append(id.uuidString.lowercased())
                try await hub.superuser { connection in
                    try await connection.query(
                        """
                        INSERT INTO alerts (id, rule_code, dedupe_key, trigger, raised_at, agency_codes, title, explanation, facts)
                        VALUES (\(id), 'cpp_child_attends_ae', \("paging-\(number)"), 'import', \(raised), '{pip_childrens}', 'A test alert', 'For paging.', '{}')
                        """, logger: hub.environment.logger)
                }
            }
            let shown = try await Self.walk(hub, triage, "/api/v1/alerts?state=all", purpose: true)
            #expect(shown.count == made.count)
            #expect(Set(shown) == Set(made))
            #expect(shown == (try await Self.onePage(hub, triage, "/api/v1/alerts?state=all", purpose: true)), "the walk's order is not the list's")
        }
    }

    @Test(.timeLimit(.minutes(3))) func actionsDueOnOneDayOrDoneAtOneInstantArePagedOneByOne() async throws {
        try await TestHub.run(clock: ManualClock(try Date("2026-06-17T09:00:00Z", strategy: .iso8601))) { (hub: TestHub) async throws in
            // Seven actions due on each of three days: open ones are listed soonest due first, by id among equals.
            let days = ["2026-06-18", "2026-06-19", "2026-06-20"]
            _ = try await ActionFixtures.incident(hub, actions: (0..<21).map {
                ActionFixtures.Agreed("piphire_police", "Action \($0)", due: days[$0 % 3])
            })
            let police = try await hub.signIn("police")
            let all = ActionFixtures.items(try await hub.request(.get, "/api/v1/actions?limit=500", token: police))
            #expect(all.count == 21)
            let dues = all.compactMap { $0["dueDate"] as? String }
            #expect(dues == dues.sorted())
            let shown = try await Self.walk(hub, police, "/api/v1/actions?state=open")
            #expect(shown == all.compactMap { $0["id"] as? String })
            #expect(Set(shown).count == 21)
            #expect(try await Self.walk(hub, try await hub.signIn("triage"), "/api/v1/actions").count == 21)

            // Nine done at one instant (the clock does not move): the done list, latest first, shows each once.
            let done = Array(shown.prefix(9))
            for id in done {
                let reply = try await hub.request(.post, "/api/v1/actions/\(id)/completion", token: police, json: ["note": "Done."],
                                                  headers: [.ifMatch: "\"1\""])
                #expect(reply.status == .ok, "\(reply.text)")
            }
            let shownDone = try await Self.walk(hub, police, "/api/v1/actions?state=done")
            #expect(shownDone.count == 9)
            #expect(Set(shownDone) == Set(done))
            #expect(try await Self.walk(hub, police, "/api/v1/actions?state=open").count == 12)
        }
    }

    /// A valid NHS number from the 999 test range, different for each `number`.
    static func nhsNumber(_ number: Int) -> String {
        var candidate = 999_000_000 + number * 7
        while true {
            let digits = String(candidate).map { Int(String($0))! }
            let sum = zip(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
            let check = (11 - sum % 11) % 11
            if check != 10 { return String(candidate) + String(check) }
            candidate += 1
        }
    }
}
