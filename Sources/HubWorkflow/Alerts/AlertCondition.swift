/// The conditions Hub knows how to evaluate. A rule (stored as data) picks one and gives its parameters, so a
/// new rule of a known shape (another age band, category, count or window) is a new row, not new code.
public enum AlertCondition: String, Sendable, Codable, CaseIterable {
    /// A person under `maxAgeYears` with a live record carrying one of `openEventTypes` has an event in one of
    /// `triggerCategories` on or after the open event's date.
    case eventDuringOpenCase = "event_during_open_case"
    /// A person under `maxAgeYears` has `minimumCount` or more events in `categories` within `windowDays`.
    case eventsInWindow = "events_in_window"
    /// An address has `minimumCount` or more events in `categories` within `windowDays`, and a person under
    /// `maxAgeYears` living there has an open case (an event in `openCategories` on a live record).
    case addressEventsWithOpenCase = "address_events_with_open_case"
    /// The same person (NHS number, else name and date of birth) is a subject, in one of `roles`, of two
    /// referrals received within `windowDays` of each other. At most one alert per person per rule per bucket of
    /// `windowDays` (docs/alerts.md), however many referrals about them arrive.
    case repeatReferral = "repeat_referral"
    /// A subject of a new referral, in one of `roles`, is a tracker person with an open case (an event in
    /// `openCategories` on a live record) from an agency other than the referrer's.
    case referralSubjectOpenCase = "referral_subject_open_case"

    /// What sets the condition off: an extract's import, or a referral's arrival.
    public var trigger: AlertTrigger {
        switch self {
        case .eventDuringOpenCase, .eventsInWindow, .addressEventsWithOpenCase: return .import
        case .repeatReferral, .referralSubjectOpenCase: return .referral
        }
    }
}

/// When a rule is evaluated.
public enum AlertTrigger: String, Sendable, Codable {
    case `import`
    case referral
}
