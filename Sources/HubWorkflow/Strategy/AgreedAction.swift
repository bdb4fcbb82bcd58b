/// An action agreed at a strategy discussion, owned by one agency and due by a date.
public struct AgreedAction: Sendable, Hashable, Codable {
    /// The agency code responsible for the action.
    public var ownerAgency: String
    public var description: String
    /// The day the action is due; not before the day of the discussion.
    public var dueDate: CalendarDate

    public init(ownerAgency: String, description: String, dueDate: CalendarDate) {
        self.ownerAgency = ownerAgency
        self.description = description
        self.dueDate = dueDate
    }

    /// Owner a well-formed agency code, description required and bounded, due on or after
    /// `discussionDay`. Fields are named under `prefix` (`actions[0]`).
    public func validate(prefix: String, discussionDay: CalendarDate) -> [ValidationIssue] {
        var issues = FieldCheck.agencyCode(ownerAgency, field: "\(prefix).ownerAgency")
        issues += FieldCheck.required(
            description, field: "\(prefix).description", limit: TextLimits.actionDescription, label: "description")
        if dueDate < discussionDay {
            issues.append(ValidationIssue(
                field: "\(prefix).dueDate", message: "an action cannot be due before the discussion (\(discussionDay))"))
        }
        return issues
    }
}
