import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import Testing

/// The tracker reports: interaction bands, the area report and the high-frequency lists behind them, with
/// hand-counted figures on small extracts.
@Suite("Tracker reports")
struct TrackerReportTests {
    static let period = "from=2025-11-01&to=2026-11-01"

    /// Anwen 6 interactions, Cai 1 (the same house: 7), Bryn 21, Dilys 20, Eleri 5 (her record has no UPRN).
    static var bandsExtract: String {
        func rows(_ id: String, _ forename: String, _ surname: String, _ dob: String, _ nhs: String, _ uprn: String, _ count: Int) -> [String] {
            (0..<count).map { day in
                let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_767_225_600))!  // 2026-01-01
                let text = date.formatted(.iso8601.year().month().day())
                return "PIP-UHB,\(id),\(forename),\(surname),\(dob),\(uprn.isEmpty ? "Flat 2" : String(uprn.suffix(2))) Heol Las,,PIP Town,PP1 6AA,\(nhs),\(uprn),AE_ATTENDANCE,\(text),,,,,"
            }
        }
        let lines = [TrackerFixtures.header]
            + rows("UHB-A", "Anwen", "Bevan", "2012-01-01", "9990000077", "100100080001", 6)
            + rows("UHB-C", "Cai", "Bevan", "2014-01-01", "9990000085", "100100080001", 1)
            + rows("UHB-B", "Bryn", "Davies", "2010-01-01", "9990000093", "100100080002", 21)
            + rows("UHB-D", "Dilys", "Evans", "2011-01-01", "9990000107", "100100080003", 20)
            + rows("UHB-E", "Eleri", "Hughes", "2009-01-01", "9990000115", "", 5)
        return lines.joined(separator: "\n") + "\n"
    }

    static func rows(_ reply: TestHub.Reply, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        BoardReportTests.rows(reply, sourceLocation: sourceLocation)
    }

    /// docs/reports.md, worked example `interaction-bands`: each event counts for its record's person and for its
    /// address (UPRN); a record without a UPRN counts for the person only; 5 is in 1-5, 6 in 6-10, 20 in 11-20 and 21
    /// in 20+.
    @Test func interactionBandsPerPersonAndAddress() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let manager = try await hub.signIn("manager")
            let board = try await hub.signIn("board")
            let report = try await TrackerFixtures.importText(hub, Self.bandsExtract)
            #expect(report.rowsLoaded == 53)
            let reply = try await hub.request(.get, "/api/v1/reports/interaction-bands?\(Self.period)", token: manager)
            #expect(reply.status == .ok)
            #expect(Self.rows(reply).map { "\($0["unit"]!) | \($0["band"]!) | \($0["count"]!) | \($0["percent"]!)" } == [
                "person | 1-5 | 2 | 40",  // Cai 1, Eleri 5: 2 of 5 people
                "person | 6-10 | 1 | 20",  // Anwen 6
                "person | 11-20 | 1 | 20",  // Dilys 20
                "person | 20+ | 1 | 20",  // Bryn 21
                "address | 1-5 | 0 | 0",
                "address | 6-10 | 1 | 33.33",  // Anwen's and Cai's house, 6 + 1 = 7: 1 of 3 addresses
                "address | 11-20 | 1 | 33.33",  // Dilys's, 20
                "address | 20+ | 1 | 33.33",  // Bryn's, 21
            ])
            // The board sees "<5" and no percentages for those rows.
            let suppressed = Self.rows(try await hub.request(.get, "/api/v1/reports/interaction-bands?\(Self.period)", token: board))
            #expect(suppressed.map { "\($0["count"]!)" } == ["<5", "<5", "<5", "<5", "0", "<5", "<5", "<5"])
            try #require(suppressed.count == 8)
            #expect(suppressed[0]["percent"] as? String == "suppressed")
            // A period that ends before the events: nobody.
            let before = Self.rows(try await hub.request(.get, "/api/v1/reports/interaction-bands?from=2025-01-01&to=2025-12-31", token: manager))
            #expect(before.allSatisfy { $0["count"] as? Int == 0 })
        }
    }

    @Test func highFrequencyListsAreForTheMASHWithAPurpose() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let board = try await hub.signIn("board")
            let police = try await hub.signIn("police")
            try await TrackerFixtures.importText(hub, Self.bandsExtract)
            let purpose: HTTPFields = [HTTPField.Name("X-Hub-Purpose")!: "Monthly high-frequency review"]
            let persons = try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person&band=20%2B&\(Self.period)", token: triage, headers: purpose)
            #expect(persons.status == .ok)
            let items = try #require(persons.json["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["Bryn Davies"])
            #expect(items.first?["interactions"] as? Int == 21)
            #expect((items.first?["byCategory"] as? [String: Int]) == ["ae_attendance": 21])
            let addresses = try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=address&band=6-10&\(Self.period)", token: triage, headers: purpose)
            let houses = try #require(addresses.json["items"] as? [[String: Any]])
            #expect(houses.map { $0["uprn"] as? Int } == [100100080001])
            #expect(houses.first?["interactions"] as? Int == 7)
            #expect(houses.first?["persons"] as? Int == 2)
            #expect(try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person", token: triage).status == .unprocessableContent)
            #expect(try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person&band=7", token: triage, headers: purpose).status == .badRequest)
            #expect(try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person", token: board, headers: purpose).status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person", token: police, headers: purpose).status == .forbidden)
            let audited = try await hub.environment.database.query(
                "SELECT purpose FROM audit_events WHERE action = 'tracker.high_frequency.read' ORDER BY id")
                .map { try $0.decode(String?.self) }
            #expect(audited == ["Monthly high-frequency review", "Monthly high-frequency review"])
        }
    }

    /// docs/reports.md, worked example `area`: the people with a live record whose address is in the postcode, sector
    /// or district, per agency: open cases whatever their date, missed appointments and A&E attendances in the period.
    @Test func areaReportByAgencyForAPostcodeSectorAndDistrict() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let manager = try await hub.signIn("manager")
            let board = try await hub.signIn("board")
            try await TrackerFixtures.importText(hub, AlertTests.extract)
            func area(_ value: String, _ token: String, period: String = Self.period) async throws -> [String] {
                let reply = try await hub.request(.get, "/api/v1/reports/area?area=\(value)&\(period)", token: token)
                #expect(reply.status == .ok)
                return Self.rows(reply).map { row in
                    ["agency", "openToSocialCare", "openChildrensCase", "openAdultsCase", "missedAppointments", "attendedAE"]
                        .map { "\(row[$0]!)" }.joined(separator: " | ")
                }
            }
            #expect(try await area("PP7%204YW", manager) == [
                "PIP Town Council Children's Services | 1 | 1 | 0 | 0 | 0",
                "Piphire Police | 0 | 0 | 0 | 0 | 0",
            ])
            #expect(try await area("pp7%204", manager) == [
                "PIP Town Council Adult Services | 1 | 0 | 1 | 0 | 0",
                "PIP Town Council Children's Services | 2 | 2 | 0 | 0 | 0",
                "Piphire Police | 0 | 0 | 0 | 0 | 0",
            ])
            #expect(try await area("PP7", manager) == [
                "PIP Town Council Adult Services | 1 | 0 | 1 | 0 | 0",
                "PIP Town Council Children's Services | 5 | 5 | 0 | 0 | 0",
                "Piphire Police | 0 | 0 | 0 | 0 | 0",
                "Piphire University Health Board | 0 | 0 | 0 | 0 | 3",
            ])
            // From 1 September (inclusive) to 30 October (exclusive): Lowri's A&E attendance of 1 September and Dylan's of
            // 29 October count, Gareth's of 30 October does not; the open cases, dated January to April, count whatever
            // their date.
            #expect(try await area("PP7", manager, period: "from=2026-09-01&to=2026-10-30") == [
                "PIP Town Council Adult Services | 1 | 0 | 1 | 0 | 0",
                "PIP Town Council Children's Services | 5 | 5 | 0 | 0 | 0",
                "Piphire Police | 0 | 0 | 0 | 0 | 0",
                "Piphire University Health Board | 0 | 0 | 0 | 0 | 2",
            ])
            // PP1: Tomos and Mali (12 Chapel Street) and Rhian (4 Bryn Terrace) missed appointments; none since 26 October.
            #expect(try await area("PP1", manager) == ["Piphire University Health Board | 0 | 0 | 0 | 3 | 0"])
            #expect(try await area("PP1", manager, period: "from=2026-10-26&to=2026-11-01") == ["Piphire University Health Board | 0 | 0 | 0 | 0 | 0"])
            #expect(try await area("PP7", board) == [
                "PIP Town Council Adult Services | <5 | 0 | <5 | 0 | 0",
                "PIP Town Council Children's Services | 5 | 5 | 0 | 0 | 0",
                "Piphire Police | 0 | 0 | 0 | 0 | 0",
                "Piphire University Health Board | 0 | 0 | 0 | 0 | <5",
            ])
            #expect(try await hub.request(.get, "/api/v1/reports/area", token: manager).status == .badRequest)
            #expect(try await hub.request(.get, "/api/v1/reports/area?area=nowhere", token: manager).status == .badRequest)
        }
    }
}
