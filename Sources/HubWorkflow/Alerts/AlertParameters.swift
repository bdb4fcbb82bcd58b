/// A rule's parameters, as stored in `alert_rules.parameters`. Which are required depends on the condition
/// (``AlertRule/validate()``).
public struct AlertParameters: Sendable, Codable, Hashable {
    /// Partner event codes that mean a case is open (`CHILD_PROTECTION_PLAN`).
    public var openEventTypes: [String]?
    /// Event categories that set the rule off (`ae_attendance`).
    public var triggerCategories: [String]?
    /// Event categories counted (`missed_appointment`, `police_call`).
    public var categories: [String]?
    /// Event categories that mean a case is open (`open_childrens_case`).
    public var openCategories: [String]?
    public var minimumCount: Int?
    public var windowDays: Int?
    /// The person must be younger than this on the event's date (18: a child).
    public var maxAgeYears: Int?
    /// Only events dated within this many days before the extract date set an import rule off, so that the
    /// first import of a year's history does not raise a year of alerts.
    public var recentDays: Int?
    /// Referral subject roles the rule looks at (`child`, `victim`…).
    public var roles: [String]?

    public init(
        openEventTypes: [String]? = nil, triggerCategories: [String]? = nil, categories: [String]? = nil,
        openCategories: [String]? = nil, minimumCount: Int? = nil, windowDays: Int? = nil, maxAgeYears: Int? = nil,
        recentDays: Int? = nil, roles: [String]? = nil
    ) {
        self.openEventTypes = openEventTypes
        self.triggerCategories = triggerCategories
        self.categories = categories
        self.openCategories = openCategories
        self.minimumCount = minimumCount
        self.windowDays = windowDays
        self.maxAgeYears = maxAgeYears
        self.recentDays = recentDays
        self.roles = roles
    }
}
