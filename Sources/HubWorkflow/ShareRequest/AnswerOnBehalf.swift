import Foundation

/// How an agency gave an answer the MASH recorded for it (``AnswerOnBehalf``).
public enum AnswerChannel: String, Sendable, Codable, CaseIterable, Hashable {
    /// A telephone call.
    case phone
    /// An ordinary email.
    case email
    /// A secure (encrypted or government secure) email.
    case secureEmail = "secure_email"
    /// Said at a meeting (a strategy meeting, a daily discussion, in person).
    case meeting
    /// A letter.
    case letter
}

/// An answer the asked agency gave by another channel (a phone call, an email, a meeting…), which MASH staff record
/// for it: the answer itself, as the agency would have given it through Hub (``ShareResponse``), how it came, who at
/// the agency gave it, and when it was received. Only the asked agency answers through Hub itself; this is the one
/// explicit way anyone else writes an answer, and it stays marked as such (``RecordedOnBehalf``).
public struct AnswerOnBehalf: Sendable, Hashable, Codable {
    public var kind: ShareResponseKind
    public var information: String?
    public var reason: String?
    public var channel: AnswerChannel
    /// Who at the asked agency gave the answer (free text: a name, a role).
    public var contactName: String
    /// When the MASH received the answer: the time the agency answered, by which the request's clock is judged.
    public var receivedAt: Date

    public init(response: ShareResponse, channel: AnswerChannel, contactName: String, receivedAt: Date) {
        kind = response.kind
        information = response.information
        reason = response.reason
        self.channel = channel
        self.contactName = contactName
        self.receivedAt = receivedAt
    }

    /// The answer itself.
    public var response: ShareResponse { ShareResponse(kind: kind, information: information, reason: reason) }

    /// The response's own rules, a contact named (at most ``TextLimits/name`` code points), and a receipt time that
    /// is neither in the future (`now`) nor before the request was made (`requestedAt`).
    public func validate(requestedAt: Date, now: Date) -> [ValidationIssue] {
        var issues = response.validate()
        issues += FieldCheck.required(contactName, field: "contactName", limit: TextLimits.name, label: "the contact at the agency")
        if receivedAt > now {
            issues.append(ValidationIssue(field: "receivedAt", message: "the time received cannot be in the future"))
        } else if receivedAt < requestedAt {
            issues.append(ValidationIssue(field: "receivedAt", message: "an answer cannot be received before the request was sent"))
        }
        return issues
    }
}

/// An answer MASH staff recorded for the asked agency, as every view of the request shows it: who recorded it (their
/// own identity, never the agency's), how the agency gave it, who there gave it, when it was received (the answer's
/// time, `answeredAt`) and when it was recorded.
public struct RecordedOnBehalf: Sendable, Hashable, Codable {
    /// The recorder's username.
    public var recordedBy: String
    /// The recorder's name as Hub shows it (`Tamsin Rowe (MASH triage)`).
    public var recordedByName: String
    /// The recorder's agency code.
    public var recordedByAgency: String
    public var channel: AnswerChannel
    public var contactName: String
    public var receivedAt: Date
    public var recordedAt: Date

    public init(
        recordedBy: String, recordedByName: String, recordedByAgency: String, channel: AnswerChannel, contactName: String,
        receivedAt: Date, recordedAt: Date
    ) {
        self.recordedBy = recordedBy
        self.recordedByName = recordedByName
        self.recordedByAgency = recordedByAgency
        self.channel = channel
        self.contactName = contactName
        self.receivedAt = receivedAt
        self.recordedAt = recordedAt
    }
}
