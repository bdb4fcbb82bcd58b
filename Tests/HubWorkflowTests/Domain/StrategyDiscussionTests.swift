import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Strategy discussions")
struct StrategyDiscussionTests {
    static let heldAt = F.instant("2025-06-10T09:30:00Z")

    func discussion(
        kind: StrategyDiscussionKind = .strategyDiscussion, outcome: StrategyOutcome? = .childProtectionEnquiry,
        actions: [AgreedAction] = [AgreedAction(ownerAgency: "childrens_services", description: "Visit the family today.", dueDate: CalendarDate("2025-06-10")!)]
    ) -> StrategyDiscussion {
        StrategyDiscussion(
            kind: kind, heldAt: Self.heldAt,
            chair: DiscussionParticipant(name: "Eluned Price", agency: "childrens_services"),
            attendees: [
                DiscussionParticipant(name: "DC Tomos Hughes", agency: "police"),
                DiscussionParticipant(name: "Nia Evans", agency: "health"),
            ],
            informationConsidered: "Police: two call-outs. Health: missed appointments.",
            decisions: "Proceed to a child protection enquiry.", outcome: outcome, actions: actions)
    }

    @Test("outcome lists per service")
    func lists() {
        #expect(OutcomeList.children.outcomes == [
            .childProtectionEnquiry, .proportionateAssessment, .careAndSupportAssessment, .earlyHelp,
            .furtherStrategyMeeting, .noFurtherActionWithAdvice,
        ])
        #expect(OutcomeList.adults.outcomes == [.adultAtRiskEnquiry, .strategyMeeting, .careAndSupportAssessment, .noFurtherAction])
        #expect(OutcomeList.domesticAbuse.outcomes == [.maracReferral, .safetyPlanning, .noFurtherAction])
        #expect(Set(OutcomeList.allCases.flatMap(\.outcomes)) == Set(StrategyOutcome.allCases))
    }

    @Test("permitted lists: the service's, plus domestic abuse for PPN, MARAC or the daily discussion", arguments: [
        (SafeguardingService.children, ReferralForm.c1, StrategyDiscussionKind.strategyDiscussion, [OutcomeList.children]),
        (.adults, .a1, .strategyMeeting, [.adults]),
        (.children, .ppn, .strategyDiscussion, [.children, .domesticAbuse]),
        (.adults, .marac, .strategyMeeting, [.adults, .domesticAbuse]),
        (.children, .c1, .domesticAbuseDailyDiscussion, [.children, .domesticAbuse]),
        (.adults, .a1, .domesticAbuseDailyDiscussion, [.adults, .domesticAbuse]),
    ])
    func permitted(service: SafeguardingService, form: ReferralForm, kind: StrategyDiscussionKind, lists: [OutcomeList]) {
        #expect(OutcomeList.permitted(service: service, form: form, kind: kind) == lists)
    }

    @Test("each children's outcome is accepted for a children's incident", arguments: OutcomeList.children.outcomes)
    func childrenOutcomes(outcome: StrategyOutcome) {
        #expect(discussion(outcome: outcome).validate(for: F.incident(), now: F.now).isEmpty)
    }

    @Test("each adults' outcome is accepted for an adults' incident", arguments: OutcomeList.adults.outcomes)
    func adultOutcomes(outcome: StrategyOutcome) {
        let incident = F.incident(form: .a1, service: .adults)
        #expect(discussion(outcome: outcome).validate(for: incident, now: F.now).isEmpty)
    }

    @Test("outcomes off the service's list are refused", arguments: [
        (SafeguardingService.children, StrategyOutcome.adultAtRiskEnquiry),
        (.children, .strategyMeeting),
        (.children, .noFurtherAction),
        (.children, .maracReferral),
        (.adults, .childProtectionEnquiry),
        (.adults, .earlyHelp),
        (.adults, .noFurtherActionWithAdvice),
        (.adults, .safetyPlanning),
    ])
    func offList(service: SafeguardingService, outcome: StrategyOutcome) {
        let incident = F.incident(form: service == .children ? .c1 : .a1, service: service)
        #expect(F.fields(discussion(outcome: outcome).validate(for: incident, now: F.now)) == ["outcome"])
    }

    @Test("domestic abuse outcomes are allowed for PPN and MARAC incidents", arguments: [ReferralForm.ppn, .marac])
    func domesticAbuseForms(form: ReferralForm) {
        let incident = F.incident(form: form, service: .adults)
        for outcome in OutcomeList.domesticAbuse.outcomes {
            #expect(discussion(outcome: outcome).validate(for: incident, now: F.now).isEmpty)
        }
        #expect(F.fields(discussion(outcome: .earlyHelp).validate(for: incident, now: F.now)) == ["outcome"])
    }

    @Test("domestic abuse outcomes are allowed at the daily discussion")
    func dailyDiscussion() {
        let incident = F.incident()
        #expect(discussion(kind: .domesticAbuseDailyDiscussion, outcome: .maracReferral).validate(for: incident, now: F.now).isEmpty)
        #expect(discussion(kind: .domesticAbuseDailyDiscussion, outcome: .childProtectionEnquiry).validate(for: incident, now: F.now).isEmpty)
        #expect(F.fields(discussion(kind: .strategyMeeting, outcome: .maracReferral).validate(for: incident, now: F.now)) == ["outcome"])
    }

    @Test("permitted outcomes for a PPN children's incident combine both lists without repeats")
    func permittedOutcomes() {
        let outcomes = discussion().permittedOutcomes(for: F.incident(form: .ppn, service: .adults))
        #expect(outcomes == [.adultAtRiskEnquiry, .strategyMeeting, .careAndSupportAssessment, .noFurtherAction, .maracReferral, .safetyPlanning])
    }

    @Test("no outcome recorded yet is allowed")
    func noOutcome() {
        #expect(discussion(outcome: nil).validate(for: F.incident(), now: F.now).isEmpty)
    }

    @Test("at least one attendee, each with a name and agency code; the chair too")
    func attendees() {
        var record = discussion()
        record.attendees = []
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == ["attendees"])
        record.attendees = [DiscussionParticipant(name: "", agency: "Health Board")]
        record.chair = DiscussionParticipant(name: "Eluned Price", agency: "")
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == ["chair.agency", "attendees[0].name", "attendees[0].agency"])
    }

    @Test("information considered and decisions are required")
    func textRequired() {
        var record = discussion()
        record.informationConsidered = ""
        record.decisions = " "
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == ["informationConsidered", "decisions"])
    }

    @Test("a discussion is not in the future nor before the incident opened")
    func heldAt() {
        var record = discussion()
        record.heldAt = F.now.addingTimeInterval(3600)
        record.actions = []
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == ["heldAt"])
        record.heldAt = F.instant("2025-06-10T07:00:00Z")
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == ["heldAt"])
    }

    @Test("a discussion given to the minute, in the minute the incident opened, is not before it")
    func heldInTheMinuteTheIncidentOpened() {
        var record = discussion()
        record.actions = []
        let incident = F.incident()
        record.heldAt = incident.openedAt.addingTimeInterval(-59)
        #expect(F.fields(record.validate(for: incident, now: F.now)) == [])
        record.heldAt = incident.openedAt.addingTimeInterval(-61)
        #expect(F.fields(record.validate(for: incident, now: F.now)) == ["heldAt"])
    }

    @Test("actions need an owning agency, a description and a due date not before the discussion")
    func actions() {
        let record = discussion(actions: [
            AgreedAction(ownerAgency: "police", description: "Check PNC for the partner.", dueDate: CalendarDate("2025-06-11")!),
            AgreedAction(ownerAgency: "", description: "", dueDate: CalendarDate("2025-06-09")!),
        ])
        #expect(F.fields(record.validate(for: F.incident(), now: F.now)) == [
            "actions[1].ownerAgency", "actions[1].description", "actions[1].dueDate",
        ])
    }

    @Test("an action due the same day as the discussion is accepted, judged in the hub's time zone")
    func sameDayAction() {
        // Held 00:30 BST on 10 June (23:30 GMT on 9 June); an action due 10 June is on the day.
        var record = discussion(actions: [AgreedAction(ownerAgency: "police", description: "Visit", dueDate: CalendarDate("2025-06-10")!)])
        record.heldAt = F.instant("2025-06-09T23:30:00Z")
        let incident = Incident(form: .c1, service: .children, rating: .red, openedAt: F.instant("2025-06-09T22:00:00Z"))
        #expect(record.validate(for: incident, now: F.now).isEmpty)
        record.actions[0].dueDate = CalendarDate("2025-06-09")!
        #expect(F.fields(record.validate(for: incident, now: F.now)) == ["actions[0].dueDate"])
        #expect(record.validate(for: incident, now: F.now, timeZone: F.gmt).isEmpty)
    }

    @Test("validated trims text and throws every issue")
    func validated() throws {
        var record = discussion()
        record.decisions = "  Proceed.  "
        #expect(try record.validated(for: F.incident(), now: F.now).decisions == "Proceed.")
        record.decisions = ""
        #expect(throws: ValidationFailure.self) { try record.validated(for: F.incident(), now: F.now) }
    }

    @Test("JSON uses camelCase keys; outcome and actions may be omitted")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let object = try JSONSerialization.jsonObject(with: encoder.encode(discussion())) as? [String: Any]
        #expect(object?["informationConsidered"] is String)
        #expect(object?["outcome"] as? String == "child_protection_enquiry")
        let action = (object?["actions"] as? [[String: Any]])?.first
        #expect(action?["ownerAgency"] as? String == "childrens_services")
        #expect(action?["dueDate"] as? String == "2025-06-10")

        let json = """
        {"kind": "domestic_abuse_daily_discussion", "heldAt": "2025-06-10T09:30:00Z",
         "chair": {"name": "Eluned Price", "agency": "childrens_services"},
         "attendees": [{"name": "DC Tomos Hughes", "agency": "police"}],
         "informationConsidered": "PPN high risk.", "decisions": "Safety plan."}
        """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(StrategyDiscussion.self, from: Data(json.utf8))
        #expect(decoded.outcome == nil && decoded.actions.isEmpty && decoded.kind == .domesticAbuseDailyDiscussion)
    }

    @Test("raw values are stable")
    func rawValues() {
        #expect(StrategyDiscussionKind.allCases.map(\.rawValue) == ["strategy_discussion", "strategy_meeting", "domestic_abuse_daily_discussion"])
        #expect(StrategyOutcome.allCases.map(\.rawValue) == [
            "child_protection_enquiry", "proportionate_assessment", "care_and_support_assessment", "early_help",
            "further_strategy_meeting", "no_further_action_with_advice", "adult_at_risk_enquiry", "strategy_meeting",
            "no_further_action", "marac_referral", "safety_planning",
        ])
        #expect(OutcomeList.allCases.map(\.rawValue) == ["children", "adults", "domestic_abuse"])
    }
}
