import Foundation
import HubData
import HubWorkflow

/// What happens to one demo referral after it arrives, each step through its use case at its own moment: the
/// threshold decision (ratified by a manager when it must be), the incident's share requests answered by the
/// partners (or left waiting, or chased), the strategy discussion with its outcome and actions, closure, and the
/// actions done by their owners (most on time, some late, some not yet).
struct DemoCasework {
    let useCases: UseCases
    let staff: DemoStaff
    let clock: SettableClock
    let now: Date

    struct Outcome {
        var incident = false
        var answers = 0
        var discussions = 0
    }

    static let answeringAgencies = ["piphire_police", "piphire_uhb", "pip_education"]

    func receive(_ draft: ReferralDraft) async throws -> StoredReferral? {
        do {
            guard case let .created(stored, _, _) = try await useCases.receiveReferral(draft, idempotency: nil, by: staff.triage) else { return nil }
            return stored
        } catch is ValidationFailure {
            return nil  // a person whose fictional details a form refuses (an unborn child's data, say): not this one
        }
    }

    /// Moves the clock to `date` if it is not in the future; false when it is (the step has not happened yet).
    func at(_ date: Date) -> Bool {
        guard date < now.addingTimeInterval(-60) else { return false }
        clock.set(date)
        return true
    }

    func work(_ stored: StoredReferral, received: Date, dice: inout DemoActivity.Dice) async throws -> Outcome {
        var outcome = Outcome()
        let recent = now.timeIntervalSince(received) < 30 * 3600
        if !recent && now.timeIntervalSince(received) < 3 * 86400 && dice.chance(0.3) { return outcome }  // still in triage
        guard at(received.addingTimeInterval(recent ? 120 : Double(dice.int(20...240)) * 60)) else { return outcome }
        let form = stored.referral.form
        let meets = recent || dice.chance(form == .marac ? 0.95 : form == .ppn ? 0.6 : 0.45)
        guard meets else {
            try await decideNotToShare(stored, dice: &dice)
            return outcome
        }
        let rating: RAGRating = recent ? (now.timeIntervalSince(received) > 24 * 3600 ? .amber : .red)
            : { let r = dice.unit(); return r < 0.39 ? .red : r < 0.94 ? .amber : .green }()
        var agencies = Self.answeringAgencies.filter { $0 != "pip_education" || stored.referral.service == .children }
        if !recent && agencies.count > 2 && dice.chance(0.4) { agencies.remove(at: dice.int(0...(agencies.count - 1))) }
        let hold = rating == .red || dice.chance(0.4)
        let decided = try await useCases.decideThreshold(
            .init(referralId: stored.id, expectedVersion: stored.version,
                  decision: ThresholdDecision(kind: .meetsThreshold, rationale: Self.rationale(rating), ragRating: rating),
                  shareWith: agencies, holdStrategyDiscussion: hold),
            by: staff.triage)
        guard let incidentId = decided.incidentId else { return outcome }
        outcome.incident = true
        let decidedAt = clock.now()
        outcome.answers = try await answer(incidentId, decidedAt: decidedAt, rating: rating, recent: recent, dice: &dice)
        if hold, try await discuss(incidentId, decidedAt: decidedAt, dice: &dice) {
            outcome.discussions = 1
        } else if !hold, !recent {
            try await closeAfterSharing(incidentId, decidedAt: decidedAt, service: stored.referral.service, dice: &dice)
        }
        return outcome
    }

    /// Where sharing was enough (no strategy discussion decided): most close a few days later with a closure outcome
    /// and reason; any request still unanswered is withdrawn then.
    private func closeAfterSharing(_ incidentId: UUID, decidedAt: Date, service: SafeguardingService, dice: inout DemoActivity.Dice) async throws {
        guard dice.chance(0.7), at(decidedAt.addingTimeInterval(Double(dice.int(3...8)) * 86400)) else { return }
        let outcome = dice.chance(0.75) ? ClosureOutcome.informationSharedNoFurtherAction : .singleAgencyAction
        let reason = outcome == .singleAgencyAction
            ? "Partners' information shared with the allocated social worker, who follows up with the family."
            : "Partners' information shows the family is known and supported; no further multi-agency action."
        let closure = IncidentClosure(outcome: outcome, reason: reason, adultRisk: service == .adults ? Self.adultRisk(&dice) : nil)
        let version = try await useCases.stores.incidents.version(of: incidentId) ?? 0
        _ = try await useCases.changeIncident(.init(closure: closure), incidentId: incidentId, expectedVersion: version, by: staff.triage)
    }

    /// What became of an adult's risk at closure, as the demo's cases go: mostly reduced, sometimes removed.
    static func adultRisk(_ dice: inout DemoActivity.Dice) -> AdultRiskAtClosure {
        let r = dice.unit()
        return r < 0.5 ? .reduced : r < 0.8 ? .removed : .remains
    }

    private func decideNotToShare(_ stored: StoredReferral, dice: inout DemoActivity.Dice) async throws {
        let kind = dice.pick([ThresholdDecisionKind.noFurtherAction, .informationAdviceAssistance, .signposting])
        let decided = try await useCases.decideThreshold(
            .init(referralId: stored.id, expectedVersion: stored.version,
                  decision: ThresholdDecision(kind: kind, rationale: "Needs are met by universal services; advice given to the family."),
                  shareWith: [], holdStrategyDiscussion: false),
            by: staff.triage)
        guard decided.referral.status == .awaitingRatification, at(clock.now().addingTimeInterval(Double(dice.int(1...6)) * 3600)) else { return }
        _ = try await useCases.ratifyDecision(Ratification(verdict: .ratified, note: "Agreed."), referralId: stored.id,
                                              expectedVersion: decided.referral.version, by: staff.manager)
    }

    /// Each partner answers within its clock mostly, late sometimes, or not yet (chased when overdue).
    private func answer(_ incidentId: UUID, decidedAt: Date, rating: RAGRating, recent: Bool, dice: inout DemoActivity.Dice) async throws -> Int {
        let incident = try await useCases.stores.incidents.require(incidentId)
        var answered = 0
        for request in incident.shareRequests {
            guard let partner = staff.byAgency[request.agency] else { continue }
            let span = request.request.dueAt.timeIntervalSince(decidedAt)
            let answerAt = decidedAt.addingTimeInterval(span * (dice.chance(0.85) ? dice.unit() * 0.9 + 0.05 : 1.05 + dice.unit() * 0.6))
            if !recent, at(answerAt) {
                let kind = dice.unit() < 0.5 ? ShareResponseKind.informationShared : dice.chance(0.8) ? .nothingKnown : .declined
                _ = try await useCases.answerShareRequest(
                    ShareResponse(kind: kind, information: kind == .informationShared ? Self.information(request.agency) : nil,
                                  reason: kind == .declined ? "The information is held under a court order; apply to the court." : nil),
                    to: request.id, by: partner)
                answered += 1
            } else if request.request.dueAt < now, at(request.request.dueAt.addingTimeInterval(1800)) {
                try await useCases.chaseShareRequest(request.id, by: staff.triage)
            }
        }
        return answered
    }

    /// The strategy discussion, some hours after the decision, with an outcome from the service's list (one in ten
    /// left without, as happens) and an action or two; closed after a week when the outcome is known.
    private func discuss(_ incidentId: UUID, decidedAt: Date, dice: inout DemoActivity.Dice) async throws -> Bool {
        guard at(decidedAt.addingTimeInterval(Double(dice.int(2...20)) * 3600)) else { return false }
        let incident = try await useCases.stores.incidents.require(incidentId)
        let kind: StrategyDiscussionKind = incident.incident.form.isDomesticAbuse && dice.chance(0.6) ? .domesticAbuseDailyDiscussion
            : dice.chance(0.2) ? .strategyMeeting : .strategyDiscussion
        let outcomes = OutcomeList.outcomes(in: OutcomeList.permitted(for: incident.incident, kind: kind))
        let outcome = dice.chance(0.9) ? dice.pick(outcomes) : nil
        let day = CalendarDate(clock.now(), in: .london)
        let owner = incident.incident.service == .children ? "pip_childrens" : "pip_adults"
        let discussion = StrategyDiscussion(
            kind: kind, heldAt: clock.now().addingTimeInterval(-1800),
            chair: DiscussionParticipant(name: "Morgan Ellis", agency: "pip_childrens"),
            attendees: incident.shareRequests.map { DiscussionParticipant(name: Self.attendee($0.agency), agency: $0.agency) },
            informationConsidered: "What partners shared, the referral and the tracker's record of the household.",
            decisions: outcome == nil ? "More information needed before deciding; to reconvene." : "Agreed the outcome and the actions below.",
            outcome: outcome,
            actions: outcome == nil ? [] : [
                AgreedAction(ownerAgency: owner, description: "Home visit and assessment", dueDate: day.adding(days: dice.int(3...14)) ?? day),
            ] + (dice.chance(0.5) ? [AgreedAction(ownerAgency: "piphire_uhb", description: "Health review", dueDate: day.adding(days: 21) ?? day)] : []))
        let version = try await useCases.stores.incidents.version(of: incidentId) ?? 0
        let recorded = try await useCases.recordStrategyDiscussion(discussion, incidentId: incidentId, expectedVersion: version, by: staff.triage)
        let discussedAt = clock.now()
        if outcome != nil, at(clock.now().addingTimeInterval(Double(dice.int(5...12)) * 86400)), dice.chance(0.8) {
            let closure = IncidentClosure(adultRisk: incident.incident.service == .adults ? Self.adultRisk(&dice) : nil)
            _ = try await useCases.changeIncident(.init(closure: closure), incidentId: incidentId, expectedVersion: recorded.version, by: staff.triage)
        }
        try await completeActions(of: incidentId, discussedAt: discussedAt)
        return true
    }

    /// Each action the discussion agreed, done by its owner (the MASH records it for an agency the demo has no user
    /// for): most by the end of the due day, some days late, some not yet. Its own dice, from the incident's number,
    /// so that the rest of the story is the same as before actions could be done.
    private func completeActions(of incidentId: UUID, discussedAt: Date) async throws {
        let incident = try await useCases.stores.incidents.require(incidentId)
        var dice = DemoActivity.Dice(state: 0xAC71_0000 ^ (UInt64(incident.reference.filter(\.isNumber)) ?? 0))
        for stored in incident.actions where stored.action.state == .open {
            let action = stored.action
            let dueDay = Calendar.london.date(from: DateComponents(year: action.dueDate.year, month: action.dueDate.month, day: action.dueDate.day))
                ?? discussedAt
            let endOfDueDay = Calendar.london.date(byAdding: .day, value: 1, to: dueDay) ?? dueDay
            let roll = dice.unit()
            guard roll < 0.85 else { continue }  // not done yet
            let doneAt = roll < 0.72
                ? discussedAt.addingTimeInterval(max(60, endOfDueDay.timeIntervalSince(discussedAt) * (0.2 + dice.unit() * 0.75)))
                : endOfDueDay.addingTimeInterval(Double(dice.int(1...5)) * 86400 - 3600 * Double(dice.int(2...10)))
            guard at(doneAt) else { continue }
            _ = try await useCases.completeAction(
                note: Self.actionNote(action.description), to: stored.id, expectedVersion: stored.version,
                by: staff.byAgency[action.ownerAgency] ?? staff.triage)
        }
    }

    static func actionNote(_ description: String) -> String {
        description.hasPrefix("Health")
            ? "Seen at the clinic with her mother; growth and immunisations up to date. No further concerns from health."
            : "Visited at home with the family; the children were seen and spoken to alone. Plan agreed with the parents."
    }

    static func rationale(_ rating: RAGRating) -> String {
        switch rating {
        case .red: return "Risk of significant harm now: partners asked to share within two hours."
        case .amber: return "Concerns need a multi-agency view within a day."
        case .green: return "Lower risk; partners' information will shape the response."
        }
    }

    static func information(_ agency: String) -> String {
        switch agency {
        case "piphire_police": return "Two calls to the address in the last three months; one for a domestic argument, no arrest."
        case "piphire_uhb": return "Missed two appointments; A&E attendance in the summer for a minor injury."
        default: return "Attendance 78% this term; the child has seemed withdrawn."
        }
    }

    static func attendee(_ agency: String) -> String {
        switch agency {
        case "piphire_police": return "PC Dylan Price"
        case "piphire_uhb": return "Nia Howells"
        case "pip_education": return "Owen Parry"
        default: return "Duty officer"
        }
    }
}

extension UseCases {
    /// The stores the use cases were made with (for the demo's own bookkeeping: versions, the incidents it made).
    var stores: Stores { readIncident.stores }
}
