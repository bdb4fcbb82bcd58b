import Foundation
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Incident state machine")
struct IncidentStateTests {
    /// Every allowed (state, action) pair and where it leads; all others are forbidden.
    static let allowed: [IncidentState: [IncidentAction: IncidentState]] = [
        .open: [.sendRequests: .sharing, .discuss: .strategy, .close: .closed, .reRate: .open],
        .sharing: [.sendRequests: .sharing, .discuss: .strategy, .close: .closed, .reRate: .sharing],
        .strategy: [.sendRequests: .strategy, .discuss: .strategy, .recordOutcome: .outcomeRecorded, .reRate: .strategy],
        .outcomeRecorded: [.discuss: .strategy, .close: .closed],
        .closed: [:],
    ]

    static let pairs: [(IncidentState, IncidentAction)] = IncidentState.allCases.flatMap { state in
        IncidentAction.allCases.map { (state, $0) }
    }

    @Test("each state allows exactly its transitions", arguments: pairs)
    func transition(state: IncidentState, action: IncidentAction) throws {
        if let next = Self.allowed[state]?[action] {
            #expect(try state.applying(action) == next)
        } else {
            #expect(throws: InvalidTransition(entity: "incident", state: state.rawValue, action: action.rawValue)) {
                try state.applying(action)
            }
        }
    }

    @Test("the usual path runs open → sharing → strategy → outcome_recorded → closed")
    func happyPath() throws {
        var incident = F.incident()
        for action in [IncidentAction.sendRequests, .discuss, .recordOutcome] {
            try incident.apply(action)
        }
        try incident.close(IncidentClosure())
        #expect(incident.state == .closed)
    }

    @Test("an invalid transition names the state and action")
    func errorMessage() {
        var incident = F.incident(state: .closed)
        #expect(throws: InvalidTransition.self) { try incident.apply(.reRate) }
        #expect(InvalidTransition(entity: "incident", state: "outcome_recorded", action: "re_rate").description
            == "cannot re_rate: the incident is outcome recorded")
        let refused = #expect(throws: InvalidTransition.self) { try incident.apply(.close) }
        #expect(refused?.entity == "incident")
        #expect(refused?.state == "closed")
        #expect(refused?.action == "close")
        #expect(incident.state == .closed)
    }

    @Test("re-rating is allowed while open, sharing or at strategy")
    func reRatingStates() {
        #expect(IncidentState.allCases.filter(\.allowsReRating) == [.open, .sharing, .strategy])
    }

    @Test("re-rating changes the rating with a rationale")
    func reRate() throws {
        var incident = F.incident(rating: .amber, state: .sharing)
        try incident.reRate(ReRating(rating: .red, rationale: "Police report a further assault last night."))
        #expect(incident.rating == .red)
        #expect(incident.state == .sharing)
    }

    @Test("re-rating needs a rationale and a different rating")
    func reRateValidation() {
        var incident = F.incident(rating: .amber)
        #expect(throws: ValidationFailure.self) { try incident.reRate(ReRating(rating: .red, rationale: "  ")) }
        #expect(throws: ValidationFailure.self) { try incident.reRate(ReRating(rating: .amber, rationale: "No change")) }
        #expect(F.fields(ReRating(rating: .amber, rationale: "").validate(current: .amber)) == ["rationale", "rating"])
        #expect(incident.rating == .amber)
    }

    @Test("re-rating is refused after the outcome and once closed", arguments: [IncidentState.outcomeRecorded, .closed])
    func reRateRefused(state: IncidentState) {
        var incident = F.incident(rating: .amber, state: state)
        #expect(throws: InvalidTransition(entity: "incident", state: state.rawValue, action: "re_rate")) {
            try incident.reRate(ReRating(rating: .red, rationale: "Escalating"))
        }
        #expect(incident.rating == .amber)
    }

    @Test("allowed actions per state")
    func allowedActions() {
        #expect(IncidentState.open.allowedActions == [.sendRequests, .discuss, .close, .reRate])
        #expect(IncidentState.strategy.allowedActions == [.sendRequests, .discuss, .recordOutcome, .reRate])
        #expect(IncidentState.outcomeRecorded.allowedActions == [.discuss, .close])
        #expect(IncidentState.closed.allowedActions.isEmpty)
    }

    @Test("opening an incident needs a decision that meets the threshold")
    func opening() throws {
        let referral = try F.c1().validated(now: F.now)
        let incident = try Incident.opening(
            from: referral, decision: ThresholdDecision(kind: .meetsThreshold, rationale: "Injury to a child under 12", ragRating: .red),
            at: F.now)
        #expect(incident.state == .open && incident.rating == .red && incident.service == .children && incident.form == .c1)
        #expect(throws: ValidationFailure.self) {
            try Incident.opening(from: referral, decision: ThresholdDecision(kind: .noFurtherAction, rationale: "Known"), at: F.now)
        }
        #expect(throws: ValidationFailure.self) {
            try Incident.opening(from: referral, decision: ThresholdDecision(kind: .meetsThreshold, rationale: "No rating"), at: F.now)
        }
    }

    @Test("actions write their timeline events")
    func timeline() {
        #expect(IncidentAction.allCases.map(\.timelineEvent) == [.requestsSent, .discussed, .outcome, .closed, .reRated])
        #expect(TimelineEventKind.allCases.map(\.rawValue) == [
            "received", "acknowledged", "decided", "rated", "re_rated", "requests_sent", "answered", "chased", "warned", "breached",
            "discussed", "outcome", "action_done", "closed", "withdrawn", "marac_referral_raised", "marac_referral_linked",
            "raised_from_incident", "linked_from_incident", "fed_back", "feedback_warned", "feedback_breached",
        ])
    }

    @Test("state raw values are stable")
    func rawValues() {
        #expect(IncidentState.allCases.map(\.rawValue) == ["open", "sharing", "strategy", "outcome_recorded", "closed"])
        #expect(IncidentAction.allCases.map(\.rawValue) == ["send_requests", "discuss", "record_outcome", "close", "re_rate"])
    }
}
