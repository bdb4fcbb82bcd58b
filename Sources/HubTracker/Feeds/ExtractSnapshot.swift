/// What one extract says, gathered from its valid rows: per source, each record's details (from its row with
/// the latest event date, the last such row on a tie) and its events inside the 12-month window, plus the
/// counts the import report gives.
public struct ExtractSnapshot: Sendable {
    public let extractDate: CalendarDay
    /// The first day inside the rolling window.
    public let windowStart: CalendarDay
    /// The latest row of each record that has at least one event inside the window.
    public private(set) var records: [RecordKey: FeedRow] = [:]
    public private(set) var events: [FeedEventIdentity: FeedEvent] = [:]
    /// Records named only by quarantined rows: kept as they are, never retired by this extract.
    public private(set) var quarantinedOnly: Set<RecordKey> = []
    public private(set) var reports: [String: SourceReport] = [:]
    private var named: Set<RecordKey> = []
    private var latest: [RecordKey: FeedRow] = [:]

    public init(extractDate: CalendarDay, windowMonths: Int = 12) {
        self.extractDate = extractDate
        self.windowStart = extractDate.months(before: windowMonths)
    }

    /// Counts for one source system, as the import report shows them (never personal data).
    public struct SourceReport: Sendable, Hashable, Codable {
        public var rowsRead = 0
        public var rowsLoaded = 0
        public var quarantined: [String: Int] = [:]
        public var outsideWindow = 0
        public var unknownEventCodes: [String: Int] = [:]
        public var unrecognisedGenders = 0
        public var ignoredUPRNs = 0
        public var eventsAdded = 0
        public var eventsUnchanged = 0
        public var eventsRemoved = 0
        public var recordsAdded = 0
        public var recordsUpdated = 0
        public var recordsUnchanged = 0
        public var recordsRetired = 0
        public var recordsReinstated = 0

        public init() {}
    }

    /// Counts a quarantined row (under its source, or `(none)` when it had none).
    public mutating func add(_ failure: QuarantineFailure) {
        let source = failure.sourceSystem ?? "(none)"
        reports[source, default: SourceReport()].rowsRead += 1
        reports[source, default: SourceReport()].quarantined[failure.reason.rawValue, default: 0] += 1
        if let system = failure.sourceSystem, let id = failure.sourceRecordId {
            quarantinedOnly.insert(RecordKey(sourceSystem: system, sourceRecordId: id))
        }
    }

    /// Takes a valid row: its event if inside the window, and its details if it is the record's latest.
    public mutating func add(_ row: FeedRow, notes: FeedRowValidator.Notes, knownEventTypes: Set<String>) {
        let source = row.key.sourceSystem
        reports[source, default: SourceReport()].rowsRead += 1
        if notes.unrecognisedGender { reports[source]!.unrecognisedGenders += 1 }
        if notes.ignoredUPRN { reports[source]!.ignoredUPRNs += 1 }
        named.insert(row.key)
        if let current = latest[row.key] {
            if (row.eventDate ?? CalendarDay(year: 1, month: 1, day: 1)!) >= (current.eventDate ?? CalendarDay(year: 1, month: 1, day: 1)!) {
                latest[row.key] = row
            }
        } else {
            latest[row.key] = row
        }
        guard let eventDate = row.eventDate, eventDate >= windowStart else {
            reports[source]!.outsideWindow += 1
            return
        }
        reports[source]!.rowsLoaded += 1
        if !knownEventTypes.contains(row.eventType) { reports[source]!.unknownEventCodes[row.eventType, default: 0] += 1 }
        let event = FeedEvent(
            key: row.key, eventType: row.eventType, eventDate: eventDate, leadProfessionalName: row.leadProfessionalName,
            leadProfessionalPhone: row.leadProfessionalPhone, leadProfessionalEmail: row.leadProfessionalEmail)
        events[event.identity] = event
        records[row.key] = row  // placeholder; replaced by the latest row in `finish()`
    }

    /// Settles each record's details on its latest row, and which records only quarantined rows named.
    public mutating func finish() {
        for key in records.keys { records[key] = latest[key] }
        latest = [:]
        quarantinedOnly.subtract(named)
    }

    /// Hands over the records and events by source, and forgets them here (the counts and names stay), so
    /// an import holds one copy of the rows and can let each source's go once written. A source's records come
    /// in the order of their rows in the file, so that the same file gives its records the same ids, and
    /// linking the same order, in every run (a dictionary's order changes from process to process).
    public mutating func takeRows() -> [String: (records: [FeedRow], events: [FeedEvent])] {
        var bySource: [String: (records: [FeedRow], events: [FeedEvent])] = [:]
        for row in records.values { bySource[row.key.sourceSystem, default: ([], [])].records.append(row) }
        records = [:]
        for source in bySource.keys { bySource[source]?.records.sort { $0.line < $1.line } }
        for event in events.values { bySource[event.key.sourceSystem, default: ([], [])].events.append(event) }
        events = [:]
        return bySource
    }

    /// The source systems the extract holds (with at least one row, valid or not).
    public var sources: [String] { reports.keys.filter { $0 != "(none)" }.sorted() }

    /// Records of the extract named by valid rows (inside the window or not): these are not retired for
    /// being absent, though those without events in the window are.
    public var namedRecords: Set<RecordKey> { named }

    public mutating func updateReport(_ source: String, _ change: (inout SourceReport) -> Void) {
        change(&reports[source, default: SourceReport()])
    }
}
