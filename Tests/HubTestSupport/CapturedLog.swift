import Logging
import Synchronization

/// Log lines kept in memory, for tests of what Hub writes to its log: give ``logger(level:)`` to
/// `TestHub.run(logger:)` and read ``lines`` afterwards. Each line keeps its level, message and metadata (the
/// logger's own, such as Hummingbird's `hb.request.id`, merged with the line's), and an error attached to the line.
public final class CapturedLog: Sendable {
    /// One line as a log handler would have written it.
    public struct Line: Sendable, CustomStringConvertible {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]

        /// The line as text: level, message and every metadata value, so a test can look for a value anywhere in it.
        public var description: String {
            "[\(level)] \(message)" + metadata.keys.sorted().map { " \($0)=\(metadata[$0] ?? "")" }.joined()
        }
    }

    private let captured = Mutex<[Line]>([])

    public init() {}

    /// Every line so far, oldest first.
    public var lines: [Line] { captured.withLock { $0 } }

    /// A logger that writes here: lines at `level` and above.
    public func logger(label: String = "hub.test", level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ line: Line) {
        captured.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata.merging(event.metadata ?? [:]) { _, line in line }
            if let error = event.error {  // as a stream handler writes an attached error
                all["error.message"] = "\(error)"
                all["error.type"] = "\(String(reflecting: type(of: error)))"
            }
            log.append(Line(level: event.level, message: event.message.description, metadata: all.mapValues { "\($0)" }))
        }
    }
}
