import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// Issue #18, item 2: an explanation for every link (deterministic, auto, confirmed by a reviewer), with field names
/// and rule names, in the person view, the review queue and `hub tracker export-links --explain`.
@Suite("Tracker link explanations")
struct TrackerLinkExplanationTests {
    typealias F = TrackerFixtures

    static let fieldNames = ["forename", "surname", "date_of_birth", "address", "gender", "nhs_number"]

    func why(_ hub: TestHub, _ token: String, person: Int64) async throws -> [String: Any] {
        let view = try await hub.request(.get, "/api/v1/tracker/persons/\(person)", token: token, headers: F.purpose)
        #expect(view.status == .ok, "\(view.text)")
        return try #require(view.json["why"] as? [String: Any])
    }

    @Test(.timeLimit(.minutes(5)))
    func thePersonViewSaysWhyShirasRecordsAreOnePerson() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            let shira = try #require(try await F.person(hub, "PIP-CSC", "CSC0010670"))
            let a = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'CSC0010670'", as: Int64.self)
            let b = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'M00412233'", as: Int64.self)
            let why = try await why(hub, triage, person: shira)
            #expect(why["unexplainedRecords"] as? [Int] == [])
            let links = try #require(why["links"] as? [[String: Any]])
            #expect(links.count == 1)
            let link = try #require(links.first)
            #expect(link["recordA"] as? Int == Int(min(a, b)))
            #expect(link["recordB"] as? Int == Int(max(a, b)))
            #expect(link["kind"] as? String == "deterministic")
            #expect(link["rules"] as? [String] == ["same_nhs_number"])
            let fields = try #require(link["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["field"] as? String } == Self.fieldNames)
            // Day and month of birth swapped on the health record; the same NHS number fired the deterministic rule.
            #expect(fields[2]["level"] as? String == "dayMonthSwapped")
            #expect(fields[5]["level"] as? String == "exact")
            #expect(fields[5]["rules"] as? [String] == ["same_nhs_number"])

            // A person with one record has nothing to explain.
            let margaret = try #require(try await F.person(hub, "PIP-UHB", "M00598812"))
            let alone = try await self.why(hub, triage, person: margaret)
            #expect((alone["links"] as? [[String: Any]])?.isEmpty == true)

            // The export says the same, record by record.
            let inputs = try await TrackerMaintenanceStore(database: hub.environment.database).explanationInputs(householdsAtMost: HouseholdMoves.widestPerson)
            let (explainer, confirmed) = try #require(try PersonLinkExplainer.forExport(model: inputs.model, confirmed: inputs.confirmed, referenceYear: 2026))
            let written = ExportedText()
            let count = try await TrackerMaintenanceStore(database: hub.environment.database).exportLinks(
                explain: { group in try explainer.exportColumns(group, confirmed: confirmed) }) { written.append($0) }
            let exported = written.value
            #expect(count == 9)
            let lines = exported.split(separator: "\n").map(String.init)
            #expect(lines.first == "source_system,source_record_id,person_id,household_id,household_basis,link_kind,linked_to,link_explanation")
            #expect(lines.contains("PIP-CSC,CSC0010670,\(shira),uprn-100100012345,uprn,,,"))
            let health = try #require(lines.first { $0.hasPrefix("PIP-UHB,M00412233,") })
            #expect(health.hasPrefix("PIP-UHB,M00412233,\(shira),uprn-100100012345,uprn,deterministic,PIP-CSC CSC0010670,rules=same_nhs_number; weight=+"))
            #expect(health.contains("; forename=exact:+"))
            #expect(health.contains("; date_of_birth=dayMonthSwapped:"))
            #expect(health.contains("[same_nhs_number]"))
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aConfirmedReviewIsExplainedWithNamedFieldsInTheQueueAndThePersonView() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            try await F.importText(hub, F.example)
            // Tomos and Jack: the same birthday and house, different forenames (linkage keeps them apart). A review kept
            // from before issue #18 numbers its fields (4 = gender, 3 = address).
            let tomos = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'CSC0010671'", as: Int64.self)
            let jack = try await F.scalar(hub, "SELECT id FROM tracker_records WHERE source_record_id = 'NOM/00077125'", as: Int64.self)
            #expect(try await F.person(hub, "PIP-CSC", "CSC0010671") != (try await F.person(hub, "PIP-POLICE", "NOM/00077125")))
            let old = #"{"recordA":0,"recordB":1,"priorWeight":-8,"fields":[{"field":4,"level":"exact","m":0.98,"u":0.5,"weight":0.97,"termFrequencyAdjustment":0},{"field":3,"level":"sameProperty","m":0.9,"u":0.01,"weight":6.49,"termFrequencyAdjustment":0}],"matchWeight":1.5,"matchProbability":0.74,"isDeterministic":false,"conflicts":["forenames differ"],"decision":"review"}"#
            try await hub.environment.database.query(
                """
                INSERT INTO link_reviews (record_a, record_b, score, probability, explanation, created_at)
                VALUES (\(min(tomos, jack)), \(max(tomos, jack)), 1.5, 0.74, \(old)::jsonb, now())
                """)
            let list = try await hub.request(.get, "/api/v1/tracker/reviews", token: triage)
            #expect(list.status == .ok, "\(list.text)")
            let item = try #require((list.json["items"] as? [[String: Any]])?.first)
            let queued = try #require((item["explanation"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(queued.compactMap { $0["field"] as? String } == ["gender", "address"])
            let reviewId = try #require(item["id"] as? Int)
            let confirmed = try await hub.request(.post, "/api/v1/tracker/reviews/\(reviewId)", token: triage, json: ["decision": "confirm"])
            #expect(confirmed.status == .noContent, "\(confirmed.text)")

            let person = try #require(try await F.person(hub, "PIP-CSC", "CSC0010671"))
            #expect(try await F.person(hub, "PIP-POLICE", "NOM/00077125") == person)
            let why = try await why(hub, triage, person: person)
            #expect(why["unexplainedRecords"] as? [Int] == [])
            let link = try #require((why["links"] as? [[String: Any]])?.first)
            #expect(link["kind"] as? String == "confirmed")
            #expect(link["rules"] as? [String] == ["confirmed_by_reviewer"])
            let fields = try #require(link["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["field"] as? String } == ["gender", "address"])
            #expect(fields.compactMap { $0["level"] as? String } == ["exact", "sameProperty"])
        }
    }
}
