import Foundation
import HubData
import HubWorkflow

/// A MASH user reads a referral with its decisions and, for each subject, the tracker's candidate persons (the
/// panel); audited with the reader's purpose.
public struct ReadReferral: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public struct Read: Sendable {
        public let referral: StoredReferral
        /// Nil when no purpose was given (or the caller asked for the referral alone).
        public let tracker: [ReferralTrackerPanel]?
        /// The feedback clock its decision started (nil before a decision), and the feedback given (issue #20).
        public let feedbackClock: FeedbackClockStatus?
        public let feedback: [StoredFeedback]
        /// When it was read (the clock's time): where the feedback clock stands is judged at this instant.
        public let readAt: Date
    }

    /// The referral; with `trackerCandidates` and a purpose, each subject's candidate persons too: the tracker is
    /// personal data, read only for a stated purpose (the screens show the fuller panel of ``ReadTrackerPanel``).
    public func callAsFunction(_ id: UUID, purpose: String?, trackerCandidates: Bool = true, by caller: Caller) async throws -> Read {
        try authorize(caller)
        guard let stored = try await stores.referrals.find(id: id) else { throw UseCaseError.notFound("The referral") }
        let withPanel = trackerCandidates && purpose != nil
        let panels = withPanel ? try await ReferralTrackerPanel.lookUp(stored.referral.subjects, store: stores.trackerSearch) : nil
        try await recorder.record(
            caller, action: "referral.read", objectType: "referral", objectId: id.lowercased, purpose: purpose,
            detail: ["tracker_candidates": String((panels ?? []).reduce(0) { $0 + $1.candidates.count }),
                     "person_ids": (panels ?? []).flatMap { $0.candidates.map { String($0.personId) } }.joined(separator: ",")])
        return Read(referral: stored, tracker: panels, feedbackClock: try await stores.feedback.clock(of: id),
                    feedback: try await stores.feedback.feedback(of: id), readAt: recorder.clock.now())
    }
}
