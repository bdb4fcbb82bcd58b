import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import HubWorkflow
import Testing

/// docs/feed-format.md, snapshot replacement: a record the source's next extract no longer mentions is retired and
/// "drops out of search, person views, matching and reports"; docs/alerts.md: a case is open only while a live record
/// carries it. "A record whose only rows in the file were quarantined is not retired: it keeps its previous details and
/// events until a clean extract decides." Rhodri's record is retired; Megan's only row is quarantined (its event date
/// cannot be read); Elin is unchanged
/// (`TrackerFixtures.retirementFirst`, `retirementSecond`).
@Suite("Retired tracker records")
struct TrackerRetirementTests {
    typealias F = TrackerFixtures
    static let period = "from=2025-11-01&to=2026-11-01"

    /// Imports both extracts and checks the second's report.
    static func retire(_ hub: TestHub) async throws {
        try await F.importText(hub, F.retirementFirst)
        let second = try await F.importText(hub, F.retirementSecond, date: CalendarDate(year: 2026, month: 11, day: 2)!)
        #expect(second.rowsQuarantined == 1)
        #expect(second.quarantined == ["unparseable_date": 1])
        let csc = try #require(second.sources["PIP-CSC"])
        #expect(csc.recordsRetired == 1)
        #expect(csc.recordsUnchanged == 1)
        #expect(csc.recordsUpdated == 0)
        #expect(csc.eventsRemoved == 1)  // Rhodri's plan
    }

    func search(_ hub: TestHub, _ token: String, _ criteria: [String: Any]) async throws -> [String] {
        var body = criteria
        body["purpose"] = "MASH enquiry R-000001"
        let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: body)
        #expect(reply.status == .ok, "\(reply.text)")
        let persons = try #require(reply.json["persons"] as? [[String: Any]])
        return persons.flatMap { ($0["records"] as? [[String: Any]] ?? []).compactMap { $0["sourceRecordId"] as? String } }.sorted()
    }

    @Test func aRetiredRecordLeavesSearchAndViews() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.retirementFirst)
            func identities(_ person: Int64) async throws -> [String]? {
                let view = try await hub.request(.get, "/api/v1/tracker/persons/\(person)", token: triage, headers: F.purpose)
                guard view.status == .ok else { return nil }
                return (view.json["identities"] as? [[String: Any]] ?? []).compactMap { $0["sourceRecordId"] as? String }
            }
            let rhodri = try #require(try await F.person(hub, "PIP-CSC", "CSC-R1"))
            #expect(try await search(hub, triage, ["surname": "Vaughan"]) == ["CSC-E1", "CSC-R1"])
            #expect(try await identities(rhodri) == ["CSC-R1"])

            try await Self.retire(hub)
            #expect(try await search(hub, triage, ["surname": "Vaughan"]) == ["CSC-E1"])
            #expect(try await search(hub, triage, ["referenceId": "CSC-R1"]) == [])
            #expect(try await search(hub, triage, ["nhsNumber": "999 000 1103"]) == [])
            #expect(try await search(hub, triage, ["dateOfBirth": "2015-05-05"]) == [])
            // No person view shows the retired record: not the person it was last linked to (the linking after the import
            // numbers the live records' persons afresh, so that id is now Elin's), nor any other.
            let persons = try await hub.environment.database.query("SELECT DISTINCT person_id FROM tracker_records ORDER BY 1")
                .map { try $0.decode(Int64.self) }
            var shown: [String] = []
            for person in persons { shown += try await identities(person) ?? [] }
            #expect(shown.sorted() == ["CSC-E1", "CSC-M1"])
            let elin = try #require(try await F.person(hub, "PIP-CSC", "CSC-E1"))
            #expect(try await identities(elin) == ["CSC-E1"])
            let house = try await hub.request(.get, "/api/v1/tracker/addresses/100100080007", token: triage, headers: F.purpose)
            #expect(house.status == .ok, "\(house.text)")
            let members = try #require(house.json["members"] as? [[String: Any]])
            let ids = members.flatMap { ($0["identities"] as? [[String: Any]] ?? []).compactMap { $0["sourceRecordId"] as? String } }
            #expect(ids == ["CSC-E1"])

            // Megan's record stays as it was: found by her stored NHS number, her event still shown.
            #expect(try await search(hub, triage, ["nhsNumber": "999 000 1138"]) == ["CSC-M1"])
            let megan = try #require(try await F.person(hub, "PIP-CSC", "CSC-M1"))
            let meganView = try await hub.request(.get, "/api/v1/tracker/persons/\(megan)", token: triage, headers: F.purpose)
            #expect(meganView.status == .ok, "\(meganView.text)")
            let agencies = try #require(meganView.json["agencies"] as? [[String: Any]])
            #expect(agencies.compactMap { $0["interactions"] as? Int } == [1])
            #expect(try await F.scalar(hub, "SELECT retired_at IS NULL FROM tracker_records WHERE source_record_id = 'CSC-M1'", as: Bool.self))
            #expect(try await F.scalar(hub, "SELECT nhs_number FROM tracker_records WHERE source_record_id = 'CSC-M1'", as: String?.self)
                    == "9990001138")
        }
    }

    @Test func aRetiredRecordLeavesTheTrackerReports() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let manager = try await hub.signIn("manager")
            let triage = try await hub.signIn("triage")
            func bands() async throws -> [String] {
                BoardReportTests.rows(try await hub.request(.get, "/api/v1/reports/interaction-bands?\(Self.period)", token: manager))
                    .map { "\($0["unit"]!) \($0["band"]!) \($0["count"]!)" }
            }
            func area() async throws -> [String] {
                BoardReportTests.rows(try await hub.request(.get, "/api/v1/reports/area?area=PP1%206AA&\(Self.period)", token: manager))
                    .map { "\($0["agency"]!) \($0["openToSocialCare"]!) \($0["openChildrensCase"]!)" }
            }
            func frequent() async throws -> [String] {
                let reply = try await hub.request(.get, "/api/v1/tracker/high-frequency?unit=person&band=1-5&\(Self.period)", token: triage,
                                                  headers: F.purpose)
                #expect(reply.status == .ok, "\(reply.text)")
                return (reply.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
            }
            try await F.importText(hub, F.retirementFirst)
            #expect(try await bands() == [
                "person 1-5 3", "person 6-10 0", "person 11-20 0", "person 20+ 0",
                "address 1-5 2", "address 6-10 0", "address 11-20 0", "address 20+ 0",
            ])
            #expect(try await area() == ["PIP Town Council Children's Services 3 3"])
            #expect(try await frequent() == ["Elin Vaughan", "Megan Rowlands", "Rhodri Vaughan"])

            try await Self.retire(hub)
            #expect(try await bands() == [
                "person 1-5 2", "person 6-10 0", "person 11-20 0", "person 20+ 0",
                "address 1-5 2", "address 6-10 0", "address 11-20 0", "address 20+ 0",
            ])
            #expect(try await area() == ["PIP Town Council Children's Services 2 2"])
            #expect(try await frequent() == ["Elin Vaughan", "Megan Rowlands"])
        }
    }

    @Test func aRetiredRecordsOpenCaseRaisesNoAlerts() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await Self.retire(hub)
            // Health's extract: both Vaughan children attend A&E on 2 November. Only Elin's plan is on a live record.
            let health = """
                \(F.header)
                PIP-UHB,UHB-R1,Rhodri,Vaughan,2015-05-05,7 Heol Las,,PIP Town,PP1 6AA,9990001103,,AE_ATTENDANCE,2026-11-02,M,,,,
                PIP-UHB,UHB-E1,Elin,Vaughan,2013-03-03,7 Heol Las,,PIP Town,PP1 6AA,9990001111,,AE_ATTENDANCE,2026-11-02,F,,,,

                """
            let report = try await F.importText(hub, health, date: CalendarDate(year: 2026, month: 11, day: 3)!)
            #expect(report.alertsRaised == 1)
            #expect(try await AlertTests.alerts(hub).map(\.explanation) == [
                "Elin Vaughan, aged 13, who has an open child protection plan (PIP-CSC), attended A&E on 2026-11-02 (PIP-UHB).",
            ])

            // A referral from health about both: only Elin has an open case with another agency on a live record.
            var referral = ReferralFixture.c1(receivedAt: hub.clock.now().addingTimeInterval(-3600))
            referral.subjects = [
                .init(role: "child", forename: "Rhodri", surname: "Vaughan", dateOfBirth: "2015-05-05", gender: "male", nhsNumber: "999 000 1103"),
                .init(role: "child", forename: "Elin", surname: "Vaughan", dateOfBirth: "2013-03-03", gender: "female", nhsNumber: "999 000 1111"),
            ]
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage, json: referral.body)
            #expect(created.status == .created, "\(created.text)")
            let scanned = try await ReferralAlertScan(database: hub.environment.database).run(now: hub.clock.now())
            #expect(scanned == ReferralAlertScan.Result(referrals: 1, alerts: 1))
            let raised = try await AlertTests.alerts(hub).filter { $0.rule == "referral_subject_open_elsewhere" }
            #expect(raised.map { $0.explanation.hasPrefix("Elin Vaughan, a subject of referral ") } == [true])
        }
    }
}
