import Foundation

/// A request to one partner agency to share what it holds about an incident's subjects, due by the
/// time the RAG SLA clock gave it.
public struct ShareRequest: Sendable, Hashable, Codable {
    /// The agency asked (`police`, `health`, …).
    public var agency: String
    public var requestedAt: Date
    /// When the answer is due, from the RAG SLA clock.
    public var dueAt: Date
    public var state: ShareRequestState
    public var response: ShareResponse?
    public var answeredAt: Date?
    /// How many times the agency has been chased.
    public var chaseCount: Int
    public var lastChasedAt: Date?
    /// When it was withdrawn (its incident closed before an answer).
    public var withdrawnAt: Date?
    /// Set when MASH staff recorded the answer for the agency (given by phone, email…); nil when the agency answered
    /// through Hub itself, or not yet.
    public var recordedOnBehalf: RecordedOnBehalf?

    public init(
        agency: String, requestedAt: Date, dueAt: Date, state: ShareRequestState = .requested,
        response: ShareResponse? = nil, answeredAt: Date? = nil, chaseCount: Int = 0, lastChasedAt: Date? = nil,
        withdrawnAt: Date? = nil, recordedOnBehalf: RecordedOnBehalf? = nil
    ) {
        self.agency = agency
        self.requestedAt = requestedAt
        self.dueAt = dueAt
        self.state = state
        self.response = response
        self.answeredAt = answeredAt
        self.chaseCount = chaseCount
        self.lastChasedAt = lastChasedAt
        self.withdrawnAt = withdrawnAt
        self.recordedOnBehalf = recordedOnBehalf
    }

    /// The agency code is well formed and the request is not due before it was made.
    public func validate() -> [ValidationIssue] {
        var issues = FieldCheck.agencyCode(agency, field: "agency")
        if dueAt < requestedAt {
            issues.append(ValidationIssue(field: "dueAt", message: "a share request cannot be due before it is sent"))
        }
        return issues
    }

    /// Records the agency's answer at `answeredAt`. Throws ``InvalidTransition`` when already
    /// answered, or ``ValidationFailure`` when the response is invalid or predates the request;
    /// changes nothing then.
    public mutating func answer(_ response: ShareResponse, at answeredAt: Date) throws {
        let next = try state.applying(.answer)
        var issues = response.validate()
        if answeredAt < requestedAt {
            issues.append(ValidationIssue(field: "answeredAt", message: "a share request cannot be answered before it is sent"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        self.response = try response.validated()
        self.answeredAt = answeredAt
        self.state = next
    }

    /// Records an answer the agency gave by another channel, as `recorder` (MASH staff) records it at `now`: answered
    /// at the time it was received, so its timeliness is judged by when the agency answered, not when it was typed in.
    /// Throws ``InvalidTransition`` when already answered or withdrawn, or ``ValidationFailure`` naming each field
    /// (``AnswerOnBehalf/validate(requestedAt:now:)``); changes nothing then.
    public mutating func answer(onBehalf answer: AnswerOnBehalf, recorder: Identity, at now: Date) throws {
        let next = try state.applying(.answer)
        let issues = answer.validate(requestedAt: requestedAt, now: now)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        response = try answer.response.validated()
        answeredAt = answer.receivedAt
        recordedOnBehalf = RecordedOnBehalf(
            recordedBy: recorder.username, recordedByName: recorder.displayName, recordedByAgency: recorder.agencyCode,
            channel: answer.channel, contactName: FieldCheck.trimmed(answer.contactName), receivedAt: answer.receivedAt, recordedAt: now)
        state = next
    }

    /// Records a chase at `chasedAt`; throws ``InvalidTransition`` once answered.
    public mutating func chase(at chasedAt: Date) throws(InvalidTransition) {
        state = try state.applying(.chase)
        chaseCount += 1
        lastChasedAt = chasedAt
    }

    /// Withdraws the unanswered request at `withdrawnAt` (its incident closes); throws ``InvalidTransition`` once
    /// answered or withdrawn.
    public mutating func withdraw(at withdrawnAt: Date) throws(InvalidTransition) {
        state = try state.applying(.withdraw)
        self.withdrawnAt = withdrawnAt
    }

    /// Pending, overdue, answered on time or late, or withdrawn before or after its due time, judged at `now`.
    public func timeliness(now: Date) -> ShareRequestTimeliness {
        if let answeredAt, state == .answered {
            return answeredAt <= dueAt ? .answeredOnTime : .answeredLate
        }
        if state == .withdrawn {
            return (withdrawnAt ?? now) <= dueAt ? .withdrawn : .withdrawnOverdue
        }
        return now > dueAt ? .overdue : .pending
    }

    /// True when unanswered and past its due time at `now`.
    public func isOverdue(now: Date) -> Bool {
        timeliness(now: now) == .overdue
    }
}
