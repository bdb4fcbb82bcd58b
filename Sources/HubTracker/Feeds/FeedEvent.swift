import HubWorkflow
/// One interaction of a source record, identified by the record, the normalised code and the date.
public struct FeedEvent: Sendable, Hashable {
    public var key: RecordKey
    public var eventType: String
    public var eventDate: CalendarDate
    public var leadProfessionalName: String
    public var leadProfessionalPhone: String
    public var leadProfessionalEmail: String

    /// What makes two rows the same event.
    public var identity: FeedEventIdentity { FeedEventIdentity(key: key, eventType: eventType, eventDate: eventDate) }
}

/// (`source_system`, `source_record_id`, `event_type`, `event_date`): the identity of an event.
public struct FeedEventIdentity: Sendable, Hashable {
    public var key: RecordKey
    public var eventType: String
    public var eventDate: CalendarDate
}
