import Foundation
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

/// What closing an incident records (#15 items 12 and 13) and the withdrawal of unanswered share requests (item 6),
/// as the domain decides them.
@Suite("Closing an incident")
struct IncidentClosureTests {
    static let shared = IncidentClosure(outcome: .informationSharedNoFurtherAction, reason: "Known to partners and supported.")

    @Test("sharing was enough: an open or sharing incident closes with a closure outcome and a reason")
    func closingWithoutStrategyOutcome() throws {
        for state in [IncidentState.open, .sharing] {
            var incident = F.incident(state: state)
            let recorded = try incident.close(IncidentClosure(outcome: .singleAgencyAction, reason: "  Social worker follows up.  "))
            #expect(incident.state == .closed)
            #expect(recorded.reason == "Social worker follows up.")
        }
    }

    @Test("without a strategy outcome the closure outcome and the reason are required, each named")
    func closureOutcomeAndReasonRequired() {
        var incident = F.incident(state: .sharing)
        #expect(F.fields(IncidentClosure().validate(for: incident)) == ["closure.outcome", "closure.reason"])
        #expect(F.fields(IncidentClosure(outcome: .duplicate, reason: "   ").validate(for: incident)) == ["closure.reason"])
        let long = String(repeating: "e\u{301}", count: TextLimits.rationale / 2) + "x"
        #expect(F.fields(IncidentClosure(outcome: .duplicate, reason: long).validate(for: incident)) == ["closure.reason"])
        #expect(throws: ValidationFailure.self) { try incident.close(IncidentClosure()) }
        #expect(incident.state == .sharing)
    }

    @Test("after a strategy outcome the outcome stands: no closure outcome, the reason optional")
    func afterStrategyOutcome() throws {
        var incident = F.incident(state: .outcomeRecorded)
        #expect(F.fields(Self.shared.validate(for: incident)) == ["closure.outcome"])
        try incident.close(IncidentClosure())
        #expect(incident.state == .closed)
    }

    @Test("an incident at strategy, a discussion recorded without its outcome, does not close")
    func atStrategyRefused() {
        var incident = F.incident(state: .strategy)
        #expect(throws: InvalidTransition(entity: "incident", state: "strategy", action: "close")) { try incident.close(Self.shared) }
        #expect(incident.state == .strategy)
    }

    @Test("an adult's case records whether the risk was reduced, removed or remains; a child's never does")
    func adultRisk() throws {
        var adult = F.incident(form: .a1, service: .adults, state: .outcomeRecorded)
        #expect(F.fields(IncidentClosure().validate(for: adult)) == ["closure.adultRisk"])
        let recorded = try adult.close(IncidentClosure(adultRisk: .reduced))
        #expect(recorded.adultRisk == .reduced && adult.state == .closed)

        let child = F.incident(state: .outcomeRecorded)
        #expect(F.fields(IncidentClosure(adultRisk: .removed).validate(for: child)) == ["closure.adultRisk"])
        #expect(AdultRiskAtClosure.allCases.map(\.rawValue) == ["reduced", "removed", "remains"])
        #expect(ClosureOutcome.allCases.map(\.rawValue) == ["information_shared_no_further_action", "single_agency_action", "duplicate"])
    }

    @Test("a withdrawn request can be neither answered nor chased; it is withdrawn, or withdrawn overdue after its due time")
    func withdrawnRequest() throws {
        let sent = F.instant("2025-06-10T08:30:00Z"), due = F.instant("2025-06-10T10:30:00Z")
        var early = ShareRequest(agency: "police", requestedAt: sent, dueAt: due)
        try early.withdraw(at: due.addingTimeInterval(-60))
        #expect(early.state == .withdrawn && early.timeliness(now: due.addingTimeInterval(86_400)) == .withdrawn)
        #expect(throws: InvalidTransition(entity: "share_request", state: "withdrawn", action: "answer")) {
            try early.answer(ShareResponse(kind: .nothingKnown), at: due)
        }
        #expect(throws: InvalidTransition(entity: "share_request", state: "withdrawn", action: "chase")) { try early.chase(at: due) }
        #expect(throws: InvalidTransition(entity: "share_request", state: "withdrawn", action: "withdraw")) { try early.withdraw(at: due) }

        var late = ShareRequest(agency: "police", requestedAt: sent, dueAt: due)
        try late.withdraw(at: due.addingTimeInterval(60))
        #expect(late.timeliness(now: due.addingTimeInterval(120)) == .withdrawnOverdue)

        var answered = ShareRequest(agency: "police", requestedAt: sent, dueAt: due)
        try answered.answer(ShareResponse(kind: .nothingKnown), at: sent)
        #expect(throws: InvalidTransition(entity: "share_request", state: "answered", action: "withdraw")) { try answered.withdraw(at: due) }
    }
}
