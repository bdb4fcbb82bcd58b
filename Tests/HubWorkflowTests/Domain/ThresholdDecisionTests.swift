import Foundation
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Threshold decisions and referral status")
struct ThresholdDecisionTests {
    @Test("every decision needs a rationale", arguments: ThresholdDecisionKind.allCases)
    func rationaleRequired(kind: ThresholdDecisionKind) {
        let rating: RAGRating? = kind == .meetsThreshold ? .amber : nil
        let issues = ThresholdDecision(kind: kind, rationale: "  ", ragRating: rating).validate()
        #expect(F.fields(issues) == ["rationale"])
        #expect(ThresholdDecision(kind: kind, rationale: "Reasons recorded.", ragRating: rating).validate().isEmpty)
    }

    @Test("meeting the threshold needs a RAG rating; other decisions refuse one")
    func ragRating() {
        #expect(F.fields(ThresholdDecision(kind: .meetsThreshold, rationale: "Bruising").validate()) == ["ragRating"])
        #expect(F.fields(ThresholdDecision(kind: .signposting, rationale: "Housing", ragRating: .green).validate()) == ["ragRating"])
    }

    @Test("validated trims the rationale and throws every issue")
    func validated() throws {
        let decision = try ThresholdDecision(kind: .noFurtherAction, rationale: " Known, no new concern. ").validated()
        #expect(decision.rationale == "Known, no new concern.")
        #expect(throws: ValidationFailure.self) { try ThresholdDecision(kind: .meetsThreshold, rationale: "").validated() }
    }

    @Test("decisions not to share about a child, and no further action about an adult, need ratification", arguments: [
        (ThresholdDecisionKind.meetsThreshold, SafeguardingService.children, false),
        (.noFurtherAction, .children, true),
        (.informationAdviceAssistance, .children, true),
        (.signposting, .children, true),
        (.meetsThreshold, .adults, false),
        (.noFurtherAction, .adults, true),
        (.informationAdviceAssistance, .adults, false),
        (.signposting, .adults, false),
    ])
    func ratification(kind: ThresholdDecisionKind, service: SafeguardingService, required: Bool) {
        #expect(kind.requiresRatification(for: service) == required)
        #expect(ThresholdDecision(kind: kind, rationale: "r").requiresRatification(for: service) == required)
    }

    @Test("only a MASH manager may ratify")
    func ratifyingRole() {
        #expect(ThresholdDecision.ratifyingRole.rawValue == "mash_manager")
        #expect(Role.allCases.filter(ThresholdDecision.mayRatify) == [.mashManager])
    }

    @Test("received referrals are decided", arguments: [
        (ThresholdDecisionKind.meetsThreshold, SafeguardingService.children, ReferralStatus.thresholdMet),
        (.meetsThreshold, .adults, .thresholdMet),
        (.noFurtherAction, .children, .awaitingRatification),
        (.informationAdviceAssistance, .children, .awaitingRatification),
        (.signposting, .children, .awaitingRatification),
        (.noFurtherAction, .adults, .awaitingRatification),
        (.informationAdviceAssistance, .adults, .closed),
        (.signposting, .adults, .closed),
    ])
    func decide(kind: ThresholdDecisionKind, service: SafeguardingService, next: ReferralStatus) throws {
        #expect(try ReferralStatus.received.applying(.decide(kind), service: service) == next)
    }

    @Test("a manager ratifies or overturns a decision awaiting ratification")
    func ratifyOrOverturn() throws {
        #expect(try ReferralStatus.awaitingRatification.applying(.ratify, service: .children) == .ratified)
        #expect(try ReferralStatus.awaitingRatification.applying(.overturn, service: .children) == .received)
    }

    @Test("forbidden referral transitions name the state and the action", arguments: [
        (ReferralStatus.received, ReferralAction.ratify),
        (.received, .overturn),
        (.awaitingRatification, .decide(.meetsThreshold)),
        (.thresholdMet, .decide(.noFurtherAction)),
        (.thresholdMet, .ratify),
        (.thresholdMet, .overturn),
        (.ratified, .decide(.meetsThreshold)),
        (.ratified, .ratify),
        (.ratified, .overturn),
        (.closed, .decide(.meetsThreshold)),
        (.closed, .ratify),
        (.closed, .overturn),
    ])
    func forbidden(status: ReferralStatus, action: ReferralAction) {
        #expect(throws: InvalidTransition(entity: "referral", state: status.rawValue, action: action.name)) {
            try status.applying(action, service: .children)
        }
    }

    @Test("final statuses")
    func finalStatuses() {
        #expect(ReferralStatus.allCases.filter(\.isFinal) == [.thresholdMet, .ratified, .closed])
    }

    @Test("overturning needs a reason; ratifying does not")
    func ratificationNotes() {
        #expect(Ratification(verdict: .ratified).validate().isEmpty)
        #expect(F.fields(Ratification(verdict: .overturned, note: " ").validate()) == ["note"])
        #expect(Ratification(verdict: .overturned, note: "Second bruise not considered.").validate().isEmpty)
        #expect(Ratification(verdict: .ratified).action == .ratify)
        #expect(Ratification(verdict: .overturned).action == .overturn)
    }

    @Test("status raw values are stable")
    func rawValues() {
        #expect(ReferralStatus.allCases.map(\.rawValue) == ["received", "threshold_met", "awaiting_ratification", "ratified", "closed"])
        #expect(ThresholdDecisionKind.allCases.map(\.rawValue) == [
            "meets_threshold", "no_further_action", "information_advice_assistance", "signposting",
        ])
    }
}
