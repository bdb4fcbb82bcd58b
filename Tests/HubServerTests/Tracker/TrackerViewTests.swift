import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// A person's and an address's views through the API, and the tracker panel of a referral.
@Suite("Tracker person and address views")
struct TrackerViewTests {
    typealias F = TrackerFixtures

    @Test func personAndAddressViews() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            let shira = try #require(try await F.person(hub, "PIP-CSC", "CSC0010670"))
            let missingPurpose = try await hub.request(.get, "/api/v1/tracker/persons/\(shira)", token: triage)
            #expect(missingPurpose.status == .unprocessableContent)
            let reply = try await hub.request(.get, "/api/v1/tracker/persons/\(shira)", token: triage, headers: F.purpose)
            #expect(reply.status == .ok, "\(reply.text)")
            let identities = try #require(reply.json["identities"] as? [[String: Any]])
            #expect(Set(identities.compactMap { $0["sourceRecordId"] as? String }) == ["CSC0010670", "M00412233"])
            let agencies = try #require(reply.json["agencies"] as? [[String: Any]])
            #expect(agencies.compactMap { $0["sourceSystem"] as? String } == ["PIP-CSC", "PIP-UHB"])
            #expect(agencies.compactMap { $0["interactions"] as? Int } == [2, 2])
            let csc = try #require(agencies.first?["events"] as? [[String: Any]])
            #expect(csc.first?["leadProfessionalName"] as? String == "Gwen Morgan")
            #expect(csc.first?["leadProfessionalPhone"] as? String == "01632 960412")
            let months = try #require(reply.json["activityByMonth"] as? [[String: Any]])
            #expect(months.compactMap { $0["month"] as? String } == ["2026-03", "2026-04", "2026-09", "2026-10"])
            #expect(try await hub.request(.get, "/api/v1/tracker/persons/999999", token: triage, headers: F.purpose).status == .notFound)
            let audit = try await hub.environment.audit.events(objectType: "person", objectId: String(shira))
            #expect(audit.first?.action == "tracker.person.read")
            #expect(audit.first?.purpose == "MASH enquiry R-000001")
            #expect(audit.first?.username == "triage")

            let house = try await hub.request(.get, "/api/v1/tracker/addresses/100100012345", token: triage, headers: F.purpose)
            #expect(house.status == .ok, "\(house.text)")
            let members = try #require(house.json["members"] as? [[String: Any]])
            // Every person with a live record at the property, with all their live records (Shira's health record has no
            // UPRN; Ella's record has, though her date of birth was set aside; Jack's has no UPRN).
            let ids = members.map { ($0["identities"] as? [[String: Any]] ?? []).compactMap { $0["sourceRecordId"] as? String } }
            #expect(Set(ids.flatMap { $0 }) == ["CSC0010670", "M00412233", "CSC0010671", "NOM/00077123", "NOM/00077124", "CSC0010673",
                                                "CSC0010672"])
            #expect(ids.count == 6)
            #expect(try await hub.environment.audit.events(objectType: "address", objectId: "100100012345").first?.purpose == "MASH enquiry R-000001")
        }
    }

    @Test func referralShowsTrackerCandidatesPerSubjectOnlyForAPurposeAndOnlyStrongEnough() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            // Without a purpose the referral comes alone: the tracker is personal data.
            let plain = try await hub.request(.get, "/api/v1/referrals/\(id)", token: triage)
            #expect(plain.status == .ok)
            #expect(plain.json["tracker"] == nil)
            let read = try await hub.request(.get, "/api/v1/referrals/\(id)", token: triage, headers: F.purpose)
            let panels = try #require(read.json["tracker"] as? [[String: Any]])
            #expect(panels.count == 2)
            // Subject 1 is Shira Peters born 1990, the child's mother: the tracker's Shira Peters (born 2010, at the same
            // postcode) shares her name and address only, so she is counted, never shown.
            let mother = try #require(panels[1]["candidates"] as? [[String: Any]])
            #expect(!mother.contains { $0["forename"] as? String == "Shira" })
            #expect(panels[1]["weakerCandidates"] as? Int == 5)  // the five people the tracker holds at her postcode
            // A referral about the tracker's Shira herself finds her as a strong match, with the reasons.
            let child = try await hub.request(.post, "/api/v1/referrals", token: triage, json: ReferralFixture.c1(
                receivedAt: hub.clock.now().addingTimeInterval(-300), childForename: "Shira", childDateOfBirth: "2010-01-08",
                nhsNumber: "999 234 5675").body)
            let childId = try #require(child.json["id"] as? String)
            let childRead = try await hub.request(.get, "/api/v1/referrals/\(childId)", token: triage, headers: F.purpose)
            let found = try #require(((childRead.json["tracker"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])?.first)
            #expect(found["forename"] as? String == "Shira")
            #expect(found["strength"] as? String == "strong")
            let reasons = try #require(found["reasons"] as? [[String: String]])
            #expect(reasons.first { $0["field"] == "nhsNumber" }?["agreement"] == "same")
            #expect(reasons.first { $0["field"] == "dateOfBirth" }?["agreement"] == "same")
        }
    }
}
