import Foundation
import HubWorkflow
@testable import HubWorkflow

/// Fictional Piphire people and fixed instants for the domain tests. Time is always injected.
enum DomainFixtures {
    /// 10 June 2025, 11:00 in Piphire (BST).
    static let now = instant("2025-06-10T10:00:00Z")
    static let today = CalendarDate(year: 2025, month: 6, day: 10)!
    static let gmt = TimeZone(identifier: "GMT")!

    /// Valid by the modulus 11 check.
    static let nhsNumber = "943 476 5919"
    static let otherNHSNumber = "9434765927"
    /// Fails the modulus 11 check.
    static let badNHSNumber = "943 476 5910"

    static func instant(_ iso: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: iso) else { fatalError("bad fixture instant \(iso)") }
        return date
    }

    static func professional() -> Referrer {
        Referrer(name: "Morwen Ellis", role: "Health visitor", agency: "health", phone: "01632 960123",
                 email: "morwen.ellis@piphire-health.example")
    }

    static func subject(
        _ role: SubjectRole, forename: String = "Shira", surname: String = "Peters",
        dateOfBirth: String? = nil, expectedDateOfBirth: String? = nil, nhsNumber: String? = nil,
        postcode: String? = "PP2 5GN"
    ) -> SubjectDraft {
        SubjectDraft(
            role: role, forename: forename, surname: surname, aliases: [],
            dateOfBirth: dateOfBirth, expectedDateOfBirth: expectedDateOfBirth, gender: .female,
            nhsNumber: nhsNumber, addressLines: ["1 Stoops Fold", "Down Park"], town: "PIP Town", postcode: postcode)
    }

    static func child(dateOfBirth: String = "2015-03-14", nhsNumber: String? = nhsNumber) -> SubjectDraft {
        subject(.child, forename: "Ceri", dateOfBirth: dateOfBirth, nhsNumber: nhsNumber)
    }

    static func adultAtRisk(dateOfBirth: String = "1941-11-02") -> SubjectDraft {
        subject(.adultAtRisk, forename: "Gwilym", surname: "Rees", dateOfBirth: dateOfBirth, nhsNumber: otherNHSNumber)
    }

    static func draft(
        _ form: ReferralForm, subjects: [SubjectDraft], receivedAt: Date = instant("2025-06-10T09:15:00Z"),
        categories: [ConcernCategory] = [.neglect], dashScore: Int? = nil, dashAnswers: [Bool]? = nil
    ) -> ReferralDraft {
        ReferralDraft(
            form: form, referrer: professional(), receivedAt: receivedAt, channel: .email, subjects: subjects,
            concern: Concern(categories: categories, summary: "Child seen at clinic with unexplained bruising.", immediateRisk: false),
            consent: Consent(status: .obtained), localAuthority: "Piphire County Council",
            dashScore: dashScore, dashAnswers: dashAnswers)
    }

    static func c1(_ subjects: [SubjectDraft] = [child()]) -> ReferralDraft { draft(.c1, subjects: subjects) }

    static func a1(_ subjects: [SubjectDraft] = [adultAtRisk()]) -> ReferralDraft {
        draft(.a1, subjects: subjects, categories: [.financial])
    }

    static func ppn(
        dashScore: Int? = 15, dashAnswers: [Bool]? = nil,
        subjects: [SubjectDraft] = [subject(.victim, dateOfBirth: "1990-01-20"), subject(.allegedPersonCausingHarm, forename: "Dai", surname: "Morgan")]
    ) -> ReferralDraft {
        draft(.ppn, subjects: subjects, categories: [.domesticAbuse], dashScore: dashScore, dashAnswers: dashAnswers)
    }

    /// Twenty-seven DASH answers with `yes` ticks.
    static func dashAnswers(yes: Int) -> [Bool] {
        (0..<27).map { $0 < yes }
    }

    static func incident(
        form: ReferralForm = .c1, service: SafeguardingService = .children, rating: RAGRating = .red,
        state: IncidentState = .open
    ) -> Incident {
        Incident(form: form, service: service, rating: rating, state: state, openedAt: instant("2025-06-10T08:00:00Z"))
    }

    /// The fields named by the issues, in order.
    static func fields(_ issues: [ValidationIssue]) -> [String] { issues.map(\.field) }
}
