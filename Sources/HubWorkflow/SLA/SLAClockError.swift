import Foundation

/// Why an SLA clock refused a change.
public enum SLAClockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The clock has been stopped; nothing more can happen to it.
    case alreadyStopped
    /// `pause` on a clock that is not running.
    case alreadyPaused
    /// `resume` on a clock that is not paused.
    case notPaused
    /// A change dated before the clock's last change: clock events must arrive in time order.
    case outOfOrder(instant: Date, lastEventAt: Date)
    /// A stored policy identifier that the catalog does not know.
    case unknownPolicy(String)
    /// A stored clock that breaks the clock's rules.
    case invalidRecord(String)

    public var description: String {
        switch self {
        case .alreadyStopped: return "the SLA clock has already stopped"
        case .alreadyPaused: return "the SLA clock is already paused"
        case .notPaused: return "the SLA clock is not paused"
        case .outOfOrder(let instant, let last): return "an SLA clock change at \(instant) comes before its last change at \(last)"
        case .unknownPolicy(let identifier): return "no SLA calendar policy is called \(identifier)"
        case .invalidRecord(let reason): return "stored SLA clock is invalid: \(reason)"
        }
    }
}
