import Foundation

/// A MASH manager's review of a decision not to share about a child.
public struct Ratification: Sendable, Hashable, Codable {
    /// Agreed (the referral closes) or overturned (it returns to triage for a new decision).
    public var verdict: RatificationVerdict
    /// Optional when ratified; the reason is required when overturned.
    public var note: String?

    public init(verdict: RatificationVerdict, note: String? = nil) {
        self.verdict = verdict
        self.note = note
    }

    /// The referral action this ratification performs.
    public var action: ReferralAction {
        verdict == .ratified ? .ratify : .overturn
    }

    /// Four eyes: a decision is ratified (or overturned) by another person than the one who made it.
    public static func checkFourEyes(decidedBy decider: UUID, ratifier: Identity) throws(AccessDenied) {
        guard decider != ratifier.userId else {
            throw AccessDenied("A decision is ratified by another person than the one who made it (four eyes).")
        }
    }

    /// A note is required when overturning; always bounded.
    public func validate() -> [ValidationIssue] {
        if verdict == .overturned && FieldCheck.isBlank(note) {
            return [ValidationIssue(field: "note", message: "a reason is required to overturn a decision")]
        }
        return FieldCheck.optional(note, field: "note", limit: TextLimits.rationale, label: "note")
    }
}

/// The manager's verdict on a decision awaiting ratification.
public enum RatificationVerdict: String, Sendable, Codable, CaseIterable, Hashable {
    case ratified
    case overturned
}
