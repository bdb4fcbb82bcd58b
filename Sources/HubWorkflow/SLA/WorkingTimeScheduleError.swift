/// Why a working-time schedule was refused.
public enum WorkingTimeScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyIdentifier
    /// `"continuous"` names the 24/7 policy.
    case reservedIdentifier(String)
    case noWorkingDays
    case closesBeforeOpening(opens: TimeOfDay, closes: TimeOfDay)

    public var description: String {
        switch self {
        case .emptyIdentifier: return "a working-time schedule needs an identifier"
        case .reservedIdentifier(let identifier): return "\(identifier) is reserved for the continuous policy"
        case .noWorkingDays: return "a working-time schedule needs at least one working weekday"
        case .closesBeforeOpening(let opens, let closes): return "working hours close at \(closes), not after they open at \(opens)"
        }
    }
}
