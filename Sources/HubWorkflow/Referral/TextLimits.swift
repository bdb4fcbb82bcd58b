/// Upper bounds on free text, in characters, shared by every form so the database columns and the
/// API agree.
public enum TextLimits {
    /// A forename, surname, alias, referrer or attendee name.
    public static let name = 100
    /// A job title or role.
    public static let role = 100
    /// An agency code or local authority.
    public static let code = 64
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
}
