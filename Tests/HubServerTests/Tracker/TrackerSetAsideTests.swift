import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import HubWorkflow
import Testing

/// Issue #18, item 1 (docs/feed-format.md, "Values set aside"): a row with a mistyped NHS number (or a malformed
/// postcode, an unusable UPRN, an unreadable date of birth) is loaded with that value set aside: kept as sent, flagged
/// on the record, never matched on, counted per reason in the import report. Only a row with no id is quarantined.
@Suite("Tracker values set aside")
struct TrackerSetAsideTests {
    typealias F = TrackerFixtures

    /// Tomos Bevan's children's record has a mistyped NHS number (`999 234 5674`: the check digit should be 5); the police
    /// hold another boy, Tomos Hughes, born the same day but elsewhere, under the same mistyped number: a shared NHS
    /// number would link them (the same forename, birthday and gender do not dispute it), nothing else does. A third row
    /// names no record.
    static let mistyped = """
        \(F.header)
        PIP-CSC,CSC-T1,Tomos,Bevan,2015-02-03,4 Heol Las,,PIP Town,PP1 6AA,999 234 5674,,CHILD_IN_NEED,2026-06-01,M,,Gwen Morgan,01632 960412,
        PIP-POLICE,NOM-A1,Tomos,Hughes,2015-02-03,12 Ffordd Fawr,,PIP Town,PP3 1AB,9992345674,,POLICE_101_CALL,2026-07-01,M,,,,
        PIP-POLICE,,Tomos,Hughes,2015-02-03,12 Ffordd Fawr,,PIP Town,PP3 1AB,,,POLICE_999_CALL,2026-07-02,M,,,,

        """

    func search(_ hub: TestHub, _ token: String, _ criteria: [String: Any]) async throws -> [[String: Any]] {
        var body = criteria
        body["purpose"] = "MASH enquiry R-000001"
        let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: body)
        #expect(reply.status == .ok, "\(reply.text)")
        let persons = try #require(reply.json["persons"] as? [[String: Any]])
        return persons.flatMap { $0["records"] as? [[String: Any]] ?? [] }
    }

    @Test(.timeLimit(.minutes(5)))
    func aMistypedNHSNumberIsSetAsideAndThePersonStillReachesTheTracker() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let report = try await F.importText(hub, Self.mistyped)
            // Counted per reason, in all and per source; only the row with no id is quarantined.
            #expect(report.rowsRead == 3)
            #expect(report.rowsLoaded == 2)
            #expect(report.quarantined == ["missing_id": 1])
            #expect(report.setAside == ["bad_nhs_check_digit": 2])
            #expect(report.sources["PIP-CSC"]?.setAside == ["bad_nhs_check_digit": 1])
            #expect(report.sources["PIP-POLICE"]?.setAside == ["bad_nhs_check_digit": 1])
            let stored = try await hub.environment.database.query("SELECT line, reason FROM quarantined_rows ORDER BY line")
                .map { try $0.decode((Int, String).self) }
            #expect(stored.map(\.0) == [4])
            #expect(stored.map(\.1) == ["missing_id"])
            // The report kept with the import says the same (it goes back to the partner).
            let kept = try await F.scalar(hub, "SELECT report -> 'setAside' ->> 'bad_nhs_check_digit' FROM feed_imports", as: String?.self)
            #expect(kept == "2")

            // Kept as sent and flagged; nothing to match on.
            let tomosRow = try #require(try await hub.environment.database.query(
                "SELECT nhs_number, valid_nhs_number, set_aside FROM tracker_records WHERE source_record_id = 'CSC-T1'").first)
            let (asSent, valid, flags) = try tomosRow.decode((String?, String?, [String]).self)
            #expect(asSent == "999 234 5674")
            #expect(valid == nil)
            #expect(flags == ["bad_nhs_check_digit"])

            // Found by name.
            let found = try await search(hub, triage, ["forename": "Tomos", "surname": "Bevan"])
            let tomos = try #require(found.first)
            #expect(tomos["sourceRecordId"] as? String == "CSC-T1")
            #expect(tomos["nhsNumber"] as? String == "999 234 5674")
            #expect(tomos["setAside"] as? [String] == ["bad_nhs_check_digit"])

            // The mistyped number links Tomos Bevan to nobody: not to Tomos Hughes, who was sent the same number.
            let tomosPerson = try #require(try await F.person(hub, "PIP-CSC", "CSC-T1"))
            let hughesPerson = try #require(try await F.person(hub, "PIP-POLICE", "NOM-A1"))
            #expect(tomosPerson != hughesPerson)

            // The person view shows the value as sent, flagged; the read is audited as every read is.
            let view = try await hub.request(.get, "/api/v1/tracker/persons/\(tomosPerson)", token: triage, headers: F.purpose)
            #expect(view.status == .ok, "\(view.text)")
            let identities = try #require(view.json["identities"] as? [[String: Any]])
            #expect(identities.count == 1)
            let identity = try #require(identities.first)
            #expect(identity["nhsNumber"] as? String == "999 234 5674")
            #expect(identity["setAside"] as? [String] == ["bad_nhs_check_digit"])
            let audit = try await hub.environment.audit.events(objectType: "person", objectId: String(tomosPerson))
            #expect(audit.first?.action == "tracker.person.read")
            #expect(audit.first?.purpose == "MASH enquiry R-000001")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func thePersonScreenShowsTheValueAsSentWithItsFlag() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("triage")
            try await F.importText(hub, Self.mistyped)
            let tomos = try #require(try await F.person(hub, "PIP-CSC", "CSC-T1"))
            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "triage")
            let stated = try await hub.request(.post, "/tracker/purpose", rawBody: IncidentClosingScreenTests.form([
                ("csrf", csrf), ("back", "/tracker/persons/\(tomos)"), ("purpose", "MASH enquiry R-000001"),
            ]), headers: [ScreenSecurityTests.cookie: cookie])
            #expect(stated.status == .seeOther, "\(stated.status)")
            let page = try await hub.request(.get, "/tracker/persons/\(tomos)", headers: [ScreenSecurityTests.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("999 234 5674 (set aside: fails the NHS number check; not used for matching)"), "\(page.text.prefix(300))")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func theExampleLoadsEveryRowWithAnIdAndSetsAsideItsBadValues() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            let report = try await F.importText(hub, F.example)
            #expect(report.setAside == ["bad_nhs_check_digit": 1, "malformed_postcode": 1, "unparseable_date_of_birth": 1,
                                        "impossible_date_of_birth": 1])
            #expect(report.sources["PIP-POLICE"]?.setAside == ["bad_nhs_check_digit": 1, "malformed_postcode": 1,
                                                               "unparseable_date_of_birth": 1])
            #expect(report.sources["PIP-CSC"]?.setAside == ["impossible_date_of_birth": 1])
            // Jack's only row had a malformed postcode: his record is created, the postcode kept as sent and flagged.
            let jackRow = try #require(try await hub.environment.database.query(
                "SELECT postcode, norm_postcode, set_aside FROM tracker_records WHERE source_record_id = 'NOM/00077125'").first)
            let jack = try jackRow.decode((String?, String?, [String]).self)
            #expect(jack.0 == "PP2 5G" && jack.1 == nil && jack.2 == ["malformed_postcode"])
            // Ella's date of birth (30 February) is kept as sent; she has no date of birth to match or search on.
            let ellaRow = try #require(try await hub.environment.database.query(
                "SELECT date_of_birth, dob_year, set_aside FROM tracker_records WHERE source_record_id = 'CSC0010672'").first)
            let ella = try ellaRow.decode((String?, Int?, [String]).self)
            #expect(ella.0 == "2026-02-30" && ella.1 == nil && ella.2 == ["impossible_date_of_birth"])
        }
    }
}
