import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// What a strategy discussion's `marac_referral` outcome does, in the discussion's transaction with the incident
/// locked: the incident's outcome comes to stand for one MARAC referral, and the link is stored, written on both
/// timelines and audited.
///
/// - An incident whose outcome already stands for one (a further discussion deciding on MARAC again) keeps it:
///   nothing more is made.
/// - An incident opened from a MARAC referral stands for that referral (`originating`).
/// - Otherwise the victim's live MARAC referral, if ``MARACReferralMatching`` finds one, is linked (`linked`);
///   failing that, ``MARACReferralRaising`` makes one from the incident's referral, written as ``ReceiveReferral``
///   writes any referral (its reference, the `received` entry, the `referral.create` audit event), so that it waits
///   in the triage queue like any other (`created`). A referral without a victim or a DASH assessment is refused
///   naming `outcome`, and the whole discussion with it.
struct MARACReferralFromOutcome: Sendable {
    let stores: Stores
    let recorder: AuditRecorder

    func link(
        incidentId: UUID, originReferralId: UUID, discussion: StrategyDiscussion, discussionId: UUID, caller: Caller, actor: Identity,
        at now: Date, on connection: PostgresConnection
    ) async throws {
        guard try await stores.maracLinks.link(ofIncident: incidentId, on: connection) == nil else { return }
        guard let origin = try await stores.referrals.find(id: originReferralId, on: connection) else {
            throw UseCaseError.notFound("The incident's referral")
        }
        let incidentReference = try await stores.incidents.reference(of: incidentId, on: connection)

        let target: (id: UUID, reference: String, how: MARACLinkKind)
        if origin.referral.form == .marac {
            target = (origin.id, origin.reference, .originating)
        } else {
            let raised = try MARACReferralRaising.referral(from: origin.referral, reference: origin.reference, discussion: discussion, now: now)
            let victims = VictimIdentity.victims(of: raised)
            try await stores.maracLinks.lockForMatching(on: connection)
            let candidates = try await stores.maracLinks.candidates(
                for: victims, since: MARACReferralMatching.earliestReceipt(forDecisionAt: raised.receivedAt), on: connection)
            if let live = MARACReferralMatching.choose(among: candidates, for: victims, decidedAt: raised.receivedAt) {
                target = (live.id, live.reference, .linked)
            } else {
                let id = UUID()
                let audit = recorder.event(
                    caller, action: "referral.create", objectType: "referral", objectId: id.lowercased,
                    detail: ["form": raised.form.rawValue, "subjects": "\(raised.subjects.count)", "raised_from_incident": incidentId.lowercased])
                let created = try await stores.referrals.create(raised, id: id, actor: actor, now: now, audit: audit, on: connection)
                target = (id, created.stored.reference, .created)
            }
        }

        try await stores.maracLinks.insert(
            incidentId: incidentId, maracReferralId: target.id, discussionId: discussionId, how: target.how, actor: actor, at: now,
            on: connection)
        try await stores.timeline.append(
            target.how == .created ? .maracReferralRaised : .maracReferralLinked, referralId: origin.id, incidentId: incidentId, at: now,
            actor: actor, detail: ["maracReferral": target.reference], on: connection)
        if target.how != .originating {
            try await stores.timeline.append(
                target.how == .created ? .raisedFromIncident : .linkedFromIncident, referralId: target.id, incidentId: nil, at: now,
                actor: actor, detail: ["incident": incidentReference, "referral": origin.reference], on: connection)
        }
        try await recorder.record(
            caller, action: "marac_referral.link", objectType: "referral", objectId: target.id.lowercased,
            detail: ["incident": incidentId.lowercased, "discussion": discussionId.lowercased, "how": target.how.rawValue], on: connection)
    }
}
