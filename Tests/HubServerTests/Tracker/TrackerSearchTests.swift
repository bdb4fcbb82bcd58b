import Foundation
import HubWorkflow
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// Searching the tracker through the API: each criterion, ranking among many, addresses on the nearest streets, and
/// who may search and why.
@Suite("Tracker search through the API")
struct TrackerSearchTests {
    typealias F = TrackerFixtures

    func search(_ hub: TestHub, _ token: String, _ criteria: [String: Any]) async throws -> [[String: Any]] {
        var body = criteria
        body["purpose"] = "MASH enquiry R-000001"
        let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: body)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.json["persons"] as? [[String: Any]] ?? []
    }

    func topRecordIds(_ persons: [[String: Any]]) -> [String] {
        ((persons.first?["records"] as? [[String: Any]]) ?? []).compactMap { $0["sourceRecordId"] as? String }
    }

    @Test func searchByEachCriterion() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            // A typo in both names.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Shirra", "surname": "Petres"])).contains("CSC0010670"))
            // A whole name, phonetically spelt.
            #expect(topRecordIds(try await search(hub, triage, ["name": "Margret Howels"])).contains("M00598812"))
            // A nickname.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Peggy", "surname": "Howells"])).contains("M00598812"))
            // Forename and surname swapped.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Howells", "surname": "Margaret"])).contains("M00598812"))
            // Partial dates of birth.
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "1941"])) == ["M00598812"])
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "1985-11"])) == ["NOM/00077123"])
            #expect(topRecordIds(try await search(hub, triage, ["dateOfBirth": "2013-06-21"])) == ["CSC0010671"])
            // Part of an address, a postcode, a postcode prefix.
            let flat = try await search(hub, triage, ["address": "10 High St"])
            #expect(topRecordIds(flat).contains("M00598812"))
            // Six persons at PP2 5GN: Ella is loaded with her date of birth set aside (issue #18); Jack's postcode `PP2 5G`
            // is set aside, so no postcode search finds him.
            #expect(try await search(hub, triage, ["postcode": "pp25gn"]).count == 6)
            let prefix = try await search(hub, triage, ["postcode": "PP1"])
            #expect(prefix.count == 1 && topRecordIds(prefix) == ["M00598812"])
            // Reference id and NHS number.
            #expect(topRecordIds(try await search(hub, triage, ["referenceId": "NOM/00077123"])) == ["NOM/00077123"])
            let nhs = topRecordIds(try await search(hub, triage, ["nhsNumber": "999 234 5675"]))
            #expect(Set(nhs) == ["CSC0010670", "M00412233"])
            // Combined: the name and date of birth put the right Peters first.
            #expect(topRecordIds(try await search(hub, triage, ["surname": "Peters", "dateOfBirth": "2016"])) == ["CSC0010673"])
            // Addresses come back too.
            let reply = try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                              json: ["purpose": "MASH enquiry", "postcode": "PP2 5GN"])
            let addresses = try #require(reply.json["addresses"] as? [[String: Any]])
            #expect(addresses.contains { ($0["uprn"] as? Int) == 100100012345 })
            // The search is audited with its purpose and the criteria used (not their values).
            let events = try await hub.environment.audit.recent(limit: 50).filter { $0.action == "tracker.search" }
            #expect(events.count == 14)
            #expect(events.allSatisfy { $0.purpose?.hasPrefix("MASH enquiry") == true })
            // ... and the persons it showed.
            let shown = (reply.json["persons"] as? [[String: Any]] ?? []).compactMap { $0["personId"] as? Int }.map(String.init)
            let recorded = try await hub.environment.database.query(
                """
                SELECT detail->>'person_ids', detail->>'persons' FROM audit_events
                WHERE action = 'tracker.search' AND detail->>'criteria' = 'postcode' ORDER BY id DESC LIMIT 1
                """).first!.decode((String, String).self)
            #expect(!shown.isEmpty)
            #expect(recorded.0 == shown.joined(separator: ","))
            #expect(recorded.1 == String(shown.count))
        }
    }

    @Test func searchAmongManyOfACommonSurnameRanksTheBestFirst() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // More Joneses than search looks at for one name alone, then one Nia Jones imported last.
            let forenames = ["Alun", "Bethan", "Carys", "Dylan", "Eleri", "Ffion", "Gareth", "Huw", "Iwan", "Lowri"]
            var lines = [F.header]
            for i in 0..<240 {
                let dateOfBirth = String(format: "%04d-%02d-15", 1950 + i / 12, i % 12 + 1)
                lines.append("PIP-UHB,M9\(String(format: "%06d", i)),\(forenames[i % 10]),Jones,\(dateOfBirth),\(i + 1) Long Row,,PIP Town,"
                             + "PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            }
            lines.append("PIP-UHB,M9999999,Nia,Jones,1990-05-17,7 Short Row,,PIP Town,PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            try await F.importText(hub, lines.joined(separator: "\n") + "\n")
            // The surname alone: a page of Joneses.
            let joneses = try await search(hub, triage, ["surname": "Jones"])
            #expect(joneses.count == 20)
            #expect(joneses.allSatisfy { (($0["records"] as? [[String: Any]]) ?? []).allSatisfy { $0["surname"] as? String == "Jones" } })
            // The full name with a typo, or the surname and a partial date of birth, put her first.
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Nia", "surname": "Jonse"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Jones", "surname": "Nia"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["surname": "Jones", "dateOfBirth": "1990-05"])) == ["M9999999"])
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Nia"])) == ["M9999999"])
            // A name and an address first seen in a later extract are matched fuzzily too.
            let later = """
                \(F.header)
                PIP-EDU,EDU-70001,Zephaniah,Quillfeather,2012-02-02,99 Lighthouse Approach,,PIP Town,PP3 1AB,,,WAS_NOT_BROUGHT,2026-11-05,M,,,,

                """
            try await F.importText(hub, later, date: CalendarDate(year: 2026, month: 11, day: 10)!)
            #expect(topRecordIds(try await search(hub, triage, ["forename": "Zefaniah", "surname": "Quilfeather"])) == ["EDU-70001"])
            #expect(topRecordIds(try await search(hub, triage, ["address": "99 Lighthous Approach"])) == ["EDU-70001"])
            #expect(try await F.scalar(hub, "SELECT count(*) FROM tracker_names WHERE name IN ('nia', 'jones', 'zephaniah', 'quillfeather')",
                                          as: Int64.self) == 4)
        }
    }

    @Test(arguments: [true, false])
    func searchByAddressLooksOnTheNearestStreets(copiesNewSourcesDirectly: Bool) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // Twenty-four households on one street (more than contain a house number, so a text that contains none
            // of them is looked for nearly), one on a street of the same type, one flat.
            let forenames = ["Alun", "Bethan", "Carys", "Dylan", "Eleri", "Ffion", "Gareth", "Huw"]
            var lines = [F.header]
            for number in 1...24 {
                lines.append("PIP-UHB,N\(number),\(forenames[number % 8]),Nantes\(String(UnicodeScalar(UInt8(64 + number)))),"
                             + "1980-01-\(String(format: "%02d", number)),\(number) Nant Cres,,PIP Town,PP3 1AB,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            }
            lines.append("PIP-UHB,OAK4,Owain,Derwen,1975-05-05,4 Oak Crescent,,PIP Town,PP3 1AC,,,AE_ATTENDANCE,2026-10-01,M,,,,")
            lines.append("PIP-UHB,FLAT2,Margaret,Howells,1941-02-17,\"Flat 2, 10 High St\",,PIP Town,PP1 3QT,,,AE_ATTENDANCE,2026-10-01,F,,,,")
            try await F.importText(hub, lines.joined(separator: "\n") + "\n",
                                      bulkLoadPolicy: BulkLoadPolicy(copiesNewSourcesDirectly: copiesNewSourcesDirectly))
            // The distinct streets, whichever way the records were written.
            let streets = try await hub.environment.database.query("SELECT street FROM tracker_streets ORDER BY street")
                .map { try $0.decode(String.self) }
            #expect(streets == ["high street", "nant crescent", "oak crescent"])
            // A typo in the street: the address on the nearest street comes first, not 4 Oak Crescent.
            let typo = try await search(hub, triage, ["address": "4 Nant Cresent"])
            #expect(topRecordIds(typo) == ["N4"])
            #expect(typo.allSatisfy { (($0["records"] as? [[String: Any]]) ?? []).allSatisfy { $0["sourceRecordId"] as? String != "OAK4" } })
            // An address typed the way a feed wrote it, in another layout than its key's, scores in full.
            let flat = try await search(hub, triage, ["address": "Flat 2 10 High Street"])
            #expect(topRecordIds(flat) == ["FLAT2"])
            #expect((flat.first?["score"] as? NSNumber)?.doubleValue == 3)
            #expect(topRecordIds(try await search(hub, triage, ["address": "2/10 high st"])) == ["FLAT2"])
        }
    }

    @Test func theStreetOfAnAddressKeyIsTheCleansersStreet() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")  // waits for start-up (migrations)
            let cleanser = AddressCleanser()
            // Each layout of CleansedAddress.key, and what migration 019 reads as its street.
            let cases: [([String], String)] = [
                (["Flat 2, 10 High St"], "high street"), (["2/10 High Street"], "high street"), (["10 High St"], "high street"),
                (["10-12 Mill Ln"], "mill lane"), (["10a Saint Marys Rd"], "saint marys road"),
                (["Rose Cottage", "High Street"], "high street"), (["Flat 3", "Rose Cottage", "Mill Lane"], "mill lane"),
                (["Rose Cottage"], "rose cottage"), (["Flat A", "10"], ""), (["5"], ""),
            ]
            for (lines, street) in cases {
                let address = cleanser.cleanse(lines: lines)
                let key = try #require(address.key, "\(lines)")
                let read = try await F.scalar(hub, "SELECT tracker_street_of(\(key))", as: String.self)
                #expect(read == street, "\(lines) → \(key)")
                if let cleansed = address.street { #expect(read == cleansed, "\(lines)") }
            }
        }
    }

    @Test func searchNeedsAPurposeAndTheRightRole() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let noPurpose = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["surname": "Peters"])
            #expect(noPurpose.status == .unprocessableContent)
            #expect(noPurpose.text.contains("purpose"))
            let nothing = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["purpose": "enquiry"])
            #expect(nothing.status == .unprocessableContent)
            let unknownField = try await hub.request(.post, "/api/v1/tracker/search", token: triage,
                                                     json: ["purpose": "enquiry", "surname": "Peters", "shoeSize": 9])
            #expect(unknownField.status == .unprocessableContent)
            let anonymous = try await hub.request(.post, "/api/v1/tracker/search", json: ["purpose": "enquiry", "surname": "Peters"])
            #expect(anonymous.status == .unauthorized)
            for user in ["board", "police", "admin"] {
                let token = try await hub.signIn(user)
                let reply = try await hub.request(.post, "/api/v1/tracker/search", token: token, json: ["purpose": "enquiry", "surname": "Peters"])
                #expect(reply.status == .forbidden, "\(user)")
                #expect(try await hub.request(.get, "/api/v1/tracker/persons/1", token: token, headers: F.purpose).status == .forbidden)
            }
            let manager = try await hub.signIn("manager")
            #expect(try await hub.request(.post, "/api/v1/tracker/search", token: manager,
                                          json: ["purpose": "enquiry", "surname": "Peters"]).status == .ok)
            // Feeds: administrators only.
            let upload = try await hub.request(.post, "/api/v1/feeds?extractDate=2026-11-01", token: triage, rawBody: F.example)
            #expect(upload.status == .forbidden)
            #expect(try await hub.request(.post, "/api/v1/feeds", rawBody: F.example).status == .unauthorized)
        }
    }
}
