/// Upper bounds on text, in Unicode code points (``TextLength``), shared by every form and use case so that the
/// validation, the OpenAPI document (`maxLength`) and the database's CHECKs agree.
public enum TextLimits {
    /// A forename, surname, alias, referrer or attendee name, or a local authority.
    public static let name = 100
    /// A job title or role.
    public static let role = 100
    /// An agency code: at most as long as `agencies.code` allows (`^[a-z][a-z0-9_]{1,40}$`).
    public static let code = 41
    /// A telephone number as typed.
    public static let phone = 32
    /// An email address (RFC 5321 path limit).
    public static let email = 254
    /// One address line or a town.
    public static let addressLine = 120
    /// The summary of a concern.
    public static let summary = 8_000
    /// A rationale, reason or note.
    public static let rationale = 4_000
    /// Information shared by a partner, or considered at a discussion.
    public static let information = 20_000
    /// The description of an agreed action.
    public static let actionDescription = 2_000
    /// What was done about an agreed action, said when it is marked done (`strategy_actions.done_note`).
    public static let actionNote = 2_000
    /// What an agency did about an alert (`alert_acknowledgements.note`).
    public static let acknowledgementNote = 2_000
    /// A note added to the controlled summary of feedback given to a referrer (`referral_feedback.note`).
    public static let feedbackNote = 1_000
    /// Why a user follows a person or an address (`watchlist_entries.reason`).
    public static let watchlistReason = 500
    /// Why a user looks at personal data: a stated purpose (`stated_purposes.purpose`), and the most of a request's
    /// purpose the audit trail records.
    public static let purpose = 500
    /// A user's display name (`users.display_name`).
    public static let displayName = 200
    /// An `Idempotency-Key` (`idempotency_keys.key`).
    public static let idempotencyKey = 200
}
