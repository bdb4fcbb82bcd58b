import Foundation
import HTTPTypes
import HubData
import HubServer
import HubTestSupport
import Testing

/// #16 item 13: no count the board does not see can be worked back from the figures it does see. Every board and
/// tracker report is read as the board sees it, JSON and CSV, and the attacker (``DisclosureAttack``) solves for
/// each hidden count from the figures shown and the report's definition; the same report read by a MASH manager
/// gives the true values.
@Suite("Suppressed figures cannot be worked back")
struct SuppressionAttackTests {
    static let reports = ["volumes", "rag", "sla", "outcomes", "conversion", "repeat-referrals", "marac", "meetings", "actions",
                          "adult-risk-at-closure", "referrer-feedback", "interaction-bands", "area"]

    /// Every report of `reports` for the period of `query`, as JSON and as CSV: what the attacker recovers from each.
    static func attack(_ hub: TestHub, query: String, area: String = "PP2") async throws -> (json: [String], csv: [String], hidden: Int) {
        let board = try await hub.signIn("board")
        let manager = try await hub.signIn("manager")
        var (json, csv, hidden) = ([String](), [String](), 0)
        for name in reports {
            let path = "/api/v1/reports/\(name)?\(query)" + (name == "area" ? "&area=\(area)" : "")
            let shown = try await hub.request(.get, path, token: board)
            let truth = try await hub.request(.get, path, token: manager)
            let text = try await hub.request(.get, path, token: board, headers: [.accept: "text/csv"])
            try #require(shown.status == .ok && truth.status == .ok && text.status == .ok, "\(name): \(shown.text)")
            let published = try PublishedReport(json: shown.json)
            let exact = try PublishedReport(json: truth.json)
            let table = try PublishedReport(csv: text.text, name: name, kinds: published.kinds)
            #expect(table.rows == published.rows, "\(name): the CSV says what the JSON says")
            json += try DisclosureAttack.recoverable(published, exact: exact).map(\.description)
            csv += try DisclosureAttack.recoverable(table, exact: exact).map(\.description)
            hidden += published.rows.joined().filter { $0 == .small || $0 == .withheld }.count
        }
        return (json, csv, hidden)
    }

    /// A column with one small count (a form, a source, a channel; a rating), a row with one small count (a share
    /// request row's breached, beside its due), and the issue's case: in `outcomes` a service's `<5` outcome was its
    /// total (worked out from another outcome's count and share) less the other outcomes.
    @Test func figuresMadeToGiveSmallCountsAway() async throws {
        try await BoardReportTests().withFixture({ f in
            var incidents: [UUID] = []
            for day in 0..<20 {
                let referral = try await f.referral("2026-03-\(String(format: "%02d", day + 2))T10:00:00Z")
                incidents.append(try await f.incident(for: referral, at: "2026-03-\(String(format: "%02d", day + 2))T11:00:00Z",
                                                      ratings: [day < 10 ? "red" : day < 17 ? "amber" : "green"]))
            }
            for day in 0..<3 { _ = try await f.referral("2026-03-0\(day + 2)T12:00:00Z", form: "a1", service: "adults", source: nil, channel: "email") }
            for day in 0..<6 {
                _ = try await f.referral("2026-03-1\(day)T12:00:00Z", form: "ppn", source: "piphire_police", channel: "police_notification")
            }
            // Outcomes of the 20 children's incidents: 10 child protection enquiries, 3 early help, 7 none recorded.
            for (index, incident) in incidents.enumerated() where index < 13 {
                try await f.discussion(incident: incident, heldAt: "2026-03-25T10:00:00Z",
                                       outcome: index < 10 ? "child_protection_enquiry" : "early_help", attendees: 3)
            }
            // Share requests: 9 to the police about red incidents (2 answered late), 3 to health about amber ones.
            for index in 0..<9 {
                try await f.shareRequest(incident: incidents[index], agency: "piphire_police", rag: "red", requestedAt: "2026-03-20T09:00:00Z",
                                         dueMinutes: 120, answeredAfterMinutes: index < 2 ? 200 : 60)
            }
            for index in 10..<13 {
                try await f.shareRequest(incident: incidents[index], agency: "piphire_uhb", rag: "amber", requestedAt: "2026-03-20T09:00:00Z",
                                         dueMinutes: 120, answeredAfterMinutes: 30)
            }
        }, then: { hub in
            let found = try await Self.attack(hub, query: "from=2026-03-01&to=2026-04-01")
            #expect(found.json == [], "worked back from the JSON")
            #expect(found.csv == [], "worked back from the CSV")
            #expect(found.hidden >= 20)
            try await Self.dashboardShowsWhatTheAPIShows(hub)
        })
    }

    /// The board's dashboard reads the same use case: its CSV downloads are the API's, and its outcomes table shows
    /// the API's figures (`<5`, "Suppressed").
    static func dashboardShowsWhatTheAPIShows(_ hub: TestHub) async throws {
        let board = try await hub.signIn("board")
        let (cookie, _) = try await ScreenSecurityTests.signIn(hub, "board")
        let headers: HTTPFields = [ScreenSecurityTests.cookie: cookie]
        for name in reports where name != "area" {
            let api = try await hub.request(.get, "/api/v1/reports/\(name)?from=2026-03-01&to=2026-04-01", token: board, headers: [.accept: "text/csv"])
            let screen = try await hub.request(.get, "/dashboard/\(name)/csv?from=2026-03-01&to=2026-03-31", headers: headers)
            #expect(screen.text == api.text, "\(name)")
        }
        let page = try await hub.request(.get, "/dashboard?from=2026-03-01&to=2026-03-31", headers: headers).text
        let outcomes = try #require(page.range(of: "id=\"report-outcomes\"")).upperBound
        let body = page[outcomes...]
        let table = String(body[..<(body.range(of: "</tbody>")?.lowerBound ?? body.endIndex)])
        let cells = table.components(separatedBy: "<tr>").dropFirst().filter { $0.contains("<td") }.map { row in
            row.components(separatedBy: "<td").dropFirst().map { cell in
                String(cell[cell.index(after: cell.firstIndex(of: ">")!)...].prefix { $0 != "<" })
            }
        }
        let json = try PublishedReport(json: try await hub.request(.get, "/api/v1/reports/outcomes?from=2026-03-01&to=2026-04-01", token: board).json)
        let shown = json.rows.map { row -> String in
            switch row[2] {
            case let .count(value): return String(value)
            case .small: return "&lt;5"
            case .withheld: return "Suppressed"
            default: return "?"
            }
        }
        #expect(cells.map { $0.count > 2 ? $0[2] : "" } == shown)
        #expect(shown.contains("&lt;5") && shown.contains("Suppressed"))
    }

    /// The attacker itself finds the issue's case in the figures the board was shown before secondary suppression:
    /// children's outcomes 10, `<5` and 7, the first at 50%: the total is 20 and the `<5` is 3.
    @Test func theAttackerWorksBackTheIssuesCase() throws {
        func report(_ rows: [[Any]]) -> [String: Any] {
            ["report": "outcomes",
             "columns": [["name": "service", "kind": "dimension"], ["name": "outcome", "kind": "dimension"],
                         ["name": "incidents", "kind": "count"], ["name": "sharePercent", "kind": "derived"]],
             "rows": rows.map { ["service": $0[0], "outcome": $0[1], "incidents": $0[2], "sharePercent": $0[3]] }]
        }
        let shown = try PublishedReport(json: report([["children", "child_protection_enquiry", 10, 50.0], ["children", "early_help", "<5", "suppressed"],
                                                      ["children", "none recorded", 7, 35.0]]))
        let exact = try PublishedReport(json: report([["children", "child_protection_enquiry", 10, 50.0], ["children", "early_help", 3, 15.0],
                                                      ["children", "none recorded", 7, 35.0]]))
        let findings = try DisclosureAttack.recoverable(shown, exact: exact)
        #expect(findings.map(\.description) == ["outcomes row 1 incidents = 3 is the only value the published figures allow"])
        // With the next smallest outcome withheld too, 3 could be anything from 1 to 4.
        let protected = try PublishedReport(json: report([["children", "child_protection_enquiry", 10, 50.0], ["children", "early_help", "<5", "suppressed"],
                                                          ["children", "none recorded", "suppressed", "suppressed"]]))
        #expect(try DisclosureAttack.recoverable(protected, exact: exact).isEmpty)
    }

    /// Many 3 × 3 tables with row, column and grand totals, their counts drawn mostly small (a seeded generator):
    /// the rule's decisions, published as JSON, give the attacker no hidden count.
    @Test func randomTablesWithMarginsGiveNothingAway() throws {
        var state: UInt64 = 0x5EC0_0DA7
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000)
        }
        let values = [0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 9, 12, 20]
        var hidden = 0
        for _ in 0..<300 {
            var rows: [[ReportValue]] = (0..<3).map { row in
                let cells = (0..<3).map { _ in values[next() % values.count] }
                return [.text("r\(row)")] + cells.map(ReportValue.count) + [.count(cells.reduce(0, +))]
            }
            rows.append([.text("total")] + (1...4).map { column in
                .count(rows.reduce(0) { sum, row in if case let .count(value) = row[column] { return sum + value }; return sum })
            })
            var table = ReportTable(report: "grid", from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 86_400),
                                    columns: [.init("row", .dimension), .init("a", .count), .init("b", .count), .init("c", .count), .init("total", .count)],
                                    rows: rows)
            table.sumColumns("total", of: ["a", "b", "c"])
            table.sumRows(3, of: [0, 1, 2], columns: ["a", "b", "c", "total"])
            func published(_ table: ReportTable) throws -> PublishedReport {
                try PublishedReport(json: try JSONSerialization.jsonObject(with: try JSONEncoder().encode(table)) as? [String: Any] ?? [:])
            }
            let shown = try published(table.suppressingSmallNumbers())
            let findings = try DisclosureAttack.recoverable(shown, exact: try published(table))
            #expect(findings.isEmpty, "\(rows.map { $0.map(\.csv) }) → \(shown.rows) gives away \(findings)")
            hidden += shown.rows.joined().filter { $0 == .small || $0 == .withheld }.count
        }
        #expect(hidden > 600)
    }

    /// The demo's months of casework and its partner feeds, read for the year to now. It loads the whole demo in the
    /// test process (one to two minutes of both cores), which in the full suite on a loaded two-core machine pushed
    /// time-limited tests over their limits and left the run waiting: so it runs on its own, with
    /// `HUB_DEMO_ATTACK=1 swift test --filter SuppressionAttackTests/theDemo`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUB_DEMO_ATTACK"] == "1", "set HUB_DEMO_ATTACK=1 to attack the demo's reports"))
    func theDemo() async throws {
        try await TestHub.run { hub in
            _ = try await hub.signIn("board")
            try await DemoSeed(environment: hub.environment, stores: Stores(database: hub.environment.database)).loadDemo()
            let found = try await Self.attack(hub, query: "")
            #expect(found.json == [], "worked back from the JSON")
            #expect(found.csv == [], "worked back from the CSV")
            #expect(found.hidden > 0)
        }
    }
}
