import Foundation

/// How an agreed action was done: the owner's note of what was done, when it was marked done, and whether that was
/// by the end of its due day in London.
public struct ActionCompletion: Sendable, Hashable, Codable {
    /// What was done (trimmed; required, at most ``TextLimits/actionNote`` code points).
    public let note: String
    public let doneAt: Date
    /// Done on or before the due day, in Europe/London.
    public let onTime: Bool

    public init(note: String, doneAt: Date, onTime: Bool) {
        self.note = note
        self.doneAt = doneAt
        self.onTime = onTime
    }

    /// The note trimmed, or a ``ValidationFailure`` naming `note` when it is blank or longer than its limit.
    public static func validatedNote(_ note: String) throws(ValidationFailure) -> String {
        let issues = FieldCheck.required(note, field: "note", limit: TextLimits.actionNote, label: "note")
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return FieldCheck.trimmed(note)
    }
}
