/// What an import did, per source: counts and codes only, never personal data, so it can go back to the partner.
public struct FeedImportReport: Sendable, Codable, Hashable {
    public var fileName: String
    public var sha256: String
    public var extractDate: String
    public var importedBy: String?
    /// The import's id; for a file imported before, the earlier import's.
    public var importId: Int64?
    /// True when a byte-identical file was imported before: nothing was changed.
    public var alreadyImported = false
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsQuarantined = 0
    public var quarantined: [String: Int] = [:]
    /// Values set aside on loaded rows (kept as sent, flagged, not matched on), per ``SetAsideReason``.
    public var setAside: [String: Int] = [:]
    public var outsideWindow = 0
    public var unknownColumns: [String] = []
    public var sources: [String: ExtractSnapshot.SourceReport] = [:]
    public var linking = TrackerLinking.Outcome()
    /// Priority alerts (rules and watchlists) the import raised.
    public var alertsRaised = 0
    public var seconds = 0.0
    /// Seconds spent per phase: `read` (parse and validate), `cleanse`, `store`, `link`, `alerts`.
    public var phaseSeconds: [String: Double] = [:]

    /// Unknown event codes across sources, `SOURCE CODE` → count.
    public var unknownEventCodes: [String: Int] {
        var codes: [String: Int] = [:]
        for (source, report) in sources {
            for (code, count) in report.unknownEventCodes { codes[source + " " + (code.isEmpty ? "(empty)" : code), default: 0] += count }
        }
        return codes
    }
}

/// Why a whole file was refused: nothing was loaded or changed.
public struct FeedRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "The extract was refused: " + reason }
}
