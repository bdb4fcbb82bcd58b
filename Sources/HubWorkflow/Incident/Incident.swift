import Foundation

/// The workflow facts of an information-sharing incident: what it came from, how urgent it is and
/// where it is. Identity, timestamps of each step and the timeline live in the database.
public struct Incident: Sendable, Hashable, Codable {
    /// The form of the referral it was opened from.
    public var form: ReferralForm
    /// The service that triaged it; decides the outcome list.
    public var service: SafeguardingService
    public var rating: RAGRating
    public var state: IncidentState
    public var openedAt: Date

    public init(form: ReferralForm, service: SafeguardingService, rating: RAGRating, state: IncidentState = .open, openedAt: Date) {
        self.form = form
        self.service = service
        self.rating = rating
        self.state = state
        self.openedAt = openedAt
    }

    /// Opens an incident from a referral and a decision that it meets the threshold, or throws a
    /// ``ValidationFailure`` when the decision is invalid or does not meet the threshold.
    public static func opening(from referral: Referral, decision: ThresholdDecision, at openedAt: Date) throws(ValidationFailure) -> Incident {
        let decision = try decision.validated()
        guard decision.kind.meetsThreshold, let rating = decision.ragRating else {
            throw ValidationFailure(field: "kind", message: "only a referral that meets the threshold opens an incident")
        }
        return Incident(form: referral.form, service: referral.service, rating: rating, openedAt: openedAt)
    }

    /// Moves to the state after `action`; throws ``InvalidTransition`` and changes nothing when the
    /// action is not allowed. Use ``reRate(_:)`` to change the rating and ``close(_:)`` to close.
    public mutating func apply(_ action: IncidentAction) throws(InvalidTransition) {
        state = try state.applying(action)
    }

    /// Closes the incident, recording `closure`; returns it tidied. Throws ``InvalidTransition`` when the state does
    /// not allow closing, or ``ValidationFailure`` naming each field of the closure that does not fit this incident
    /// (see ``IncidentClosure``); changes nothing then.
    @discardableResult
    public mutating func close(_ closure: IncidentClosure) throws -> IncidentClosure {
        let next = try state.applying(.close)
        let closure = try closure.validated(for: self)
        state = next
        return closure
    }

    /// Changes the rating. Throws ``InvalidTransition`` when the state does not allow re-rating, or
    /// ``ValidationFailure`` when the rationale is blank or the rating unchanged; changes nothing then.
    public mutating func reRate(_ reRating: ReRating) throws {
        _ = try state.applying(.reRate)
        let issues = reRating.validate(current: rating)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        rating = reRating.rating
    }
}
