import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import HubWorkflow
import Testing

/// Issue #18, item 3: a household id per person, with how it was formed (the UPRN, or the address where no record
/// there has one), in the person API and in `hub tracker export-links` (migration 046, `tracker_person_households`).
@Suite("Tracker households per person")
struct TrackerHouseholdTests {
    typealias F = TrackerFixtures

    /// Aled Price at an address no partner gave a UPRN for.
    static let noUPRN = """
        \(F.header)
        PIP-ASC,ASC-9,Aled,Price,1971-05-05,12 Ffordd Fawr,,PIP Town,PP3 1AB,,,ASC_OPEN_CASE,2026-06-10,M,,,,

        """
    /// `address-` and the first 16 hex digits of SHA-256(`PP3 1AB|12 ffordd fawr`), the postcode and address key.
    static let aledsHousehold = "address-62a3bf354e0d320d"

    func household(_ hub: TestHub, _ token: String, person: Int64) async throws -> [String: String]? {
        let view = try await hub.request(.get, "/api/v1/tracker/persons/\(person)", token: token, headers: F.purpose)
        #expect(view.status == .ok, "\(view.text)")
        return view.json["household"] as? [String: String]
    }

    @Test(.timeLimit(.minutes(5)))
    func eachPersonHasTheHouseholdOfTheirLatestRecordWithItsBasis() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            try await F.importText(hub, Self.noUPRN)
            // Shira's latest record (health, 30 October) has no UPRN, but her children's record at the same address has:
            // the household is the property's.
            let shira = try #require(try await F.person(hub, "PIP-UHB", "M00412233"))
            #expect(try await household(hub, triage, person: shira) == ["householdId": "uprn-100100012345", "basis": "uprn"])
            let margaret = try #require(try await F.person(hub, "PIP-UHB", "M00598812"))
            #expect(try await household(hub, triage, person: margaret) == ["householdId": "uprn-100100020017", "basis": "uprn"])
            // No UPRN anywhere at Aled's address: the household is the address's.
            let aled = try #require(try await F.person(hub, "PIP-ASC", "ASC-9"))
            #expect(try await household(hub, triage, person: aled) == ["householdId": Self.aledsHousehold, "basis": "address"])
            // Jack's postcode was set aside and he has no UPRN: no household can be said.
            let jack = try #require(try await F.person(hub, "PIP-POLICE", "NOM/00077125"))
            #expect(try await household(hub, triage, person: jack) == nil)

            let written = ExportedText()
            let count = try await TrackerMaintenanceStore(database: hub.environment.database).exportLinks { written.append($0) }
            let exported = written.value
            #expect(count == 10)
            let lines = exported.split(separator: "\n").map(String.init)
            #expect(lines.first == "source_system,source_record_id,person_id,household_id,household_basis")
            #expect(lines.contains("PIP-UHB,M00412233,\(shira),uprn-100100012345,uprn"))
            #expect(lines.contains("PIP-CSC,CSC0010670,\(shira),uprn-100100012345,uprn"))
            #expect(lines.contains("PIP-ASC,ASC-9,\(aled),\(Self.aledsHousehold),address"))
            #expect(lines.contains("PIP-POLICE,NOM/00077125,\(jack),,"))
        }
    }
}
