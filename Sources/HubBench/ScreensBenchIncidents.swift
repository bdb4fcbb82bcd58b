import Foundation
import HubData
import HubServer
import HubWorkflow
import NIOCore

/// The screens benchmark's casework: open incidents about people the tracker holds, made through the API as a MASH
/// makes them (a referral, then the threshold decision that opens the incident and asks the police and health).
struct ScreensBenchIncidents {
    let database: Database
    let api: BenchAPIClient
    let token: String

    static func openIncidents(_ database: Database) async throws -> Int {
        try await database.query("SELECT count(*)::int FROM incidents WHERE state <> 'closed'").first?.decode(Int.self) ?? 0
    }

    /// Opens incidents until `target` are open, and returns the ids of the referrals behind the open ones.
    func bringOpenIncidents(to target: Int) async throws -> [String] {
        var missing = target - (try await Self.openIncidents(database))
        if missing > 0 {
            typealias Person = (String, String, String, String, String, String)
            let people = try await database.query(
                """
                SELECT forename, surname, date_of_birth, COALESCE(address_line1, ''), COALESCE(postcode, ''), COALESCE(nhs_number, '')
                FROM tracker_records
                WHERE retired_at IS NULL AND forename <> '' AND surname <> '' AND date_of_birth ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                ORDER BY md5(id::text) LIMIT \(target * 3)
                """).map { try $0.decode(Person.self) }
            let now = Date()
            for (index, person) in people.enumerated() where missing > 0 {
                if try await open(person, rating: ["red", "amber", "green"][index % 3], now: now) { missing -= 1 }
            }
        }
        return try await database.query(
            "SELECT referral_id FROM incidents WHERE state <> 'closed' ORDER BY opened_at DESC, id LIMIT \(target)"
        ).map { try $0.decode(UUID.self).uuidString.lowercased() }
    }

    /// A C1 (under 18) or A1 about the person, decided to meet the threshold; false when the API refuses the
    /// person's details (a malformed postcode in the extract, say).
    private func open(_ person: (String, String, String, String, String, String), rating: String, now: Date) async throws -> Bool {
        let (forename, surname, born, addressLine, postcode, nhsNumber) = person
        guard let birthYear = Int(born.prefix(4)) else { return false }
        let child = Calendar.london.component(.year, from: now) - birthYear < 17
        var subject: [String: Any] = ["role": child ? "child" : "adult_at_risk", "forename": forename, "surname": surname, "dateOfBirth": born,
                                      "gender": "unknown"]
        if !addressLine.isEmpty { subject["addressLines"] = [addressLine] }
        if !postcode.isEmpty { subject["postcode"] = postcode }
        if !nhsNumber.isEmpty { subject["nhsNumber"] = nhsNumber }
        let body: [String: Any] = [
            "form": child ? "c1" : "a1", "receivedAt": HubDateFormat.string(from: now.addingTimeInterval(-600)), "channel": "phone",
            "localAuthority": "PIP Town Council",
            "referrer": ["name": "Morwen Ellis", "role": "Health visitor", "agency": "piphire_uhb", "phone": "01632 960123"],
            "subjects": [subject],
            "concern": ["categories": ["neglect"], "summary": "Benchmark referral: concern reported by a health visitor.", "immediateRisk": false],
            "consent": ["status": "obtained"],
        ]
        let (status, created) = try await api.post("/api/v1/referrals", token: token, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        guard status == 201, let json = try JSONSerialization.jsonObject(with: Data(created.readableBytesView)) as? [String: Any],
              let id = json["id"] as? String, let version = json["version"] as? Int
        else { return false }
        let decision: [String: Any] = [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": rating,
            "shareWith": ["piphire_police", "piphire_uhb"],
        ]
        let (decided, _) = try await api.post("/api/v1/referrals/\(id)/decision", token: token,
                                              body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: decision)),
                                              headers: [("If-Match", "\"\(version)\"")])
        return decided == 200 || decided == 201
    }
}
