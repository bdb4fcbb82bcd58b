import HubData
import HubWorkflow
/// What one extract says, gathered from its valid rows: per source, each record's details (from its row with
/// the latest event date; on a tie the one with fewer values set aside, then the last) and its events inside the 12-month window, plus the
/// counts the import report gives.
public struct ExtractSnapshot: Sendable {
    public let extractDate: CalendarDate
    /// The first day inside the rolling window.
    public let windowStart: CalendarDate
    /// Records named only by quarantined rows: kept as they are, never retired by this extract.
    public private(set) var quarantinedOnly: Set<RecordKey> = []
    public private(set) var reports: [String: SourceReport] = [:]
    /// Each source's rows and events, held once: an extract of a million records is held in arrays, and found
    /// again through the two indexes below, rather than in dictionaries of rows (which held twice as much).
    private var held: [String: SourceRows] = [:]
    /// Where each record's latest row is in its source's `rows`.
    private var recordIndex = HashedPositions<RecordKey>()
    /// Where each event is in its source's `events`.
    private var eventIndex = HashedPositions<FeedEventIdentity>()

    /// One source's records (the latest row of each, in order of first appearance) and events.
    struct SourceRows: Sendable {
        var rows: [FeedRow] = []
        /// Whether `rows[i]`'s record has an event inside the window.
        var inWindow: [Bool] = []
        var events: [FeedEvent] = []
    }

    public init(extractDate: CalendarDate, windowMonths: Int = 12) {
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
        /// Rows loaded with a value set aside, per ``SetAsideReason`` (a row with two counts under each).
        public var setAside: [String: Int] = [:]
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
        for reason in row.setAside.reasons { reports[source]!.setAside[reason.rawValue, default: 0] += 1 }
        let record: Int
        var records = HashedPositions<RecordKey>()
        swap(&records, &recordIndex)  // found against `held` without overlapping access to `self`
        let known = records.existing(row.key, orInsertAt: Int32(held[source]?.rows.count ?? 0)) { position in
            Int(position) < held[source]?.rows.count ?? 0 ? held[source]?.rows[Int(position)].key : nil
        }
        swap(&records, &recordIndex)
        if let index = known {
            record = Int(index)
            let earliest = CalendarDate(year: 1, month: 1, day: 1)!
            let (date, heldRow) = (row.eventDate ?? earliest, held[source]!.rows[record])
            let heldDate = heldRow.eventDate ?? earliest
            // The latest row's details; on a tie, the row with fewer values set aside (a duplicate row with a keying
            // slip does not replace the good one), then the last.
            if date > heldDate || (date == heldDate && row.setAside.count <= heldRow.setAside.count) {
                held[source]!.rows[record] = row
            }
        } else {
            record = held[source]?.rows.count ?? 0
            held[source, default: SourceRows()].rows.append(row)
            held[source]!.inWindow.append(false)
        }
        guard let eventDate = row.eventDate, eventDate >= windowStart else {
            reports[source]!.outsideWindow += 1
            return
        }
        reports[source]!.rowsLoaded += 1
        if !knownEventTypes.contains(row.eventType) { reports[source]!.unknownEventCodes[row.eventType, default: 0] += 1 }
        held[source]!.inWindow[record] = true
        let event = FeedEvent(
            key: row.key, eventType: row.eventType, eventDate: eventDate, leadProfessionalName: row.leadProfessionalName,
            leadProfessionalPhone: row.leadProfessionalPhone, leadProfessionalEmail: row.leadProfessionalEmail)
        var events = HashedPositions<FeedEventIdentity>()
        swap(&events, &eventIndex)
        let seen = events.existing(event.identity, orInsertAt: Int32(held[source]!.events.count)) { position in
            Int(position) < held[source]!.events.count ? held[source]!.events[Int(position)].identity : nil
        }
        swap(&events, &eventIndex)
        if let index = seen {
            held[source]!.events[Int(index)] = event  // the same event again: the later row's details
        } else {
            held[source]!.events.append(event)
        }
    }

    /// Settles which records only quarantined rows named, and keeps only the records with an event inside the window.
    public mutating func finish() {
        quarantinedOnly = quarantinedOnly.filter { key in
            guard let rows = held[key.sourceSystem]?.rows else { return true }
            return recordIndex.position(of: key) { Int($0) < rows.count ? rows[Int($0)].key : nil } == nil
        }
        recordIndex = HashedPositions()
        eventIndex = HashedPositions()
        for source in held.keys {
            held[source]!.keepRecordsInWindow()
        }
    }

    /// Hands over the records and events by source, and forgets them here (the counts and names stay), so
    /// an import holds one copy of the rows and can let each source's go once written. A source's records come
    /// in the order of their rows in the file, so that the same file gives its records the same ids, and
    /// linking the same order, in every run.
    public mutating func takeRows() -> [String: (records: [FeedRow], events: [FeedEvent])] {
        var bySource: [String: (records: [FeedRow], events: [FeedEvent])] = [:]
        for source in Array(held.keys) {
            var taken = held.removeValue(forKey: source)!
            taken.rows.sort { $0.line < $1.line }
            bySource[source] = (taken.rows, taken.events)
        }
        return bySource
    }

    /// The source systems the extract holds (with at least one row, valid or not).
    public var sources: [String] { reports.keys.filter { $0 != "(none)" }.sorted() }
}

extension ExtractSnapshot.SourceRows {
    /// Drops the records with no event inside the window, in place, keeping the others' order.
    mutating func keepRecordsInWindow() {
        var kept = 0
        for index in rows.indices where inWindow[index] {
            if kept != index { rows.swapAt(kept, index) }
            kept += 1
        }
        rows.removeLast(rows.count - kept)
        inWindow = []
    }
}
