import Foundation
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// The repeat-referrals report against its definition: hand-worked cases for each rule, and a seeded random
/// history checked against the definition written as the plain pairwise SQL (every earlier subject of the same
/// person), which is too slow at scale but obviously right.
@Suite("Repeat referrals")
struct RepeatReferralsReportTests {
    struct Subject {
        var role = "child"
        var forename: String
        var surname: String
        var dob: String?
        var nhs: String?
    }

    struct History {
        let connection: PostgresConnection
        let hub: TestHub
        var counter = 0

        @discardableResult
        mutating func referral(_ receivedAt: String, service: String = "children", _ subjects: [Subject]) async throws -> UUID {
            counter += 1
            let id = UUID()
            let at = try Date(receivedAt, strategy: .iso8601)
            try await connection.query(
                """
                INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                       document, created_by, created_at, updated_at)
                VALUES (\(id), \("RR-\(counter)"), \(service == "children" ? "c1" : "a1"), \(service), 'received', 'phone', \(at),
                        'PIP Town Council', 'piphire_uhb', '{}'::jsonb, (SELECT id FROM users WHERE username = 'triage'), \(at), \(at))
                """, logger: hub.environment.logger)
            for (position, subject) in subjects.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO referral_subjects (referral_id, position, role, forename, surname, date_of_birth, gender, nhs_number)
                    VALUES (\(id), \(position), \(subject.role), \(subject.forename), \(subject.surname), \(subject.dob)::date,
                            'unknown', \(subject.nhs))
                    """, logger: hub.environment.logger)
            }
            return id
        }
    }

    /// (service, referrals, re-referrals) rows of the report.
    static func figures(_ table: ReportTable) -> [[ReportValue]] { table.rows.map { [$0[0], $0[2], $0[3]] } }

    static func parameters(_ from: String, _ to: String, service: String? = nil) throws -> ReportParameters {
        ReportParameters(from: try Date(from, strategy: .iso8601), to: try Date(to, strategy: .iso8601), service: service,
                         asOf: try Date(to, strategy: .iso8601))
    }

    @Test func eitherIdentityWithinTheSameServiceAndWindowCounts() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            try await hub.superuser { connection in
                var h = History(connection: connection, hub: hub)
                // 1. Earlier with name and date of birth only, now with an NHS number too: the same person by name (case aside).
                try await h.referral("2025-09-01T10:00:00Z", [Subject(forename: "ceri", surname: "PETERS", dob: "2016-04-02")])
                try await h.referral("2026-03-02T10:00:00Z", [Subject(forename: "Ceri", surname: "Peters", dob: "2016-04-02", nhs: "9434765919")])
                // 2. The same NHS number under another spelling and no date of birth: the same person by NHS number.
                try await h.referral("2025-10-01T10:00:00Z", [Subject(forename: "Alys", surname: "Morgan", dob: "2018-09-09", nhs: "4010232137")])
                try await h.referral("2026-03-03T10:00:00Z", [Subject(forename: "Alis", surname: "Morgans", nhs: "4010232137")])
                // 3. Earlier to the other service: not a re-referral to this one.
                try await h.referral("2025-11-01T10:00:00Z", service: "adults", [Subject(role: "victim", forename: "Dai", surname: "Jones", dob: "2009-01-01")])
                try await h.referral("2026-03-04T10:00:00Z", [Subject(forename: "Dai", surname: "Jones", dob: "2009-01-01")])
                // 4. Earlier only as a parent (a role not counted): not a re-referral.
                try await h.referral("2025-11-02T10:00:00Z", [Subject(role: "parent_carer", forename: "Bethan", surname: "Rees", dob: "1990-05-05"),
                                                              Subject(forename: "Owain", surname: "Rees", dob: "2019-02-02")])
                try await h.referral("2026-03-05T10:00:00Z", [Subject(forename: "Bethan", surname: "Rees", dob: "1990-05-05")])
                // 5. Received at the same instant: neither is earlier than the other.
                try await h.referral("2026-03-06T10:00:00Z", [Subject(forename: "Gwen", surname: "Hughes", dob: "2015-07-07")])
                try await h.referral("2026-03-06T10:00:00Z", [Subject(forename: "Gwen", surname: "Hughes", dob: "2015-07-07")])
                // 6. Surname "ab" forename "c" is not surname "a" forename "bc"; no date of birth and no NHS number never match.
                try await h.referral("2025-12-01T10:00:00Z", [Subject(forename: "c", surname: "ab", dob: "2017-01-01"),
                                                              Subject(forename: "Nia", surname: "Evans")])
                try await h.referral("2026-03-07T10:00:00Z", [Subject(forename: "bc", surname: "a", dob: "2017-01-01"),
                                                              Subject(forename: "Nia", surname: "Evans")])
                // 7. Adults look back 24 months: 20 months earlier counts.
                try await h.referral("2024-07-01T10:00:00Z", service: "adults", [Subject(role: "adult_at_risk", forename: "Huw", surname: "Price", dob: "1950-03-03")])
                try await h.referral("2026-03-08T10:00:00Z", service: "adults", [Subject(role: "adult_at_risk", forename: "Huw", surname: "Price", dob: "1950-03-03")])
                // 8. Months in London time across the clocks changing: 29 March 2026 10:00 BST looks back to 29 March 2025
                //    10:00 GMT. At 10:00 GMT it counts; at 09:30 GMT it does not, though under 12 months by UTC reckoning.
                try await h.referral("2025-03-29T10:00:00Z", [Subject(forename: "Rhys", surname: "Lloyd", dob: "2014-06-06")])
                try await h.referral("2026-03-29T09:00:00Z", [Subject(forename: "Rhys", surname: "Lloyd", dob: "2014-06-06")])
                try await h.referral("2025-03-29T09:30:00Z", [Subject(forename: "Sian", surname: "Lloyd", dob: "2014-06-06")])
                try await h.referral("2026-03-29T09:00:00Z", [Subject(forename: "Sian", surname: "Lloyd", dob: "2014-06-06")])
            }
            let database = hub.environment.database
            let table = try await BoardReportCatalog.all[RepeatReferralsReport.name]!.run(database, try Self.parameters("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
            // Children: 1, 2 and Rhys repeat; 3, 4, both of 5, 6 and Sian do not.
            #expect(Self.figures(table) == [[.text("adults"), .count(1), .count(1)], [.text("children"), .count(9), .count(3)]])
            let adults = try await BoardReportCatalog.all[RepeatReferralsReport.name]!.run(
                database, try Self.parameters("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", service: "adults"))
            #expect(Self.figures(adults) == [[.text("adults"), .count(1), .count(1)]])
        }
    }

    @Test func aRandomHistoryGivesWhatThePairwiseDefinitionGives() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            try await hub.superuser { connection in
                var h = History(connection: connection, hub: hub)
                var random = SeededRandom(seed: 20_260_321)
                // 30 people; n and n + 15 share a name and date of birth but not an NHS number.
                let people: [Subject] = (0..<30).map { n in
                    Subject(forename: ["Ceri", "Alys", "Dai", "Gwen", "Huw"][n % 5], surname: ["Peters", "Morgan", "Jones"][n % 3],
                            dob: n % 7 == 6 ? nil : "201\(n % 5)-0\(1 + n % 3)-1\(n % 5)", nhs: "94\(String(format: "%08d", n))")
                }
                let roles = ["child", "unborn", "adult_at_risk", "victim", "parent_carer", "alleged_person_causing_harm"]
                // Instants on a coarse grid (so some coincide) over three years, across the clocks changing.
                let start = try Date("2023-03-01T00:00:00Z", strategy: .iso8601)
                for _ in 0..<400 {
                    let at = start.addingTimeInterval(Double(random.next(1_200)) * 86_400 + Double(random.next(4)) * 1_800)
                    var subjects: [Subject] = []
                    for _ in 0...random.next(3) {
                        var subject = people[random.next(people.count)]
                        subject.role = roles[random.next(roles.count)]
                        if random.next(2) == 0 { subject.nhs = nil }
                        if random.next(4) == 0 { subject.forename = subject.forename.uppercased() }
                        subjects.append(subject)
                    }
                    try await h.referral(at.formatted(.iso8601), service: random.next(3) == 0 ? "adults" : "children", subjects)
                }
                // The workflow never changes or removes a subject, nor moves a referral, but the stored previous
                // referral must stay right if anything does.
                let log = hub.environment.logger
                try await connection.query(
                    """
                    UPDATE referral_subjects SET nhs_number = NULL, surname = upper(surname)
                    WHERE id IN (SELECT id FROM referral_subjects ORDER BY id LIMIT 20)
                    """, logger: log)
                try await connection.query(
                    "UPDATE referral_subjects SET role = 'child' WHERE id IN (SELECT id FROM referral_subjects ORDER BY id DESC LIMIT 20)",
                    logger: log)
                try await connection.query(
                    "DELETE FROM referral_subjects WHERE id IN (SELECT id FROM referral_subjects ORDER BY md5(id::text) LIMIT 25)",
                    logger: log)
                try await connection.query(
                    """
                    UPDATE referrals SET received_at = received_at - interval '200 days',
                                         service = CASE service WHEN 'adults' THEN 'children' ELSE service END
                    WHERE id IN (SELECT id FROM referrals ORDER BY md5(reference) LIMIT 25)
                    """, logger: log)
            }
            for (from, to, service, children, adults) in [
                ("2025-04-01T00:00:00Z", "2026-04-01T00:00:00Z", nil as String?, 12, 24),
                ("2024-10-27T00:30:00Z", "2026-03-29T01:30:00Z", nil, 12, 24),
                ("2025-04-01T00:00:00Z", "2026-04-01T00:00:00Z", "adults", 12, 24),
                ("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", nil, 6, 18),
            ] {
                var parameters = try Self.parameters(from, to, service: service)
                parameters.childrenRepeatMonths = children
                parameters.adultsRepeatMonths = adults
                let table = try await BoardReportCatalog.all[RepeatReferralsReport.name]!.run(hub.environment.database, parameters)
                let expected = try await hub.superuser { try await Self.pairwiseDefinition($0, parameters, hub: hub) }
                #expect(!expected.isEmpty)
                #expect(Self.figures(table) == expected, "\(from) – \(to) \(service ?? "both services")")
            }
        }
    }

    /// The definition as every pair of the same person's subjects: the report's SQL before it was made fast.
    static func pairwiseDefinition(_ connection: PostgresConnection, _ p: ReportParameters, hub: TestHub) async throws -> [[ReportValue]] {
        let rows = try await connection.query(
            """
            WITH current AS (
                SELECT r.id, r.service, r.received_at,
                       (CASE r.service WHEN 'adults' THEN \(p.adultsRepeatMonths) ELSE \(p.childrenRepeatMonths) END)::int AS months
                FROM referrals r
                WHERE r.received_at >= \(p.from) AND r.received_at < \(p.to)
                  AND (\(p.service)::text IS NULL OR r.service = \(p.service))
            ), about AS (
                SELECT s.referral_id, r.service, r.received_at, s.nhs_number, lower(s.surname) AS surname,
                       lower(s.forename) AS forename, s.date_of_birth
                FROM referral_subjects s JOIN referrals r ON r.id = s.referral_id
                WHERE s.role IN ('child', 'unborn', 'adult_at_risk', 'victim')
                  AND r.received_at < \(p.to)
                  AND (r.received_at AT TIME ZONE 'Europe/London') >= (\(p.from) AT TIME ZONE 'Europe/London')
                      - make_interval(months => greatest(\(p.adultsRepeatMonths), \(p.childrenRepeatMonths))::int)
            ), repeated AS (
                SELECT c.id FROM current c
                JOIN about mine ON mine.referral_id = c.id
                JOIN about earlier ON (earlier.nhs_number = mine.nhs_number
                                       OR (earlier.surname = mine.surname AND earlier.forename = mine.forename
                                           AND earlier.date_of_birth = mine.date_of_birth))
                WHERE earlier.referral_id <> c.id AND earlier.service = c.service
                  AND earlier.received_at < c.received_at
                  AND (earlier.received_at AT TIME ZONE 'Europe/London') >= (c.received_at AT TIME ZONE 'Europe/London') - make_interval(months => c.months)
            )
            SELECT c.service, count(*)::int, (count(*) FILTER (WHERE c.id IN (SELECT id FROM repeated)))::int
            FROM current c
            GROUP BY c.service ORDER BY c.service
            """, logger: hub.environment.logger)
        var figures: [[ReportValue]] = []
        for try await (service, referrals, repeats) in rows.decode((String, Int, Int).self) {
            figures.append([.text(service), .count(referrals), .count(repeats)])
        }
        return figures
    }
}
